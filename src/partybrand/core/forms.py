"""Form helpers shared by every app."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect


class StyledFormMixin:
    """Gives widgets Bootstrap classes so templates stay plain."""

    fields: dict[str, forms.Field]  # the form's, which this is mixed into

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def form_error_text(form) -> str:
    """All of a form's errors in one line, each prefixed by its field's label."""
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        prefix = f"{field.label}：" if field is not None and field.label else ""
        parts.append(prefix + "，".join(errors))
    return "；".join(parts)


def error_text(exc) -> str:
    """A service's ValidationError as one line for a message."""
    return "；".join(exc.messages)


def form_action(request, form, call, *, success, back):
    """Validate a posted form, run the service with its data, report the outcome as a message
    and go back to `back` (a response). `success` is a text or a function of the result."""
    if not form.is_valid():
        messages.error(request, "未保存：" + form_error_text(form))
        return back
    try:
        result = call(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, "未保存：" + error_text(exc))
    else:
        messages.success(request, success(result) if callable(success) else success)
    return back


def redirect_to(url_name: str, anchor: str = "", **kwargs):
    """A redirect to a named page, optionally to an anchor on it."""
    response = redirect(url_name, **kwargs)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response
