"""The audit page speaks Chinese: every action the code writes is registered with a label, object
types are named by their models, changed fields by their verbose names and choices; what no app
registers shows its code; and no stored `changes` can break the page."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.test import Client
from django.urls import reverse

from partybrand.accounts.services import logins_create_bulk, reset_link_issue
from partybrand.brands.lifecycle import TRANSITIONS
from partybrand.brands.transitions import brand_transition
from partybrand.core.audit_registry import (
    Key,
    action_label,
    change_lines,
    known_actions,
    object_type_label,
    register_actions,
    register_change_keys,
)
from partybrand.core.models import AuditLog, User
from partybrand.core.throttle import active_locks, lock_lift
from partybrand.core.tokens import token_issue, token_revoke
from partybrand.demo.loader import load_demo
from tests.factories import PASSWORD, make_member
from tests.workbench.audit_scan import written_actions

pytestmark = pytest.mark.slow(seconds=20)

TRANSITION = ("partybrand.brands.transitions", "brand_transition")


def audit_page(world, **params) -> str:
    client = Client()
    assert client.login(username=world.staff.username, password=PASSWORD)
    response = client.get(reverse("audit_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_every_action_the_code_writes_is_registered():
    scan = written_actions()
    registered = known_actions()
    assert len(scan.actions) > 100  # the scan reaches every app's services
    missing = {code: sorted(at) for code, at in scan.actions.items() if code not in registered}
    assert not missing, f"register these in the app's …Audit choices: {missing}"
    # Only a brand's lifecycle move is chosen at run time: each move of the table is registered.
    assert {helper for _where, _expr, helper in scan.unresolved} == {TRANSITION}
    assert {f"brand_{action}" for action in TRANSITIONS} <= set(registered)
    assert all(label and label != code for code, label in registered.items())


def test_the_scan_follows_helpers_and_choices_to_the_codes():
    scan = written_actions()
    assert "src" not in next(iter(scan.actions["indicator_add"]))  # where: relative paths
    for code in ("indicator_add", "theme_vote_cast", "ticket_close", "org_import"):
        assert code in scan.actions  # through _audit, _move(TicketAction.CLOSE), _summary
    assert "indicator_system_import" in scan.actions  # system_build's `action or "…"` default


def test_a_code_registered_twice_with_another_label_is_refused():
    class Clash(models.TextChoices):
        SUBMIT = "brand_submit", "别的名称"

    with pytest.raises(ImproperlyConfigured):
        register_actions(Clash)
    assert action_label("brand_submit") == "提交申报"


def test_the_page_shows_labels_not_codes(world):
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    html = audit_page(world, object_type="brands.brand")
    assert 'data-action="brand_submit">提交申报<' in html
    assert 'data-action="brand_create">新建品牌<' in html
    assert f"党建品牌 #{world.brand.pk}" in html
    assert "<b>状态</b>：创建中 → 已申报" in html  # the field's name and its choices' labels
    assert ">brand_submit<" not in html and "brands.brand#" not in html
    assert "[&#x27;draft&#x27;, &#x27;submitted&#x27;]" not in html
    assert '<option value="brands.brand" selected>党建品牌</option>' in html
    assert '<option value="brand_submit">提交申报</option>' in html


def test_an_unregistered_action_and_type_show_their_codes(world):
    AuditLog.objects.create(
        action="legacy_merge",
        object_type="gone.thing",
        object_id="7",
        object_repr="旧记录",
        org_path=world.branch_a.path,
        changes={"status": ["a", "b"]},
    )
    html = audit_page(world, action="legacy_merge")
    assert 'data-action="legacy_merge">legacy_merge<' in html
    assert "gone.thing #7" in html and "<b>status</b>：a、b" in html


@pytest.mark.parametrize(
    "object_type,items",
    [
        ("assessments.assessment", "评审指标（项）"),
        ("brands.brand", "items"),
        ("gone.thing", "items"),
    ],
)
def test_a_row_whose_changes_hold_a_key_named_items_still_renders(world, object_type, items):
    # `row.changes.items` in a template finds the key "items" before dict.items: the page broke.
    AuditLog.objects.create(
        action="assessment_self_score",
        object_type=object_type,
        object_id="1",
        object_repr="测评",
        org_path=world.branch_a.path,
        changes={"items": 3, "keys": ["a"], "values": {"x": 1}},
    )
    html = audit_page(world, action="assessment_self_score")
    assert f"<b>{items}</b>：3" in html and "<b>keys</b>：a" in html
    assert "<b>values</b>：{&quot;x&quot;: 1}" in html


def test_object_types_come_from_the_models():
    assert object_type_label("brands.brand") == "党建品牌"
    assert object_type_label("core.auditlog") == "审计日志"
    assert object_type_label("nonsense") == "nonsense"
    assert change_lines("brands.brand", {"status": ["named", "rectifying"], "doc": "X"}) == [
        ("状态", "已命名 → 限期整改"),
        ("doc", "X"),
    ]
    attended = change_lines("supervision.reviewmeeting", {"attendees": ["刘星", "周婕"]})
    assert attended == [("参会人员", "刘星、周婕")]  # members, not an old and a new value


def test_keys_that_are_no_field_read_as_their_app_registered_them():
    escalated = change_lines("supervision.ticket", {"escalation": [[0, ""], [1, "发电运行党总支"]]})
    assert escalated == [("逾期升级", "升级至第 1 级（发电运行党总支）")]
    # a code by its choice's label; its label written beside it is not repeated
    assert change_lines("brands.brand", {"outcome": "keep", "outcome_label": "保持"}) == [
        ("复审结论", "保持")
    ]
    assert change_lines("brands.kpi", {"value": [None, "97.12"], "brand": "红色引擎"}) == [
        ("数值", "（空） → 97.12"),
        ("品牌", "红色引擎"),  # a field Django named after its code: the registered name
    ]
    adopted = {"closes_at": "2026-11-10T01:00:00+00:00", "to": {"name": "抢修尖兵", "slogan": "抢"}}
    assert change_lines("themes.workshop", adopted) == [
        ("投票截止", "2026-11-10 09:00"),  # Beijing time
        ("采用后", "品牌名称：抢修尖兵；品牌口号：抢"),
    ]
    assert change_lines("plans.plan", {"role": "leader", "template": "five_parts"}) == [
        ("专班职务", "组长"),
        ("计划模板", "品牌创建五步法（一年期）"),
    ]
    assert change_lines("plans.phase", {"name": "准备"}) == [("阶段名称", "准备")]  # its field
    assert change_lines("assessments.assessment", {"status": ["reviewing", "reviewing"]}) == [
        ("状态", "评审中")  # a state that stayed reads once
    ]


def test_a_key_registered_twice_with_another_reading_is_refused():
    with pytest.raises(ImproperlyConfigured):
        register_change_keys("supervision", {"carried_over": Key("别的名称")})
    register_change_keys("supervision", {"carried_over": "上次遗留事项（项）"})  # the same: fine


CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def test_the_demos_audit_log_reads_without_codes(db):
    # Every kind of row the demo writes: actions, object types and the names of what changed.
    load_demo("demo-pw-123")
    unread = set()
    for row in AuditLog.objects.iterator():
        assert action_label(row.action) != row.action, row.action
        assert object_type_label(row.object_type) != row.object_type, row.object_type
        for name, _text in change_lines(row.object_type, row.changes):
            if CODE.match(name):
                unread.add(f"{row.object_type}.{name}")
    assert not unread, f"register labels (register_change_keys) for: {sorted(unread)}"


def test_rows_about_accounts_tokens_and_locks_read_without_codes(world, settings):
    # Logins given in bulk, a reset link, a token issued and revoked, a sign-in locked and lifted.
    members = [make_member(world.branch_a, name) for name in ("钱新", "孙新")]
    issued = logins_create_bulk(actor=world.staff, members=members)
    account = User.objects.get(username=issued[0].username)
    reset_link_issue(actor=world.staff, account=account, site="http://testserver")
    token, _key = token_issue(actor=account, user=account, name="报表")
    token_revoke(actor=account, token=token)
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 1):
        client.post(reverse("login"), {"username": account.username, "password": "wrong"})
    lock_lift(actor=world.staff, lock=active_locks().get())
    unread = set()
    for row in AuditLog.objects.iterator():
        for name, _text in change_lines(row.object_type, row.changes):
            if CODE.match(name):
                unread.add(f"{row.object_type}.{name}")
    assert not unread, f"register labels (register_change_keys) for: {sorted(unread)}"
