"""The organisation tree, its members, and the roles people hold in it."""

from django.conf import settings
from django.db import models

from partybrand.core.versioning import Versioned
from partybrand.orgs.choices import Gender, MemberStatus, OrgKind, Province, Role
from partybrand.orgs.tree import subtree_q
from partybrand.orgs.validators import (
    mask_id_number,
    mask_phone,
    validate_id_number,
    validate_phone,
    validate_staff_number,
)


class Organization(Versioned):
    """A Party organisation: 集团党委, 二级党委, 党总支, 党支部, 党小组 or a cross-cutting team."""

    parent = models.ForeignKey(
        "self",
        verbose_name="上级组织",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, unique=True)
    depth = models.PositiveSmallIntegerField(default=1)
    child_count = models.PositiveIntegerField(default=0)
    # Next free step under this node; kept separately so deleted children never reuse a path.
    next_child_index = models.PositiveIntegerField(default=0)
    code = models.CharField("组织编码", max_length=32, unique=True)
    name = models.CharField("组织名称", max_length=100, db_index=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("组织类型", max_length=20, choices=OrgKind.choices)
    business = models.CharField("所在单位及主责主业", max_length=200, blank=True)
    region = models.CharField("所在地区", max_length=50, blank=True)
    # The province-level region the cockpit's map places it in; a new organisation takes its
    # region's or its parent's (services.with_province).
    province = models.CharField("所在省份", max_length=10, choices=Province.choices, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("在用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "党组织"
        verbose_name_plural = "党组织"
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "path"])]

    def __str__(self) -> str:
        return self.name

    def subtree(self):
        return Organization.objects.filter(subtree_q(self.path))

    def is_within(self, other: "Organization") -> bool:
        return self.path.startswith(other.path)


class Member(Versioned):
    """A Party member on the rolls of one organisation, optionally linked to a user account."""

    org = models.ForeignKey(
        Organization, verbose_name="所在组织", on_delete=models.PROTECT, related_name="members"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    name = models.CharField("姓名", max_length=50, db_index=True)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    join_date = models.DateField("入党日期", null=True, blank=True)
    status = models.CharField(
        "党员状态", max_length=20, choices=MemberStatus.choices, default=MemberStatus.FULL
    )
    job_title = models.CharField("岗位/职务", max_length=100, blank=True)
    phone = models.CharField("手机号", max_length=11, blank=True, validators=[validate_phone])
    id_number = models.CharField(
        "身份证号",
        max_length=18,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_id_number],
    )
    # The employer's staff number (工号): how a company directory (LDAP, OIDC) names the person.
    staff_number = models.CharField(
        "工号",
        max_length=32,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_staff_number],
        error_messages={"unique": "该工号已登记给其他党员。"},
        help_text="选填，单位人事系统中的工号；启用统一身份认证时据此识别本人。",
    )
    teams = models.ManyToManyField(
        Organization,
        verbose_name="所在专项团队",
        blank=True,
        related_name="team_members",
        limit_choices_to={"kind": OrgKind.TEAM},
    )
    is_active = models.BooleanField("在册", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "党员"
        verbose_name_plural = "党员"
        ordering = ["org__path", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number or "")


class RoleAssignment(models.Model):
    """A role a user holds in one organisation; it reaches that organisation's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    org = models.ForeignKey(
        Organization, verbose_name="组织", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [
            models.UniqueConstraint(fields=["user", "org", "role"], name="unique_role_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.org} · {self.get_role_display()}"
