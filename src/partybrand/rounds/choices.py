"""Choices of 评选 rounds: the kinds of round, its stages, the states of an entry and of a score
sheet, the decisions of a review, with the words committees use in their 通知."""

from django.db import models


class RoundKind(models.TextChoices):
    APPROVAL = "approval", "立项评审"
    MIDTERM = "midterm", "中期检查"
    ACCEPTANCE = "acceptance", "验收评选"
    REREVIEW = "rereview", "复评"


class RoundStatus(models.TextChoices):
    """Where a round stands, in the order it moves."""

    DRAFT = "draft", "筹备中"
    ENTRY = "entry", "申报中"
    RECOMMENDING = "recommending", "推荐中"
    PRESCREENING = "prescreening", "预审中"
    REVIEWING = "reviewing", "专家评审"
    ROADSHOW = "roadshow", "现场路演"
    PUBLICIZING = "publicizing", "公示中"
    NAMING = "naming", "命名"
    CLOSED = "closed", "已结束"


ROUND_STATUS_ORDER = [s.value for s in RoundStatus]


class StageKind(models.TextChoices):
    """The stages of a round's timetable (时间安排)."""

    ENTRY = "entry", "申报"
    RECOMMEND = "recommend", "推荐"
    PRESCREEN = "prescreen", "预审"
    REVIEW = "review", "专家评审"
    ROADSHOW = "roadshow", "现场路演"
    PUBLICITY = "publicity", "公示"
    NAMING = "naming", "命名"


class ScoringRule(models.TextChoices):
    MEAN = "mean", "算术平均"
    TRIMMED_MEAN = "trimmed_mean", "去掉最高分和最低分后平均"


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "填报中"
    SUBMITTED = "submitted", "已申报"
    RETURNED = "returned", "退回修改"
    RECOMMENDED = "recommended", "已推荐"
    PRESCREEN_PASSED = "prescreen_passed", "预审通过"
    PRESCREEN_RETURNED = "prescreen_returned", "预审退回"
    SCORED = "scored", "已评分"
    RANKED = "ranked", "已排名"
    PUBLICIZED = "publicized", "公示中"
    NAMED = "named", "已命名"
    NOT_NAMED = "not_named", "未获命名"
    WITHDRAWN = "withdrawn", "已撤回"


# The badge an entry's status is shown in (the rest: text-bg-danger).
STATUS_BADGE = {
    EntryStatus.RETURNED: "text-bg-warning",
    EntryStatus.PRESCREEN_RETURNED: "text-bg-warning",
    EntryStatus.NAMED: "text-bg-success",
    EntryStatus.PRESCREEN_PASSED: "text-bg-success",
    EntryStatus.WITHDRAWN: "text-bg-secondary",
    EntryStatus.NOT_NAMED: "text-bg-secondary",
    EntryStatus.DRAFT: "text-bg-light border",
}

# States in which the entrant may still change the entry and submit it.
EDITABLE_ENTRY = (EntryStatus.DRAFT, EntryStatus.RETURNED, EntryStatus.PRESCREEN_RETURNED)
# States that count as "still in the round" for the funnel.
ACTIVE_ENTRY = tuple(s for s in EntryStatus if s not in (EntryStatus.WITHDRAWN, EntryStatus.DRAFT))


class ReviewStage(models.TextChoices):
    RECOMMEND = "recommend", "推荐"
    PRESCREEN = "prescreen", "预审"


class ReviewDecision(models.TextChoices):
    PASS = "pass", "同意"
    RETURN = "return", "退回"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", "暂存"
    SUBMITTED = "submitted", "已提交"
    LOCKED = "locked", "已锁定"


class RoundOutcome(models.TextChoices):
    """What a 复评 round decides for a named brand (brands' ReReviewOutcome, in its words)."""

    KEEP = "keep", "保持"
    UPGRADE = "upgrade", "升级"
    DOWNGRADE = "downgrade", "降级"
    RECTIFY = "rectify", "限期整改"
    REVOKE = "revoke", "摘牌"


class RequirementKey(models.TextChoices):
    """The entry requirements a round may apply, checked automatically (五有 and more)."""

    NAME = "name", "有名称"
    MEANING = "meaning", "内涵释义完整"
    LOGO = "logo", "有标识"
    KPIS = "kpis", "KPI 有基线"
    PLAN = "plan", "创建计划在执行"
    STANDARD = "standard", "标准化评估达标"
    COPY_CHECK = "copy_check", "主题查重通过"
    CARRIERS = "carriers", "有载体"
    INFLUENCE = "influence", "有影响"
    MONTHS = "months", "运行时间"
    NOT_NAMED = "not_named", "未以该等次命名"


class RoundsAudit(models.TextChoices):
    """What the audit log records of rounds, their entries and their reviews."""

    ROUND_CREATE = "round_create", "新建评选批次"
    ROUND_UPDATE = "round_update", "修改评选批次"
    ROUND_ADVANCE = "round_advance", "推进评选阶段"
    ROUND_STAGES = "round_stages", "修改评选时间安排"
    ROUND_TIERS = "round_tiers", "修改评选等次与名额"
    ROUND_NOTICE = "round_notice", "生成评选通知"
    ENTRY_CREATE = "entry_create", "填报参评申报"
    ENTRY_UPDATE = "entry_update", "修改参评申报"
    ENTRY_SUBMIT = "entry_submit", "提交参评申报"
    ENTRY_WITHDRAW = "entry_withdraw", "撤回参评申报"
    ENTRY_RECOMMEND = "entry_recommend", "推荐参评申报"
    ENTRY_RETURN = "entry_return", "退回参评申报"
    ENTRY_PRESCREEN_PASS = "entry_prescreen_pass", "预审通过"
    ENTRY_PRESCREEN_RETURN = "entry_prescreen_return", "预审退回"


class RoundsNotice(models.TextChoices):
    """Notices of rounds, registered with notices."""

    ROUND_OPEN = "round_open", "评选开始申报"
    ENTRY_TO_RECOMMEND = "entry_to_recommend", "参评申报待推荐"
    ENTRY_TO_PRESCREEN = "entry_to_prescreen", "参评申报待预审"
    ENTRY_RETURNED = "entry_returned", "参评申报被退回"
    ENTRY_PASSED = "entry_passed", "参评申报通过预审"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "round": "评选批次",
    "entry": "参评申报",
    "brand": "品牌",
    "stages": "时间安排",
    "tiers": "等次与名额",
    "checklist": "审查清单",
    "comments": "意见",
    "eligible": "可参评组织",
    "statement": "申报说明",
    "notice_number": "通知文号",
}
