"""Choices of the organisation tree and its people, with the labels users know."""

from django.db import models


class OrgKind(models.TextChoices):
    GROUP_COMMITTEE = "group_committee", "集团党委"
    COMMITTEE = "committee", "二级党委"
    GENERAL_BRANCH = "general_branch", "党总支"
    BRANCH = "branch", "党支部"
    GROUP = "group", "党小组"
    TEAM = "team", "专项团队"


# Which kinds may stand directly below which; teams (突击队、专班) may be set up anywhere.
ALLOWED_CHILD_KINDS = {
    OrgKind.GROUP_COMMITTEE: {OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH},
    OrgKind.COMMITTEE: {OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH},
    OrgKind.GENERAL_BRANCH: {OrgKind.BRANCH},
    OrgKind.BRANCH: {OrgKind.GROUP},
    OrgKind.GROUP: set(),
    OrgKind.TEAM: set(),
}
for _kind in (OrgKind.GROUP_COMMITTEE, OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH):
    ALLOWED_CHILD_KINDS[_kind].add(OrgKind.TEAM)


class Gender(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class MemberStatus(models.TextChoices):
    FULL = "full", "正式党员"
    PROBATIONARY = "probationary", "预备党员"


class Role(models.TextChoices):
    COMMITTEE_ADMIN = "committee_admin", "上级党委管理员"
    PARTY_OFFICE = "party_office", "党建工作部"
    MID_ADMIN = "mid_admin", "二级党委/党总支管理员"
    SECRETARY = "secretary", "支部书记"
    BRANCH_COMMITTEE = "branch_committee", "支委"
    MEMBER = "member", "党员"
    EXPERT = "expert", "评审专家"


class OrgAudit(models.TextChoices):
    """What the audit log records of organisations, members and roles."""

    ORG_CREATE = "org_create", "新建组织"
    ORG_UPDATE = "org_update", "修改组织"
    ORG_IMPORT = "org_import", "导入组织"
    MEMBER_CREATE = "member_create", "新增党员"
    MEMBER_UPDATE = "member_update", "修改党员信息"
    MEMBER_IMPORT = "member_import", "导入党员"
    ROLE_ASSIGN = "role_assign", "授予角色"
    ROLE_REVOKE = "role_revoke", "撤销角色"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "user": "账号",  # a role's
    "created": "新增（条）",
    "updated": "更新（条）",
    "file": "导入文件",
}


class Province(models.TextChoices):
    """The 34 province-level regions, by the short names the map of China uses."""

    BEIJING = "北京", "北京市"
    TIANJIN = "天津", "天津市"
    HEBEI = "河北", "河北省"
    SHANXI = "山西", "山西省"
    NEIMENGGU = "内蒙古", "内蒙古自治区"
    LIAONING = "辽宁", "辽宁省"
    JILIN = "吉林", "吉林省"
    HEILONGJIANG = "黑龙江", "黑龙江省"
    SHANGHAI = "上海", "上海市"
    JIANGSU = "江苏", "江苏省"
    ZHEJIANG = "浙江", "浙江省"
    ANHUI = "安徽", "安徽省"
    FUJIAN = "福建", "福建省"
    JIANGXI = "江西", "江西省"
    SHANDONG = "山东", "山东省"
    HENAN = "河南", "河南省"
    HUBEI = "湖北", "湖北省"
    HUNAN = "湖南", "湖南省"
    GUANGDONG = "广东", "广东省"
    GUANGXI = "广西", "广西壮族自治区"
    HAINAN = "海南", "海南省"
    CHONGQING = "重庆", "重庆市"
    SICHUAN = "四川", "四川省"
    GUIZHOU = "贵州", "贵州省"
    YUNNAN = "云南", "云南省"
    XIZANG = "西藏", "西藏自治区"
    SHAANXI = "陕西", "陕西省"
    GANSU = "甘肃", "甘肃省"
    QINGHAI = "青海", "青海省"
    NINGXIA = "宁夏", "宁夏回族自治区"
    XINJIANG = "新疆", "新疆维吾尔自治区"
    TAIWAN = "台湾", "台湾省"
    HONGKONG = "香港", "香港特别行政区"
    MACAO = "澳门", "澳门特别行政区"


def province_in(text: str) -> str:
    """The province a free-text place names (“江苏南京” → 江苏), or ""."""
    for value, label in Province.choices:
        if label in text or value in text:
            return value
    return ""
