from django import forms

from partybrand.core.forms import DateInput, StyledFormMixin, VersionedFormMixin
from partybrand.core.models import User
from partybrand.plans.choices import Colour, ForceRole, PlanStatus
from partybrand.plans.models import Plan
from partybrand.plans.selectors import plan_people
from partybrand.plans.templates_data import TEMPLATE_CHOICES

EVIDENCE_HELP = "可选：PDF、Word、Excel、PPT、照片，可多选，每份不超过 20 MB。"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name or obj.username}（{obj.username}）"


class PlanCreateForm(StyledFormMixin, forms.Form):
    org = forms.ModelChoiceField(label="党组织", queryset=None)
    brand = forms.ModelChoiceField(
        label="品牌", queryset=None, required=False, help_text="不选则为党组织的党建工作计划"
    )
    title = forms.CharField(label="计划名称", max_length=100, required=False)
    template = forms.ChoiceField(
        label="模板", choices=[("", "不用模板（空白计划）"), *TEMPLATE_CHOICES], required=False
    )
    start = forms.DateField(label="开始日期", widget=DateInput())
    owner = UserChoiceField(
        label="模板任务默认责任人", queryset=User.objects.none(), required=False
    )
    checker = UserChoiceField(
        label="模板任务默认验收人", queryset=User.objects.none(), required=False
    )
    activate = forms.BooleanField(
        label="创建后立即启动（执行中）",
        required=False,
        help_text="按模板生成的计划可直接启动；空白计划请先分派任务，再在计划页点“启动计划”。",
    )

    def __init__(self, *args, orgs, brands, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["brand"].queryset = brands
        self.fields["owner"].queryset = people
        self.fields["checker"].queryset = people


class PlanEditForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "status", "start", "goal", "near_days", "behind_margin"]
        widgets = {"start": DateInput(), "goal": forms.Textarea(attrs={"rows": 2})}

    status = forms.ChoiceField(label="状态", choices=PlanStatus.choices)


class ForceForm(StyledFormMixin, forms.Form):
    user = UserChoiceField(label="账号", queryset=User.objects.none(), required=False)
    name = forms.CharField(label="姓名", max_length=40, required=False)
    role = forms.ChoiceField(label="职务", choices=ForceRole.choices)
    duty = forms.CharField(label="分工", max_length=200, required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people


class PhaseForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    name = forms.CharField(label="阶段名称", max_length=60)
    goal = forms.CharField(
        label="阶段目标", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    start = forms.DateField(label="开始日期", widget=DateInput())
    end = forms.DateField(label="结束日期", widget=DateInput())
    gate_criteria = forms.CharField(
        label="关口标准（每行一条）", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TaskForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    title = forms.CharField(label="任务名称", max_length=100)
    phase = forms.ModelChoiceField(label="阶段", queryset=None, required=False)
    parent = forms.ModelChoiceField(label="上级任务", queryset=None, required=False)
    duty = forms.CharField(label="责任内容（定责）", widget=forms.Textarea(attrs={"rows": 3}))
    standard = forms.CharField(label="验收标准（定责）", widget=forms.Textarea(attrs={"rows": 2}))
    owner = UserChoiceField(label="责任人（定人）", queryset=User.objects.none())
    post = forms.CharField(label="岗位", max_length=40, required=False)
    checker = UserChoiceField(label="验收人（定查）", queryset=User.objects.none())
    start = forms.DateField(label="开始日期", widget=DateInput())
    deadline = forms.DateField(label="完成时限（定时）", widget=DateInput())

    def __init__(self, *args, plan, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = plan_people(plan.org)
        self.fields["owner"].queryset = people
        self.fields["checker"].queryset = people
        self.fields["phase"].queryset = plan.phases.all()
        parents = plan.tasks.filter(parent__isnull=True)
        if task is not None:
            parents = parents.exclude(pk=task.pk)
        self.fields["parent"].queryset = parents


class MilestoneForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label="节点", max_length=100)
    due = forms.DateField(label="节点日期", widget=DateInput())


class ReportForm(StyledFormMixin, forms.Form):
    percent = forms.IntegerField(
        label="当前进度（%）",
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
    )
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label="佐证材料", required=False, help_text=EVIDENCE_HELP)


class ReturnForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label="退回理由",
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "写明需要补充或整改的内容"}),
    )


class VerifyForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(label="验收意见", required=False, max_length=500)


class CloseForm(StyledFormMixin, forms.Form):
    override_reason = forms.CharField(
        label="越关理由", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class BoardFilterForm(StyledFormMixin, forms.Form):
    phase = forms.ModelChoiceField(
        label="阶段", queryset=None, required=False, empty_label="全部阶段"
    )
    owner = UserChoiceField(
        label="责任人", queryset=User.objects.none(), required=False, empty_label="全部责任人"
    )
    colour = forms.ChoiceField(
        label="颜色", choices=[("", "全部颜色"), *Colour.choices], required=False
    )
    scale = forms.ChoiceField(
        label="时间刻度",
        choices=[("", "自动"), ("week", "按周"), ("month", "按月")],
        required=False,
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = plan.phases.all()
        self.fields["owner"].queryset = User.objects.filter(
            pk__in=plan.tasks.values("owner_id")
        ).order_by("username")
