"""The OpenAPI schema describes every answer the API gives: each operation documents the error
statuses it can answer in the one error shape, and the fields that can be blank or null say so.
The fuzz run in CI (scripts/fuzz_api.py) holds the API to this; these tests keep the schema's
promises from slipping between runs."""

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers as drf

from partybrand.core.rest.serializers import ModelSerializer

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    # What GET /api/schema/ serves (tests/api/test_conventions.py reads it there), made once:
    # generating it takes seconds.
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_every_operation_documents_its_errors_in_the_one_shape(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        where = f"{method.upper()} {path}"
        assert {"400", "414", "500"} <= responses.keys(), where
        signed_in = {} not in operation.get("security", [{}])
        if signed_in:
            assert {"401", "403", "404"} <= responses.keys(), where
        if method in ("post", "put", "patch"):
            assert {"413", "415"} <= responses.keys(), where
        if method in ("put", "patch", "delete"):
            assert "412" in responses, where
        if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", [])):
            assert "422" in responses, where
        for code, response in responses.items():
            if code >= "400":
                body = response["content"]["application/json"]["schema"]
                ref = body["$ref"].rsplit("/", 1)[1]
                assert "detail" in schema["components"]["schemas"][ref]["required"], (where, code)


def test_the_public_and_throttled_operations_document_their_own_refusals(schema):
    paths = schema["paths"]
    public = paths["/api/v1/public/surveys/{token}/"]["post"]["responses"]
    assert {"409", "403", "429"} <= public.keys()
    assert "429" in paths["/api/v1/auth/token/"]["post"]["responses"]
    assert "429" in paths["/api/v1/themes/check"]["post"]["responses"]
    assert "401" not in paths["/api/v1/auth/token/"]["post"]["responses"]


def test_the_error_shape_admits_the_field_errors(schema):
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"] and error["properties"]["detail"]["type"] == "string"
    assert "additionalProperties" in error


def test_fields_that_may_be_blank_or_null_say_so(schema):
    components = schema["components"]["schemas"]
    benchmark = components["Benchmark"]["properties"]
    assert {"type": "string", "maxLength": 0} in benchmark["source_url"]["oneOf"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in benchmark["level_class"]["oneOf"]
    for component, field in [
        ("System", "derived_from"),
        ("System", "owner_name"),
        ("SystemDetail", "derived_from"),
        ("Workshop", "decided_name"),
    ]:
        assert components[component]["properties"][field]["nullable"], (component, field)


def test_a_case_report_not_yet_adopted_may_have_a_blank_level(schema):
    # The fuzz read a reported case whose report had no level yet ("") against an enum without
    # the blank value: DRF drops allow_blank from fields listed as read-only.
    level = schema["components"]["schemas"]["Report"]["properties"]["level"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in level["oneOf"]


def test_every_read_only_choice_that_may_be_blank_says_so(schema):
    # An enum without the blank value would refuse the "" a blank column answers.
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    checked = 0
    missing = []
    for serializer_class in subclasses(ModelSerializer):
        meta = getattr(serializer_class, "Meta", None)
        if (
            meta is None
            or not getattr(meta, "model", None)
            or serializer_class.__module__.startswith("tests")
        ):
            continue
        for name, field in serializer_class(context={"request": None}).fields.items():
            if not field.read_only or not isinstance(field, drf.ChoiceField):
                continue
            try:
                model_field = meta.model._meta.get_field(field.source)
            except FieldDoesNotExist:  # a property or a path through a relation
                continue
            if isinstance(model_field, models.CharField | models.TextField) and model_field.blank:
                checked += 1
                if not field.allow_blank:
                    missing.append((serializer_class.__name__, name))
    assert checked >= 5
    assert not missing, missing


def test_ids_in_addresses_are_documented_as_the_integers_they_are(schema):
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path" and parameter["name"] != "token":
                assert parameter["schema"]["type"] == "integer", (method, path, parameter)


def test_a_proposal_seconding_an_existing_candidate_is_documented(schema):
    path = "/api/v1/theme-workshops/{workshop_pk}/candidates/"
    assert {"200", "201"} <= schema["paths"][path]["post"]["responses"].keys()
