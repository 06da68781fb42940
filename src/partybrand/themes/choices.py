"""Choices of the theme workshop (提炼品牌主题, DOMAIN.md §2.2), with the labels branches use."""

from django.db import models


class WorkshopStage(models.TextChoices):
    COLLECTING = "collecting", "征集"
    VOTING = "voting", "投票"
    REVIEWING = "reviewing", "评议决定"
    PUBLICIZING = "publicizing", "公示"
    ADOPTED = "adopted", "已确定"


STAGE_ORDER = list(WorkshopStage.values)


class CandidateSource(models.TextChoices):
    MEMBER = "member", "党员提议"
    SURVEY = "survey", "问卷征集"
    STAFF = "staff", "支部提出"
    ASSISTANT = "assistant", "AI 助手"


class ScorerKind(models.TextChoices):
    STAFF = "staff", "支委"
    EXPERT = "expert", "评审专家"


# The three tastes of a good theme (DOMAIN.md §2.2), scored 1–5 by staff and experts.
SCORE_FIELDS = (("political", "政治味"), ("cultural", "文化味"), ("integration", "融合味"))
