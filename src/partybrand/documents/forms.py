"""The document's editable sections as one form: a textarea per section, filled with its text,
and the version of the document the page was opened at."""

from django import forms

from partybrand.core.forms import StyledFormMixin, VersionedFormMixin
from partybrand.documents.services import MAX_SECTION_CHARS


class IssuerCodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label="机关代字", max_length=20)


def rows_for(text: str) -> int:
    """Enough rows to show a section's text on a phone (about 18 characters a line)."""
    lines = sum(1 + len(line) // 18 for line in text.split("\n"))
    return max(3, min(24, lines + 1))


class SectionsForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    comment = forms.CharField(label="修改说明", max_length=200, required=False)

    def __init__(self, *args, sections=(), current=None, **kwargs):
        """`sections`: (key, title, text) of every editable section, in document order;
        `version`: the document's version the page was opened at; `current`: function(document)
        -> {section key: its text now}, for the report of a save refused as stale."""
        super().__init__(*args, **kwargs)
        self.current = current
        self.section_keys = []
        for key, title, text in sections:
            name = f"section_{key}"
            self.fields[name] = forms.CharField(
                label=title,
                required=False,
                max_length=MAX_SECTION_CHARS,
                initial=text,
                strip=True,
                widget=forms.Textarea(attrs={"rows": rows_for(text)}),
            )
            self.section_keys.append((key, name))
        self.order_fields([name for _, name in self.section_keys] + ["comment"])

    def texts(self) -> dict[str, str]:
        """The sections posted (a section not sent keeps its text)."""
        return {
            key: self.cleaned_data[name] for key, name in self.section_keys if name in self.data
        }

    def conflict_values(self):
        """The sections typed, by section key (as the edits' audit rows name them), beside
        their texts now."""
        typed = self.texts() if hasattr(self, "cleaned_data") else {}
        labels = {key: self.fields[name].label for key, name in self.section_keys}
        return typed, labels, self.current
