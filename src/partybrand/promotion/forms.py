"""The carrier pages' forms: parsing only; the services judge."""

from django import forms

from partybrand.core.forms import DateInput, StyledFormMixin, VersionedFormMixin
from partybrand.core.quotes import quoted
from partybrand.promotion.choices import (
    Adoption,
    BrandDisplay,
    CarrierKind,
    CarrierState,
    PublicityChannel,
    PublicityLevel,
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
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
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


AGENDA_ROWS = 6  # rows the launch form offers; the API takes up to services.launch.MAX_AGENDA
DONE_MARK = "（已落实）"


def checklist_lines(rows) -> str:
    """The venue checklist as the form shows it: one item a line, done ones marked."""
    return "\n".join(row["item"] + (DONE_MARK if row.get("done") else "") for row in rows or [])


def parse_checklist(text: str) -> list[dict]:
    rows = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line:
            done = line.endswith(DONE_MARK)
            rows.append({"item": line.removesuffix(DONE_MARK).strip(), "done": done})
    return rows


class LaunchForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    title = forms.CharField(
        label="发布会名称",
        max_length=60,
        required=False,
        help_text="留空则为“品牌名”党建品牌发布会。",
    )
    held_on = forms.DateField(label="举行日期", widget=DateInput())
    start_time = forms.TimeField(
        label="开始时间", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    venue = forms.CharField(label="会场", max_length=100)
    participants = MemberMultipleChoiceField(
        label="参会党员", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    guests = forms.CharField(
        label="特邀嘉宾",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一位，写明单位和职务。",
    )
    host_script = forms.CharField(
        label="主持词",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="新建时留空，将依据品牌档案和议程生成初稿。",
    )
    speech = forms.CharField(
        label="讲话稿",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="新建时留空，将依据品牌名称、口号、内涵释义、标识、载体和荣誉生成初稿。",
    )
    checklist = forms.CharField(
        label="会场清单",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"每行一项；已落实的在末尾加{quoted(DONE_MARK)}。新建时留空则使用常用清单。",
    )
    publicity_plan = forms.CharField(
        label="宣传方案", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, roll, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = roll
        _boxes(self.fields["participants"])
        for i in range(1, AGENDA_ROWS + 1):
            self.fields[f"agenda_time_{i}"] = forms.CharField(
                label=f"议程{i}时间", max_length=20, required=False
            )
            self.fields[f"agenda_item_{i}"] = forms.CharField(
                label=f"议程{i}内容", max_length=60, required=False
            )
            self.fields[f"agenda_speaker_{i}"] = forms.CharField(
                label=f"议程{i}发言人", max_length=30, required=False
            )
        self.guard_text_fields()

    def agenda_rows(self):
        return [
            (self[f"agenda_time_{i}"], self[f"agenda_item_{i}"], self[f"agenda_speaker_{i}"])
            for i in range(1, AGENDA_ROWS + 1)
        ]

    @staticmethod
    def agenda_initial(agenda) -> dict:
        initial = {}
        for i, row in enumerate(agenda[:AGENDA_ROWS], start=1):
            initial[f"agenda_time_{i}"] = row.get("time", "")
            initial[f"agenda_item_{i}"] = row.get("item", "")
            initial[f"agenda_speaker_{i}"] = row.get("speaker", "")
        return initial

    def service_data(self) -> dict:
        data = self.cleaned_data
        agenda = [
            {
                "time": data.get(f"agenda_time_{i}") or "",
                "item": data.get(f"agenda_item_{i}") or "",
                "speaker": data.get(f"agenda_speaker_{i}") or "",
            }
            for i in range(1, AGENDA_ROWS + 1)
        ]
        fields = {
            name: data[name]
            for name in ("title", "held_on", "start_time", "venue", "guests")
            + ("host_script", "speech", "publicity_plan")
        }
        return {
            **fields,
            "agenda": agenda,
            "checklist": parse_checklist(data["checklist"]),
            "participants": list(data["participants"]),
        }


class LaunchRecordForm(StyledFormMixin, forms.Form):
    attendance = forms.IntegerField(label="实到人数", min_value=1, max_value=100000)
    summary = forms.CharField(
        label="会议纪要",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="发布会进行情况、揭牌、讲话要点和反响。媒体报道请登记到推介台账。",
    )
    photos = MultipleFileField(label="现场照片", help_text="PNG 或 JPEG，可多选，至少一张。")


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PublicityForm(StyledFormMixin, forms.Form):
    channel = forms.ChoiceField(
        label="渠道",
        choices=PublicityChannel.choices,
        help_text="对内：网站、公众号、宣传栏、内部刊物；向上：上报材料；对外：媒体、期刊、奖项。",
    )
    outlet = forms.CharField(
        label="媒体或刊物名称", max_length=100, required=False, help_text="如“中国电力报”。"
    )
    published_on = forms.DateField(label="日期", widget=DateInput())
    title = forms.CharField(label="标题", max_length=100)
    url = forms.URLField(label="链接", required=False, max_length=500, assume_scheme="https")
    level = forms.ChoiceField(label="层级", choices=PublicityLevel.choices)
    reach = forms.IntegerField(label="阅读或覆盖人次", required=False, min_value=0)
    proof = forms.FileField(
        label="佐证",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,application/pdf"}),
        help_text="截图（PNG、JPEG）或 PDF；链接和佐证至少一项。",
    )
    reported_to = OrgChoiceField(
        label="报送至", queryset=None, required=False, help_text="仅向上报送时选择。"
    )
    launch = forms.ModelChoiceField(label="关联发布会", queryset=None, required=False)

    def __init__(self, *args, receivers, launches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_to"].queryset = receivers
        self.fields["launch"].queryset = launches


class AdoptionForm(StyledFormMixin, forms.Form):
    adoption = forms.ChoiceField(
        label="采用情况",
        choices=[
            (Adoption.ADOPTED, Adoption.ADOPTED.label),
            (Adoption.DECLINED, Adoption.DECLINED.label),
        ],
    )
    level = forms.ChoiceField(
        label="采用层级", choices=[("", "—"), *PublicityLevel.choices], required=False
    )
    adopted_on = forms.DateField(label="日期", widget=DateInput())
    note = forms.CharField(label="说明", max_length=200, required=False)


__all__ = ["MAX_RESULTS", "ActivityForm", "CarrierForm", "RecognitionForm"]
