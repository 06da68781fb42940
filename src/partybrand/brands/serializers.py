"""What the API reads and writes of brands. Writes go through the services; serializers only
parse input."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partybrand.brands.access import can_edit_brand, visible_brands
from partybrand.brands.choices import BrandTier, ReReviewOutcome
from partybrand.brands.lifecycle import TRANSITIONS
from partybrand.brands.models import (
    Attachment,
    Brand,
    BrandEvent,
    BrandPhrase,
    Honour,
    Kpi,
    KpiValue,
)
from partybrand.brands.services import BRAND_FIELDS
from partybrand.brands.transitions import available_transitions
from partybrand.core.rest.serializers import ModelSerializer, Serializer, request_user
from partybrand.orgs.serializers import VisibleOrgField


class VisibleBrandField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "品牌不存在或您无权访问（编号 {pk_value}）。",
        "incorrect_type": "品牌编号应为整数。",
    }

    def get_queryset(self):
        return visible_brands(request_user(self))


class BrandSerializer(ModelSerializer):
    """A brand in lists: identity and where it stands."""

    org_name = serializers.CharField(source="org.name", read_only=True)
    parent_name = serializers.CharField(source="parent.name", read_only=True, default="")
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    tier_display = serializers.CharField(source="get_tier_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Brand
        fields = [
            "id",
            "org",
            "org_name",
            "parent",
            "parent_name",
            "name",
            "slogan",
            "level",
            "level_display",
            "tier",
            "tier_display",
            "status",
            "status_display",
            "doc_no",
            "named_on",
            "publicity_ends_on",
            "next_review_on",
            "rectify_deadline",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PhraseSerializer(ModelSerializer):
    class Meta:
        model = BrandPhrase
        fields = ["order", "phrase", "explanation"]


class KpiValueSerializer(ModelSerializer):
    class Meta:
        model = KpiValue
        fields = ["measured_on", "value", "note"]


class KpiSerializer(ModelSerializer):
    values = KpiValueSerializer(many=True, read_only=True)

    class Meta:
        model = Kpi
        fields = [
            "id",
            "name",
            "unit",
            "direction",
            "baseline",
            "baseline_on",
            "target",
            "description",
            "values",
        ]


class HonourSerializer(ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Honour
        fields = ["id", "title", "level", "level_display", "year", "issuer"]


class AttachmentSerializer(ModelSerializer):
    """Attachment metadata only: files are downloaded through the access-checked pages."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "kind",
            "kind_display",
            "title",
            "has_file",
            "content_type",
            "size",
            "url",
            "uploaded_at",
        ]

    def get_has_file(self, attachment: Attachment) -> bool:
        return bool(attachment.file)


class EventSerializer(ModelSerializer):
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = BrandEvent
        fields = [
            "action",
            "label",
            "from_status",
            "to_status",
            "actor_name",
            "comment",
            "data",
            "created_at",
        ]

    def get_actor_name(self, event: BrandEvent) -> str:
        return str(event.actor) if event.actor is not None else ""


class ActionSerializer(Serializer):
    action = serializers.CharField()
    # DRF's metaclass takes declared fields off the class: this is no Field.label
    label = serializers.CharField()  # type: ignore[assignment]
    needs_comment = serializers.BooleanField()
    params = serializers.ListField(child=serializers.CharField())


class BrandDetailSerializer(BrandSerializer):
    """The whole brand record, with what the requesting user may do with it now."""

    phrases = PhraseSerializer(many=True, read_only=True)
    kpis = KpiSerializer(many=True, read_only=True)
    honours = HonourSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    has_logo = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()

    class Meta(BrandSerializer.Meta):
        fields = [
            *BrandSerializer.Meta.fields,
            "meaning",
            "political_note",
            "cultural_note",
            "integration_note",
            "has_logo",
            "logo_meaning",
            "standard_colors",
            "standard_fonts",
            "usage_rules",
            "phrases",
            "kpis",
            "honours",
            "attachments",
            "events",
            "can_edit",
            "available_actions",
        ]
        read_only_fields = fields

    def get_has_logo(self, brand: Brand) -> bool:
        return bool(brand.logo)

    def get_can_edit(self, brand: Brand) -> bool:
        return can_edit_brand(request_user(self), brand)

    @extend_schema_field(ActionSerializer(many=True))
    def get_available_actions(self, brand: Brand) -> list[dict]:
        return [
            {
                "action": t.action,
                "label": t.label,
                "needs_comment": t.needs_comment,
                "params": list(t.params),
            }
            for t in available_transitions(request_user(self), brand)
        ]


BRAND_WRITE_FIELDS = [*BRAND_FIELDS, "level"]  # what the services take, and the level


class BrandUpdateSerializer(ModelSerializer):
    # DRF's metaclass takes declared fields off the class: this is no Field.parent
    parent = VisibleBrandField(  # type: ignore[assignment]
        label="上级品牌", required=False, allow_null=True
    )

    class Meta:
        model = Brand
        fields = BRAND_WRITE_FIELDS


class BrandCreateSerializer(BrandUpdateSerializer):
    org = VisibleOrgField(label="创建单位")

    class Meta(BrandUpdateSerializer.Meta):
        fields = ["org", *BRAND_WRITE_FIELDS]
        extra_kwargs = {"level": {"required": False}}


class TransitionSerializer(Serializer):
    """One lifecycle move; which of the optional inputs are needed depends on the action."""

    action = serializers.ChoiceField(
        label="操作", choices=[(t.action, t.label) for t in TRANSITIONS.values()]
    )
    comment = serializers.CharField(label="意见", required=False, allow_blank=True, default="")
    doc_no = serializers.CharField(label="命名文号", required=False, allow_blank=True)
    named_on = serializers.DateField(label="命名日期", required=False, allow_null=True)
    tier = serializers.ChoiceField(
        label="品牌等级", choices=BrandTier.choices, required=False, allow_blank=True
    )
    outcome = serializers.ChoiceField(
        label="复评结论", choices=ReReviewOutcome.choices, required=False, allow_blank=True
    )
    deadline = serializers.DateField(label="整改期限", required=False, allow_null=True)
    publicity_days = serializers.IntegerField(label="公示天数", required=False, allow_null=True)

    PARAMS = ("doc_no", "named_on", "tier", "outcome", "deadline", "publicity_days")

    def params(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k in self.PARAMS}
