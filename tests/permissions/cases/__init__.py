"""Permission cases, one module per app. `tests/permissions/test_every_url.py` runs them all and
fails when a named URL has no case.

Each case is tried as four people: anonymous (sent to login, or 401/403 from the API), an
outsider (404), a read-only persona (may see, must not change) and the allowed persona.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    url_name: str
    kwargs: Callable = field(default=lambda w: {})  # world -> URL kwargs
    method: str = "get"
    data: Callable | None = None  # world -> POST body
    allowed: str = "secretary"
    allowed_status: tuple = (200,)
    # A persona that sees the object but may not do this; None when reading is the action.
    readonly: str | None = "member"
    readonly_status: tuple = (403,)
    outsider: str | None = "outsider"
    outsider_status: tuple = (404,)
    api: bool = False
    content_type: str | None = None  # "json" for API bodies
    note: str = ""
    # For changes: world -> whether the change happened. Checked true after the allowed persona,
    # false after the refused ones, so a "302" that hid a failure cannot pass.
    effect: Callable | None = None

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name}{(' ' + self.note) if self.note else ''}"
