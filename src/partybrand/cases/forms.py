"""The case pages' forms: parsing only; the services judge."""

from django import forms

from partybrand.cases.choices import AdoptionLevel, CaseSection, NewsSection
from partybrand.cases.models import CAPTION_MAX
from partybrand.core.forms import DateInput, StyledFormMixin, VersionedFormMixin
from partybrand.documents.forms import rows_for
from partybrand.documents.services import MAX_SECTION_CHARS
from partybrand.promotion.forms import MemberMultipleChoiceField, MultipleFileField


def _boxes(field: forms.Field) -> None:
    field.widget.attrs["class"] = "form-check-input"


class CaseCreateForm(StyledFormMixin, forms.Form):
    brand = forms.ModelChoiceField(label="所属品牌", queryset=None)
    title = forms.CharField(label="案例标题", max_length=60)
    authors = MemberMultipleChoiceField(
        label="作者", queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, brands, roll, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brand"].queryset = brands
        self.fields["authors"].queryset = roll
        _boxes(self.fields["authors"])


class CaseEditForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    """The title, the authors and a textarea per part; `version` is the case document's."""

    title = forms.CharField(label="案例标题", max_length=60)
    authors = MemberMultipleChoiceField(
        label="作者", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    comment = forms.CharField(label="修改说明", max_length=200, required=False)

    def __init__(self, *args, roll, texts: dict[str, str], current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = roll
        _boxes(self.fields["authors"])
        self.current = current
        for key, label in CaseSection.choices:
            text = texts.get(key, "")
            self.fields[f"section_{key}"] = forms.CharField(
                label=label,
                required=False,
                max_length=MAX_SECTION_CHARS,
                initial=text,
                widget=forms.Textarea(
                    attrs={
                        "class": "form-control",
                        "rows": rows_for(text),
                        "data-case-body": "1" if key != CaseSection.APPENDIX else "0",
                    }
                ),
            )
        self.order_fields(
            ["title", "authors", *[f"section_{k}" for k in CaseSection.values], "comment"]
        )

    def sections(self):
        return [self[f"section_{key}"] for key in CaseSection.values]

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"section_{key}") or "" for key in CaseSection.values}

    def conflict_values(self):
        typed = self.texts() if hasattr(self, "cleaned_data") else {}
        labels = dict(CaseSection.choices)
        return typed, labels, self.current


class PhotoForm(StyledFormMixin, forms.Form):
    photos = MultipleFileField(
        label="案例照片", help_text="PNG 或 JPEG，可多选；提交前至少 2 张，每张不超过 20 MB。"
    )
    caption = forms.CharField(
        label="图片说明",
        required=False,
        max_length=CAPTION_MAX,
        help_text="印在照片下方，如“检修一班党员示范岗排查1号机组隐患”；不填则用案例标题，上传后可逐张修改。",
    )


class PhotoCaptionForm(StyledFormMixin, forms.Form):
    caption = forms.CharField(label="图片说明", required=False, max_length=CAPTION_MAX)


class StepForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(
        label="意见", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ReportForm(StyledFormMixin, forms.Form):
    reported_to = forms.CharField(
        label="报送对象", max_length=100, help_text="如“国资委党委”“省委组织部”“集团党建工作部”。"
    )
    reported_on = forms.DateField(label="报送日期", widget=DateInput())


class AdoptForm(StyledFormMixin, forms.Form):
    report = forms.IntegerField(widget=forms.HiddenInput)
    adopted = forms.TypedChoiceField(
        label="是否采用",
        choices=[("1", "已采用"), ("0", "未采用")],
        coerce=lambda v: v == "1",
    )
    level = forms.ChoiceField(
        label="采用层级", choices=[("", "—")] + AdoptionLevel.choices, required=False
    )
    adopted_on = forms.DateField(label="采用日期", required=False, widget=DateInput())
    note = forms.CharField(label="采用说明", max_length=200, required=False)


class LimitForm(StyledFormMixin, forms.Form):
    max_chars = forms.IntegerField(label="正文字数上限", min_value=500, max_value=20000)


class CompilationForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    """The book's name and its cases; the order is the order the chosen boxes are posted in
    (the page moves them up and down)."""

    title = forms.CharField(label="汇编名称", max_length=60)
    cases = forms.ModelMultipleChoiceField(
        label="收录案例", queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases
        _boxes(self.fields["cases"])

    def ordered_cases(self) -> list:
        chosen = {c.pk: c for c in self.cleaned_data["cases"]}
        order = [int(v) for v in self.data.getlist("cases") if str(v).isdigit()]
        return [chosen[pk] for pk in dict.fromkeys(order) if pk in chosen]


class NewsForm(StyledFormMixin, forms.Form):
    headline = forms.CharField(label="标题", max_length=60)
    happened_on = forms.DateField(label="时间", widget=DateInput())
    place = forms.CharField(label="地点", max_length=100, required=False)
    people = forms.CharField(label="人物", max_length=200, required=False)
    event = forms.CharField(label="事件", max_length=300)
    result = forms.CharField(label="结果", max_length=300, required=False)


class NewsEditForm(VersionedFormMixin, NewsForm):
    def __init__(self, *args, texts: dict[str, str], current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        for key, label in NewsSection.choices:
            text = texts.get(key, "")
            self.fields[f"section_{key}"] = forms.CharField(
                label=label,
                required=False,
                max_length=MAX_SECTION_CHARS,
                initial=text,
                widget=forms.Textarea(attrs={"class": "form-control", "rows": rows_for(text)}),
            )

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"section_{key}") or "" for key in NewsSection.values}

    def fields_data(self) -> dict:
        names = ("headline", "happened_on", "place", "people", "event", "result")
        return {name: self.cleaned_data[name] for name in names}

    def conflict_values(self):
        typed = self.texts() if hasattr(self, "cleaned_data") else {}
        return typed, dict(NewsSection.choices), self.current
