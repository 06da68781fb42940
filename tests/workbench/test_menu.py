"""The main menu each persona sees: every group, entry, header and divider, in order, with its
link. Pinned so that a change to how the menu is computed cannot lose or add an entry."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from partybrand.orgs.choices import Role
from partybrand.orgs.services import role_assign, role_revoke
from tests.factories import PASSWORD, make_user


class MenuParser(HTMLParser):
    """Reads the `navbar-nav` list of base.html into (group, [entries]) pairs; an entry is
    (label, href), "—" for a divider or ("#", label) for a header."""

    def __init__(self):
        super().__init__()
        self.groups: list[tuple[str, list]] = []
        self.depth = 0  # <ul> nesting inside the menu, 0 outside it
        self.text: list[str] | None = None
        self.href = ""
        self.kind = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "ul" and "navbar-nav" in classes:
            self.depth = 1
        elif tag == "ul" and self.depth:
            self.depth += 1
        elif tag == "a" and self.depth:
            self.text, self.href = [], attrs.get("href", "")
            self.kind = "item" if self.depth > 1 else "group"
        elif tag == "h6" and self.depth > 1:
            self.text, self.kind = [], "header"
        elif tag == "hr" and self.depth > 1:
            self.groups[-1][1].append("—")

    def handle_endtag(self, tag):
        if tag == "ul" and self.depth:
            self.depth -= 1
        elif tag in ("a", "h6") and self.text is not None:
            label = "".join(self.text).strip()
            if self.kind == "group":
                # A plain link at the top (工作台) is a group of its own with its link.
                self.groups.append((label, [] if self.href == "#" else [(label, self.href)]))
            elif self.kind == "header":
                self.groups[-1][1].append(("#", label))
            else:
                self.groups[-1][1].append((label, self.href))
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def menu_of(user) -> list[tuple[str, list]]:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    parser = MenuParser()
    parser.feed(response.content.decode())
    return parser.groups


def u(name: str, query: str = "") -> str:
    return reverse(name) + query


HOME = ("工作台", [("工作台", u("home"))])
COCKPIT = ("驾驶舱", [("驾驶舱", u("cockpit:home"))])  # committee staff only
BRANDS = [("品牌库", u("brands:brand_list")), ("品牌矩阵", u("brands:brand_matrix"))]
BRANDS_CREATE = [*BRANDS, "—", ("新建品牌", u("brands:brand_create"))]
POSITIONING = (
    "品牌定位",
    [("问卷调研", u("surveys:survey_list")), ("标杆品牌库", u("benchmarks:benchmark_list"))],
)
THEMES = (
    "品牌主题",
    [
        ("主题征集", u("themes:workshop_list")),
        ("投票中", u("themes:workshop_list", "?stage=voting")),
        ("公示中", u("themes:workshop_list", "?stage=publicizing")),
    ],
)
SYSTEMS = ("指标体系", u("indicators:system_list"))
MINE = ("我的测评", u("assessments:my_list"))
REVIEWS = ("待我评审", u("assessments:review_list"))
RESULTS = ("测评结果", u("assessments:results_home"))
ASSESSING = ["—", ("#", "标准化测评")]
PLANS = [
    ("我的任务", u("plans:my_tasks")),
    ("创建计划", u("plans:plan_list")),
    ("挂图作战", u("plans:board_home")),
]
OVERDUE = ("逾期督办", u("plans:overdue"))
NEW_PLAN = ("新建计划", u("plans:plan_create"))
SUPERVISING = ["—", ("#", "督办复盘"), ("督办单", u("supervision:ticket_list"))]
RAISE = ("下发督办单", u("supervision:ticket_create"))
MEETINGS = ("复盘会议", u("supervision:meeting_list"))
PARTICIPATION = ("参与度", u("supervision:participation"))
DOCUMENTS = ["—", ("#", "文书"), ("本组织文书", u("documents:my_documents"))]
TREE = ("组织架构", u("orgs:org_tree"))
ROLL = ("党员名册", u("orgs:member_list"))
IMPORT = ["—", ("导入组织", u("orgs:org_import")), ("账号管理", u("accounts:account_list"))]
AUDIT = [
    "—",
    ("审计日志", u("audit_list")),
    ("登录锁定", u("login_locks")),
    ("失败任务", u("ops_failed_jobs")),
]
API_DOCS = ("接口文档", u("api:docs"))
ASKING = [
    ("提问", u("knowledge:ask")),
    ("我的问答", u("knowledge:history")),
    ("学习资料", u("knowledge:document_list")),
]
KNOWLEDGE = ("党建AI问答", ASKING)
KNOWLEDGE_STAFF = ("党建AI问答", [*ASKING, ("问答评价", u("knowledge:review"))])
PROMOTION = (
    "推介",
    [
        ("活动载体", u("promotion:carrier_list")),
        ("党员示范岗", u("promotion:carrier_list", "?kind=post")),
        ("党员突击队", u("promotion:carrier_list", "?kind=commando")),
        "—",
        ("#", "发布与推介"),
        ("品牌发布会", u("promotion:launch_list")),
        ("推介台账", u("promotion:publicity_list")),
        ("品牌展示", u("showcase:gallery")),
        "—",
        ("#", "案例与宣传"),
        ("典型案例", u("cases:case_list")),
        ("案例汇编", u("cases:compilation_list")),
        ("新闻稿", u("cases:news_list")),
    ],
)

ROUND_LIST = ("评选批次", u("rounds:round_list"))
ROUND_TASKS = ("我的评选待办", u("rounds:my_tasks"))
ROUND_NEW = ("新建评选", u("rounds:round_create"))
ROUNDS_TO_RUN = ("评选", [ROUND_LIST, ROUND_TASKS, ROUND_NEW])
ROUNDS_TO_ENTER = ("评选", [ROUND_LIST, ROUND_TASKS])
ROUNDS_TO_READ = ("评选", [ROUND_LIST])


def staff_menu(*, audit: bool) -> list:
    """What committee staff see (the 二级党委 管理员 has no audit log)."""
    return [
        HOME,
        COCKPIT,
        ("品牌库", BRANDS_CREATE),
        POSITIONING,
        THEMES,
        ("重点建设", [SYSTEMS, *ASSESSING, MINE, REVIEWS, RESULTS]),
        (
            "创建推进",
            [*PLANS, OVERDUE, NEW_PLAN, *SUPERVISING, RAISE, MEETINGS, PARTICIPATION, *DOCUMENTS],
        ),
        KNOWLEDGE_STAFF,
        PROMOTION,
        ROUNDS_TO_RUN if audit else ROUNDS_TO_ENTER,
        ("组织与党员", [TREE, ROLL, *IMPORT, *(AUDIT if audit else []), API_DOCS]),
    ]


def secretary_menu(*, overdue: bool) -> list:
    """What a branch's secretary sees (and, without 逾期督办, its 支委)."""
    return [
        HOME,
        ("品牌库", BRANDS_CREATE),
        POSITIONING,
        THEMES,
        ("重点建设", [SYSTEMS, *ASSESSING, MINE]),
        (
            "创建推进",
            [
                *PLANS,
                *([OVERDUE] if overdue else []),
                NEW_PLAN,
                *SUPERVISING,
                MEETINGS,
                PARTICIPATION,
                *DOCUMENTS,
            ],
        ),
        KNOWLEDGE,
        PROMOTION,
        ROUNDS_TO_ENTER if overdue else ROUNDS_TO_READ,
        ("组织与党员", [TREE, ROLL, API_DOCS]),
    ]


MENUS = {
    "committee_admin": staff_menu(audit=True),
    "staff": staff_menu(audit=True),
    "mid_admin": staff_menu(audit=False),
    "secretary": secretary_menu(overdue=True),
    "outsider": secretary_menu(overdue=True),  # the secretary of 支部B
    "branch_committee": secretary_menu(overdue=False),
    "member": [
        HOME,
        ("品牌库", BRANDS),
        POSITIONING,
        THEMES,
        ("重点建设", [SYSTEMS, *ASSESSING, MINE]),
        ("创建推进", [*PLANS, *SUPERVISING, MEETINGS, PARTICIPATION, *DOCUMENTS]),
        KNOWLEDGE,
        PROMOTION,
        ROUNDS_TO_READ,
        ("组织与党员", [TREE, ROLL, API_DOCS]),
    ],
    # Experts score; they see neither plans nor member rolls.
    "expert": [
        HOME,
        ("品牌库", BRANDS),
        POSITIONING,
        THEMES,
        ("重点建设", [SYSTEMS, *ASSESSING, REVIEWS]),
        ROUNDS_TO_READ,
        ("组织与党员", [TREE, API_DOCS]),
    ],
}


@pytest.mark.parametrize("persona", sorted(MENUS))
def test_each_persona_sees_exactly_their_menu(world, persona):
    assert menu_of(getattr(world, persona)) == MENUS[persona]


def test_a_superuser_sees_every_entry(world):
    admin = make_user("root", is_superuser=True, is_staff=True)
    assert menu_of(admin) == staff_menu(audit=True)


def test_someone_without_a_role_sees_only_what_needs_none(world):
    nobody = make_user("nobody")
    assert menu_of(nobody) == [
        HOME,
        ("品牌库", BRANDS),
        POSITIONING,
        ("重点建设", [SYSTEMS]),
        ("组织与党员", [TREE, API_DOCS]),
    ]


def test_signed_out_visitors_get_no_menu(db):
    parser = MenuParser()
    parser.feed(Client().get(reverse("login")).content.decode())
    assert parser.groups == []


def test_the_new_brand_buttons_on_pages_follow_the_same_capability(world):
    button = 'class="btn btn-sm btn-danger" href="' + u("brands:brand_create")
    for persona, shown in [("secretary", True), ("member", False), ("expert", False)]:
        client = Client()
        assert client.login(username=getattr(world, persona).username, password=PASSWORD)
        for page in (u("home"), u("brands:brand_list")):
            html = (
                client.get(page).content.decode().replace("btn-danger btn-sm", "btn-sm btn-danger")
            )
            assert (button in html) is shown, (persona, page)


def test_the_user_menu_offers_the_own_pages_then_sign_out(world):
    client = Client()
    assert client.login(username="member", password=PASSWORD)
    html = client.get(u("home")).content.decode()
    menu = html[html.index('data-testid="user-menu"') :]
    own = [u("accounts:my_account"), u("sso:totp_settings"), u("api_tokens"), u("jobs:job_list")]
    places = [menu.index(f'href="{url}"') for url in own]
    assert places == sorted(places)
    assert places[-1] < menu.index(f'action="{u("logout")}"')


def test_the_menu_follows_a_role_granted_or_withdrawn_at_the_next_page(world):
    """The drawn menu is kept per set of capabilities: a role granted to someone already
    signed in shows its entries at their next page, and goes with the role."""
    client = Client()
    person = make_user("newcomer")
    assert client.login(username="newcomer", password=PASSWORD)

    def groups():
        parser = MenuParser()
        parser.feed(client.get(reverse("home")).content.decode())
        return [label for label, _entries in parser.groups]

    before = groups()
    assert "创建推进" not in before
    assignment = role_assign(actor=None, user=person, org=world.branch_a, role=Role.SECRETARY)
    assert "创建推进" in groups()
    role_revoke(actor=None, assignment=assignment)
    assert groups() == before
