"""Choices of the brand record, with the labels used in published programmes."""

from django.db import models


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


class KpiDirection(models.TextChoices):
    UP = "up", "越高越好"
    DOWN = "down", "越低越好"
