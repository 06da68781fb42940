"""The round pages' forms: parsing only; the services judge."""

from decimal import Decimal

from django import forms

from partybrand.brands.choices import BrandTier
from partybrand.core.forms import DateInput, StyledFormMixin, VersionedFormMixin
from partybrand.rounds.choices import (
    RequirementKey,
    ReviewDecision,
    RoundKind,
    ScoringRule,
    StageKind,
)
from partybrand.rounds.requirements import applies
from partybrand.rounds.services.entries import PRESCREEN_CHECKLIST

TIER_ROWS = 4


class OrgChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RoundForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    committee = forms.ModelChoiceField(label="组织单位", queryset=None)
    kind = forms.ChoiceField(label="评选类型", choices=RoundKind.choices)
    title = forms.CharField(
        label="批次名称", max_length=100, help_text="如“2026年度党建品牌验收评选”。"
    )
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    description = forms.CharField(
        label="评选说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="写入评选通知的开头；不填时按评选类型自动生成。",
    )
    eligible_orgs = OrgChoices(
        label="可参评组织",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="所选组织及其下级组织的品牌可以参评；不选表示组织单位下所有品牌。",
    )
    indicator_system = forms.ModelChoiceField(label="评分指标体系", queryset=None, required=False)
    scoring_rule = forms.ChoiceField(label="计分方法", choices=ScoringRule.choices)
    divergence_threshold = forms.DecimalField(
        label="评分分歧提示阈值（分）", min_value=Decimal(0), max_digits=6, decimal_places=2
    )
    min_sheets = forms.IntegerField(
        label="每项最少评分表（份）",
        min_value=1,
        max_value=30,
        help_text="不足这么多份专家评分的申报在结果中标出，确认结果时须说明理由。",
    )
    publicity_days = forms.IntegerField(label="公示天数", min_value=1, max_value=30)
    min_months = forms.IntegerField(label="最短运行月数", min_value=0, max_value=120)
    review_interval_months = forms.IntegerField(label="复评周期（月）", min_value=1, max_value=120)
    vote_enabled = forms.BooleanField(label="开展网络投票", required=False)
    vote_weight = forms.DecimalField(
        label="投票权重（0–1）", min_value=Decimal(0), max_value=Decimal(1), decimal_places=2
    )

    def __init__(self, *args, committees, orgs, systems, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["eligible_orgs"].queryset = orgs
        self.fields["indicator_system"].queryset = systems
        self.fields["eligible_orgs"].widget.attrs["class"] = "form-check-input"
        if editing:
            del self.fields["committee"]
        for key in RequirementKey:
            self.fields[f"req_{key.value}"] = forms.BooleanField(label=key.label, required=False)

    def round_fields(self) -> dict:
        data = self.cleaned_data
        names = (
            "kind",
            "title",
            "year",
            "description",
            "indicator_system",
            "scoring_rule",
            "divergence_threshold",
            "min_sheets",
            "publicity_days",
            "min_months",
            "review_interval_months",
            "vote_enabled",
            "vote_weight",
        )
        fields = {name: data[name] for name in names}
        fields["requirements"] = {k.value: bool(data.get(f"req_{k.value}")) for k in RequirementKey}
        return fields

    @staticmethod
    def requirement_initial(round_) -> dict:
        return {f"req_{k.value}": applies(round_, k.value) for k in RequirementKey}

    def requirement_fields(self):
        return [self[f"req_{k.value}"] for k in RequirementKey]


class StagesForm(StyledFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in StageKind:
            self.fields[f"starts_{kind.value}"] = forms.DateField(
                label=f"{kind.label}开始", required=False, widget=DateInput()
            )
            self.fields[f"ends_{kind.value}"] = forms.DateField(
                label=f"{kind.label}结束", required=False, widget=DateInput()
            )

    def rows(self):
        return [
            (kind.label, self[f"starts_{kind.value}"], self[f"ends_{kind.value}"])
            for kind in StageKind
        ]

    def clean(self):
        data = super().clean()
        stages = {}
        for kind in StageKind:
            starts, ends = data.get(f"starts_{kind.value}"), data.get(f"ends_{kind.value}")
            if bool(starts) != bool(ends):
                raise forms.ValidationError(f"“{kind.label}”请同时填写开始和结束日期。")
            if starts:
                stages[kind.value] = (starts, ends)
        data["stages"] = stages
        return data


class TiersForm(StyledFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, TIER_ROWS + 1):
            self.fields[f"name_{i}"] = forms.CharField(
                label="等次名称", max_length=30, required=False
            )
            self.fields[f"brand_tier_{i}"] = forms.ChoiceField(
                label="对应品牌等级", choices=[("", "—"), *BrandTier.choices], required=False
            )
            self.fields[f"quota_{i}"] = forms.IntegerField(
                label="名额", min_value=0, max_value=10000, required=False
            )
            self.fields[f"min_score_{i}"] = forms.DecimalField(
                label="最低分数",
                min_value=Decimal(0),
                max_digits=6,
                decimal_places=2,
                required=False,
            )

    def rows(self):
        return [
            [self[f"{name}_{i}"] for name in ("name", "brand_tier", "quota", "min_score")]
            for i in range(1, TIER_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        tiers = []
        for i in range(1, TIER_ROWS + 1):
            name = (data.get(f"name_{i}") or "").strip()
            if not name:
                continue
            if data.get(f"quota_{i}") is None:
                raise forms.ValidationError(f"请填写“{name}”的名额。")
            tiers.append(
                {
                    "name": name,
                    "brand_tier": data.get(f"brand_tier_{i}") or "",
                    "quota": data[f"quota_{i}"],
                    "min_score": data.get(f"min_score_{i}") or Decimal(0),
                }
            )
        data["tiers"] = tiers
        return data

    @staticmethod
    def initial_for(tiers) -> dict:
        initial = {}
        for i, tier in enumerate(tiers, start=1):
            initial.update(
                {
                    f"name_{i}": tier.name,
                    f"brand_tier_{i}": tier.brand_tier,
                    f"quota_{i}": tier.quota,
                    f"min_score_{i}": tier.min_score,
                }
            )
        return initial


class BrandChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.org.name}）"


class TierChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.quota}名）"


class EntryForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    brand = BrandChoice(label="参评品牌", queryset=None)
    tier = TierChoice(label="申报等次", queryset=None)
    statement = forms.CharField(
        label="申报说明",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="简要说明品牌的特色和成效，详细内容写在申报书中。",
    )

    def __init__(self, *args, brands=None, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        if brands is None:
            del self.fields["brand"]
        else:
            self.fields["brand"].queryset = brands
        self.fields["tier"].queryset = tiers


class RecommendForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="结论",
        choices=[(ReviewDecision.PASS, "推荐"), (ReviewDecision.RETURN, "退回修改")],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label="推荐意见 / 退回理由",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="推荐意见将写入申报书“上级党组织推荐意见”一栏。",
    )


class PrescreenForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="结论",
        choices=[(ReviewDecision.PASS, "通过"), (ReviewDecision.RETURN, "退回")],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label="审查意见 / 退回理由",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in PRESCREEN_CHECKLIST.items():
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False)

    def checklist(self) -> dict:
        return {key: self.cleaned_data.get(f"check_{key}") for key in PRESCREEN_CHECKLIST}

    def check_fields(self):
        return [self[f"check_{key}"] for key in PRESCREEN_CHECKLIST]
