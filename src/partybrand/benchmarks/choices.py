from django.db import models


class BenchmarkLevel(models.TextChoices):
    """The level of the organisation that owns a reported brand, sorted into a few kinds; the
    level as the source wrote it (矿党委, 省分行, 院系党委 …) is kept beside it."""

    GROUP = "group", "集团/系统"
    COMPANY = "company", "公司/企业"
    COMMITTEE = "committee", "党委"
    GENERAL_BRANCH = "general_branch", "党总支"
    BRANCH = "branch", "党支部"
    PROJECT = "project", "项目/团队"
    ORGAN = "organ", "机关/事业单位"
    REGIONAL = "regional", "地方党委（省市县乡）"
    COMMUNITY = "community", "村/社区/楼宇"
