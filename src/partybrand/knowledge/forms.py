from django import forms

from partybrand.core.forms import TextGuardMixin
from partybrand.knowledge.choices import Rating
from partybrand.knowledge.parsing import MAX_BYTES, MB
from partybrand.knowledge.services import MAX_QUESTION


class AskForm(TextGuardMixin, forms.Form):
    text = forms.CharField(
        label="问题",
        max_length=MAX_QUESTION,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "class": "form-control",
                "placeholder": "例如：主题党日多久开展一次？",
            }
        ),
    )


class UploadForm(TextGuardMixin, forms.Form):
    org = forms.ModelChoiceField(label="发布组织", queryset=None, empty_label=None)
    title = forms.CharField(label="标题", max_length=100, required=False)
    file = forms.FileField(
        label="文件",
        help_text=f".docx、.pdf 或 .txt，不超过 {MAX_BYTES // MB} MB；"
        "发布后本组织及下级组织可检索。",
    )

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        for name in ("org", "title"):
            self.fields[name].widget.attrs["class"] = (
                "form-select" if name == "org" else "form-control"
            )
        self.fields["file"].widget.attrs.update(
            {"class": "form-control", "accept": ".docx,.pdf,.txt"}
        )


class ReviewForm(TextGuardMixin, forms.Form):
    rating = forms.ChoiceField(
        label="评价",
        choices=[("", "（不变）"), *Rating.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    correction = forms.CharField(
        label="校正回答",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control form-control-sm"}),
        help_text="填写后，相同或相近的问题将直接给出此回答。",
    )
