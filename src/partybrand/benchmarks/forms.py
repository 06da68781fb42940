from django import forms

from partybrand.benchmarks.models import Benchmark
from partybrand.benchmarks.values import clean_url
from partybrand.core.forms import StyledFormMixin, VersionedFormMixin


class BenchmarkForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    # Text, not URLField: the address is checked (http/https only) by `clean_url`, the same rule
    # the import applies.
    source_url = forms.CharField(
        label="来源地址",
        max_length=500,
        required=False,
        help_text="公开报道的网址，以 http:// 或 https:// 开头。",
    )

    def clean_source_url(self):
        return clean_url(self.cleaned_data["source_url"])

    class Meta:
        model = Benchmark
        fields = [
            "name",
            "slogan",
            "connotation",
            "org",
            "sector",
            "level",
            "region",
            "source_url",
            "year",
        ]
        widgets = {"connotation": forms.Textarea(attrs={"rows": 4})}
        labels = {"level": "层级"}
        help_texts = {
            "level": "照来源填写，如 党支部、企业党委、集团；系统会归入统一的层级分类。",
            "region": "留空时按所属组织的名称自动识别省份。",
        }


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label="文件（.csv 或 .xlsx）")
    dry_run = forms.BooleanField(label="只检查，不导入", required=False)


class LogoForm(StyledFormMixin, forms.Form):
    logo = forms.FileField(label="标识文件", help_text="PNG、JPEG 或 SVG，不超过 2 MB。")


class ComparisonForm(StyledFormMixin, forms.Form):
    benchmark = forms.ModelChoiceField(
        queryset=Benchmark.objects.all(),
        label="标杆品牌",
        widget=forms.HiddenInput,
        error_messages={
            "required": "请先搜索并选择一个标杆品牌。",
            "invalid_choice": "所选标杆品牌不存在，请重新选择。",
        },
    )
    learn = forms.CharField(
        label="学什么", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    differ = forms.CharField(
        label="差异化（我们有何不同）", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ComparisonEditForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    learn = forms.CharField(
        label="学什么", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    differ = forms.CharField(
        label="差异化（我们有何不同）", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
