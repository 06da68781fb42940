"""ETag and If-Match over the whole API (core/rest/versions.py).

The routes come from the router: every detail route of a viewset whose rows are versioned. Each
write (PATCH, PUT, DELETE, and the POST actions of a detail route) is tried with the permission
case that already knows how to make it succeed (tests/permissions/cases/), as that case's allowed
persona: sent with an ETag someone else's save has made old it is refused with 412 and changes
nothing; sent with the current one it goes through."""

import json

import pytest
from django.urls import reverse
from drf_spectacular.plumbing import get_view_model

from partybrand.api.urls import router
from partybrand.brands import api as brands_api
from partybrand.brands.models import Brand
from partybrand.brands.services import brand_update
from partybrand.core.versioning import etag, is_versioned
from tests.helpers import api_client, login
from tests.permissions.test_every_url import CASES, database_rows

HANDLERS = {"patch": "partial_update", "put": "update", "delete": "destroy"}


def versioned_routes() -> dict[str, object]:
    """{URL name of a detail route: its model} for every viewset with versioned rows."""
    routes = {}
    for _prefix, viewset, basename in router.registry:
        model = get_view_model(viewset(), emit_warnings=False)
        if model is not None and is_versioned(model):
            routes[f"api:{basename}-detail"] = model
            for extra in viewset.get_extra_actions():
                if extra.detail:
                    routes[f"api:{basename}-{extra.url_name}"] = model
    return routes


ROUTES = versioned_routes()


def writes_offered() -> set[tuple[str, str]]:
    """(URL name, method) of every PATCH, PUT and DELETE of a versioned row."""
    offered = set()
    for _prefix, viewset, basename in router.registry:
        if f"api:{basename}-detail" not in ROUTES:
            continue
        for method, handler in HANDLERS.items():
            if hasattr(viewset, handler) and method in viewset.http_method_names:
                offered.add((f"api:{basename}-detail", method))
    return offered


WRITES = [c for c in CASES if c.api and c.url_name in ROUTES and c.method != "get"]
READS = [c for c in CASES if c.api and c.url_name.endswith("-detail") and c.url_name in ROUTES]
READS = [c for c in READS if c.method == "get"]


def _send(client, case, world, kwargs, **headers):
    url = reverse(case.url_name, kwargs=kwargs)
    body = case.data(world) if case.data else {}
    return getattr(client, case.method)(
        url, json.dumps(body), content_type="application/json", **headers
    )


def _row(case, kwargs):
    return ROUTES[case.url_name]._base_manager.get(pk=kwargs["pk"])


def test_every_write_to_a_versioned_row_is_tried_here():
    tried = {(c.url_name, c.method) for c in WRITES}
    missing = sorted(writes_offered() - tried)
    assert not missing, f"writes without a permission case to try If-Match with: {missing}"
    assert {"api:brand-detail", "api:plan-task-detail", "api:survey-question-detail"} <= {
        name for name, _ in writes_offered()
    }


@pytest.mark.parametrize("case", READS, ids=lambda c: c.id)
def test_a_detail_answer_carries_the_rows_version_as_its_etag(world, case):
    kwargs = case.kwargs(world)  # builds the row: once
    response = login(world, case.allowed).get(reverse(case.url_name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["ETag"] == etag(_row(case, kwargs))


@pytest.mark.parametrize("case", WRITES, ids=lambda c: c.id)
def test_a_write_from_an_old_etag_is_refused_with_412_and_changes_nothing(world, case):
    client = login(world, case.allowed)
    kwargs = case.kwargs(world)  # builds the row: once
    seen = etag(_row(case, kwargs))
    _row(case, kwargs).save()  # someone else saves the row meanwhile

    before = database_rows()
    refused = _send(client, case, world, kwargs, HTTP_IF_MATCH=seen)

    assert refused.status_code == 412, refused.content[:300]
    assert "已被他人修改" in refused.json()["detail"]
    assert refused["ETag"] == etag(_row(case, kwargs))
    assert database_rows() == before, "a refused write changed rows"
    if case.effect:
        assert not case.effect(world)

    # Read again: with the ETag it now has, the same write goes through.
    done = _send(client, case, world, kwargs, HTTP_IF_MATCH=refused["ETag"])
    assert done.status_code in case.allowed_status, done.content[:300]
    if case.effect:
        assert case.effect(world)
    if case.method in ("patch", "put"):
        assert done["ETag"] == etag(_row(case, kwargs))


def test_a_patch_answers_with_the_new_etag_and_an_unmatched_tag_is_refused(world):
    client = api_client(world.secretary)
    url = reverse("api:brand-detail", args=[world.brand.pk])
    first = client.get(url)["ETag"]
    saved = client.patch(url, {"slogan": "新口号"}, format="json", HTTP_IF_MATCH=first)
    assert saved.status_code == 200 and saved["ETag"] != first
    assert saved["ETag"] == etag(Brand.objects.get(pk=world.brand.pk))

    def patch(tag):
        return client.patch(url, {"slogan": f"口号{tag}"}, format="json", HTTP_IF_MATCH=tag)

    for old in ('"v999"', '"abc"', "", first, f"W/{first}"):
        assert patch(old).status_code == 412, old
    several = patch(f'"v999", W/{saved["ETag"]}')  # one of several; a weak tag like a strong
    assert several.status_code == 200
    assert patch("*").status_code == 200


def test_without_if_match_a_row_changed_while_the_request_ran_is_a_409(world, monkeypatch):
    real = brands_api.brand_update

    def someone_saves_first(*, actor, brand, **fields):
        brand_update(actor=world.branch_committee, brand=brand, slogan="赵支委的口号")
        return real(actor=actor, brand=brand, **fields)

    monkeypatch.setattr(brands_api, "brand_update", someone_saves_first)
    url = reverse("api:brand-detail", args=[world.brand.pk])
    answer = api_client(world.secretary).patch(url, {"name": "红色先锋"}, format="json")

    assert answer.status_code == 409
    assert "已被他人修改" in answer.json()["detail"] and "赵支委" in answer.json()["detail"]
    brand = Brand.objects.get(pk=world.brand.pk)
    assert (brand.name, brand.slogan) == ("红色引擎", "赵支委的口号")  # theirs kept, ours not
    assert answer["ETag"] == etag(brand)


def test_the_schema_documents_if_match_etag_412_and_409(world):
    schema = json.loads(
        login(world, "member").get(reverse("api:schema"), {"format": "json"}).content
    )
    brand = schema["paths"]["/api/v1/brands/{id}/"]
    patch = brand["patch"]
    assert "If-Match" in [p["name"] for p in patch["parameters"] if p["in"] == "header"]
    assert {"200", "409", "412"} <= set(patch["responses"])
    assert "ETag" in patch["responses"]["200"]["headers"]
    assert "ETag" in brand["get"]["responses"]["200"]["headers"]
    delete = schema["paths"]["/api/v1/surveys/{survey_pk}/questions/{id}/"]["delete"]
    assert {"204", "409", "412"} <= set(delete["responses"])
    action = schema["paths"]["/api/v1/supervision-tickets/{id}/close/"]["post"]
    assert "412" in action["responses"]
    assert "If-Match" not in [
        p["name"] for p in schema["paths"]["/api/v1/brands/"]["post"].get("parameters", [])
    ]
