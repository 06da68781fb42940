"""What the rounds API reads and writes. Writes go through the services."""

from rest_framework import serializers

from partybrand.core.ids import ID_MAX
from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.rounds.choices import ReviewDecision, StageKind
from partybrand.rounds.models import Entry, EntryReview, Round, RoundStage, RoundTier
from partybrand.rounds.services.entries import PRESCREEN_CHECKLIST

ROUND_WRITE_FIELDS = ["kind", "title", "year", "description", "indicator_system"]
ROUND_WRITE_FIELDS += ["scoring_rule", "divergence_threshold", "publicity_days", "min_months"]
ROUND_WRITE_FIELDS += ["min_sheets"]
ROUND_WRITE_FIELDS += ["requirements", "vote_enabled", "vote_weight", "review_interval_months"]


class StageSerializer(ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = RoundStage
        fields = ["kind", "kind_display", "starts_on", "ends_on"]
        read_only_fields = fields


class TierSerializer(ModelSerializer):
    class Meta:
        model = RoundTier
        fields = ["id", "name", "brand_tier", "rank", "quota", "min_score"]
        read_only_fields = fields


class RoundSerializer(ModelSerializer):
    committee_name = serializers.CharField(source="committee.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    stages = StageSerializer(many=True, read_only=True)
    tiers = TierSerializer(many=True, read_only=True)

    class Meta:
        model = Round
        fields = ["id", "committee", "committee_name", "kind", "kind_display", "title", "year"]
        fields += ["status", "status_display", "description", "eligible_orgs", "indicator_system"]
        fields += ["scoring_rule", "divergence_threshold", "publicity_days", "min_months"]
        fields += ["min_sheets"]
        fields += ["requirements", "vote_enabled", "vote_weight", "review_interval_months"]
        fields += ["notice_number", "notice_date", "stages", "tiers", "created_at", "updated_at"]
        read_only_fields = fields


class RoundWriteSerializer(ModelSerializer):
    class Meta:
        model = Round
        fields = ["eligible_orgs", *ROUND_WRITE_FIELDS]


class RoundCreateSerializer(RoundWriteSerializer):
    committee = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text="组织单位编号")

    class Meta(RoundWriteSerializer.Meta):
        fields = ["committee", *RoundWriteSerializer.Meta.fields]


class StagesWriteSerializer(Serializer):
    stages = serializers.ListField(child=serializers.DictField(), max_length=len(StageKind))

    def validate_stages(self, rows):
        out = {}
        for row in rows:
            kind = row.get("kind")
            if kind not in StageKind.values:
                raise serializers.ValidationError("阶段无效。")
            starts = serializers.DateField().to_internal_value(row.get("starts_on"))
            ends = serializers.DateField().to_internal_value(row.get("ends_on"))
            out[kind] = (starts, ends)
        return out


class TierWriteSerializer(Serializer):
    name = serializers.CharField(max_length=30)
    brand_tier = serializers.CharField(max_length=20, required=False, allow_blank=True)
    quota = serializers.IntegerField(min_value=0, max_value=10000)
    min_score = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)


class TiersWriteSerializer(Serializer):
    tiers = TierWriteSerializer(many=True)


class EntrySerializer(ModelSerializer):
    brand_name = serializers.CharField(source="brand.name", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    tier_name = serializers.CharField(source="tier.name", read_only=True, default="")

    class Meta:
        model = Entry
        fields = ["id", "round", "brand", "brand_name", "org", "org_name", "status"]
        fields += ["status_display", "tier", "tier_name", "statement", "application"]
        fields += ["requirement_snapshot", "submitted_at", "final_score", "rank", "awarded_tier"]
        fields += ["created_at", "updated_at"]
        read_only_fields = fields


class EntryCreateSerializer(Serializer):
    round = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text="评选批次编号")
    brand = serializers.IntegerField(min_value=1, max_value=ID_MAX, help_text="参评品牌编号")
    tier = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, required=False, allow_null=True, help_text="申报等次编号"
    )
    statement = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class EntryUpdateSerializer(Serializer):
    tier = serializers.IntegerField(min_value=1, max_value=ID_MAX, allow_null=True)
    statement = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class RecommendSerializer(Serializer):
    decision = serializers.ChoiceField(ReviewDecision.choices)
    comments = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class PrescreenSerializer(RecommendSerializer):
    checklist = serializers.DictField(
        child=serializers.BooleanField(),
        required=False,
        help_text="形式审查清单：" + "；".join(f"{k}={v}" for k, v in PRESCREEN_CHECKLIST.items()),
    )


class ReviewSerializer(ModelSerializer):
    actor_name = serializers.SerializerMethodField()
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    decision_display = serializers.CharField(source="get_decision_display", read_only=True)

    class Meta:
        model = EntryReview
        fields = ["id", "stage", "stage_display", "decision", "decision_display", "comments"]
        fields += ["checklist", "actor_name", "created_at"]
        read_only_fields = fields

    def get_actor_name(self, obj) -> str:
        return obj.actor.display_name or obj.actor.username
