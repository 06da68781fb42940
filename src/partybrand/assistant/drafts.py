"""What goes to a provider and what comes back: non-personal context in, drafts out."""

from collections.abc import Callable
from dataclasses import dataclass, field, fields


def _text(value, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text, got {type(value).__name__}")
    return value.strip()


def _texts(values, name: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    return tuple(t for t in (_text(v, name) for v in values) if t)


@dataclass(frozen=True, slots=True)
class OrgContext:
    """What a provider may know about the organisation. Deliberately no field for people:
    members, secretaries and their contacts have no place here, and only text is accepted."""

    org_name: str
    org_kind: str = ""
    business: str = ""
    region: str = ""
    culture: str = ""
    keywords: tuple[str, ...] = ()
    avoid_names: tuple[str, ...] = ()
    trade: str = ""  # a trade code a person chose (trades/*.json); empty: read from business
    honours: tuple[str, ...] = ()  # titles of the brand's honours
    kpis: tuple[str, ...] = ()  # names of the brand's KPIs

    def __post_init__(self) -> None:
        for name in ("org_name", "org_kind", "business", "region", "culture", "trade"):
            object.__setattr__(self, name, _text(getattr(self, name), name))
        for name in ("keywords", "honours", "kpis"):
            object.__setattr__(self, name, _texts(getattr(self, name), name))
        object.__setattr__(self, "avoid_names", _texts(self.avoid_names, "avoid_names"))

    def outgoing_text(self) -> str:
        """Every value of the context in one string: what the privacy guard scans."""
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            parts.append(" ".join(value) if isinstance(value, tuple) else value)
        return "\n".join(parts)


@dataclass(frozen=True)
class CandidateRequest:
    """Ask for `count` candidates; `avoid(name, slogan)` returning True (or a non-empty reason)
    drops a candidate (the workshop plugs in the brand index's uniqueness check here)."""

    context: OrgContext
    count: int = 10
    avoid: Callable[[str, str], bool | str] | None = None
    seed: int | None = None  # the same seed gives the same drafts; None: new ones each time

    def __post_init__(self) -> None:
        if not isinstance(self.context, OrgContext):
            raise TypeError("context must be an OrgContext")
        if not 1 <= self.count <= 50:
            raise ValueError("count must be between 1 and 50")


@dataclass(frozen=True)
class CandidateDraft:
    """A proposed name and slogan; a draft until a person accepts it in the workshop."""

    name: str
    slogan: str
    pattern: str  # the form users know: 四字短语, 并列对仗, “1+N”工作法 …
    rationale: str
    source: str  # "offline" or "openai"
    prompt_version: str = ""


@dataclass(frozen=True)
class DroppedDraft:
    """A candidate removed before the user saw it, and why (shown as a note, not as a name)."""

    name: str
    slogan: str
    reason: str


class CandidateList(list):
    """The drafts that passed the filters, with the ones dropped on the way."""

    def __init__(self, drafts=(), *, source: str, dropped: list[DroppedDraft] | None = None):
        super().__init__(drafts)
        self.source = source
        self.dropped = list(dropped or [])
        # the trade the drafts were written for, as the user is shown it (code, name, the words
        # that decided it, a note); None when the provider does not say
        self.trade: dict | None = None


@dataclass(frozen=True)
class MeaningDraft:
    """A 内涵释义 draft: a summary and the name and slogan explained phrase by phrase."""

    name: str
    slogan: str
    summary: str
    phrases: list[tuple[str, str]]
    source: str
    prompt_version: str = ""
    forbidden: list[str] = field(default_factory=list)  # forbidden terms in the name or slogan


DIMENSIONS = ("政治味", "文化味", "融合味", "简洁", "易记", "独特")


@dataclass(frozen=True)
class CritiqueComment:
    dimension: str  # one of DIMENSIONS
    passed: bool
    comment: str


@dataclass(frozen=True)
class CritiqueDraft:
    """Comments on a candidate, one per dimension, plus the forbidden terms it contains."""

    name: str
    slogan: str
    comments: list[CritiqueComment]
    forbidden: list[str] = field(default_factory=list)
    source: str = ""
    prompt_version: str = ""

    def comment(self, dimension: str) -> CritiqueComment | None:
        return next((c for c in self.comments if c.dimension == dimension), None)
