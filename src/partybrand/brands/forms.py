from typing import cast

from django import forms
from django.core.validators import URLValidator

from partybrand.brands.choices import (
    LINK_KINDS,
    LINK_REFUSED,
    LINK_SCHEMES,
    BrandTier,
    ReReviewOutcome,
)
from partybrand.brands.models import Attachment, Brand, Honour, Kpi
from partybrand.core.forms import DateInput, StyledFormMixin, TextGuardMixin, VersionedFormMixin


class BrandCreateForm(StyledFormMixin, forms.Form):
    org: forms.ModelChoiceField = forms.ModelChoiceField(label="创建单位", queryset=None)
    name = forms.CharField(label="品牌名称", max_length=30, help_text="一般 4–8 个字，简短好记。")
    slogan = forms.CharField(label="品牌口号", max_length=100, required=False)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["org"]).queryset = orgs


class BrandForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Brand
        fields = [
            "name",
            "slogan",
            "parent",
            "meaning",
            "political_note",
            "cultural_note",
            "integration_note",
            "logo_meaning",
            "standard_colors",
            "standard_fonts",
            "usage_rules",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in (
                "meaning",
                "political_note",
                "cultural_note",
                "integration_note",
                "logo_meaning",
                "usage_rules",
            )
        }

    def __init__(self, *args, parent_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parent_choices
        self.fields["parent"].required = False


class PhraseForm(TextGuardMixin, forms.Form):
    phrase = forms.CharField(label="词句", max_length=30, required=False)
    explanation = forms.CharField(
        label="释义", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


PhraseFormSet = forms.formset_factory(PhraseForm, extra=2, max_num=12)


class LogoForm(StyledFormMixin, forms.Form):
    logo = forms.FileField(label="标识文件", help_text="PNG、JPEG 或 SVG，不超过 2 MB。")


class KpiForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Kpi
        fields = ["name", "unit", "direction", "baseline", "baseline_on", "target", "description"]
        widgets = {"baseline_on": DateInput()}


class KpiValueForm(StyledFormMixin, forms.Form):
    kpi: int | None = None  # the KPI a refused form is shown under again on the brand page

    measured_on = forms.DateField(label="日期", widget=DateInput())
    value = forms.DecimalField(label="实际值", max_digits=14, decimal_places=2)
    note = forms.CharField(label="说明", max_length=200, required=False)


class HonourForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Honour
        fields = ["title", "level", "year", "issuer"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 1949 <= year <= 2100:
            raise forms.ValidationError("年份应在 1949 到 2100 之间。")
        return year


class WebAddressField(forms.URLField):
    """An address people open from the page: http or https only (no ftp:, javascript: …)."""

    default_validators = [URLValidator(schemes=list(LINK_SCHEMES), message=LINK_REFUSED)]
    default_error_messages = {"invalid": LINK_REFUSED}

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class AttachmentForm(StyledFormMixin, forms.ModelForm):
    """A file or a link: 视频链接 and 新闻稿 are usually an address, the rest a file."""

    upload = forms.FileField(
        label="文件", required=False, help_text="PDF、Word、Excel、PPT、PNG、JPEG，不超过 20 MB。"
    )
    url = WebAddressField(
        label="链接",
        required=False,
        max_length=200,
        help_text="视频、新闻稿等网上内容填写网址（http:// 或 https:// 开头）；文件与链接二选一。",
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
    )

    class Meta:
        model = Attachment
        fields = ["kind", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # app.js shows the link field for the kinds that are usually an address (and whenever
        # it holds one); without scripts both fields stay.
        self.fields["kind"].widget.attrs["data-link-kinds"] = ",".join(LINK_KINDS)
        self.fields["url"].widget.attrs["data-link-field"] = ""


class TransitionForm(TextGuardMixin, forms.Form):
    action = forms.CharField(label="操作")
    comment = forms.CharField(label="意见", required=False, max_length=2000)
    doc_no = forms.CharField(label="命名文号", required=False, max_length=60)
    named_on = forms.DateField(label="命名日期", required=False)
    tier = forms.ChoiceField(
        label="品牌等级", required=False, choices=[("", "")] + BrandTier.choices
    )
    outcome = forms.ChoiceField(
        label="复评结论", required=False, choices=[("", "")] + ReReviewOutcome.choices
    )
    deadline = forms.DateField(label="整改期限", required=False)
    publicity_days = forms.IntegerField(label="公示天数", required=False, min_value=1, max_value=30)
