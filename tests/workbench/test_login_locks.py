"""The 登录锁定 page: the committee's staff see which user names and addresses sign-in refuses
now, and lift a lock early (audited), after which the person signs in at once."""

from django.test import Client
from django.urls import reverse

from partybrand.core.models import AuditLog, LoginLock
from tests.factories import PASSWORD
from tests.helpers import login, moving_clock


def fail(username, times, address="10.3.0.1"):
    for _ in range(times):
        Client(REMOTE_ADDR=address).post(
            reverse("login"), {"username": username, "password": "wrong"}
        )


def sign_in(username, address="10.3.0.1"):
    return Client(REMOTE_ADDR=address).post(
        reverse("login"), {"username": username, "password": PASSWORD}
    )


def test_staff_see_locked_names_and_addresses_with_the_minutes_left(world, settings, monkeypatch):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
    now = moving_clock(monkeypatch)
    fail("member", 5)
    fail("ghost-name", 5)
    now.advance(300)
    page = login(world, "staff").get(reverse("login_locks")).content.decode()
    assert "member" in page and "还剩 10 分钟" in page
    assert "网络地址 10.3.0.1" in page and "失败 10 次" in page
    assert "未登记的用户名" in page and "ghost-name" not in page


def test_lifting_a_lock_lets_the_person_in_and_is_audited(world):
    fail("member", 5)
    assert sign_in("member").status_code == 429
    lock = LoginLock.objects.get(user=world.member)
    client = login(world, "committee_admin")
    response = client.post(reverse("login_lock_lift", args=[lock.pk]), follow=True)
    assert "已解除“用户名 member”的登录锁定" in response.content.decode()
    assert "member" not in response.context["locks"]
    assert sign_in("member").status_code == 302
    row = AuditLog.objects.get(action="login_unlock")
    assert row.actor == world.committee_admin and row.object_id == str(lock.pk)
    assert AuditLog.objects.filter(action="login_lock", object_id=str(lock.pk)).exists()


def test_a_lifted_lock_forgets_its_failures_and_does_not_double_the_next(world, settings):
    fail("member", 5)
    lock = LoginLock.objects.get(user=world.member)
    login(world, "staff").post(reverse("login_lock_lift", args=[lock.pk]))
    fail("member", 4)
    assert sign_in("member").status_code == 302  # four failures after the lift: no lock
    fail("member", 5)
    assert "请 15 分钟后再试" in sign_in("member").content.decode()


def test_an_ended_lock_is_not_listed_and_cannot_be_lifted(world, monkeypatch):
    now = moving_clock(monkeypatch)
    fail("member", 5)
    lock = LoginLock.objects.get()
    now.advance(900)
    client = login(world, "staff")
    assert list(client.get(reverse("login_locks")).context["locks"]) == []
    assert client.post(reverse("login_lock_lift", args=[lock.pk])).status_code == 404
    assert not AuditLog.objects.filter(action="login_unlock").exists()


def test_a_second_level_committee_may_not_see_or_lift_locks(world):
    fail("member", 5)
    lock = LoginLock.objects.get()
    client = login(world, "mid_admin")
    assert client.get(reverse("login_locks")).status_code == 403
    assert client.post(reverse("login_lock_lift", args=[lock.pk])).status_code == 403
    assert LoginLock.objects.get().lifted_at is None
