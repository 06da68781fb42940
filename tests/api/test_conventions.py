"""What every endpoint of the REST API shares: messages in Chinese whatever the client's language,
no PUT or DELETE where none is offered, the browsable pages, the OpenAPI schema and its docs page
that loads nothing from another host."""

import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from partybrand.brands.models import Brand
from partybrand.orgs.models import Member, Organization
from tests.factories import PASSWORD
from tests.helpers import api_client


def test_put_and_delete_are_not_offered(world):
    client = api_client(world.staff)
    url = reverse("api:org-detail", args=[world.branch_a.pk])
    assert client.put(url, {"name": "x"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405
    assert client.delete(reverse("api:brand-detail", args=[world.brand.pk])).status_code == 405
    assert Organization.objects.get(pk=world.branch_a.pk).name == "支部A"
    assert Brand.objects.filter(pk=world.brand.pk).exists()


def test_messages_are_chinese_whatever_the_client_language(world):
    response = api_client(world.secretary).post(
        reverse("api:member-list"), {}, format="json", HTTP_ACCEPT_LANGUAGE="en-US"
    )
    assert response.status_code == 400
    assert response.json()["name"] == ["该字段是必填项。"]
    assert Member.objects.count() == 1
    response = APIClient().get(reverse("api:brand-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "身份认证信息未提供。"


@pytest.mark.parametrize("name", ["api:org-list", "api:member-list", "api:brand-list"])
def test_browsable_api_pages_render(world, name):
    client = Client()
    client.login(username="secretary", password=PASSWORD)
    response = client.get(reverse(name), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]


# Schema and docs -------------------------------------------------------------------------------


def test_schema_is_openapi_json_listing_the_transition(world):
    response = api_client(world.member).get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/brands/{id}/transition/" in schema["paths"]
    assert "post" in schema["paths"]["/api/v1/auth/token/"]
    assert "put" not in schema["paths"]["/api/v1/orgs/{id}/"]


def test_schema_needs_a_signed_in_user(world):
    assert APIClient().get(reverse("api:schema"), {"format": "json"}).status_code == 401
    assert APIClient().get(reverse("api:docs")).status_code in (401, 403)


def test_schema_generates_without_warnings(db, tmp_path):
    # Raises SchemaGenerationError on any warning and SchemaValidationError on an invalid schema.
    call_command(
        "spectacular",
        urlconf="partybrand.api.urls",
        fail_on_warn=True,
        validate=True,
        file=str(tmp_path / "schema.yaml"),
    )


def test_docs_page_loads_nothing_from_another_host(world):
    client = api_client(world.member)
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page
    # The start-up script is a separate request, so the page needs no inline script (CSP).
    script = client.get(reverse("api:docs"), {"script": ""}).content.decode()
    assert '"validatorUrl": null' in script
    assert "script-src 'self'" in response["Content-Security-Policy"]
