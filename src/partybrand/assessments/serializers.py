"""Serializers of the assessments API."""

from rest_framework import serializers

from partybrand.assessments.access import sees_part
from partybrand.assessments.models import Assessment, ItemScore
from partybrand.assessments.scoring import by_code
from partybrand.core.rest.serializers import ModelSerializer, Serializer

# What a reviewer assigned to only some items does not get (null): the assessment's totals are
# made of items they were not asked to review (`sees_part` in access.py).
WHOLE_ONLY = ("self_total", "final_score", "stars", "star_label", "veto_triggered", "return_reason")
WHOLE_ONLY_HELP = "被指派部分指标的评审专家不返回（null）。"


class AssessmentSerializer(ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    system_code = serializers.CharField(source="system.code", read_only=True)
    system_name = serializers.CharField(source="system.name", read_only=True)
    system_version = serializers.IntegerField(source="system.version", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    star_label = serializers.CharField(read_only=True, allow_null=True, help_text=WHOLE_ONLY_HELP)
    veto_triggered = serializers.BooleanField(
        read_only=True, allow_null=True, help_text=WHOLE_ONLY_HELP
    )
    return_reason = serializers.CharField(
        read_only=True, allow_null=True, help_text=WHOLE_ONLY_HELP
    )

    class Meta:
        model = Assessment
        fields = [
            "id",
            "org",
            "org_name",
            "system",
            "system_code",
            "system_name",
            "system_version",
            "period",
            "period_start",
            "period_end",
            "status",
            "status_display",
            "self_total",
            "final_score",
            "stars",
            "star_label",
            "veto_triggered",
            "return_reason",
            "submitted_at",
            "finalised_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            name: {"help_text": WHOLE_ONLY_HELP} for name in ("self_total", "final_score", "stars")
        }

    def to_representation(self, assessment):
        data = super().to_representation(assessment)
        request = self.context.get("request")
        if request is not None and sees_part(request.user, assessment):
            data.update(dict.fromkeys(WHOLE_ONLY))
        return data


class ItemScoreSerializer(ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    points = serializers.DecimalField(
        source="indicator.points", max_digits=6, decimal_places=2, read_only=True
    )
    scoring_method = serializers.CharField(source="indicator.scoring_method", read_only=True)
    evidence_required = serializers.BooleanField(
        source="indicator.evidence_required", read_only=True
    )
    is_veto = serializers.BooleanField(source="indicator.is_veto", read_only=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = ItemScore
        fields = [
            "indicator",
            "indicator_code",
            "indicator_name",
            "points",
            "scoring_method",
            "evidence_required",
            "is_veto",
            "self_score",
            "note",
            "veto_triggered",
            "veto_reason",
            "final_score",
            "divergent",
            "evidence",
        ]
        read_only_fields = fields

    def get_evidence(self, item) -> list[str]:
        return [e.title for e in item.evidence.all()]


class DimensionSerializer(Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.DecimalField(max_digits=7, decimal_places=2)
    max_score = serializers.DecimalField(max_digits=7, decimal_places=2)
    percent = serializers.DecimalField(max_digits=7, decimal_places=2)


class AssessmentDetailSerializer(AssessmentSerializer):
    items = serializers.SerializerMethodField()
    dimensions = DimensionSerializer(many=True, read_only=True)

    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "items", "dimensions"]
        read_only_fields = fields

    def to_representation(self, assessment):
        data = super().to_representation(assessment)
        if self.context.get("allowed_items") is not None:
            data["dimensions"] = []  # a reviewer of some items does not see the dimension totals
        return data

    def get_items(self, assessment) -> list[dict]:
        allowed = self.context.get("allowed_items")
        items = by_code(
            i for i in assessment.items.all() if allowed is None or i.indicator_id in allowed
        )
        return ItemScoreSerializer(items, many=True).data


class ScoreRowSerializer(Serializer):
    indicator = serializers.IntegerField(help_text="评分项（末级指标）编号")
    value = serializers.CharField(
        allow_blank=True, help_text="加分项填得分，扣分项填扣分；留空表示清除"
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="说明或评审意见"
    )
    veto = serializers.BooleanField(required=False, default=False, help_text="触发一票否决")
    veto_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ScoresSerializer(Serializer):
    items = ScoreRowSerializer(many=True)

    def rows(self) -> dict:
        return {
            row["indicator"]: {
                "value": row["value"],
                "text": row["note"],
                "veto": row["veto"],
                "veto_reason": row["veto_reason"],
            }
            for row in self.validated_data["items"]
        }


class ScoresResultSerializer(Serializer):
    changed = serializers.IntegerField()


class RollupDimensionSerializer(Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    average_score = serializers.DecimalField(max_digits=7, decimal_places=2)
    average_percent = serializers.DecimalField(max_digits=7, decimal_places=2)
    assessed = serializers.IntegerField()


class RollupStarSerializer(Serializer):
    stars = serializers.IntegerField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class RollupSerializer(Serializer):
    org = serializers.IntegerField()
    org_name = serializers.CharField()
    system_code = serializers.CharField(allow_null=True)
    period = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()
    average = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    dimensions = RollupDimensionSerializer(many=True)
    stars = RollupStarSerializer(many=True)
