from typing import cast

from django import forms

from partybrand.core.forms import DateInput, StyledFormMixin, VersionedFormMixin
from partybrand.core.tabular import ImportRefused, load_workbook_safely
from partybrand.orgs.choices import ALLOWED_CHILD_KINDS, OrgKind
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.validators import normalize_staff_number


class OrgForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "code",
            "kind",
            "business",
            "region",
            "province",
            "sort_order",
        ]

    def __init__(self, *args, parent: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        parent = parent if parent is not None else getattr(self.instance, "parent", None)
        if parent is not None:
            allowed = ALLOWED_CHILD_KINDS[OrgKind(parent.kind)]
            kind = cast(forms.ChoiceField, self.fields["kind"])
            kind.choices = [(k, v) for k, v in OrgKind.choices if k in allowed]


class MemberForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Member
        fields = [
            "name",
            "gender",
            "birth_date",
            "join_date",
            "status",
            "job_title",
            "phone",
            "id_number",
            "staff_number",
        ]
        widgets = {"birth_date": DateInput(), "join_date": DateInput()}

    def clean_id_number(self):
        return (self.cleaned_data.get("id_number") or "").strip().upper() or None

    def clean_staff_number(self):
        return normalize_staff_number(self.cleaned_data.get("staff_number")) or None

    def clean(self):
        super().clean()
        data = self.cleaned_data
        birth, joined = data.get("birth_date"), data.get("join_date")
        if birth and joined and joined.year - birth.year < 18:
            self.add_error("join_date", "入党时应年满 18 周岁。")
        id_number = data.get("id_number")
        if birth and id_number and id_number[6:14] != birth.strftime("%Y%m%d"):
            self.add_error("birth_date", "出生日期与身份证号不一致。")
        return data


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")

    def clean_file(self):
        """The file's size and structure checked at once (core/tabular.py), as before it is
        stored for the background import; its rows are checked by the import itself.
        `import_errors` keeps the refusal for the page's table."""
        upload = self.cleaned_data["file"]
        try:
            load_workbook_safely(upload).close()
        except ImportRefused as refused:
            self.import_errors = refused.errors
            raise forms.ValidationError([error.message for error in refused.errors]) from refused
        upload.seek(0)
        return upload
