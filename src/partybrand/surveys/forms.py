"""Forms of the survey builder. The answer page is read by `answering.py`, not by a Form."""

from django import forms

from partybrand.core.forms import StyledFormMixin, VersionedFormMixin
from partybrand.surveys.choices import QuestionKind
from partybrand.surveys.models import Survey


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SurveyForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "brand",
            "intro",
            "closing",
            "opens_at",
            "closes_at",
            "mode",
            "repeat_policy",
            "staff_count",
        ]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "closing": forms.Textarea(attrs={"rows": 2}),
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
        }
        help_texts = {
            "intro": "显示在问卷开头，说明调研目的，例如“为做好支部党建品牌创建，诚邀您提出意见”。",
            "closing": "提交后显示的感谢语。",
            "opens_at": "留空表示发布后立即可以填写。",
            "closes_at": "到时自动停止收集；也可随时手动结束。",
            "repeat_policy": (
                "仅对匿名填写生效。按设备限制可被换用浏览器绕过（同一网络每分钟、每小时的提交份数另有上限）；"
                "按网络地址限制时，同一单位网络下的多人可能被误拦；"
                "凭一次性码作答最可靠：在问卷页面生成作答码，打印裁切后每人一张。"
            ),
            "staff_count": "匿名调研面向非党员职工时填写，用于计算参与率；实名问卷填 0。",
        }

    def __init__(self, *args, brands=None, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brand"].queryset = (
            brands if brands is not None else self.fields["brand"].queryset.none()
        )
        self.fields["brand"].required = False
        self.fields["brand"].empty_label = "（不关联品牌）"
        self.fields["brand"].label_from_instance = lambda b: f"{b.name}（{b.org.name}）"
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if locked:
            for name in ("mode", "repeat_policy"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "问卷已发布，填写方式与防重复规则不能再修改。"


class SurveyCreateForm(SurveyForm):
    org = forms.ModelChoiceField(label="发起组织", queryset=None, empty_label=None)

    class Meta(SurveyForm.Meta):
        fields = ["org", *SurveyForm.Meta.fields]

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.order_fields(["org", "title"])


class QuestionForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label="题型", choices=QuestionKind.choices)
    title = forms.CharField(label="题目", max_length=200)
    description = forms.CharField(label="说明（可选）", max_length=300, required=False)
    required = forms.BooleanField(label="必答", required=False, initial=True)
    options_text = forms.CharField(
        label="选项（每行一个）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="单选、多选与排序题填写，至少 2 个。",
    )
    min_choices = forms.IntegerField(label="最少选择几项", required=False, min_value=1)
    max_choices = forms.IntegerField(label="最多选择几项", required=False, min_value=1)
    scale_max = forms.TypedChoiceField(
        label="评分满分",
        choices=[(5, "5 分"), (10, "10 分")],
        coerce=int,
        initial=5,
        required=False,
        empty_value=5,
    )
    low_label = forms.CharField(label="最低分表示", max_length=20, required=False)
    high_label = forms.CharField(label="最高分表示", max_length=20, required=False)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["options"] = [line.strip() for line in data.pop("options_text").splitlines()]
        return data

    @classmethod
    def for_question(cls, question, data=None):
        initial = {
            "kind": question.kind,
            "title": question.title,
            "description": question.description,
            "required": question.required,
            "options_text": "\n".join(question.options),
            "min_choices": question.min_choices,
            "max_choices": question.max_choices,
            "scale_max": question.scale_max,
            "low_label": question.low_label,
            "high_label": question.high_label,
        }
        return cls(data, initial=initial, version=question.version)
