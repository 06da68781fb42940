"""The probes a load balancer asks: /healthz says the process answers, /readyz says it can serve
(database, cache, disk room, a writable upload folder, the task queue) and answers 503 naming the
check that failed. Both are public, show no personal data and a failing probe is not logged as an
error."""

import logging
from unittest import mock

import pytest
from django.core.cache.backends.base import BaseCache
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from partybrand.jobs import health as queue
from tests.helpers import count_queries, login

CHECKS = {"database", "cache", "disk", "media", "queue", "worker"}


class BrokenCache(BaseCache):
    """A cache server that went away: every read and write raises."""

    def __init__(self, location, params):
        super().__init__(params)

    def _refuse(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to redis.internal:6379. Connection refused.")

    add = get = set = delete = touch = incr = _refuse


def ready(client=None):
    return (client or Client()).get(reverse("readyz"))


def test_healthz_answers_without_signing_in_or_asking_the_database(db):
    assert count_queries(lambda: Client().get(reverse("healthz"))) == 0
    response = Client().get(reverse("healthz"))
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_still_answers_when_the_database_is_down(db):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        assert Client().get(reverse("healthz")).status_code == 200


def test_readyz_reports_every_check_and_its_time(db):
    queue.beat()  # a worker is running
    response = ready()
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == CHECKS
    for result in body["checks"].values():
        assert result["ok"] is True and result["ms"] >= 0 and "error" not in result


def test_readyz_is_public_but_refuses_changes(db):
    assert Client().post(reverse("readyz")).status_code == 405
    assert Client().head(reverse("readyz")).status_code == 200


def test_a_database_that_does_not_answer_makes_the_node_unready(db):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError('connection to "db.internal" failed')
    ):
        response = ready()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"] == {"ok": False, "error": "数据库不可用", "ms": mock.ANY}
    assert body["checks"]["cache"]["ok"] and body["checks"]["media"]["ok"]
    assert "db.internal" not in response.content.decode()


def test_a_cache_that_raises_makes_the_node_unready(db, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.ops.test_health.BrokenCache"}}
    response = ready()
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["ok"] is False and checks["cache"]["error"] == "缓存不可用"
    assert checks["database"]["ok"] is True
    assert "redis.internal" not in response.content.decode()


def test_a_full_disk_makes_the_node_unready(db, settings):
    settings.READY_MIN_FREE_MB = 10**12  # more room than any disk has: the disk counts as full
    response = ready()
    assert response.status_code == 503
    disk = response.json()["checks"]["disk"]
    assert disk["ok"] is False
    assert disk["error"].startswith("数据文件夹所在磁盘剩余") and "低于下限" in disk["error"]


def test_an_upload_folder_that_cannot_take_a_file_makes_the_node_unready(db, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the upload folder should be")
    settings.MEDIA_ROOT = blocker
    response = ready()
    assert response.status_code == 503
    media = response.json()["checks"]["media"]
    assert media == {"ok": False, "error": "上传文件夹不可写", "ms": mock.ANY}
    assert str(tmp_path) not in response.content.decode()


def test_the_writability_check_leaves_no_file_behind(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert ready().status_code == 200
    assert list((tmp_path / "media").iterdir()) == []


def test_an_unready_node_is_logged_as_a_warning_not_an_error(db, settings, caplog):
    settings.READY_MIN_FREE_MB = 10**12
    with caplog.at_level(logging.INFO):
        assert ready().status_code == 503
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == ["not ready: disk"]


@pytest.mark.parametrize("url_name", ["healthz", "readyz"])
def test_probes_show_no_personal_data_to_a_signed_in_user_either(world, url_name):
    page = login(world, "staff").get(reverse(url_name)).content.decode()
    for secret in (world.staff.username, world.secretary.username):
        assert secret not in page


@pytest.mark.parametrize("url_name", ["healthz", "readyz"])
def test_probes_answer_on_plain_http_when_https_is_enforced(db, settings, url_name):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get(reverse(url_name)).status_code == 200
    assert Client().get(reverse("login")).status_code == 301
