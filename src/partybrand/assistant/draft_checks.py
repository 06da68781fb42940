"""The theme checks every draft carries. The checks live in a higher app (themes), which
registers its function here when it starts; with none registered, drafts carry no checks."""

from collections.abc import Callable

Checker = Callable[..., dict]
_checkers: list[Checker] = []


def register_draft_checker(checker: Checker) -> None:
    """`checker(name, slogan, meaning=..., business=...)` returns the check results as JSON."""
    _checkers[:] = [checker]


def draft_checks(name: str, slogan: str, meaning: str = "", business: str = "") -> dict | None:
    """The checks of a draft; `business`: the organisation's 主责主业 (and trade), so that 融合味
    counts only its own trade's words, not another trade's."""
    if not _checkers:
        return None
    return _checkers[0](name, slogan, meaning=meaning, business=business)
