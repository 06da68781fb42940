"""The main menu as data: every group and entry, and the capability each needs.

An entry (or a whole group) names the capabilities of which the user must hold at least one,
anywhere (orgs/roles.py); an entry that names none is for everyone signed in. A group's entries
come in sections ruled off from each other: a section is shown when one of its entries is, and
gets its divider (and header) only then. `menu_for(user)` gives what base.html draws.
"""

from dataclasses import dataclass

from django.urls import get_script_prefix, get_urlconf, reverse

from partybrand.orgs.roles import Cap, caps_anywhere


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # a URL name
    needs: tuple[Cap, ...] = ()  # any of these, somewhere; none: everyone signed in
    query: str = ""
    icon: str = ""  # a Bootstrap Icons name, drawn before the label


@dataclass(frozen=True)
class Section:
    links: tuple[Link, ...]
    header: str = ""
    divider: bool = True  # ruled off from the entries above it


@dataclass(frozen=True)
class Group:
    label: str
    sections: tuple[Section, ...] = ()
    needs: tuple[Cap, ...] = ()
    url: str = ""  # a plain link in the bar instead of a dropdown


MENU: tuple[Group, ...] = (
    Group("工作台", url="home"),
    Group("驾驶舱", url="cockpit:home", needs=(Cap.VIEW_COCKPIT,)),
    Group(
        "品牌库",
        (
            Section((Link("品牌库", "brands:brand_list"), Link("品牌矩阵", "brands:brand_matrix"))),
            Section((Link("新建品牌", "brands:brand_create", (Cap.EDIT_BRAND,)),)),
        ),
    ),
    Group(
        "品牌定位",
        (
            Section(
                (
                    Link("问卷调研", "surveys:survey_list"),
                    Link("标杆品牌库", "benchmarks:benchmark_list"),
                )
            ),
        ),
    ),
    Group(
        "品牌主题",
        (
            Section(
                (
                    Link("主题征集", "themes:workshop_list"),
                    Link("投票中", "themes:workshop_list", query="?stage=voting"),
                    Link("公示中", "themes:workshop_list", query="?stage=publicizing"),
                )
            ),
        ),
        needs=(Cap.VIEW_BRANDS, Cap.REVIEW_BRANDS),  # experts follow the themes they score
    ),
    Group(
        "重点建设",
        (
            Section((Link("指标体系", "indicators:system_list"),)),
            Section(
                (
                    Link("我的测评", "assessments:my_list", (Cap.VIEW_BRANDS,)),
                    Link("待我评审", "assessments:review_list", (Cap.REVIEW_ASSESSMENTS,)),
                    Link("测评结果", "assessments:results_home", (Cap.MANAGE_ORGS,)),
                ),
                header="标准化测评",
            ),
        ),
    ),
    Group(
        "创建推进",
        (
            Section(
                (
                    Link("我的任务", "plans:my_tasks"),
                    Link("创建计划", "plans:plan_list"),
                    Link("挂图作战", "plans:board_home"),
                    Link("逾期督办", "plans:overdue", (Cap.SUPERVISE,)),
                    Link("新建计划", "plans:plan_create", (Cap.EDIT_BRAND,)),
                )
            ),
            Section(
                (
                    Link("督办单", "supervision:ticket_list"),
                    Link("下发督办单", "supervision:ticket_create", (Cap.MANAGE_ORGS,)),
                    Link("复盘会议", "supervision:meeting_list"),
                    Link("参与度", "supervision:participation", (Cap.VIEW_MEMBERS,)),
                ),
                header="督办复盘",
            ),
            Section((Link("本组织文书", "documents:my_documents"),), header="文书"),
        ),
        needs=(Cap.VIEW_BRANDS,),  # plans follow the brands: experts have none
    ),
    Group(
        "党建AI问答",
        (
            Section(
                (
                    Link("提问", "knowledge:ask"),
                    Link("我的问答", "knowledge:history"),
                    Link("学习资料", "knowledge:document_list"),
                    Link("问答评价", "knowledge:review", (Cap.MANAGE_KNOWLEDGE,)),
                )
            ),
        ),
        needs=(Cap.VIEW_BRANDS,),  # answers come from the brands' records: experts have none
    ),
    Group(
        "推介",
        (
            Section(
                (
                    Link("活动载体", "promotion:carrier_list"),
                    Link("党员示范岗", "promotion:carrier_list", query="?kind=post"),
                    Link("党员突击队", "promotion:carrier_list", query="?kind=commando"),
                )
            ),
            Section(
                (
                    Link("品牌发布会", "promotion:launch_list"),
                    Link("推介台账", "promotion:publicity_list"),
                    Link("品牌展示", "showcase:gallery"),
                ),
                header="发布与推介",
            ),
            Section(
                (
                    Link("典型案例", "cases:case_list"),
                    Link("案例汇编", "cases:compilation_list"),
                    Link("新闻稿", "cases:news_list"),
                ),
                header="案例与宣传",
            ),
        ),
        needs=(Cap.VIEW_BRANDS,),  # carriers follow the organisations' brands: experts have none
    ),
    Group(
        "评选",
        (
            Section(
                (
                    Link("评选批次", "rounds:round_list"),
                    Link(
                        "我的评选待办",
                        "rounds:my_tasks",
                        (Cap.OWN_BRAND, Cap.SCREEN_BRANDS, Cap.RUN_ROUNDS),
                    ),
                    Link("新建评选", "rounds:round_create", (Cap.RUN_ROUNDS,)),
                )
            ),
        ),
        needs=(Cap.VIEW_BRANDS, Cap.REVIEW_BRANDS),  # experts judge in rounds
    ),
    Group(
        "组织与党员",
        (
            Section(
                (
                    Link("组织架构", "orgs:org_tree"),
                    Link("党员名册", "orgs:member_list", (Cap.VIEW_MEMBERS,)),
                )
            ),
            Section(
                (
                    Link("导入组织", "orgs:org_import", (Cap.MANAGE_ORGS,)),
                    Link("账号管理", "accounts:account_list", (Cap.MANAGE_ACCOUNTS,)),
                )
            ),
            Section(
                (
                    Link("审计日志", "audit_list", (Cap.VIEW_AUDIT,)),
                    Link("登录锁定", "login_locks", (Cap.UNLOCK_LOGINS,)),
                    Link("失败任务", "ops_failed_jobs", (Cap.RUN_JOBS,)),
                )
            ),
            Section((Link("接口文档", "api:docs"),), divider=False),
        ),
    ),
)


# The menu under the user's name (sign-out follows it): one's own settings.
# One's own: the account (password, sessions), the second factor, API tokens; then 退出.
USER_MENU: tuple[Link, ...] = (
    Link("我的账号", "accounts:my_account", icon="person-circle"),
    Link("动态口令", "sso:totp_settings", icon="shield-lock"),
    Link("API 令牌", "api_tokens", icon="key"),
    Link("后台任务", "jobs:job_list", icon="hourglass-split"),
)


# Built menus, by what they depend on (menu_key): a few capability sets (one per combination of
# roles held) times the URL prefixes served. Shared between requests: never changed once built.
_BUILT: dict[tuple, tuple] = {}
_BUILT_MAX = 512


def menu_key(user) -> tuple:
    """What the menus of `user` depend on: the capabilities held anywhere, and where the URLs
    point (the script prefix and URL configuration of this request)."""
    return (caps_anywhere(user), get_script_prefix(), get_urlconf())


def _allowed(caps: frozenset[Cap], needs: tuple[Cap, ...]) -> bool:
    return not needs or not caps.isdisjoint(needs)


def _entries(caps: frozenset[Cap], group: Group) -> list[dict]:
    entries: list[dict] = []
    for section in group.sections:
        links = [link for link in section.links if _allowed(caps, link.needs)]
        if not links:
            continue
        if entries and section.divider:
            entries.append(_entry(divider=True))
        if section.header:
            entries.append(_entry(header=section.header))
        entries += [_link(link) for link in links]
    return entries


def _entry(*, divider=False, header="", label="", href="", icon="") -> dict:
    """Every key present: a template looking up a missing one pays for a failed lookup."""
    return {"divider": divider, "header": header, "label": label, "href": href, "icon": icon}


def _link(link: Link) -> dict:
    return _entry(label=link.label, href=reverse(link.url) + link.query, icon=link.icon)


def _build(user) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    caps = caps_anywhere(user)
    menu = []
    for group in MENU:
        if not _allowed(caps, group.needs):
            continue
        if group.url:
            menu.append({"label": group.label, "href": reverse(group.url), "entries": ()})
        elif entries := _entries(caps, group):
            menu.append({"label": group.label, "href": "", "entries": tuple(entries)})
    own = tuple(_link(link) for link in USER_MENU if _allowed(caps, link.needs))
    return tuple(menu), own


def _built(user) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    key = menu_key(user)
    built = _BUILT.get(key)
    if built is None:
        built = _build(user)
        if len(_BUILT) < _BUILT_MAX:
            _BUILT[key] = built
    return built


def menu_for(user) -> tuple[dict, ...]:
    """The groups the user sees, each with its link or its entries (dividers and headers
    included), in order. Shared with every user holding the same capabilities: read only."""
    if not user.is_authenticated:
        return ()
    return _built(user)[0]


def user_menu_for(user) -> tuple[dict, ...]:
    """The entries under the user's name."""
    if not user.is_authenticated:
        return ()
    return _built(user)[1]
