"""Roles given and withdrawn from the platform: only inside one's subtree, never stronger than
one's own, never one's own; reusing the organisations' role services and their audit rows."""

from django.urls import reverse

from partybrand.core.models import AuditLog
from partybrand.orgs.choices import Role
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.roles import ROLE_RANK, grantable_roles
from tests.factories import make_member, make_user
from tests.helpers import assert_queries_flat, login


def _grant(client, account, org, role):
    return client.post(
        reverse("accounts:role_grant", args=[account.pk]), {"org": org.pk, "role": role}
    )


def _member_with_login(world, name="张三", username="zhangsan"):
    user = make_user(username, name)
    member = make_member(world.branch_a, name)
    member.user = user
    member.save(update_fields=["user"])
    return user


def test_every_role_has_a_rank():
    assert set(ROLE_RANK) == set(Role.values)


def test_staff_make_a_member_branch_committee_and_withdraw_it(world):
    user = _member_with_login(world)
    client = login(world, "staff")
    response = _grant(client, user, world.branch_a, Role.BRANCH_COMMITTEE)
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=user, role=Role.BRANCH_COMMITTEE)
    assert assignment.org == world.branch_a
    assert AuditLog.objects.filter(action="role_assign", actor=world.staff).count() == 1
    page = client.get(reverse("accounts:account_detail", args=[user.pk])).content.decode()
    assert "支委" in page

    response = client.post(reverse("accounts:role_withdraw", args=[user.pk, assignment.pk]))
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditLog.objects.filter(action="role_revoke", actor=world.staff).count() == 1


def test_staff_make_someone_an_expert_of_the_group(world):
    user = _member_with_login(world)
    assert _grant(login(world, "staff"), user, world.group, Role.EXPERT).status_code == 302
    assert RoleAssignment.objects.filter(user=user, org=world.group, role=Role.EXPERT).exists()


def test_nobody_grants_a_role_stronger_than_their_own(world):
    user = _member_with_login(world)
    mid = login(world, "mid_admin")
    assert _grant(mid, user, world.branch_a, Role.PARTY_OFFICE).status_code == 403
    assert _grant(login(world, "staff"), user, world.group, Role.COMMITTEE_ADMIN).status_code == 403
    assert not RoleAssignment.objects.filter(
        user=user, role__in=[Role.PARTY_OFFICE, Role.COMMITTEE_ADMIN]
    ).exists()
    assert _grant(mid, user, world.branch_a, Role.SECRETARY).status_code == 302
    labels = [value for value, _ in grantable_roles(world.mid_admin, world.branch_a.path)]
    assert Role.PARTY_OFFICE not in labels and Role.MID_ADMIN in labels


def test_roles_only_inside_ones_subtree(world):
    user = _member_with_login(world)
    mid = login(world, "mid_admin")
    response = mid.post(
        reverse("accounts:role_grant", args=[user.pk]),
        {"org_code": world.branch_b.code, "role": Role.SECRETARY},
    )
    assert response.status_code == 400
    assert "没有编码为" in response.content.decode()
    response = _grant(mid, user, world.group, Role.EXPERT)  # above the mid admin
    assert response.status_code == 400
    assert RoleAssignment.objects.filter(user=user).count() == 0


def test_nobody_touches_their_own_roles(world):
    client = login(world, "staff")
    assert _grant(client, world.staff, world.group, Role.EXPERT).status_code == 403
    own = RoleAssignment.objects.get(user=world.staff)
    response = client.post(reverse("accounts:role_withdraw", args=[world.staff.pk, own.pk]))
    assert response.status_code == 403
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_an_account_stronger_than_the_administrator_cannot_be_changed_by_them(world):
    # staff of the group who also sits on 支部A's roll: visible to the mid admin, not theirs
    record = make_member(world.branch_a, "孙干事")
    record.user = world.staff
    record.save(update_fields=["user"])
    client = login(world, "mid_admin")
    page = client.get(reverse("accounts:account_detail", args=[world.staff.pk]))
    assert page.status_code == 200
    assert "无权授予的角色" in page.content.decode()
    for name in ("reset_link", "temporary_password", "account_deactivate"):
        assert client.post(reverse(f"accounts:{name}", args=[world.staff.pk])).status_code == 403
    world.staff.refresh_from_db()
    assert world.staff.is_active


def test_the_account_list_filters_by_organisation_role_and_state(world):
    user = _member_with_login(world)
    user.is_active = False
    user.save(update_fields=["is_active"])
    client = login(world, "staff")
    everyone = client.get(reverse("accounts:account_list")).content.decode()
    assert "zhangsan" in everyone and "outsider" in everyone
    in_a = client.get(reverse("accounts:account_list"), {"org": world.committee_a.pk})
    assert "outsider" not in in_a.content.decode() and "zhangsan" in in_a.content.decode()
    secretaries = client.get(reverse("accounts:account_list"), {"role": Role.SECRETARY})
    text = secretaries.content.decode()
    assert "outsider" in text and "zhangsan" not in text
    stopped = client.get(reverse("accounts:account_list"), {"active": "false"}).content.decode()
    assert "zhangsan" in stopped and "outsider" not in stopped
    found = client.get(reverse("accounts:account_list"), {"q": "张三"}).content.decode()
    assert "zhangsan" in found and "outsider" not in found


def test_the_mid_admin_lists_only_the_accounts_of_their_subtree(world):
    text = login(world, "mid_admin").get(reverse("accounts:account_list")).content.decode()
    assert ">secretary</a>" in text and ">member</a>" in text
    assert "outsider" not in text and "committeeadmin" not in text


def test_the_account_list_queries_do_not_grow_with_the_accounts(world):
    client = login(world, "staff")

    def more_accounts():
        for number in range(12):
            user = _member_with_login(world, f"党员{number}", f"dangyuan{number}")
            RoleAssignment.objects.create(user=user, org=world.branch_a, role=Role.MEMBER)

    assert_queries_flat(more_accounts, lambda: client.get(reverse("accounts:account_list")))
