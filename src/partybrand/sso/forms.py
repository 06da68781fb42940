from django import forms

from partybrand.core.forms import StyledFormMixin


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label="动态口令",
        min_length=6,
        max_length=6,
        help_text="身份验证器应用中显示的 6 位数字，每 30 秒更新一次。",
        error_messages={
            "required": "请输入 6 位动态口令。",
            "min_length": "动态口令是 6 位数字。",
            "max_length": "动态口令是 6 位数字。",
        },
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or not code.isascii():
            raise forms.ValidationError("动态口令是 6 位数字。")
        return code
