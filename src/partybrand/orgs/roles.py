"""What each role may do. A role held in an organisation applies to that organisation's subtree.

This is the one place where roles are named: every check elsewhere asks for a capability, in
Python (`can`, `has_cap_over`, `caps_over`, `caps_at`, `has_cap_within`) or in SQL (`scope_q`,
`roles_with`, `users_with`), so a change of who may do what is a change of this table.
"""

from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from partybrand.core.models import User
from partybrand.orgs.choices import Role
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.tree import subtree_q


class Cap(StrEnum):
    VIEW = "view"  # the organisation tree
    VIEW_BRANDS = "view_brands"  # every brand of the subtree, drafts included
    REVIEW_BRANDS = "review_brands"  # only brands under review or already public (experts)
    VIEW_MEMBERS = "view_members"  # member lists, with personal data masked
    SEE_PERSONAL = "see_personal"  # phone and ID number unmasked
    MANAGE_ORGS = "manage_orgs"  # create, edit and import organisations below
    MANAGE_MEMBERS = "manage_members"  # create, edit and import members
    EDIT_BRAND = "edit_brand"  # brand identity, KPIs, honours, attachments
    VIEW_AUDIT = "view_audit"
    MANAGE_ACCOUNTS = "manage_accounts"  # logins, roles, deactivation and resets of the subtree
    UNLOCK_LOGINS = "unlock_logins"  # see sign-in locks and lift them (the 登录锁定 page)
    RUN_JOBS = "run_jobs"  # see the background work that failed and run it again (失败任务)
    MANAGE_LIBRARY = "manage_library"  # the group's shared benchmark library
    # The brand lifecycle (brands/lifecycle.py).
    OWN_BRAND = "own_brand"  # held at the brand's own organisation: submit, cultivate, apply
    SCREEN_BRANDS = "screen_brands"  # 初审 from above: pass an application or send it back
    INSPECT_BRANDS = "inspect_brands"  # 中期检查, 验收, 复评 from above, and send back then
    DECIDE_BRANDS = "decide_brands"  # 立项 and 命名: the group committee's own decisions
    # Plans and supervision.
    OVERRIDE_GATE = "override_gate"  # from above: close a plan's phase whose gate is not met
    SUPERVISE = "supervise"  # follow the overdue tasks of the subtree (逾期督办)
    TAKE_ESCALATIONS = "take_escalations"  # be told of overdue 督办单 escalated to one's level
    # Assessments.
    MANAGE_REVIEWS = "manage_reviews"  # from above: assign reviewers, return, finalise
    REVIEW_ASSESSMENTS = "review_assessments"  # from above: be assigned to score an assessment
    # Theme workshops.
    VOTE = "vote"  # vote and propose names for the brands of one's own organisation and above
    JUDGE_THEMES = "judge_themes"  # be invited to score a workshop's candidates as an expert
    # 推介: activity carriers.
    RUN_CARRIERS = "run_carriers"  # set up carriers of one's organisation, record their activities
    RECOGNISE_CARRIERS = "recognise_carriers"  # from above: judge carriers (评定示范岗 …)
    # 推介: typical cases (典型案例), 案例汇编 and 新闻稿.
    WRITE_CASES = "write_cases"  # draft and submit one's organisation's cases and 新闻稿
    REVIEW_CASES = "review_cases"  # from above: forward a submitted case or return it
    PUBLISH_CASES = "publish_cases"  # from above, the group committee: publish, report, adoption
    # 党建AI问答: put in policy and learning documents, review, rate and correct the answers.
    MANAGE_KNOWLEDGE = "manage_knowledge"
    # 评选: rounds.
    RUN_ROUNDS = "run_rounds"  # set up the committee's rounds (评选批次), run 预审 and the stages
    # 推介: the launch and the publicity ledger.
    PROMOTE_BRANDS = "promote_brands"  # plan the brand's launch, keep its publicity ledger
    ADOPT_PUBLICITY = "adopt_publicity"  # record whether what was reported to one was adopted
    # 驾驶舱: the committee's view of its subtree's brands and the brand health index.
    VIEW_COCKPIT = "view_cockpit"  # the cockpit, its 大屏 and export, for one's subtree
    SET_HEALTH_WEIGHTS = "set_health_weights"  # the weights of the index's parts in one's subtree


# Caps every committee's staff holds: they see and run their subtree, and act on what comes
# up from below (so never on their own organisation where a cap is held "from above").
_STAFF = {
    Cap.VIEW,
    Cap.VIEW_BRANDS,
    Cap.VIEW_MEMBERS,
    Cap.SEE_PERSONAL,
    Cap.MANAGE_ORGS,
    Cap.MANAGE_MEMBERS,
    Cap.MANAGE_ACCOUNTS,
    Cap.EDIT_BRAND,
    Cap.OWN_BRAND,
    Cap.SCREEN_BRANDS,
    Cap.OVERRIDE_GATE,
    Cap.SUPERVISE,
    Cap.TAKE_ESCALATIONS,
    Cap.MANAGE_REVIEWS,
    Cap.REVIEW_ASSESSMENTS,
    Cap.RUN_CARRIERS,
    Cap.RECOGNISE_CARRIERS,
    Cap.WRITE_CASES,
    Cap.REVIEW_CASES,
    Cap.MANAGE_KNOWLEDGE,
    Cap.PROMOTE_BRANDS,
    Cap.ADOPT_PUBLICITY,
    Cap.VIEW_COCKPIT,
    Cap.SET_HEALTH_WEIGHTS,
}
# The group committee's own: the audit, sign-in locks, the shared library and the later brand
# stages.
_GROUP = {
    Cap.VIEW_AUDIT,
    Cap.UNLOCK_LOGINS,
    Cap.RUN_JOBS,
    Cap.MANAGE_LIBRARY,
    Cap.INSPECT_BRANDS,
    Cap.PUBLISH_CASES,
    Cap.RUN_ROUNDS,
}
ROLE_CAPS: dict[str, frozenset[Cap]] = {
    Role.COMMITTEE_ADMIN: frozenset(_STAFF | _GROUP | {Cap.DECIDE_BRANDS}),
    Role.PARTY_OFFICE: frozenset(_STAFF | _GROUP),
    Role.MID_ADMIN: frozenset(_STAFF),
    Role.SECRETARY: frozenset(
        {
            Cap.VIEW,
            Cap.VIEW_BRANDS,
            Cap.VIEW_MEMBERS,
            Cap.SEE_PERSONAL,
            Cap.MANAGE_MEMBERS,
            Cap.EDIT_BRAND,
            Cap.OWN_BRAND,
            Cap.SUPERVISE,
            Cap.VOTE,
            Cap.RUN_CARRIERS,
            Cap.WRITE_CASES,
            Cap.PROMOTE_BRANDS,
        }
    ),
    Role.BRANCH_COMMITTEE: frozenset(
        {
            Cap.VIEW,
            Cap.VIEW_BRANDS,
            Cap.VIEW_MEMBERS,
            Cap.EDIT_BRAND,
            Cap.VOTE,
            Cap.RUN_CARRIERS,
            Cap.WRITE_CASES,
            Cap.PROMOTE_BRANDS,
        }
    ),
    Role.MEMBER: frozenset({Cap.VIEW, Cap.VIEW_BRANDS, Cap.VIEW_MEMBERS, Cap.VOTE}),
    # Experts score what is put before them, not a branch's drafts or its member rolls.
    Role.EXPERT: frozenset({Cap.VIEW, Cap.REVIEW_BRANDS, Cap.REVIEW_ASSESSMENTS, Cap.JUDGE_THEMES}),
}

ALL_CAPS: frozenset[Cap] = frozenset(Cap)

# How strong each role is, for handing roles out: whoever manages accounts over an organisation
# may grant or withdraw there only roles no stronger than the strongest account-managing role
# they hold over it (a 二级党委管理员 makes secretaries and experts, not 党建工作部 staff).
ROLE_RANK: dict[str, int] = {
    Role.COMMITTEE_ADMIN: 6,
    Role.PARTY_OFFICE: 5,
    Role.MID_ADMIN: 4,
    Role.SECRETARY: 3,
    Role.BRANCH_COMMITTEE: 2,
    Role.EXPERT: 2,
    Role.MEMBER: 1,
}


def roles_with(cap: Cap) -> list[str]:
    """The roles that hold `cap`, for `role__in=` in queries."""
    return sorted(role for role, caps in ROLE_CAPS.items() if cap in caps)


def role_paths(user) -> list[tuple[str, str]]:
    """(role, organisation path) pairs of the user, loaded once per request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_pb_role_paths", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user, org__is_active=True).values_list(
                "role", "org__path"
            )
        )
        user._pb_role_paths = cached
    return cached


def cap_paths(user, cap: Cap) -> set[str]:
    """Every organisation path at which the user holds a role with `cap`."""
    return {path for role, path in role_paths(user) if cap in ROLE_CAPS.get(role, ())}


def paths_with(user, cap: Cap) -> list[str]:
    """The outermost organisation paths under which the user has `cap`."""
    outermost: list[str] = []
    for path in sorted(cap_paths(user, cap)):
        if not any(path.startswith(kept) for kept in outermost):
            outermost.append(path)
    return outermost


# A condition every row meets that, unlike the empty Q(), still means "every row" when OR'ed
# with another: Q() | Q(x=1) is just Q(x=1), which hid every survey from a superuser.
EVERY_ROW = ~Q(pk__in=[])


def scope_q(user, cap: Cap, field: str = "path", *, strictly_above: bool = False) -> Q:
    """A filter for the rows whose organisation path lies where the user has `cap` (strictly
    below the organisations where it is held, if `strictly_above`): the SQL form of `can`."""
    if user.is_authenticated and user.is_superuser:
        return EVERY_ROW
    query = Q(pk__in=[])
    for path in paths_with(user, cap):
        inside = subtree_q(path, field)
        query |= inside & ~Q(**{field: path}) if strictly_above else inside
    return query


def has_cap_over(user, cap: Cap, org_path: str, *, strictly_above: bool = False) -> bool:
    """Whether a role the user holds at the organisation or above it (only above it if
    `strictly_above`) has `cap`. Roles only: a superuser is not a reviewer or a voter."""
    return cap in caps_over(user, org_path, strictly_above=strictly_above)


def can(user, cap: Cap, org_path: str, *, strictly_above: bool = False) -> bool:
    """Whether the user may do `cap` over the organisation: a superuser may do everything."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return has_cap_over(user, cap, org_path, strictly_above=strictly_above)


def caps_anywhere(user) -> frozenset[Cap]:
    """Every capability the user holds somewhere (all of them for a superuser): what the menu
    and `may` in templates ask, many times a page. Worked out once per loaded set of roles."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_superuser:
        return ALL_CAPS
    paths = role_paths(user)
    cached = getattr(user, "_pb_caps_anywhere", None)
    if cached is None or cached[0] is not paths:
        found: set[Cap] = set()
        for role, _path in paths:
            found |= ROLE_CAPS.get(role, frozenset())
        cached = (paths, frozenset(found))
        user._pb_caps_anywhere = cached
    return cached[1]


def holds_anywhere(user, cap: Cap) -> bool:
    """Whether the user may do `cap` somewhere (what the menu offers)."""
    return cap in caps_anywhere(user)


def caps_over(user, org_path: str, *, strictly_above: bool = False) -> frozenset[Cap]:
    """Caps of the roles the user holds at the organisation or its ancestors (only ancestors
    if strict)."""
    found: set[Cap] = set()
    for role, path in role_paths(user):
        if org_path.startswith(path) and not (strictly_above and path == org_path):
            found |= ROLE_CAPS.get(role, frozenset())
    return frozenset(found)


def caps_at(user, org_path: str) -> frozenset[Cap]:
    """Caps of the roles the user holds at exactly this organisation."""
    found: set[Cap] = set()
    for role, path in role_paths(user):
        if path == org_path:
            found |= ROLE_CAPS.get(role, frozenset())
    return frozenset(found)


def has_cap_within(user, cap: Cap, org_path: str) -> bool:
    """Whether the user holds a role with `cap` at the organisation or below it: one of its
    own people (a member of a branch votes on the names of the committees above it)."""
    return any(path.startswith(org_path) for path in cap_paths(user, cap))


def belongs_within(user, org_path: str) -> bool:
    """Whether the user holds any role at the organisation or below it."""
    return any(path.startswith(org_path) for _role, path in role_paths(user))


def users_with(cap: Cap, org_paths=None):
    """Users holding a role with `cap` at one of `org_paths` (anywhere if None), counting only
    active organisations as `role_paths` does: the SQL form of `has_cap_over` for a list."""
    rows = RoleAssignment.objects.filter(role__in=roles_with(cap), org__is_active=True)
    if org_paths is not None:
        rows = rows.filter(org__path__in=list(org_paths))
    return User.objects.filter(pk__in=rows.values("user_id"))


def role_choices() -> list[tuple[str, str]]:
    """Every role as (value, label), strongest first: for filters and forms elsewhere."""
    return [(str(value), str(label)) for value, label in Role.choices]


def grantable_roles(user, org_path: str) -> list[tuple[str, str]]:
    """The roles (value, label) the user may grant or withdraw at the organisation: none
    stronger than the strongest role with `MANAGE_ACCOUNTS` they hold there or above it."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return role_choices()
    rank = max(
        (
            ROLE_RANK[role]
            for role, path in role_paths(user)
            if org_path.startswith(path) and Cap.MANAGE_ACCOUNTS in ROLE_CAPS.get(role, ())
        ),
        default=0,
    )
    return [(value, label) for value, label in role_choices() if ROLE_RANK[value] <= rank]


def may_grant(user, role: str, org_path: str) -> bool:
    """Whether the user may grant or withdraw `role` at the organisation."""
    return any(value == role for value, _label in grantable_roles(user, org_path))


def member_role() -> str:
    """The role a member's new login holds at the member's own organisation."""
    return str(Role.MEMBER.value)


# The second factor (sso/): PARTYBRAND_TOTP_ROLES names the roles whose holders must confirm every
# sign-in with a one-time code; "superuser" stands for the platform's superusers.
SUPERUSER = "superuser"


def second_factor_roles() -> frozenset[str]:
    """The roles of TOTP_ROLES, checked against the role table (a mistyped name stops here)."""
    names = frozenset(settings.TOTP_ROLES)
    unknown = sorted(names - set(Role.values) - {SUPERUSER})
    if unknown:
        known = "、".join([*Role.values, SUPERUSER])
        raise ImproperlyConfigured(
            f"PARTYBRAND_TOTP_ROLES names unknown roles: {', '.join(unknown)} (known: {known})."
        )
    return names


def needs_second_factor(user) -> bool:
    """Whether a role the user holds requires a one-time code after the password."""
    if not user.is_authenticated:
        return False
    roles = second_factor_roles()
    if not roles:
        return False
    if user.is_superuser and SUPERUSER in roles:
        return True
    return any(role in roles for role, _path in role_paths(user))
