"""API representations of indicator systems: the list row, and the detail with its tree."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partybrand.core.rest.serializers import ModelSerializer
from partybrand.indicators.models import Indicator, IndicatorSystem, StarLevel


class StarLevelSerializer(ModelSerializer):
    class Meta:
        model = StarLevel
        fields = ["stars", "min_score", "label"]
        read_only_fields = fields


class IndicatorSerializer(ModelSerializer):
    scoring_method_label = serializers.CharField(
        source="get_scoring_method_display", read_only=True
    )
    methods = serializers.ListField(child=serializers.CharField(), read_only=True)
    is_leaf = serializers.SerializerMethodField()
    children = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "level",
            "position",
            "name",
            "points",
            "scoring_method",
            "scoring_method_label",
            "guide",
            "evidence_required",
            "evidence_note",
            "methods",
            "is_veto",
            "veto_note",
            "is_leaf",
            "children",
        ]
        read_only_fields = fields

    def get_is_leaf(self, obj) -> bool:
        return not obj.child_list

    @extend_schema_field(
        serializers.ListField(child=serializers.DictField(), help_text="下级指标，结构同上")
    )
    def get_children(self, obj):
        return IndicatorSerializer(obj.child_list, many=True, context=self.context).data


class SystemSerializer(ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    final_rule_label = serializers.CharField(source="get_final_rule_display", read_only=True)
    # null for the group's own systems (no owner) and for a first version (derived from none)
    owner_name = serializers.CharField(
        source="owner.name", read_only=True, default=None, allow_null=True
    )
    derived_from = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = IndicatorSystem
        fields = [
            "id",
            "code",
            "version",
            "name",
            "description",
            "kind",
            "kind_label",
            "owner",
            "owner_name",
            "status",
            "status_label",
            "total_points",
            "final_rule",
            "final_rule_label",
            "divergence_threshold",
            "derived_from",
            "published_at",
            "created_at",
        ]
        read_only_fields = fields


class SystemDetailSerializer(SystemSerializer):
    stars = StarLevelSerializer(many=True, read_only=True)
    indicators = serializers.SerializerMethodField()

    class Meta(SystemSerializer.Meta):
        fields = [*SystemSerializer.Meta.fields, "stars", "indicators"]
        read_only_fields = fields

    @extend_schema_field(IndicatorSerializer(many=True))
    def get_indicators(self, obj):
        items = list(obj.indicators.order_by("level", "position", "id"))
        by_parent: dict = {}
        for item in items:
            by_parent.setdefault(item.parent_id, []).append(item)
        for item in items:
            item.child_list = by_parent.get(item.pk, [])
        return IndicatorSerializer(by_parent.get(None, []), many=True, context=self.context).data
