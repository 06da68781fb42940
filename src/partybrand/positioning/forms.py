from django import forms

from partybrand.core.forms import StyledFormMixin, VersionedFormMixin
from partybrand.positioning.models import Practice, SwotItem
from partybrand.positioning.services import CONCLUSION_MAX

EVIDENCE_HELP = "PDF、Word、Excel、PPT、PNG、JPEG，可多选，每份不超过 20 MB。"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class PracticeForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Practice
        fields = ["name", "description", "since", "effect", "is_method_candidate"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "effect": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "name": "如：“三个一”安全工作法、班组“微课堂”。",
            "effect": "尽量用数据说话：如隐患整改率、客户满意度的变化。",
            "is_method_candidate": "勾选后在定位报告中列为品牌工作法候选。",
        }


class PracticeCreateForm(PracticeForm):
    evidence = MultipleFileField(label="佐证材料", required=False, help_text=EVIDENCE_HELP)


class EvidenceForm(StyledFormMixin, forms.Form):
    files = MultipleFileField(label="佐证材料", help_text=EVIDENCE_HELP)


class SwotForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = SwotItem
        fields = ["side", "category", "text", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class ConclusionForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    conclusion = forms.CharField(
        label="定位结论",
        required=False,
        max_length=CONCLUSION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="综合调研、内部梳理和标杆对比，写明品牌定位方向、差异化特色和与中心工作的结合点。",
    )
