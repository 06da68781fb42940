"""What the 推介 API reads and writes: carriers, launches, the publicity ledger. Writes go
through the services."""

from django.urls import reverse
from rest_framework import serializers

from partybrand.core.ids import ID_MAX
from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.orgs.models import Member
from partybrand.promotion.choices import (
    Adoption,
    BrandDisplay,
    CarrierKind,
    CarrierState,
    PublicityChannel,
    PublicityDirection,
    PublicityLevel,
)
from partybrand.promotion.models import (
    Activity,
    ActivityPhoto,
    Carrier,
    Launch,
    LaunchPhoto,
    PublicityEntry,
    Recognition,
)
from partybrand.promotion.services import MAX_RESULTS

CARRIER_WRITE_FIELDS = ["kind", "name", "leader", "members", "area", "commitment"]
CARRIER_WRITE_FIELDS += ["starts_on", "ends_on", "display"]


class RollMemberSerializer(ModelSerializer):
    class Meta:
        model = Member
        fields = ["id", "name"]
        read_only_fields = fields


class CarrierSerializer(ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    brand_name = serializers.CharField(source="brand.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    leader = RollMemberSerializer(read_only=True, allow_null=True)
    members = RollMemberSerializer(many=True, read_only=True)
    display = serializers.ListField(child=serializers.ChoiceField(BrandDisplay.choices))

    class Meta:
        model = Carrier
        fields = ["id", "org", "org_name", "brand", "brand_name", "kind", "kind_display", "name"]
        fields += ["leader", "members", "area", "commitment", "starts_on", "ends_on", "display"]
        fields += ["state", "state_display", "created_at", "updated_at"]
        read_only_fields = fields


class _CarrierWrite(ModelSerializer):
    # Any member's id parses; the service refuses one not on the carrier's organisation's roll.
    leader = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), required=False, allow_null=True
    )
    members = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), many=True, required=False
    )
    display = serializers.ListField(
        child=serializers.ChoiceField(BrandDisplay.choices), required=False, max_length=3
    )

    class Meta:
        model = Carrier
        fields = CARRIER_WRITE_FIELDS


class CarrierCreateSerializer(_CarrierWrite):
    brand = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, help_text="所属品牌编号（须为本组织的品牌）"
    )

    class Meta:
        model = Carrier
        fields = ["brand", *CARRIER_WRITE_FIELDS]
        extra_kwargs = {"kind": {"choices": CarrierKind.choices}}


class CarrierUpdateSerializer(_CarrierWrite):
    class Meta:
        model = Carrier
        fields = [*CARRIER_WRITE_FIELDS, "state"]
        extra_kwargs = {"state": {"choices": CarrierState.choices}}


class ResultSerializer(Serializer):
    label = serializers.CharField(max_length=20)
    number = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)
    unit = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")


class ResultReadSerializer(Serializer):
    label = serializers.CharField()
    number = serializers.CharField(help_text="数值（十进制文本，如 35.5）")
    unit = serializers.CharField()


class PhotoSerializer(ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ActivityPhoto
        fields = ["id", "title", "content_type", "size", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, photo: ActivityPhoto) -> str:
        return reverse("promotion:photo_view", args=[photo.pk])


class ActivitySerializer(ModelSerializer):
    participants = RollMemberSerializer(many=True, read_only=True)
    results = ResultReadSerializer(many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "carrier", "held_on", "place", "participants", "content", "results"]
        fields += ["photos", "created_at"]
        read_only_fields = fields


class ActivityWriteSerializer(ModelSerializer):
    """An activity without photos: photos are uploaded on the activity page."""

    participants = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), many=True, required=False
    )
    results = ResultSerializer(many=True, required=False, max_length=MAX_RESULTS)

    class Meta:
        model = Activity
        fields = ["held_on", "place", "participants", "content", "results"]


class RecognitionSerializer(ModelSerializer):
    decision_display = serializers.CharField(source="get_decision_display", read_only=True)

    class Meta:
        model = Recognition
        fields = ["id", "carrier", "title", "criteria", "decision", "decision_display"]
        fields += ["comment", "decided_on", "plaque_on", "recheck_on", "created_at"]
        read_only_fields = fields


class RecognitionWriteSerializer(ModelSerializer):
    class Meta:
        model = Recognition
        fields = ["title", "criteria", "decision", "comment", "decided_on", "plaque_on"]
        fields += ["recheck_on"]


class AgendaRowSerializer(Serializer):
    time = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    item = serializers.CharField(max_length=60)
    speaker = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")


class ChecklistRowSerializer(Serializer):
    item = serializers.CharField(max_length=60)
    done = serializers.BooleanField(required=False, default=False)


class LaunchPhotoSerializer(ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = LaunchPhoto
        fields = ["id", "title", "content_type", "size", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, photo: LaunchPhoto) -> str:
        return reverse("promotion:launch_photo", args=[photo.pk])


class LaunchSerializer(ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    brand_name = serializers.CharField(source="brand.name", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    participants = RollMemberSerializer(many=True, read_only=True)
    agenda = AgendaRowSerializer(many=True, read_only=True)
    checklist = ChecklistRowSerializer(many=True, read_only=True)
    photos = LaunchPhotoSerializer(many=True, read_only=True)
    start_time = serializers.SerializerMethodField(help_text="开始时间，如 09:30")

    class Meta:
        model = Launch
        fields = ["id", "org", "org_name", "brand", "brand_name", "title", "held_on"]
        fields += ["start_time", "venue", "agenda", "participants", "guests", "host_script"]
        fields += ["speech", "checklist", "publicity_plan", "state", "state_display"]
        fields += ["attendance", "summary", "photos", "version", "created_at", "updated_at"]
        read_only_fields = fields

    def get_start_time(self, launch: Launch) -> str | None:
        return f"{launch.start_time:%H:%M}" if launch.start_time else None


LAUNCH_WRITE_FIELDS = ["title", "held_on", "start_time", "venue", "agenda", "participants"]
LAUNCH_WRITE_FIELDS += ["guests", "host_script", "speech", "checklist", "publicity_plan"]


class _LaunchWrite(ModelSerializer):
    # Any member's id parses; the service refuses one not on the organisation's roll.
    participants = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), many=True, required=False
    )
    agenda = AgendaRowSerializer(many=True, required=False, max_length=20)
    checklist = ChecklistRowSerializer(many=True, required=False, max_length=30)
    title = serializers.CharField(max_length=60, required=False, allow_blank=True)

    class Meta:
        model = Launch
        fields = LAUNCH_WRITE_FIELDS


class LaunchCreateSerializer(_LaunchWrite):
    brand = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text="品牌编号")

    class Meta:
        model = Launch
        fields = ["brand", *LAUNCH_WRITE_FIELDS]


class LaunchUpdateSerializer(_LaunchWrite):
    class Meta:
        model = Launch
        fields = LAUNCH_WRITE_FIELDS


class LaunchRecordSerializer(Serializer):
    attendance = serializers.IntegerField(min_value=1, max_value=100000, label="实到人数")
    summary = serializers.CharField(label="会议纪要")
    photos = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        max_length=12,
        label="现场照片",
        help_text="multipart/form-data 时上传，PNG 或 JPEG",
    )


class PublicitySerializer(ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    brand_name = serializers.CharField(source="brand.name", read_only=True)
    direction_display = serializers.CharField(source="get_direction_display", read_only=True)
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    reported_to_name = serializers.CharField(
        source="reported_to.name", read_only=True, allow_null=True, default=None
    )
    proof_url = serializers.SerializerMethodField()
    # Blank for items not reported upward (and the level until adopted): no enum then.
    adoption = serializers.CharField(
        read_only=True,
        help_text="向上报送：pending 待采用、adopted 已采用、declined 未采用；其他为空",
    )
    adopted_level = serializers.CharField(
        read_only=True, help_text="采用层级：team、company、group、provincial、national；未采用为空"
    )

    class Meta:
        model = PublicityEntry
        fields = ["id", "org", "org_name", "brand", "brand_name", "launch", "direction"]
        fields += ["direction_display", "channel", "channel_display", "outlet", "published_on"]
        fields += ["title", "url", "level", "level_display", "reach", "proof_url"]
        fields += ["reported_to", "reported_to_name", "adoption", "adopted_level", "adopted_on"]
        fields += ["adoption_note", "created_at"]
        read_only_fields = fields

    def get_proof_url(self, entry: PublicityEntry) -> str | None:
        return reverse("promotion:publicity_proof", args=[entry.pk]) if entry.proof else None


class PublicityWriteSerializer(Serializer):
    brand = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text="品牌编号")
    channel = serializers.ChoiceField(PublicityChannel.choices, label="渠道")
    outlet = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    published_on = serializers.DateField(label="日期")
    title = serializers.CharField(max_length=100, label="标题")
    url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    level = serializers.ChoiceField(PublicityLevel.choices, label="层级")
    reach = serializers.IntegerField(
        min_value=0, max_value=10**9 - 1, required=False, allow_null=True
    )
    reported_to = serializers.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        required=False,
        allow_null=True,
        help_text="报送的上级党组织编号",
    )
    launch = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, required=False, allow_null=True, help_text="关联的发布会编号"
    )
    proof = serializers.FileField(
        required=False, help_text="multipart/form-data 时上传：截图（PNG、JPEG）或 PDF"
    )


class AdoptionSerializer(Serializer):
    adoption = serializers.ChoiceField(
        [(Adoption.ADOPTED, Adoption.ADOPTED.label), (Adoption.DECLINED, Adoption.DECLINED.label)]
    )
    level = serializers.ChoiceField(
        PublicityLevel.choices, required=False, allow_blank=True, default=""
    )
    adopted_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PublicityLevelCountsSerializer(Serializer):
    """Counts by level, lowest first."""

    team = serializers.IntegerField(read_only=True, label="班组")
    company = serializers.IntegerField(read_only=True, label="公司")
    group = serializers.IntegerField(read_only=True, label="集团")
    provincial = serializers.IntegerField(read_only=True, label="省部")
    national = serializers.IntegerField(read_only=True, label="国家")


class PublicityDirectionTotalsSerializer(Serializer):
    direction = serializers.ChoiceField(PublicityDirection.choices, read_only=True)
    label = serializers.CharField(read_only=True)
    total = serializers.IntegerField(read_only=True)
    reach = serializers.IntegerField(read_only=True, help_text="已知的阅读或覆盖人次合计")
    by_level = PublicityLevelCountsSerializer(read_only=True)


class PublicityMonthSerializer(Serializer):
    month = serializers.SerializerMethodField(help_text="年月，如 2024-05")
    count = serializers.IntegerField(source="n", read_only=True)

    def get_month(self, row) -> str:
        return f"{row['month']:%Y-%m}"


class PublicityTotalsSerializer(Serializer):
    """The ledger's totals over the rows the filters select (per brand, per committee)."""

    total = serializers.IntegerField(read_only=True)
    by_direction = PublicityDirectionTotalsSerializer(many=True, read_only=True)
    by_level = PublicityLevelCountsSerializer(read_only=True)
    by_month = PublicityMonthSerializer(source="months", many=True, read_only=True)
    adopted_total = serializers.IntegerField(read_only=True, help_text="向上报送并被采用的条数")
    adopted_by_level = PublicityLevelCountsSerializer(read_only=True, help_text="按采用层级")
    pending = serializers.IntegerField(read_only=True, help_text="向上报送、待采用的条数")
