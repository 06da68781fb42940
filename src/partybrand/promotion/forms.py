"""The carrier pages' forms: parsing only; the services judge."""

from django import forms

from partybrand.core.forms import DateInput, StyledFormMixin, VersionedFormMixin
from partybrand.promotion.choices import (
    BrandDisplay,
    CarrierKind,
    CarrierState,
    RecognitionDecision,
)
from partybrand.promotion.services import MAX_PHOTOS, MAX_RESULTS

RESULT_ROWS = 3  # rows the activity form offers; the API takes up to MAX_RESULTS


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MemberMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos from one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/png,image/jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _boxes(field: forms.Field) -> None:
    field.widget.attrs["class"] = "form-check-input"


class CarrierForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    brand = forms.ModelChoiceField(label="所属品牌", queryset=None)
    kind = forms.ChoiceField(label="载体类型", choices=CarrierKind.choices)
    name = forms.CharField(label="载体名称", max_length=60, help_text="如“检修一班党员示范岗”。")
    leader = MemberChoiceField(label="负责人", queryset=None, required=False)
    members = MemberMultipleChoiceField(
        label="成员", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    area = forms.CharField(label="责任区域或岗位", max_length=100, required=False)
    commitment = forms.CharField(
        label="承诺内容", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(label="起始日期", widget=DateInput())
    ends_on = forms.DateField(label="截止日期", required=False, widget=DateInput())
    display = forms.MultipleChoiceField(
        label="亮牌方式",
        choices=BrandDisplay.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    state = forms.ChoiceField(label="状态", choices=CarrierState.choices)

    def __init__(self, *args, brands=None, roll, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["brand"]
        else:
            self.fields["brand"].queryset = brands
            del self.fields["state"]
        self.fields["leader"].queryset = roll
        self.fields["members"].queryset = roll
        _boxes(self.fields["members"])
        _boxes(self.fields["display"])

    def conflict_values(self):
        """For a save refused as stale: the 亮牌方式 by their labels on both sides, the members
        by name (core/forms.py)."""
        yours, labels, _ = super().conflict_values()
        if "display" in yours:
            yours = {**yours, "display": _display_labels(yours["display"])}

        def theirs(carrier) -> dict:
            now = {name: getattr(carrier, name, None) for name in yours}
            if "members" in now:
                now["members"] = list(carrier.members.order_by("name", "id"))
            if "display" in now:
                now["display"] = _display_labels(carrier.display)
            return now

        return yours, labels, theirs


def _display_labels(values) -> list[str]:
    labels = dict(BrandDisplay.choices)
    return [str(labels.get(value, value)) for value in values or ()]


class ActivityForm(StyledFormMixin, forms.Form):
    held_on = forms.DateField(label="活动日期", widget=DateInput())
    place = forms.CharField(label="活动地点", max_length=100, required=False)
    participants = MemberMultipleChoiceField(
        label="参加人员", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    content = forms.CharField(label="活动内容", widget=forms.Textarea(attrs={"rows": 4}))
    photos = MultipleFileField(
        label="活动照片",
        required=False,
        help_text=f"PNG 或 JPEG，可多选，最多 {MAX_PHOTOS} 张，每张不超过 20 MB。",
    )

    def __init__(self, *args, roll, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = roll
        _boxes(self.fields["participants"])
        for i in range(1, RESULT_ROWS + 1):
            self.fields[f"result_label_{i}"] = forms.CharField(
                label=f"成效{i}名称", max_length=20, required=False
            )
            self.fields[f"result_number_{i}"] = forms.DecimalField(
                label=f"成效{i}数值", required=False, max_digits=14, decimal_places=2
            )
            self.fields[f"result_unit_{i}"] = forms.CharField(
                label=f"成效{i}单位", max_length=10, required=False
            )
        self.guard_text_fields()

    def result_rows(self):
        """The three result rows as bound fields, for the page."""
        return [
            (self[f"result_label_{i}"], self[f"result_number_{i}"], self[f"result_unit_{i}"])
            for i in range(1, RESULT_ROWS + 1)
        ]

    def service_data(self) -> dict:
        data = self.cleaned_data
        results = [
            {
                "label": data.get(f"result_label_{i}") or "",
                "number": data.get(f"result_number_{i}"),
                "unit": data.get(f"result_unit_{i}") or "",
            }
            for i in range(1, RESULT_ROWS + 1)
        ]
        return {
            "held_on": data["held_on"],
            "place": data["place"],
            "participants": list(data["participants"]),
            "content": data["content"],
            "results": results,
            "photos": data["photos"],
        }


class RecognitionForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label="认定称号", max_length=40)
    criteria = forms.CharField(
        label="评定标准",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="依据载体的活动与成效评定，不以登录、签到、积分排名作为依据。",
    )
    decision = forms.ChoiceField(label="评定结论", choices=RecognitionDecision.choices)
    comment = forms.CharField(
        label="评定意见", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(label="评定日期", widget=DateInput())
    plaque_on = forms.DateField(label="授牌日期", required=False, widget=DateInput())
    recheck_on = forms.DateField(label="下次复核日期", required=False, widget=DateInput())


__all__ = ["MAX_RESULTS", "ActivityForm", "CarrierForm", "RecognitionForm"]
