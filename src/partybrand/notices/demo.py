"""Demo data of this app, loaded by `seed_demo` after the brands exist."""


def seed_demo_data(*, demo, brands) -> None:
    """demo: partybrand.demo.build.Demo; brands: the demo brands."""
