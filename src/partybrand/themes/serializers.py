"""What the theme workshop's API reads and writes. Writes go through the services."""

from rest_framework import serializers

from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.textsim.normalize import clean_text
from partybrand.themes.checks import NAME_MAX, NAMES, SLOGAN_MAX
from partybrand.themes.models import Candidate, Score, Workshop


class WorkshopSerializer(ModelSerializer):
    brand_name = serializers.CharField(source="brand.name", read_only=True)
    org_name = serializers.CharField(source="brand.org.name", read_only=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    decided_name = serializers.CharField(  # null until a candidate is decided
        source="decided.name", default=None, read_only=True, allow_null=True
    )
    candidate_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Workshop
        fields = ["id", "brand", "brand_name", "org_name", "stage", "stage_display"]
        fields += ["vote_round", "vote_opens_at", "vote_closes_at", "ballot", "decided"]
        fields += ["decided_name", "decision_reason", "decided_at", "publicity_days"]
        fields += ["publicity_ends_at", "adopted_at", "candidate_count", "updated_at"]
        read_only_fields = fields


class ScoreSerializer(ModelSerializer):
    scorer_name = serializers.CharField(source="scorer.__str__", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Score
        fields = ["id", "scorer", "scorer_name", "kind", "kind_display", "political", "cultural"]
        fields += ["integration", "comment", "updated_at"]
        read_only_fields = fields


class CandidateSerializer(ModelSerializer):
    source_display = serializers.CharField(source="get_source_display", read_only=True)
    vote_count = serializers.IntegerField(read_only=True, allow_null=True)
    score_count = serializers.IntegerField(read_only=True)
    avg_political = serializers.FloatField(read_only=True, allow_null=True)
    avg_cultural = serializers.FloatField(read_only=True, allow_null=True)
    avg_integration = serializers.FloatField(read_only=True, allow_null=True)
    check_report = serializers.JSONField(
        read_only=True, help_text="自动检测快照：checks、nearest、passed"
    )

    class Meta:
        model = Candidate
        fields = ["id", "workshop", "name", "slogan", "meaning", "phrases", "source"]
        fields += ["source_display", "proposer_count", "shortlisted", "check_report", "checked_at"]
        fields += ["vote_count", "score_count", "avg_political", "avg_cultural"]
        fields += ["avg_integration", "created_at"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self.context.get("hide_tally"):
            data["vote_count"] = None  # members see the running tally only after voting
        return data


class CandidateDetailSerializer(CandidateSerializer):
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta(CandidateSerializer.Meta):
        fields = [*CandidateSerializer.Meta.fields, "scores"]
        read_only_fields = fields


class CandidateWriteSerializer(Serializer):
    name = serializers.CharField(max_length=30)
    slogan = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    meaning = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    phrases = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(), min_length=2, max_length=2),
        required=False,
        default=list,
        help_text="逐句释义：[[词句, 释义], ...]",
    )


class VoteSerializer(Serializer):
    candidate = serializers.IntegerField(help_text="候选编号（须在本轮投票名单中）")


class VoteResultSerializer(Serializer):
    round = serializers.IntegerField()
    candidate = serializers.IntegerField()
    candidate_name = serializers.CharField()


class ScoreWriteSerializer(Serializer):
    political = serializers.IntegerField(min_value=1, max_value=5)
    cultural = serializers.IntegerField(min_value=1, max_value=5)
    integration = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


# POST /api/v1/themes/check ------------------------------------------------------------------


class ThemeCheckRequestSerializer(Serializer):
    name = serializers.CharField(
        label="品牌名称",
        max_length=NAME_MAX,
        allow_blank=True,
        help_text=f"要检查的品牌名称（不超过 {NAME_MAX} 个字）",
        error_messages={"max_length": f"品牌名称不能超过 {NAME_MAX} 个字。"},
    )
    slogan = serializers.CharField(
        label="品牌口号",
        max_length=SLOGAN_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text="品牌口号（可选），上下句之间用空格分开",
        error_messages={"max_length": f"品牌口号不能超过 {SLOGAN_MAX} 个字。"},
    )
    meaning = serializers.CharField(
        label="内涵释义", max_length=2000, required=False, allow_blank=True, default=""
    )
    org = serializers.IntegerField(
        label="组织编号",
        required=False,
        allow_null=True,
        help_text="按该组织的主责主业、地区和企业文化检查文化味和融合味（须为可见的组织）",
    )
    brand = serializers.IntegerField(
        label="品牌编号",
        required=False,
        allow_null=True,
        help_text="正在为其取名的品牌：它本身不计入相近品牌（须为可见的品牌）",
    )

    def validate_name(self, value):
        value = clean_text(value or "").strip()
        if not value:
            raise serializers.ValidationError("请填写要检查的品牌名称。")
        return value

    def validate_slogan(self, value):
        return " ".join(clean_text(value or "").split())


class FindingSerializer(Serializer):
    term = serializers.CharField(help_text="发现的词")
    category = serializers.CharField(help_text="类别，如“绝对化用语”“千篇一律”")
    reason = serializers.CharField(help_text="原因")
    level = serializers.CharField(help_text="禁用（不通过）、慎用（提示）或提示")
    where = serializers.CharField(help_text="名称、口号或内涵释义")


class CheckSerializer(Serializer):
    code = serializers.CharField(
        help_text="检查项代码：" + "、".join(f"{k}（{v}）" for k, v in NAMES.items())
    )
    name = serializers.CharField(help_text="检查项：长度、节奏与声调、政治味……")
    passed = serializers.BooleanField(help_text="是否通过")
    score = serializers.FloatField(help_text="得分 0–1")
    explanation = serializers.CharField(help_text="说明")
    findings = FindingSerializer(
        many=True, help_text="禁用词（forbidden）和千篇一律（generic）检查发现的词，各附类别和原因"
    )


class NearestSerializer(Serializer):
    key = serializers.CharField(help_text="brand:<编号> 或 benchmark:<编号>")
    name = serializers.CharField(help_text="品牌名称")
    slogan = serializers.CharField(help_text="口号")
    owner = serializers.CharField(help_text="所属组织或企业")
    score = serializers.FloatField(help_text="相似度 0–1")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="相近的原因")
    flagged = serializers.BooleanField(help_text="是否达到雷同程度（独特性不通过）")


class ThemeCheckResponseSerializer(Serializer):
    checks = CheckSerializer(many=True)
    nearest = NearestSerializer(many=True, help_text="相近品牌，最相近的在前")
