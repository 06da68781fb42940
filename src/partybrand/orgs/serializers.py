"""What the API reads and writes of organisations and members. Writes go through the services;
serializers only parse input."""

import datetime

from rest_framework import serializers

from partybrand.core.rest.serializers import ModelSerializer, Serializer, request_user
from partybrand.core.tabular import ImportRefused, load_workbook_safely
from partybrand.orgs.access import may_see_personal, visible_orgs
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.services import MEMBER_FIELDS
from partybrand.orgs.validators import normalize_staff_number, validate_staff_number


class VisibleOrgField(serializers.PrimaryKeyRelatedField):
    """An organisation id the requesting user may see; any other id reads as missing."""

    default_error_messages = {
        "does_not_exist": "组织不存在或您无权访问（编号 {pk_value}）。",
        "incorrect_type": "组织编号应为整数。",
    }

    def get_queryset(self):
        return visible_orgs(request_user(self))


class OrgSerializer(ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    parent_name = serializers.CharField(source="parent.name", read_only=True, default="")

    class Meta:
        model = Organization
        fields = [
            "id",
            "parent",
            "parent_name",
            "code",
            "name",
            "short_name",
            "kind",
            "kind_display",
            "business",
            "region",
            "province",
            "sort_order",
            "depth",
            "child_count",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class OrgUpdateSerializer(ModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "business",
            "region",
            "province",
            "sort_order",
        ]


class OrgCreateSerializer(OrgUpdateSerializer):
    # DRF's metaclass takes declared fields off the class: this is no Field.parent
    parent = VisibleOrgField(label="上级组织")  # type: ignore[assignment]

    class Meta(OrgUpdateSerializer.Meta):
        fields = ["parent", *OrgUpdateSerializer.Meta.fields]


# Members ---------------------------------------------------------------------------------------


class MemberSerializer(ModelSerializer):
    """A member as the requesting user may see it: phone and ID number masked unless allowed."""

    org_name = serializers.CharField(source="org.name", read_only=True)
    gender_display = serializers.CharField(source="get_gender_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    phone = serializers.SerializerMethodField()
    id_number = serializers.SerializerMethodField()
    birth_date = serializers.SerializerMethodField()
    birth_year = serializers.SerializerMethodField()
    personal_visible = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = [
            "id",
            "org",
            "org_name",
            "name",
            "gender",
            "gender_display",
            "birth_date",
            "birth_year",
            "join_date",
            "status",
            "status_display",
            "job_title",
            "phone",
            "id_number",
            "staff_number",
            "personal_visible",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _visible(self, member: Member) -> bool:
        # Needs member.org loaded (select_related); the user's roles are cached per request.
        return may_see_personal(request_user(self), member)

    def get_personal_visible(self, member: Member) -> bool:
        return self._visible(member)

    def get_phone(self, member: Member) -> str:
        return member.phone if self._visible(member) else member.phone_masked

    def get_id_number(self, member: Member) -> str:
        return (member.id_number or "") if self._visible(member) else member.id_number_masked

    def get_birth_date(self, member: Member) -> datetime.date | None:
        # The full date is personal data; others see the year only (birth_year).
        return member.birth_date if self._visible(member) else None

    def get_birth_year(self, member: Member) -> int | None:
        return member.birth_date.year if member.birth_date else None


class StaffNumberField(serializers.CharField):
    """工号 as kept: "ｅ1001 " is "E1001" before it is checked (the service checks uniqueness)."""

    def to_internal_value(self, data):
        return normalize_staff_number(super().to_internal_value(data)) or None


class MemberUpdateSerializer(ModelSerializer):
    org = VisibleOrgField(label="所在组织", required=False)
    staff_number = StaffNumberField(
        label="工号",
        max_length=32,
        required=False,
        allow_blank=True,
        allow_null=True,
        validators=[validate_staff_number],
        help_text="单位人事系统中的工号，全系统唯一；启用统一身份认证时据此识别本人。",
    )

    class Meta:
        model = Member
        fields = ["org", *MEMBER_FIELDS]

    def to_representation(self, member):
        # The browsable API prefills its edit form with this, for anyone who may see the member.
        data = super().to_representation(member)
        if not may_see_personal(request_user(self), member):
            data["phone"] = member.phone_masked
            data["id_number"] = member.id_number_masked
            data["birth_date"] = None
        return data


class MemberCreateSerializer(MemberUpdateSerializer):
    org = VisibleOrgField(label="所在组织")


class RollImportSerializer(Serializer):
    """An organisation or member workbook, checked as a whole at once (size and structure, as
    the upload page does); its rows are checked by the background import."""

    file = serializers.FileField(label="Excel 文件（.xlsx）", help_text="按导入模板填写的 .xlsx")

    def validate_file(self, upload):
        try:
            load_workbook_safely(upload).close()
        except ImportRefused as refused:
            raise serializers.ValidationError([e.message for e in refused.errors]) from refused
        upload.seek(0)
        return upload
