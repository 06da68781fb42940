"""Organisation and member pages: personal data masked for a plain member but not in one's own
record, the lazy tree starting at the user's own organisation, search inside the user's scope,
and changes to members and roles audited without personal data."""

from django.test import Client
from django.urls import reverse

from tests.factories import make_member, make_org
from tests.helpers import login


def test_member_list_masks_personal_data_for_a_plain_member(world):
    make_member(world.branch_a, "张三", phone="13987654321")
    page = login(world, "member").get(reverse("orgs:member_list")).content.decode()
    assert "139****4321" in page and "13987654321" not in page
    page = login(world, "secretary").get(reverse("orgs:member_list")).content.decode()
    assert "13987654321" in page


def test_a_member_sees_own_phone_and_id_unmasked(world):
    client = login(world, "member")
    page = client.get(reverse("orgs:member_detail", args=[world.member_a.pk])).content.decode()
    assert world.member_a.phone in page and world.member_a.id_number in page


def test_tree_starts_at_the_users_own_organisation_and_loads_children_on_demand(world):
    make_org(world.branch_a, "第一党小组", "group", "T1111")
    client = login(world, "mid_admin")
    page = client.get(reverse("orgs:org_tree")).content.decode()
    assert "甲公司党委" in page and "测试集团党委" not in page and "支部B" not in page
    assert "支部A" not in page  # two levels down: not loaded until opened
    partial = client.get(reverse("orgs:org_children", args=[world.general_branch.pk]))
    assert "支部A" in partial.content.decode()


def test_org_search_finds_only_inside_the_users_scope(world):
    client = login(world, "secretary")
    page = client.get(reverse("orgs:org_tree"), {"q": "支部"}).content.decode()
    assert "支部A" in page and "支部B" not in page


def test_superuser_assigns_a_role_in_administration_and_it_is_audited(world):
    from partybrand.core.models import AuditLog
    from partybrand.orgs.models import RoleAssignment
    from tests.factories import make_user

    admin_user = make_user("root", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:orgs_roleassignment_add"),
        {"user": world.outsider.pk, "org": world.branch_a.pk, "role": "branch_committee"},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=world.outsider, org=world.branch_a).exists()
    assert AuditLog.objects.filter(action="role_assign", actor=admin_user).exists()
    assert login(world, "secretary").get(reverse("admin:index")).status_code == 302


def test_member_changes_are_audited_without_personal_data(world):
    from datetime import date

    from partybrand.core.models import AuditLog
    from partybrand.orgs.services import member_update

    member_update(
        actor=world.secretary, member=world.member_a, birth_date=date(1990, 3, 8), job_title="班长"
    )
    row = AuditLog.objects.filter(action="member_update").latest("id")
    assert row.changes["job_title"] == ["", "班长"]
    assert "1990" not in str(row.changes)
