"""Forms of the account pages: parsing only; the changes are services.py's."""

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError

from partybrand.accounts.credentials import USERNAME_RULE
from partybrand.core.forms import StyledFormMixin, TextGuardMixin
from partybrand.orgs.roles import role_choices

ACTIVE_CHOICES = [("", "全部"), ("true", "在用"), ("false", "已停用")]


class AccountFilterForm(TextGuardMixin, forms.Form):
    """The account list's filter; a bad value is ignored, not an error page."""

    q = forms.CharField(required=False, max_length=50)
    org = forms.IntegerField(required=False, min_value=1)
    role = forms.ChoiceField(required=False, choices=[("", "全部角色"), *role_choices()])
    active = forms.ChoiceField(required=False, choices=ACTIVE_CHOICES)

    def values(self) -> dict:
        if self.is_valid():
            return self.cleaned_data
        return {name: self.cleaned_data.get(name) for name in self.fields}


class LoginCreateForm(StyledFormMixin, forms.Form):
    username = forms.CharField(
        label="用户名",
        max_length=30,
        help_text="由姓名拼音生成，可修改；字母、数字和 . _ -，3 至 30 位。",
    )
    email = forms.EmailField(
        label="电子邮箱", required=False, help_text="选填；填写后可通过邮件收到密码重置链接。"
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if not USERNAME_RULE.fullmatch(username):
            raise ValidationError("用户名只能由字母、数字和 . _ - 组成，3 至 30 位。")
        return username


class BulkLoginForm(TextGuardMixin, forms.Form):
    members = forms.ModelMultipleChoiceField(
        queryset=None, error_messages={"required": "请选择要开通账号的党员。"}
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        self.fields["members"].label = "党员"


class RoleGrantForm(StyledFormMixin, forms.Form):
    """A role at one of the organisations offered, or at another given by its code."""

    org = forms.ChoiceField(label="组织", required=False)
    org_code = forms.CharField(
        label="或其他组织的编码",
        required=False,
        max_length=32,
        help_text="选填，优先于上面的选择。",
    )
    role = forms.ChoiceField(label="角色")

    def __init__(self, *args, orgs, roles, within, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(str(org.pk), org.name) for org in orgs]
        self.fields["role"].choices = [("", "选择角色"), *reversed(roles)]  # weakest first
        self._within = within  # organisations the actor manages accounts in

    def clean(self):
        data = super().clean()
        code = (data.get("org_code") or "").strip()
        if code:
            org = self._within.filter(code=code).first()
            if org is None:
                raise ValidationError({"org_code": f"您管理的组织中没有编码为“{code}”的组织。"})
        else:
            org = self._within.filter(pk=data.get("org") or 0).first()
            if org is None:
                raise ValidationError({"org": "请选择组织。"})
        data["organization"] = org
        return data


class OwnPasswordForm(StyledFormMixin, PasswordChangeForm):
    """The current password, then the new one twice (checked against the password policy)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "当前密码"


class NewPasswordForm(StyledFormMixin, SetPasswordForm):
    """The new password twice, for a reset link."""
