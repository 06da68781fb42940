"""Every page and endpoint, tried as anonymous, outsider, read-only and allowed persona.

A refused change must leave the database as it was: every row of every table (sessions aside)
is compared before and after the refused request, on top of each case's own `effect` check.
"""

import importlib
import json
import pkgutil

import pytest
from django.apps import apps
from django.test import Client
from django.urls import get_resolver, reverse

import tests.permissions.cases as permcases_pkg
from tests.helpers import login
from tests.permissions.cases import Case

# URLs anyone may open: signing in and out, obtaining an API token, and the health probes.
PUBLIC_URLS = {"login", "logout", "healthz", "readyz", "api:token"}
PUBLIC_URLS |= {"surveys:public_answer", "api:public-survey"}  # anonymous survey answers
# Prometheus's scrape: by address, not by account (tests/ops/test_metrics.py).
PUBLIC_URLS |= {"metrics"}
PUBLIC_URLS |= {"accounts:reset_confirm"}  # a one-time password reset link, opened signed out
# Single sign-on: off to the provider, back from it, and on to its sign-out (tests/sso/).
PUBLIC_URLS |= {"sso:oidc_start", "sso:oidc_callback", "sso:signed_out"}
# Namespaces owned by third parties that have their own tests.
FOREIGN_NAMESPACES = {"admin"}


def all_cases() -> list[Case]:
    cases = []
    for info in pkgutil.iter_modules(permcases_pkg.__path__):
        module = importlib.import_module(f"tests.permissions.cases.{info.name}")
        cases.extend(module.PERMISSION_CASES)
    return cases


CASES = all_cases()


def named_urls(resolver=None, prefix="") -> set[str]:
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            namespace = pattern.namespace
            if namespace in FOREIGN_NAMESPACES:
                continue
            sub = f"{prefix}{namespace}:" if namespace else prefix
            names |= named_urls(pattern, sub)
        elif pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_named_url_has_a_permission_case():
    covered = {case.url_name for case in CASES}
    missing = sorted(named_urls() - covered - PUBLIC_URLS)
    assert not missing, f"URLs without a permission case: {missing}"


# Sessions change with every request, refused or not; permissions and content types never do.
NOT_COMPARED = {"sessions.session", "auth.permission", "contenttypes.contenttype"}


def database_rows() -> dict:
    """Every row of every table, to compare before and after a refused change."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label not in NOT_COMPARED:
            rows[label] = list(model._base_manager.order_by("pk").values())
    return rows


def _request(client: Client, case: Case, world, *, refused: bool = False):
    """Send the case's request; for a refused change, assert that no row changed."""
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    data = case.data(world) if case.data else None
    if case.method == "get":
        return client.get(url, data or {})
    before = database_rows() if refused else None
    if case.content_type == "json":
        response = getattr(client, case.method)(
            url, json.dumps(data or {}), content_type="application/json"
        )
    else:
        response = getattr(client, case.method)(url, data or {})
    if refused:
        after = database_rows()
        changed = sorted(label for label in after if after[label] != before[label])
        assert not changed, f"a refused {case.id} changed {changed}"
    return response


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_anonymous_is_refused(world, case):
    response = _request(Client(), case, world, refused=True)
    if case.api:
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.parametrize("case", [c for c in CASES if c.outsider], ids=lambda c: c.id)
def test_outsider_gets_not_found(world, case):
    response = _request(login(world, case.outsider), case, world, refused=True)
    assert response.status_code in case.outsider_status, response.content[:300]
    if case.effect:
        assert not case.effect(world), "the outsider's request changed something"


@pytest.mark.parametrize("case", [c for c in CASES if c.readonly], ids=lambda c: c.id)
def test_read_only_persona_cannot_change(world, case):
    response = _request(login(world, case.readonly), case, world, refused=True)
    assert response.status_code in case.readonly_status, response.content[:300]
    if case.effect:
        assert not case.effect(world), "the read-only persona's request changed something"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_allowed_persona_succeeds(world, case):
    response = _request(login(world, case.allowed), case, world)
    assert response.status_code in case.allowed_status, response.content[:500]
    if case.effect:
        assert case.effect(world), "the allowed persona's request changed nothing"
