"""Forms of the panel, scoring, 路演, results, vote and 公示 pages."""

from django import forms

from partybrand.core.forms import DateInput, StyledFormMixin
from partybrand.core.models import User
from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.roles import Cap, roles_with
from partybrand.rounds.choices import RoundOutcome
from partybrand.rounds.models import Entry, PanelGroup


def expert_pool(round_):
    """The experts of the committee's subtree: who may review brands there or below."""
    ids = RoleAssignment.objects.filter(
        role__in=roles_with(Cap.REVIEW_BRANDS),
        org__path__startswith=round_.committee.path,
        org__is_active=True,
    ).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("display_name", "id")


class GroupForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label="评审组名称", max_length=60)


class MemberForm(StyledFormMixin, forms.Form):
    user = forms.ModelChoiceField(label="评审专家", queryset=User.objects.none())
    group = forms.ModelChoiceField(
        label="评审组", queryset=PanelGroup.objects.none(), required=False
    )
    is_chair = forms.BooleanField(label="担任组长", required=False)

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = expert_pool(round_)
        self.fields["group"].queryset = round_.panel_groups.all()


class DrawForm(StyledFormMixin, forms.Form):
    count = forms.IntegerField(label="抽取人数", min_value=1, max_value=100)
    seed = forms.IntegerField(label="随机种子", min_value=0, help_text="记录在案，可复核抽取结果")
    group = forms.ModelChoiceField(
        label="评审组", queryset=PanelGroup.objects.none(), required=False
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = round_.panel_groups.all()


class AssignForm(StyledFormMixin, forms.Form):
    group = forms.ModelChoiceField(label="评审组", queryset=PanelGroup.objects.none())

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = round_.panel_groups.all()


class ConflictForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label="回避理由", max_length=200)


class SheetForm(StyledFormMixin, forms.Form):
    """One field per leaf indicator, then the comments."""

    comments = forms.CharField(
        label="评语", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, leaves, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaves = leaves
        for leaf in leaves:
            self.fields[f"item_{leaf.pk}"] = forms.DecimalField(
                label=f"{leaf.code} {leaf.name}",
                min_value=0,
                max_value=leaf.points,
                decimal_places=2,
                required=False,
                initial=(sheet.items or {}).get(str(leaf.pk)),
                help_text=f"满分 {leaf.points.normalize():f}",
                widget=forms.NumberInput(
                    attrs={"step": "0.5", "inputmode": "decimal", "class": "form-control"}
                ),
            )
        self.fields["comments"].initial = sheet.comments

    def items(self) -> dict:
        return {
            str(leaf.pk): self.cleaned_data.get(f"item_{leaf.pk}")
            for leaf in self.leaves
            if self.cleaned_data.get(f"item_{leaf.pk}") is not None
        }

    def item_fields(self):
        return [(leaf, self[f"item_{leaf.pk}"]) for leaf in self.leaves]


class EntryChoice(forms.ModelChoiceField):
    """An entry of the round the page is about: its brand and organisation, not the round again."""

    def label_from_instance(self, obj):
        return f"{obj.brand.name}（{obj.org.name}）"


class RoadshowStartForm(StyledFormMixin, forms.Form):
    minutes = forms.IntegerField(label="每项路演时长（分钟）", min_value=1, max_value=60, initial=8)


class OpenEntryForm(StyledFormMixin, forms.Form):
    entry = EntryChoice(label="路演项目", queryset=Entry.objects.none())

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries.select_related("brand", "org")


class OutcomeForm(StyledFormMixin, forms.Form):
    entry = EntryChoice(label="申报", queryset=Entry.objects.none())
    outcome = forms.ChoiceField(label="复评结论", choices=RoundOutcome.choices)
    reason = forms.CharField(label="理由", max_length=500)
    deadline = forms.DateField(label="整改期限", required=False, widget=DateInput())

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = round_.entries.select_related("brand", "org")


class ConfirmForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label="确认理由",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="有申报评分表不足或评分分歧时必填，写入审计记录。",
    )


class ObjectionForm(StyledFormMixin, forms.Form):
    entry = EntryChoice(label="涉及品牌", queryset=Entry.objects.none(), required=False)
    text = forms.CharField(
        label="异议内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries.select_related("brand", "org")


class AnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(
        label="答复", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    upheld = forms.BooleanField(label="异议成立（移出公示名单）", required=False)


class VoteForm(StyledFormMixin, forms.Form):
    entry = EntryChoice(label="投票给", queryset=Entry.objects.none())

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries.select_related("brand", "org")
