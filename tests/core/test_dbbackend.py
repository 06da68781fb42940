"""The PostgreSQL backend's health checks: a connection that served a request a moment ago is not
asked `SELECT 1` again (one round trip less per request under load); an idle one, or one whose
request failed, still is, and a failed check closes it."""

import pytest
from django.db import connections

from partybrand.core.dbbackends.postgresql import base


class FakePsycopgConnection:
    def close(self):
        self.closed = True


@pytest.fixture
def wrapper(monkeypatch):
    settings = {**connections["default"].settings_dict, "CONN_HEALTH_CHECKS": True}
    settings["CONN_MAX_AGE"] = 60
    db = base.DatabaseWrapper(settings, alias="health-check-test")
    db.connection = FakePsycopgConnection()
    db.health_check_enabled = True
    db.autocommit = True
    db.settings_dict["AUTOCOMMIT"] = True
    db.close_at = None
    db.checks = 0
    db.usable = True

    def is_usable():
        db.checks += 1
        return db.usable

    monkeypatch.setattr(db, "is_usable", is_usable)
    monkeypatch.setattr(db, "get_autocommit", lambda: True)
    monkeypatch.setattr(db, "_close", lambda: None)
    now = [1000.0]
    monkeypatch.setattr(base.time, "monotonic", lambda: now[0])
    db.now = now
    return db


def next_request(db):
    """What Django does between two requests, then before the next one's first query."""
    db.close_if_unusable_or_obsolete()
    db.close_if_health_check_failed()


def test_a_connection_busy_a_moment_ago_is_not_asked_again(wrapper):
    next_request(wrapper)  # the request that opened the connection ended fine
    assert wrapper.checks == 0
    wrapper.now[0] += 0.2
    next_request(wrapper)
    wrapper.now[0] += 0.5
    next_request(wrapper)
    assert wrapper.checks == 0
    assert wrapper.connection is not None


def test_an_idle_connection_is_asked_and_closed_when_the_server_is_gone(wrapper):
    wrapper.close_if_unusable_or_obsolete()
    wrapper.now[0] += base.RECENTLY_FINE + 0.1
    wrapper.usable = False
    wrapper.close_if_health_check_failed()
    assert wrapper.checks == 1
    assert wrapper.connection is None  # closed: the next query opens a new one


def test_a_request_that_failed_on_the_database_gets_the_connection_checked(wrapper):
    wrapper.close_if_unusable_or_obsolete()
    wrapper.now[0] += 0.1
    wrapper.errors_occurred = True
    wrapper.usable = False
    wrapper.close_if_unusable_or_obsolete()  # Django checks it at the request's end
    assert wrapper.checks == 1
    assert wrapper.connection is None


def test_the_check_is_done_once_per_request(wrapper):
    wrapper.now[0] += base.RECENTLY_FINE + 5
    wrapper.health_check_done = False
    wrapper.close_if_health_check_failed()
    wrapper.close_if_health_check_failed()
    assert wrapper.checks == 1
