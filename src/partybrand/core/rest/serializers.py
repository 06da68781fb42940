"""What every API serializer shares: the documented shape of an error, and text fields that
refuse invisible characters.

Every serializer of the platform derives from `Serializer` or `ModelSerializer` below (a test
walks them all): each writable text field, declared or built from the model, gets the one
validator of core/validators.py, so the API refuses what the pages refuse, naming the field.
"""

from django.core.exceptions import FieldDoesNotExist
from rest_framework import serializers

from partybrand.core.validators import RefuseControlCharacters, is_multiline


def _model_label(model, name: str | None) -> str:
    if model is None or not name:
        return ""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return ""


def _guard(field: serializers.Field, label: str) -> None:
    if any(isinstance(v, RefuseControlCharacters) for v in field.validators):
        return
    if isinstance(field, serializers.CharField):
        text_area = field.style.get("base_template") == "textarea.html"
        multiline = is_multiline(max_length=field.max_length, text_area=text_area)
    elif isinstance(field, serializers.JSONField):
        multiline = True  # the strings anywhere inside a JSON value
    else:
        return
    field.validators.append(RefuseControlCharacters(label, multiline=multiline))


def guard_serializer_field(field: serializers.Field, name: str, model=None) -> None:
    """Give a writable text field (or the text items of a list or dictionary field) the
    platform's refusal of invisible characters, named by its label. Passwords are left alone."""
    if field.read_only or field.style.get("input_type") == "password":
        return
    label = str(field.label or "") or _model_label(model, field.source or name)
    while isinstance(field, serializers.ListField | serializers.DictField):
        field = field.child  # the items of a list (of lists) of texts
    _guard(field, label)


class TextGuardSerializerMixin:
    """Guards every text field the serializer is built with (declared or from the model)."""

    def get_fields(self):
        fields = super().get_fields()  # type: ignore[misc]
        model = getattr(getattr(self, "Meta", None), "model", None)
        for name, field in fields.items():
            guard_serializer_field(field, name, model)
        return fields


class Serializer(TextGuardSerializerMixin, serializers.Serializer):
    """The platform's base for plain serializers."""


class ModelSerializer(TextGuardSerializerMixin, serializers.ModelSerializer):
    """The platform's base for model serializers."""

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        """DRF drops `allow_blank` from a field listed in `read_only_fields`, so the schema would
        promise a value that a blank column (a case not yet adopted has no level) never has.
        A field the model allows blank keeps saying so when it is only read."""
        allow_blank = kwargs.get("allow_blank")
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank and kwargs.get("read_only"):
            kwargs["allow_blank"] = True
        return kwargs


class ErrorSerializer(Serializer):
    detail = serializers.CharField(label="说明")


def request_user(serializer):
    """The user of the request a serializer is working for."""
    return serializer.context["request"].user
