"""Building the demo enterprise: organisation tree, members, teams and demo accounts."""

import random
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password

from partybrand.core.models import User
from partybrand.demo.branch_content import BRANCH_BRANDS
from partybrand.demo.names import COMMITTEE_POSTS, POOL_BUSINESS
from partybrand.demo.orgdata import (
    COMPANIES,
    GROUP,
    GROUP_ORDINALS,
    PARTY_GROUPS,
    ROOT_CODE,
    TEAM_BUSINESS,
    TEAMS,
)
from partybrand.demo.people import PeopleMaker
from partybrand.orgs.choices import MemberStatus, OrgKind, Role
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.services import org_create, role_assign

SEED = 20261124


@dataclass
class Branch:
    org: Organization
    unit: str  # key of the group or subsidiary it belongs to
    general: str  # name of its 党总支, or "" if directly under the unit
    pool: str  # job-title pool of its members


@dataclass
class Demo:
    """Everything the later steps need to find again."""

    today: date
    admin: User
    password_hash: str
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    root: Organization | None = None
    units: dict[str, Organization] = field(default_factory=dict)
    unit_specs: dict[str, dict] = field(default_factory=dict)
    generals: dict[str, Organization] = field(default_factory=dict)
    branches: dict[str, Branch] = field(default_factory=dict)
    teams: list[Organization] = field(default_factory=list)
    members: dict[int, list[Member]] = field(default_factory=dict)  # by branch org id
    users: dict[str, User] = field(default_factory=dict)
    sort_orders: dict[int, int] = field(default_factory=dict)  # next sort order per parent

    def unit_user(self, unit: str) -> User | None:
        """The MID_ADMIN demo account of a subsidiary (company1…)."""
        keys = [c["key"] for c in COMPANIES]
        return self.users.get(f"company{keys.index(unit) + 1}") if unit in keys else None


def _create(demo: Demo, parent, code: str, name: str, kind: str, **fields) -> Organization:
    key = parent.pk if parent else 0
    demo.sort_orders[key] = demo.sort_orders.get(key, 0) + 1
    return org_create(
        actor=demo.admin,
        parent=parent,
        code=code,
        name=name,
        kind=kind,
        sort_order=demo.sort_orders[key],
        **fields,
    )


def build_orgs(demo: Demo) -> None:
    root = _create(
        demo,
        None,
        ROOT_CODE,
        GROUP["name"],
        OrgKind.GROUP_COMMITTEE,
        short_name=GROUP["short_name"],
        business=GROUP["business"],
        region=GROUP["region"],
    )
    demo.root = root
    demo.units["group"], demo.unit_specs["group"] = root, GROUP
    for i, spec in enumerate(COMPANIES, start=1):
        demo.units[spec["key"]] = _create(
            demo,
            root,
            f"{ROOT_CODE}{i:02d}",
            spec["name"],
            OrgKind.COMMITTEE,
            short_name=spec["short_name"],
            business=spec["business"],
            region=spec["region"],
        )
        demo.unit_specs[spec["key"]] = spec
    for key in ["group", *(c["key"] for c in COMPANIES)]:
        unit, spec = demo.units[key], demo.unit_specs[key]
        counter = iter(range(10 if key == "group" else 1, 99))
        for name, pool in spec["direct"]:
            _branch(demo, unit, f"{unit.code}{next(counter):02d}", name, key, "", pool)
        for general_name, branches in spec["generals"]:
            general = _create(
                demo,
                unit,
                f"{unit.code}{next(counter):02d}",
                general_name,
                OrgKind.GENERAL_BRANCH,
                region=spec["region"],
            )
            demo.generals[general_name] = general
            for j, (name, pool) in enumerate(branches, start=1):
                code = f"{general.code}{j:02d}"
                _branch(demo, general, code, name, key, general_name, pool)
    for name, count in PARTY_GROUPS.items():
        branch = demo.branches[name].org
        for j in range(count):
            _create(
                demo,
                branch,
                f"{branch.code}G{j + 1}",
                f"{name}第{GROUP_ORDINALS[j]}党小组",
                OrgKind.GROUP,
                region=branch.region,
            )
    for j, (name, unit_key, *_rest) in enumerate(TEAMS, start=1):
        unit = demo.units[unit_key]
        demo.teams.append(
            _create(
                demo,
                unit,
                f"{ROOT_CODE}T{j:02d}",
                name,
                OrgKind.TEAM,
                business=TEAM_BUSINESS[name],
                region=unit.region,
            )
        )


def _branch(demo, parent, code, name, unit_key, general, pool) -> None:
    org = _create(
        demo,
        parent,
        code,
        name,
        OrgKind.BRANCH,
        business=POOL_BUSINESS[pool],
        region=demo.unit_specs[unit_key]["region"],
    )
    demo.branches[name] = Branch(org=org, unit=unit_key, general=general, pool=pool)


def build_members(demo: Demo) -> int:
    rng, maker = demo.rng, PeopleMaker(demo.rng, demo.today)
    rows: list[Member] = []
    for name, branch in demo.branches.items():
        provinces = demo.unit_specs[branch.unit]["provinces"]
        if name in PARTY_GROUPS:
            size = rng.randint(30, 40)
        elif branch.pool == "office":
            size = rng.randint(15, 28)
        else:
            size = rng.randint(17, 34)
        for i in range(size):
            post = COMMITTEE_POSTS[i] if i < len(COMMITTEE_POSTS) else ""
            rows.append(maker.member(branch.org, branch.pool, provinces, post=post))
    Member.objects.bulk_create(rows, batch_size=500)
    if any(m.pk is None for m in rows):  # databases that do not return keys on bulk insert
        numbers = [m.id_number for m in rows]
        by_id = dict(Member.objects.filter(id_number__in=numbers).values_list("id_number", "pk"))
        for m in rows:
            m.pk = m.id = by_id[m.id_number]
    for m in rows:
        demo.members.setdefault(m.org_id, []).append(m)
    _fill_teams(demo)
    return len(rows)


def _fill_teams(demo: Demo) -> None:
    through = Member.teams.through
    links = []
    for team, (_name, _unit, sources, pools, max_birth_year, size) in zip(
        demo.teams, TEAMS, strict=True
    ):
        candidates = [
            m
            for branch in demo.branches.values()
            if branch.unit in sources and (pools is None or branch.pool in pools)
            for m in demo.members[branch.org.pk]
            if m.status == MemberStatus.FULL
            and (max_birth_year is None or m.birth_date.year >= max_birth_year)
        ]
        for m in demo.rng.sample(candidates, min(size, len(candidates))):
            links.append(through(member_id=m.pk, organization_id=team.pk))
    through.objects.bulk_create(links)


def _pick(demo: Demo, branch_name: str, post: str = "", job: str = "") -> Member:
    """A member of the branch holding `post`, or an ordinary full member without an account."""
    for m in demo.members[demo.branches[branch_name].org.pk]:
        if m.user_id is not None:
            continue
        if (post and m.job_title.startswith(post)) or (
            not post
            and m.status == MemberStatus.FULL
            and not any(p in m.job_title for p in COMMITTEE_POSTS)
        ):
            if job:
                m.job_title = job
            return m
    raise LookupError(f"no member to pick in {branch_name}")


def _account(demo: Demo, username: str, role: str, org, member=None, name="", **extra) -> User:
    user = User.objects.create(
        username=username,
        display_name=member.name if member else name,
        password=demo.password_hash,
        **extra,
    )
    if member is not None:
        member.user = user
        member.save(update_fields=["user", "job_title"])
    role_assign(actor=demo.admin, user=user, org=org, role=role)
    demo.users[username] = user
    return user


def ensure_admin(password: str) -> tuple[User, str]:
    """The superuser `admin`; an existing account keeps its password."""
    password_hash = make_password(password)
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create(
            username="admin",
            display_name="系统管理员",
            password=password_hash,
            is_superuser=True,
            is_staff=True,
        )
    elif not (admin.is_superuser and admin.is_staff):
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])
    return admin, password_hash


def build_users(demo: Demo) -> None:
    demo.users["admin"] = demo.admin
    root = demo.root
    _account(
        demo,
        "committee",
        Role.COMMITTEE_ADMIN,
        root,
        _pick(demo, "集团总部机关第一党支部", job="党建工作部主任"),
    )
    _account(
        demo,
        "office",
        Role.PARTY_OFFICE,
        root,
        _pick(demo, "集团总部机关第一党支部", job="党建工作部党建专责"),
    )
    for i, spec in enumerate(COMPANIES, start=1):
        member = _pick(demo, spec["direct"][0][0], job="党委工作部主任")
        _account(demo, f"company{i}", Role.MID_ADMIN, demo.units[spec["key"]], member)
    _account(
        demo,
        "general1",
        Role.MID_ADMIN,
        demo.generals["设备检修党总支"],
        _pick(demo, "检修二班党支部", job="设备检修党总支书记、设备部主任"),
    )
    for i, spec in enumerate(BRANCH_BRANDS, start=1):
        branch = demo.branches[spec["org"]].org
        member = _pick(demo, spec["org"], post="党支部书记")
        _account(demo, f"secretary{i}", Role.SECRETARY, branch, member)
    first = BRANCH_BRANDS[0]["org"]
    _account(
        demo,
        "committee1",
        Role.BRANCH_COMMITTEE,
        demo.branches[first].org,
        _pick(demo, first, post="组织委员"),
    )
    _account(demo, "member1", Role.MEMBER, demo.branches[first].org, _pick(demo, first))
    _account(demo, "expert1", Role.EXPERT, root, name="陈立群")
