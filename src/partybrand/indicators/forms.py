"""Forms of the indicator editor; the services check everything again."""

from django import forms

from partybrand.core.forms import StyledFormMixin, VersionedFormMixin
from partybrand.indicators.choices import AssessMethod, FinalRule, ScoringMethod, SystemKind
from partybrand.indicators.notation import parse_stars

STARS_HELP = "例如：五星级党支部≥95；四星级党支部≥90；三星级党支部≥80。不设星级可留空。"


class SystemForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    name = forms.CharField(label="体系名称", max_length=100)
    kind = forms.ChoiceField(label="类别", choices=SystemKind.choices)
    total_points = forms.DecimalField(
        label="总分", max_digits=7, decimal_places=2, min_value=0.01, initial=100
    )
    final_rule = forms.ChoiceField(
        label="最终得分规则", choices=FinalRule.choices, initial=FinalRule.TRIMMED_MEAN
    )
    divergence_threshold = forms.DecimalField(
        label="评分分歧提示阈值（分）",
        max_digits=6,
        decimal_places=2,
        min_value=0,
        initial=3,
        help_text="同一指标专家打分相差超过该分值时，在评审汇总中提示分歧。",
    )
    stars_text = forms.CharField(label="星级标准", required=False, help_text=STARS_HELP)
    description = forms.CharField(
        label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_stars_text(self):
        text = self.cleaned_data["stars_text"]
        try:
            return parse_stars(text)
        except ValueError as exc:
            raise forms.ValidationError(f"无法识别“{exc.args[0]}”。{STARS_HELP}") from exc


class SystemCreateForm(SystemForm):
    owner = forms.ModelChoiceField(label="所属党组织", queryset=None, required=False)

    def __init__(self, *args, owners=None, allow_template=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].required = not allow_template
        self.fields["owner"].empty_label = "平台模板（所有单位可见）" if allow_template else None
        self.order_fields(["owner"])


class IndicatorForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    code = forms.CharField(
        label="编码", max_length=20, required=False, help_text="留空时自动编号，如 2.3。"
    )
    name = forms.CharField(label="指标名称", max_length=200)
    points = forms.DecimalField(label="分值", max_digits=6, decimal_places=2, min_value=0)
    scoring_method = forms.ChoiceField(
        label="计分方式",
        choices=ScoringMethod.choices,
        help_text="加分：从 0 分起得分，最高为分值；扣分：从分值起扣分，扣完为止。",
    )
    guide = forms.CharField(
        label="评分标准", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_required = forms.BooleanField(label="需提供佐证材料", required=False)
    evidence_note = forms.CharField(label="佐证材料要求", max_length=300, required=False)
    methods = forms.MultipleChoiceField(
        label="评价方式",
        choices=AssessMethod.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_veto = forms.BooleanField(label="一票否决项", required=False)
    veto_note = forms.CharField(label="否决情形说明", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each choice is a checkbox, laid out in a row by indicators.css.
        self.fields["methods"].widget.attrs["class"] = "form-check-input"


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label="指标体系文件（.xlsx）")
    owner = forms.ModelChoiceField(label="所属党组织", queryset=None, required=False)

    def __init__(self, *args, owners=None, allow_template=False, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is None:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = owners
            self.fields["owner"].required = not allow_template
            self.fields["owner"].empty_label = (
                "平台模板（所有单位可见）" if allow_template else None
            )


class CopyForm(StyledFormMixin, forms.Form):
    owner = forms.ModelChoiceField(label="所属党组织", queryset=None)
    name = forms.CharField(label="新体系名称", max_length=100, required=False)

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].empty_label = None
