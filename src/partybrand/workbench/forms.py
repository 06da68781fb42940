"""The audit log's filters (GET): a time range by Beijing day, who, what, on which kind of
object, in which organisation's subtree. The choices are what the reader's scope holds."""

from datetime import date

from django import forms

from partybrand.core.forms import DateInput, StyledFormMixin

ACTOR_MAX = 150
# Days a moment can be made of in any zone (the end is taken to the next midnight).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9998, 12, 31)


class AuditFilterForm(StyledFormMixin, forms.Form):
    start = forms.DateField(label="起始日期", required=False, widget=DateInput())
    end = forms.DateField(label="截止日期", required=False, widget=DateInput())
    actor = forms.CharField(label="操作人", required=False, max_length=ACTOR_MAX)
    action = forms.ChoiceField(label="操作", required=False)
    object_type = forms.ChoiceField(label="对象类型", required=False)
    org = forms.TypedChoiceField(label="组织（含下级）", required=False, coerce=int)
    object_id = forms.CharField(label="对象编号", required=False, max_length=64)

    def __init__(self, data, *, actions, object_types, orgs):
        """`actions`, `object_types`: (code, label) in the reader's scope; `orgs`: (id, label)
        of the organisations offered (any in scope is accepted: the row links use them)."""
        super().__init__(data)
        self.fields["action"].choices = [("", "全部操作"), *actions]
        self.fields["object_type"].choices = [("", "全部对象类型"), *object_types]
        self.fields["org"].choices = [("", "全部组织"), *orgs]
        self.fields["actor"].widget.attrs["placeholder"] = "用户名或姓名"
        self.fields["object_id"].widget.attrs["placeholder"] = "对象编号"

    def _day(self, name: str) -> date | None:
        day = self.cleaned_data.get(name)
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise forms.ValidationError(f"日期应在 {FIRST_DAY} 至 {LAST_DAY} 之间。")
        return day

    def clean_start(self):
        return self._day("start")

    def clean_end(self):
        return self._day("end")

    def clean(self):
        data = super().clean()
        start: date | None = data.get("start")
        end: date | None = data.get("end")
        if start and end and start > end:
            self.add_error("end", "截止日期不能早于起始日期。")
        return data
