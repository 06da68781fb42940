"""The theme checks every draft carries. The checks live in a higher app (themes), which
registers its function here when it starts; with none registered, drafts carry no checks."""

from collections.abc import Callable

Checker = Callable[..., dict]
_checkers: list[Checker] = []


def register_draft_checker(checker: Checker) -> None:
    """`checker(name, slogan, meaning=...)` returns the check results as JSON."""
    _checkers[:] = [checker]


def draft_checks(name: str, slogan: str, meaning: str = "") -> dict | None:
    if not _checkers:
        return None
    return _checkers[0](name, slogan, meaning=meaning)
