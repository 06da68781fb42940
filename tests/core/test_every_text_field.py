"""Every form and every serializer of the platform refuses invisible characters in every text
field it reads: the walk finds them all, so a new form or serializer that forgets the platform's
base class (core.forms.StyledFormMixin / TextGuardMixin, core.rest.serializers.Serializer /
ModelSerializer) fails here."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from rest_framework import serializers
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.test import APIRequestFactory

import partybrand
from partybrand.brands.models import Brand
from partybrand.cases.models import TypicalCase
from partybrand.core.forms import TextGuardMixin
from partybrand.core.models import User
from partybrand.core.rest.serializers import ModelSerializer, Serializer, TextGuardSerializerMixin
from partybrand.core.validators import RefuseControlCharacters
from partybrand.indicators.models import Indicator, IndicatorSystem
from partybrand.orgs.models import Member, Organization
from partybrand.plans.models import Task
from partybrand.promotion.models import Launch
from partybrand.rounds.models import Entry, RoundTier, ScoreSheet
from partybrand.surveys.models import Survey
from partybrand.themes.models import Candidate
from tests.permissions.cases.supervision import make_plan
from tests.rounds.helpers import make_round

HOSTILE = "先锋\u202e擎引\x1b[0m"
REASON = "含有不可见的控制字符或文字方向控制符"
SKIPPED_MODULES = ("migrations", "settings", "__main__", "wsgi")


def project_classes(base) -> list[type]:
    found = {}
    for info in pkgutil.walk_packages(partybrand.__path__, "partybrand."):
        if any(part in info.name.split(".") for part in SKIPPED_MODULES):
            continue
        if info.name.startswith("partybrand.settings"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, base)
                and value.__module__.startswith("partybrand.")
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


FORMS = project_classes(forms.BaseForm)
SERIALIZERS = [  # the platform's two bases themselves are no serializers of anything
    c for c in project_classes(serializers.BaseSerializer) if c not in (Serializer, ModelSerializer)
]


def test_the_walk_finds_the_forms_and_serializers():
    assert len(FORMS) > 50 and len(SERIALIZERS) > 80


def _guarded_before(cls, mixin, base) -> bool:
    mro = cls.__mro__
    return mixin in mro and mro.index(mixin) < mro.index(base)


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: c.__qualname__)
def test_every_form_derives_from_the_guarded_base(form_class):
    assert _guarded_before(form_class, TextGuardMixin, forms.BaseForm), (
        f"{form_class.__module__}.{form_class.__qualname__}: derive from StyledFormMixin "
        "(or TextGuardMixin) so its text fields refuse invisible characters"
    )


def _form_arguments(world) -> dict:
    """What the forms' constructors ask for, by the parameter's name."""
    plan = make_plan(world)
    return {
        "orgs": Organization.objects.all(),
        "brands": Brand.objects.all(),
        "people": User.objects.all(),
        "users": User.objects.all(),
        "reviewers": User.objects.all(),
        "experts": User.objects.all(),
        "owners": Organization.objects.all(),
        "systems": IndicatorSystem.objects.all(),
        "indicators": Indicator.objects.all(),
        "plan": plan,
        "tasks": Task.objects.all(),
        "shown_tasks": [],
        "surveys": Survey.objects.all(),
        "candidates": Candidate.objects.all(),
        "parent_choices": Brand.objects.all(),
        "members": Member.objects.all(),
        "roll": Member.objects.all(),
        "roles": [("member", "党员")],
        "within": Organization.objects.all(),
        "version": 1,
        "texts": {},
        "cases": TypicalCase.objects.all(),
        "tiers": RoundTier.objects.all(),
        "committees": Organization.objects.all(),
        "round_": make_round(world),
        "entries": Entry.objects.all(),
        "leaves": [],
        "sheet": ScoreSheet(items={}, comments=""),
        "actions": [("brand_create", "新建品牌")],
        "object_types": [("brands.brand", "品牌")],
        "receivers": Organization.objects.all(),
        "launches": Launch.objects.all(),
    }


def _build(form_class, arguments, data):
    kwargs = {}
    for klass in form_class.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for name, param in inspect.signature(init).parameters.items():
            if param.kind is not param.KEYWORD_ONLY or name in kwargs:
                continue
            if name in arguments:
                kwargs[name] = arguments[name]
            elif param.default is param.empty:
                raise AssertionError(f"{form_class.__qualname__} asks for {name}: add it above")
    return form_class(data, **kwargs)


def _text_fields(form) -> list[str]:
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.PasswordInput)
        and not field.disabled
    ]


@pytest.mark.django_db
def test_every_text_field_of_every_form_refuses_a_bidi_override(world):
    arguments = _form_arguments(world)
    unguarded, checked = [], 0
    for form_class in FORMS:
        names = _text_fields(_build(form_class, arguments, None))
        form = _build(form_class, arguments, dict.fromkeys(names, HOSTILE))
        form.is_valid()
        for name in _text_fields(form):
            checked += 1
            field = form.fields[name]
            has = any(isinstance(v, RefuseControlCharacters) for v in field.validators)
            refused = any(REASON in error for error in form.errors.get(name, []))
            if not (has and refused):
                unguarded.append(f"{form_class.__qualname__}.{name}")
    assert not unguarded
    assert checked > 100


@pytest.mark.parametrize("serializer_class", SERIALIZERS, ids=lambda c: c.__qualname__)
def test_every_serializer_derives_from_the_guarded_base(serializer_class):
    base = serializers.BaseSerializer
    guarded = _guarded_before(serializer_class, TextGuardSerializerMixin, base)
    assert guarded, (
        f"{serializer_class.__module__}.{serializer_class.__qualname__}: derive from "
        "partybrand.core.rest.serializers.Serializer or ModelSerializer"
    )


def _writable_text(field) -> list:
    """The field itself, or its items' field, when it reads text from the client."""
    if field.read_only or field.style.get("input_type") == "password":
        return []
    if isinstance(field, serializers.ListField | serializers.DictField):
        return _writable_text(field.child)
    if isinstance(field, serializers.CharField | serializers.JSONField):
        return [field]
    return []


@pytest.mark.django_db
def test_every_writable_text_field_of_every_serializer_refuses_a_bidi_override():
    request = APIRequestFactory().get("/")
    request.user = AnonymousUser()
    unguarded, checked = [], 0
    for serializer_class in SERIALIZERS:
        serializer = serializer_class(context={"request": request})
        for name, field in serializer.fields.items():
            for text_field in _writable_text(field):
                checked += 1
                try:
                    text_field.run_validators(HOSTILE)
                except ApiValidationError as refused:
                    if REASON in str(refused.detail):
                        continue
                unguarded.append(f"{serializer_class.__qualname__}.{name}")
    assert not unguarded
    assert checked > 100
