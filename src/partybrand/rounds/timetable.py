"""The round's timetable enforced: entering happens within 申报, recommending within 推荐, scoring
within 专家评审 or 现场路演, objections within 公示. A stage the committee left out of the timetable
is governed by the round's status alone. Publishing the 公示 and issuing the 命名决定 keep to
their stages too. The committee extends a stage on the timetable page
(round_set_stages, audited); the message says so."""

from datetime import date

from partybrand.core import clock
from partybrand.rounds.choices import StageKind
from partybrand.rounds.models import Round, RoundStage

# What each stage lets people do, in the words of the refusal.
DOING = {
    StageKind.ENTRY: "申报",
    StageKind.RECOMMEND: "推荐或退回",
    StageKind.PRESCREEN: "预审",
    StageKind.REVIEW: "评分",
    StageKind.ROADSHOW: "路演评分",
    StageKind.PUBLICITY: "提出异议",
    StageKind.NAMING: "印发命名决定",
}
EXTEND = "如需延长，请党建工作部在“时间安排”中调整。"


def stage_of(round_: Round, kind: str) -> RoundStage | None:
    # The round's stages are usually prefetched on pages; services read one row.
    cache = getattr(round_, "_prefetched_objects_cache", {}).get("stages")
    if cache is not None:
        return next((s for s in cache if s.kind == kind), None)
    return RoundStage.objects.filter(round=round_, kind=kind).first()


def window_reason(
    round_: Round,
    kind: str,
    *,
    starts: date | None = None,
    ends: date | None = None,
    today=None,
    doing: str = "",
) -> str:
    """Why today lies outside the stage `kind` of the round's timetable, in Chinese ("" inside,
    or when the timetable has no such stage). `starts`/`ends` override the timetable's dates
    (the 公示 runs from the day it was published)."""
    if starts is None and ends is None:
        stage = stage_of(round_, kind)
        if stage is None:
            return ""
        starts, ends = stage.starts_on, stage.ends_on
    today = today or clock.today()
    label, doing = StageKind(kind).label, doing or DOING[StageKind(kind)]
    if starts and today < starts:
        return f"“{label}”阶段自{clock.chinese_date(starts)}开始，现在还不能{doing}。"
    if ends and today > ends:
        return f"“{label}”阶段已于{clock.chinese_date(ends)}结束，不能再{doing}。{EXTEND}"
    return ""
