"""What the case API reads and writes. Writes go through the services."""

from django.urls import reverse
from rest_framework import serializers

from partybrand.cases.choices import AdoptionLevel, CaseSection, NewsSection
from partybrand.cases.models import (
    CAPTION_MAX,
    CasePhoto,
    CaseReport,
    CaseStep,
    Compilation,
    NewsRelease,
    TypicalCase,
)
from partybrand.cases.services import MAX_PHOTOS
from partybrand.core.ids import ID_MAX
from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.orgs.models import Member
from partybrand.promotion.serializers import RollMemberSerializer


class CasePhotoUploadSerializer(Serializer):
    photos = serializers.ListField(
        child=serializers.FileField(),
        max_length=MAX_PHOTOS,
        label="案例照片",
        help_text="multipart/form-data 上传，PNG 或 JPEG，可多张",
    )
    caption = serializers.CharField(
        label="图片说明",
        required=False,
        allow_blank=True,
        max_length=CAPTION_MAX,
        help_text="印在照片下方；不填则用案例标题",
    )


class CasePhotoCaptionSerializer(Serializer):
    caption = serializers.CharField(
        label="图片说明", allow_blank=True, max_length=CAPTION_MAX, help_text="留空则用案例标题"
    )


class CasePhotoSerializer(ModelSerializer):
    url = serializers.SerializerMethodField()
    # Blank until the writer gives one (the pages then show the case's title): the schema says so.
    caption = serializers.CharField(read_only=True, allow_blank=True)

    class Meta:
        model = CasePhoto
        fields = ["id", "title", "caption", "content_type", "size", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, photo: CasePhoto) -> str:
        return reverse("cases:photo_view", args=[photo.pk])


class StepSerializer(ModelSerializer):
    action_display = serializers.CharField(source="get_action_display", read_only=True)

    class Meta:
        model = CaseStep
        fields = ["id", "action", "action_display", "from_state", "to_state", "comment", "at"]
        read_only_fields = fields


class ReportSerializer(ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = CaseReport
        fields = ["id", "reported_to", "reported_on", "adopted", "level", "level_display"]
        fields += ["adopted_on", "adopted_note"]
        read_only_fields = fields


class CaseSerializer(ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    brand_name = serializers.CharField(source="brand.name", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    authors = RollMemberSerializer(many=True, read_only=True)

    class Meta:
        model = TypicalCase
        fields = ["id", "org", "org_name", "brand", "brand_name", "title", "authors", "state"]
        fields += ["state_display", "published_on", "created_at", "updated_at"]
        read_only_fields = fields


class CaseDetailSerializer(CaseSerializer):
    texts = serializers.SerializerMethodField(help_text="各部分文字：summary 摘要 …")
    photos = CasePhotoSerializer(many=True, read_only=True)
    steps = StepSerializer(many=True, read_only=True)
    reports = ReportSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "texts", "photos", "steps", "reports"]
        read_only_fields = fields

    def get_texts(self, case) -> dict[str, str]:
        return self.context["texts_of"](case)


class CaseCreateSerializer(Serializer):
    brand = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text="所属品牌编号")
    title = serializers.CharField(max_length=60)
    authors = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all(), many=True)


class CaseUpdateSerializer(Serializer):
    title = serializers.CharField(max_length=60, required=False)
    authors = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), many=True, required=False
    )
    texts = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=20000),
        required=False,
        help_text="部分键（" + "、".join(f"{k} {v}" for k, v in CaseSection.choices) + "）→ 文字",
    )

    def validate_texts(self, value):
        unknown = set(value) - set(CaseSection.values)
        if unknown:
            raise serializers.ValidationError(f"没有这些部分：{'、'.join(sorted(unknown))}")
        return value


class StepWriteSerializer(Serializer):
    action = serializers.ChoiceField(
        choices=[
            ("submit", "提交上级审核"),
            ("forward", "报送党委"),
            ("return", "退回修改"),
            ("publish", "审定发布"),
        ]
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ReportWriteSerializer(Serializer):
    reported_to = serializers.CharField(max_length=100)
    reported_on = serializers.DateField()


class AdoptWriteSerializer(Serializer):
    report = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text="报送记录编号")
    adopted = serializers.BooleanField()
    level = serializers.ChoiceField(choices=AdoptionLevel.choices, required=False, allow_blank=True)
    adopted_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class CompilationSerializer(ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    cases = serializers.SerializerMethodField(help_text="按顺序收录的案例编号")

    class Meta:
        model = Compilation
        fields = ["id", "org", "org_name", "title", "cases", "created_at", "updated_at"]
        read_only_fields = fields

    def get_cases(self, compilation) -> list[int]:
        return [e.case_id for e in compilation.entries.all()]


class CompilationWriteSerializer(Serializer):
    org = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text="编印单位编号")
    title = serializers.CharField(max_length=60)
    cases = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        min_length=1,
        max_length=100,
        help_text="已发布案例的编号，按汇编顺序",
    )


class CompilationUpdateSerializer(Serializer):
    title = serializers.CharField(max_length=60, required=False)
    cases = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        min_length=1,
        max_length=100,
        required=False,
    )


class NewsSerializer(ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    brand_name = serializers.CharField(source="brand.name", read_only=True)

    class Meta:
        model = NewsRelease
        fields = ["id", "org", "org_name", "brand", "brand_name", "activity", "headline"]
        fields += ["happened_on", "place", "people", "event", "result", "created_at"]
        read_only_fields = fields


class NewsWriteSerializer(Serializer):
    brand = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text="所属品牌编号")
    activity = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, required=False, allow_null=True, help_text="来源载体活动编号"
    )
    headline = serializers.CharField(max_length=60, required=False)
    happened_on = serializers.DateField(required=False)
    place = serializers.CharField(max_length=100, required=False, allow_blank=True)
    people = serializers.CharField(max_length=200, required=False, allow_blank=True)
    event = serializers.CharField(max_length=300, required=False)
    result = serializers.CharField(max_length=300, required=False, allow_blank=True)


class NewsUpdateSerializer(Serializer):
    headline = serializers.CharField(max_length=60, required=False)
    happened_on = serializers.DateField(required=False)
    place = serializers.CharField(max_length=100, required=False, allow_blank=True)
    people = serializers.CharField(max_length=200, required=False, allow_blank=True)
    event = serializers.CharField(max_length=300, required=False)
    result = serializers.CharField(max_length=300, required=False, allow_blank=True)
    texts = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=20000),
        required=False,
        help_text="lead 导语、body 正文 → 文字",
    )

    def validate_texts(self, value):
        if set(value) - set(NewsSection.values):
            raise serializers.ValidationError("只有 lead（导语）和 body（正文）。")
        return value
