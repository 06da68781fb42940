"""The assistant's page forms: parsing only."""

from django import forms

from partybrand.assistant.drafting import MODES
from partybrand.core.forms import StyledFormMixin, VersionedFormMixin
from partybrand.documents.services import MAX_SECTION_CHARS


class AcceptDraftForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    """A section's draft as the person accepts it (edited or not), and where it goes."""

    text = forms.CharField(
        label="起草建议（可先修改再采纳）",
        max_length=MAX_SECTION_CHARS,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    mode = forms.ChoiceField(
        label="写入方式", choices=list(MODES.items()), initial="replace", widget=forms.RadioSelect
    )
    source = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].widget.attrs["class"] = "form-check-input"  # radios, not a box
