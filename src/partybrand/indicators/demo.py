"""Demo data of this app, loaded by `seed_demo` after the brands exist."""


def seed_demo_data(*, demo, brands) -> None:
    """Not used: the shipped templates are loaded by `load_templates`, which seed_demo calls."""
