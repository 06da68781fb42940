"""What the carrier API reads and writes. Writes go through the services."""

from django.urls import reverse
from rest_framework import serializers

from partybrand.core.ids import ID_MAX
from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.orgs.models import Member
from partybrand.promotion.choices import BrandDisplay, CarrierKind, CarrierState
from partybrand.promotion.models import Activity, ActivityPhoto, Carrier, Recognition
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
