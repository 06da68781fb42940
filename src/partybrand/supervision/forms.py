"""Forms of tickets, review meetings and rectification items (thin: services validate)."""

from django import forms

from partybrand.core.forms import DateInput, StyledFormMixin, VersionedFormMixin


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name or obj.username


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name or obj.username


class TicketForm(StyledFormMixin, forms.Form):
    org = forms.ModelChoiceField(label="被督办组织", queryset=None, required=False)
    task = forms.ModelChoiceField(label="督办任务", queryset=None, required=False)
    title = forms.CharField(label="督办事项", max_length=100)
    matter = forms.CharField(label="督办内容及要求", widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(label="办理时限", widget=DateInput())
    assign_owner = forms.BooleanField(label="直接交办给任务责任人", required=False, initial=True)

    def __init__(self, *args, orgs, tasks, shown_tasks, **kwargs):
        """`tasks` are all the user may raise a ticket on (what a choice is checked against);
        `shown_tasks` the few offered in the list (a committee may see 100,000 open tasks)."""
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["org"].help_text = "督办任务时可不选，默认为任务所属组织。"
        field = self.fields["task"]
        field.queryset = tasks
        field.choices = [("", "---------")] + [
            (t.pk, f"{t.plan.org.name} · {t.title}（{t.deadline:%m-%d}）") for t in shown_tasks
        ]
        field.help_text = "列出期限最近的未完成任务；也可从任务页面直接发起督办。"

    def clean(self):
        data = super().clean()
        if not data.get("org") and not data.get("task"):
            raise forms.ValidationError("请选择被督办组织或督办任务。")
        return data


class AssignForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    assignee = UserChoiceField(label="承办人", queryset=None)
    note = forms.CharField(label="交办说明", required=False, max_length=500)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users


class FeedbackForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label="办理情况", widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(
        label="佐证材料",
        required=False,
        help_text="支持 PDF、Word、Excel、PowerPoint、PNG、JPEG，可多选。",
    )


class NoteForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    title = forms.CharField(label="会议名称", max_length=100)
    held_on = forms.DateField(label="召开日期", widget=DateInput())
    attendees = UserMultipleChoiceField(
        label="参会人员", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    guests = forms.CharField(label="列席人员（无账号）", max_length=300, required=False)
    agenda = forms.CharField(
        label="会议议程", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes = forms.CharField(
        label="会议纪要", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = users
        self.fields["attendees"].widget.attrs["class"] = "form-check-input"


class ItemForm(StyledFormMixin, forms.Form):
    finding = forms.CharField(label="发现的问题", widget=forms.Textarea(attrs={"rows": 2}))
    measure = forms.CharField(
        label="整改措施", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = UserChoiceField(label="整改责任人", queryset=None)
    deadline = forms.DateField(label="整改时限", widget=DateInput())

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = users


class ItemDoneForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 2}))
