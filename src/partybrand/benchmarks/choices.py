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


class BenchmarkAudit(models.TextChoices):
    """What the audit log records of the benchmark library and brands' comparisons (对标)."""

    CREATE = "benchmark_create", "新增标杆品牌"
    UPDATE = "benchmark_update", "修改标杆品牌"
    DELETE = "benchmark_delete", "删除标杆品牌"
    SET_LOGO = "benchmark_set_logo", "上传标杆品牌标识"
    IMPORT = "benchmark_import", "导入标杆品牌"
    COMPARISON_CREATE = "comparison_create", "新增对标"
    COMPARISON_UPDATE = "comparison_update", "修改对标"
    COMPARISON_DELETE = "comparison_delete", "删除对标"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "created": "新增（条）",
    "updated": "更新（条）",
    "unchanged": "未变（条）",
    "file": "导入文件",
    "type": "文件类型",
}
