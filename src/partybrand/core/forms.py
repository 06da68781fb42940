"""Form helpers shared by every app."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name
from django.shortcuts import redirect

from partybrand.core.conflicts import describe
from partybrand.core.submissions import FIELD, REPEATED, Repeated, clean_token, once
from partybrand.core.validators import RefuseControlCharacters, is_multiline
from partybrand.core.versioning import Stale, is_versioned, version_of


def guard_text_field(field: forms.Field, name: str) -> None:
    """Give a text field the platform's refusal of invisible characters (core/validators.py),
    named by its label; running text keeps its tabs and line breaks. Passwords are left alone."""
    if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
        return
    if any(isinstance(v, RefuseControlCharacters) for v in field.validators):
        return
    label = str(field.label or pretty_name(name))
    text_area = isinstance(field.widget, forms.Textarea)
    multiline = is_multiline(max_length=field.max_length, text_area=text_area)
    field.validators.append(RefuseControlCharacters(label, multiline=multiline))


class TextGuardMixin:
    """Every text field of the form refuses control characters and bidi overrides: the fields
    the form was built with and any a subclass adds later (guarded again before cleaning)."""

    fields: dict[str, forms.Field]  # the form's, which this is mixed into

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.guard_text_fields()

    def guard_text_fields(self) -> None:
        for name, field in self.fields.items():
            guard_text_field(field, name)

    def full_clean(self):
        self.guard_text_fields()
        super().full_clean()  # type: ignore[misc]


class StyledFormMixin(TextGuardMixin):
    """Every page form's base: widgets get Bootstrap classes so templates stay plain, and text
    fields refuse invisible characters (TextGuardMixin)."""

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


class VersionedFormMixin:
    """A form that edits a versioned row carries, in a hidden `version` field, the version the
    page was opened at; its service refuses it when the row has changed since (core/versioning.py,
    form_action shows the other person's change). A model form takes the version from its
    instance; any other form is given it: `TaskForm(..., version=task.version)`. The same form
    creating a row (no instance, no version) has no such field."""

    fields: dict[str, forms.Field]

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if version is None and instance is not None and instance.pk and is_versioned(instance):
            version = version_of(instance)
        if version is None:
            return  # a form that creates: nothing to be stale against
        # Optional: a page opened before versions existed is saved as before, unchecked.
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0, initial=version
        )

    def conflict_values(self) -> tuple[dict, dict, object]:
        """For the report of a stale save: what was typed, the fields' labels, and a
        function(row) -> the values now (None: the row's fields of the same names)."""
        cleaned = getattr(self, "cleaned_data", {})
        typed = {name for name, field in self.fields.items() if not field.widget.is_hidden}
        yours = {name: value for name, value in cleaned.items() if name in typed}
        return yours, {name: self.fields[name].label for name in yours}, None


class VersionForm(TextGuardMixin, VersionedFormMixin, forms.Form):
    """Only the version, for a post whose fields are not one form (a score sheet of many
    rows): `typed` is a function() -> (yours, labels, function(row) -> theirs) for the report
    of a stale save."""

    def __init__(self, data=None, *, version: int, typed=None):
        super().__init__(data, version=version)
        self.typed = typed

    def conflict_values(self):
        return self.typed() if self.typed is not None else super().conflict_values()


def form_error_text(form) -> str:
    """All of a form's errors in one line, each prefixed by its field's label."""
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        named = label and all(e.startswith(f"「{label}」") for e in errors)  # named already
        prefix = f"{label}：" if label and not named else ""
        parts.append(prefix + "，".join(errors))
    return "；".join(parts)


def error_text(exc) -> str:
    """A service's ValidationError as one line for a message."""
    return "；".join(exc.messages)


def attach_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: errors naming one of its fields onto that
    field, every other onto non_field_errors."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def form_action(request, form, call, *, success, done, page=None, failed="未保存："):
    """Run a posted form through a service: the one way a page posts a change.

    form     the bound form, or None for a button that posts nothing typed
    call     function(cleaned data) -> result: the service call (given {} without a form)
    success  the message on success: a text, a function(result) -> text, or a (level, text) pair
             from it for another level than success; None or "" for no message
    done     where success goes: a response, or function(result) -> response (a redirect)
    page     where a refusal goes: function(form) -> the page the form was posted from, drawn
             again with the bound form so what was typed stays (answered 400); or, for a button,
             a response (the way back). Defaults to `done` when that is a response.
    failed   how the refusal's message starts ("未保存：", "未下发：" …)

    A GET (a page whose form is not posted yet) is simply `page(form)`, so a page with its own
    form is one call to form_action.

    A service's ValidationError lands on the form (attach_errors) and in the message, whose
    reason is also left on `form.refusal` for a page that repeats it beside the form. A posted
    submission_token makes the post a create carried out once (core/submissions.py): the service
    and the token commit together, and the same token sent again is not run again but taken to
    what the first one made, with the message REPEATED.
    """
    if page is None and callable(done):
        raise TypeError("form_action: with `done` a function, say where a refusal goes (`page`).")
    if request.method != "POST":
        return page(form) if callable(page) else page
    data = {}
    if form is not None:
        if not form.is_valid():
            return _refused(request, form, page if page is not None else done, failed, form)
        data = form.cleaned_data
    try:
        token = clean_token(request.POST.get(FIELD))
        with once(request.user, token, request.path) as submission:
            result = call(data)
            response = done(result) if callable(done) else done
            submission.keep(status=response.status_code, location=response.get("Location", ""))
    except Repeated as repeated:
        messages.info(request, REPEATED)
        return redirect(repeated.record.location or "/")
    except Stale as stale:
        return _stale(request, form, page if page is not None else done, failed, stale)
    except ValidationError as exc:
        if form is not None:
            attach_errors(form, exc)
        return _refused(request, form, page if page is not None else done, failed, exc)
    text = success(result) if callable(success) else success
    level, text = text if isinstance(text, tuple) else (messages.SUCCESS, text)
    if text:
        messages.add_message(request, level, text)
    return response


def _refused(request, form, page, failed: str, reason):
    text = error_text(reason) if isinstance(reason, ValidationError) else form_error_text(reason)
    messages.error(request, failed + text)
    if form is not None:
        form.refusal = text  # the message's reason, for a page that repeats it beside the form
    if not callable(page):
        return page
    response = page(form)
    if response.status_code == 200:  # the page drawn again: the post was refused
        response.status_code = 400
    return response


STALE_FORM = "他人已先保存了这条记录，您的修改未保存。"


def _stale(request, form, page, failed: str, stale: Stale):
    """A form saved from an old version: nothing was saved. The form comes back with what was
    typed, the other person's change beside it (`form.conflict`) and the version it is now, so
    saving again, once the user has looked, applies their edit over the other one."""
    if form is None:
        conflict = describe(stale)
    else:
        if isinstance(form, VersionedFormMixin):
            yours, labels, theirs = form.conflict_values()
        else:
            yours = getattr(form, "cleaned_data", {})
            labels, theirs = {name: f.label for name, f in form.fields.items()}, None
        conflict = describe(stale, yours, labels, theirs)
        form.conflict = conflict
        if conflict.version is not None and "version" in form.fields:
            data = form.data.copy()
            data[form.add_prefix("version")] = str(conflict.version)
            form.data = data
        form.add_error(None, STALE_FORM if not conflict.gone else conflict.summary())
    text = conflict.summary()
    messages.error(request, failed + text)
    if form is not None:
        form.refusal = text
    if not callable(page):
        return page
    response = page(form)
    if response.status_code == 200:  # drawn again: refused because someone else saved first
        response.status_code = 409
    return response


def redirect_to(url_name: str, anchor: str = "", **kwargs):
    """A redirect to a named page, optionally to an anchor on it."""
    response = redirect(url_name, **kwargs)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response
