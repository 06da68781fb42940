"""Test data built through the same services the product uses."""

from dataclasses import dataclass
from datetime import date

from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create
from partybrand.core.models import User
from partybrand.orgs.choices import Gender, OrgKind, Role
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.services import member_create, org_create, role_assign

PASSWORD = "pw-for-tests-123"


def make_user(username: str, display_name: str = "", **extra) -> User:
    user = User(username=username, display_name=display_name or username, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_org(parent, name: str, kind: str, code: str) -> Organization:
    return org_create(actor=None, parent=parent, name=name, kind=kind, code=code)


def make_member(org, name: str, **fields) -> Member:
    fields.setdefault("gender", Gender.MALE)
    return member_create(actor=None, org=org, name=name, **fields)


@dataclass
class World:
    """集团党委 → 二级党委甲 → 党总支 → 支部A; 集团党委 → 二级党委乙 → 支部B; and the personas."""

    group: Organization
    committee_a: Organization
    general_branch: Organization
    branch_a: Organization
    committee_b: Organization
    branch_b: Organization
    secretary: User  # 支部A 书记: owns the brand
    member: User  # 支部A 党员: read-only
    branch_committee: User  # 支部A 支委
    mid_admin: User  # 二级党委甲 管理员
    staff: User  # 集团党委 党建工作部
    committee_admin: User  # 集团党委 管理员
    outsider: User  # 支部B 书记
    expert: User  # 评审专家 (集团)
    brand: Brand  # 支部A's brand, a draft
    member_a: Member  # the member record of `member`


def build_world() -> World:
    group = make_org(None, "测试集团党委", OrgKind.GROUP_COMMITTEE, "T0")
    committee_a = make_org(group, "甲公司党委", OrgKind.COMMITTEE, "T1")
    general_branch = make_org(committee_a, "甲公司机关党总支", OrgKind.GENERAL_BRANCH, "T11")
    branch_a = make_org(general_branch, "支部A", OrgKind.BRANCH, "T111")
    committee_b = make_org(group, "乙公司党委", OrgKind.COMMITTEE, "T2")
    branch_b = make_org(committee_b, "支部B", OrgKind.BRANCH, "T21")
    users = {}
    for username, name, org, role in [
        ("secretary", "王书记", branch_a, Role.SECRETARY),
        ("member", "李党员", branch_a, Role.MEMBER),
        ("branchcommittee", "赵支委", branch_a, Role.BRANCH_COMMITTEE),
        ("midadmin", "钱管理", committee_a, Role.MID_ADMIN),
        ("staff", "孙干事", group, Role.PARTY_OFFICE),
        ("committeeadmin", "周管理", group, Role.COMMITTEE_ADMIN),
        ("outsider", "吴书记", branch_b, Role.SECRETARY),
        ("expert", "郑专家", group, Role.EXPERT),
    ]:
        users[username] = make_user(username, name)
        role_assign(actor=None, user=users[username], org=org, role=role)
    member_a = make_member(
        branch_a,
        "李党员",
        phone="13812345678",
        id_number="110101199003071234"[:17] + _check("110101199003071234"[:17]),
        birth_date=date(1990, 3, 7),
    )
    member_a.user = users["member"]
    member_a.save(update_fields=["user"])
    brand = brand_create(actor=users["secretary"], org=branch_a, name="红色引擎", slogan="党建引领")
    return World(
        group=group,
        committee_a=committee_a,
        general_branch=general_branch,
        branch_a=branch_a,
        committee_b=committee_b,
        branch_b=branch_b,
        secretary=users["secretary"],
        member=users["member"],
        branch_committee=users["branchcommittee"],
        mid_admin=users["midadmin"],
        staff=users["staff"],
        committee_admin=users["committeeadmin"],
        outsider=users["outsider"],
        expert=users["expert"],
        brand=brand,
        member_a=member_a,
    )


def orgs_of(world: World) -> list[Organization]:
    return [
        world.group,
        world.committee_a,
        world.general_branch,
        world.branch_a,
        world.committee_b,
        world.branch_b,
    ]


def everyone(world: World) -> list[User]:
    """The personas, a superuser, someone with no role, someone only on 支部A's rolls, and one
    user for every role at every organisation: the people a policy's Python and SQL forms must
    agree about."""
    people = [
        world.secretary,
        world.member,
        world.branch_committee,
        world.mid_admin,
        world.staff,
        world.committee_admin,
        world.outsider,
        world.expert,
        make_user("root", is_superuser=True, is_staff=True),
        make_user("nobody"),
    ]
    rolls_only = make_user("rollsonly")
    record = make_member(world.branch_a, "名册党员")
    record.user = rolls_only
    record.save(update_fields=["user"])
    people.append(rolls_only)
    for org in orgs_of(world):
        for role in Role:
            user = make_user(f"{role.value}-{org.code}")
            role_assign(actor=None, user=user, org=org, role=role)
            people.append(user)
    return people


def _check(first17: str) -> str:
    from partybrand.orgs.validators import id_check_digit

    return id_check_digit(first17)
