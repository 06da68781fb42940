"""Choices of the brand record, with the labels used in published programmes."""

from django.db import models

from partybrand.core.audit_registry import Key, choice_labels


class BrandStatus(models.TextChoices):
    DRAFT = "draft", "创建中"
    SUBMITTED = "submitted", "已申报"
    REVIEWING = "reviewing", "立项评审"
    APPROVED = "approved", "已立项"
    CULTIVATING = "cultivating", "培育建设"
    MIDTERM = "midterm", "中期检查"
    ACCEPTING = "accepting", "验收评选"
    PUBLICIZING = "publicizing", "公示中"
    NAMED = "named", "已命名"
    RECTIFYING = "rectifying", "限期整改"
    REVOKED = "revoked", "已摘牌"


class BrandTier(models.TextChoices):
    CULTIVATED = "cultivated", "培育品牌"
    DEMONSTRATION = "demonstration", "示范品牌"
    FLAGSHIP = "flagship", "精品品牌"


TIER_ORDER = [BrandTier.CULTIVATED, BrandTier.DEMONSTRATION, BrandTier.FLAGSHIP]


class BrandLevel(models.TextChoices):
    GROUP = "group", "集团品牌"
    COMPANY = "company", "二级单位品牌"
    BRANCH = "branch", "基层品牌"


class ReReviewOutcome(models.TextChoices):
    KEEP = "keep", "保持"
    UPGRADE = "upgrade", "升级"
    DOWNGRADE = "downgrade", "降级"
    RECTIFY = "rectify", "限期整改"
    REVOKE = "revoke", "取消命名（摘牌）"


class HonourLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省部级"
    GROUP = "group", "集团级"
    COMPANY = "company", "公司级"


class AttachmentKind(models.TextChoices):
    APPLICATION = "application", "申报书"
    PLAN = "plan", "创建方案"
    SUMMARY = "summary", "工作总结"
    CASE = "case", "典型案例"
    NEWS = "news", "新闻稿"
    LAUNCH = "launch", "发布会材料"
    PHOTO = "photo", "照片"
    VIDEO = "video", "视频链接"
    OTHER = "other", "其他"


# An attachment's link is a web address people open from the brand page; these kinds are
# usually one (a video on the intranet, a 新闻稿 on the company's site).
LINK_KINDS = (AttachmentKind.VIDEO.value, AttachmentKind.NEWS.value)
LINK_SCHEMES = ("http", "https")
LINK_REFUSED = "链接须是以 http:// 或 https:// 开头的网址。"


class KpiDirection(models.TextChoices):
    UP = "up", "越高越好"
    DOWN = "down", "越低越好"


class BrandNotice(models.TextChoices):
    """Notices of the lifecycle, registered with notices: a move waits for someone now."""

    WAITING = "brand_waiting", "品牌待办理"
    RETURNED = "brand_returned", "品牌被退回"


class BrandAudit(models.TextChoices):
    """What the audit log records of brands: the record, and every move of the lifecycle
    (brand_<action> of brands/lifecycle.py, labelled as the lifecycle names it)."""

    CREATE = "brand_create", "新建品牌"
    UPDATE = "brand_update", "修改品牌信息"
    SET_PHRASES = "brand_set_phrases", "修改品牌理念释义"
    SET_LOGO = "brand_set_logo", "上传品牌标识"
    KPI_CREATE = "kpi_create", "新增成效指标"
    KPI_RECORD_VALUE = "kpi_record_value", "记录指标实际值"
    KPI_DELETE = "kpi_delete", "删除成效指标"
    HONOUR_ADD = "honour_add", "添加荣誉"
    HONOUR_DELETE = "honour_delete", "删除荣誉"
    ATTACHMENT_ADD = "attachment_add", "添加附件"
    ATTACHMENT_DELETE = "attachment_delete", "删除附件"
    SUBMIT = "brand_submit", "提交申报"
    RETURN = "brand_return", "退回"
    START_REVIEW = "brand_start_review", "初审通过"
    APPROVE = "brand_approve", "批准立项"
    START_CULTIVATION = "brand_start_cultivation", "启动培育"
    START_MIDTERM = "brand_start_midterm", "开始中期检查"
    PASS_MIDTERM = "brand_pass_midterm", "中期检查通过"
    APPLY_ACCEPTANCE = "brand_apply_acceptance", "申请验收"
    ACCEPT = "brand_accept", "验收通过并公示"
    NAME = "brand_name", "命名授牌"
    REREVIEW = "brand_rereview", "复评"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS: dict[str, str | Key] = {
    "brand": "品牌",  # a KPI's, an honour's, an attachment's
    "phrases": "品牌关键词",
    "type": "文件类型",
    "outcome": Key("复审结论", choices=choice_labels(ReReviewOutcome)),
    "outcome_label": Key("复审结论", hidden=True),  # the label beside its code
    "deadline": "整改期限",
    "publicity_days": "公示天数",
    "ends_on": "公示截止日期",
    "date": "日期",
    "value": Key("数值", pair=True),
}
