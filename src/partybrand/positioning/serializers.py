"""What the positioning API reads and writes. Writes go through the services."""

from django.urls import reverse
from rest_framework import serializers

from partybrand.brands.serializers import HonourSerializer
from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.positioning.models import Practice, PracticeEvidence, SwotItem

PRACTICE_WRITE_FIELDS = ["name", "description", "since", "effect", "is_method_candidate"]
SWOT_WRITE_FIELDS = ["side", "category", "text", "note"]


class EvidenceSerializer(ModelSerializer):
    """Evidence metadata; the file itself is downloaded through the access-checked page."""

    download_url = serializers.SerializerMethodField()

    class Meta:
        model = PracticeEvidence
        fields = ["id", "title", "content_type", "size", "uploaded_at", "download_url"]

    def get_download_url(self, evidence: PracticeEvidence) -> str:
        return reverse("positioning:evidence_download", args=[evidence.pk])


class PracticeSerializer(ModelSerializer):
    brand_name = serializers.CharField(source="brand.name", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Practice
        fields = ["id", "brand", "brand_name", *PRACTICE_WRITE_FIELDS, "evidence"]
        fields += ["created_at", "updated_at"]
        read_only_fields = fields


class PracticeWriteSerializer(ModelSerializer):
    class Meta:
        model = Practice
        fields = PRACTICE_WRITE_FIELDS


class SwotItemSerializer(ModelSerializer):
    side_display = serializers.CharField(source="get_side_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = SwotItem
        fields = ["id", "brand", "side", "side_display", "category", "category_display"]
        fields += ["text", "note", "created_at", "updated_at"]
        read_only_fields = fields


class SwotItemWriteSerializer(ModelSerializer):
    class Meta:
        model = SwotItem
        fields = SWOT_WRITE_FIELDS


# The summary ----------------------------------------------------------------------------------


class KeywordSerializer(Serializer):
    word = serializers.CharField()
    count = serializers.IntegerField()

    def to_representation(self, instance):
        word, count = instance
        return {"word": word, "count": count}


class ProposalSerializer(Serializer):
    name = serializers.CharField()
    count = serializers.IntegerField(label="提出人数")
    slogans = serializers.ListField(child=serializers.CharField())


class SurveyHighlightSerializer(Serializer):
    id = serializers.IntegerField(source="survey.pk")
    title = serializers.CharField(source="survey.title")
    phase = serializers.CharField(source="survey.phase_label")
    responses = serializers.IntegerField(label="答卷数")
    target = serializers.IntegerField(label="目标人数")
    rate = serializers.FloatField(label="参与率（%）", allow_null=True)
    keywords = KeywordSerializer(many=True)
    proposals = ProposalSerializer(many=True)


class SwotGroupSerializer(Serializer):
    side = serializers.CharField()
    label = serializers.CharField()
    items = SwotItemSerializer(many=True)


class StandardisationSerializer(Serializer):
    total = serializers.DecimalField(max_digits=6, decimal_places=2)
    stars = serializers.IntegerField(allow_null=True)
    assessed_on = serializers.DateField()
    system = serializers.CharField()


class ComparisonRowSerializer(Serializer):
    benchmark = serializers.IntegerField(source="benchmark.pk")
    benchmark_name = serializers.CharField(source="benchmark.name")
    benchmark_org = serializers.CharField(source="benchmark.org")
    learn = serializers.CharField(label="学什么")
    differ = serializers.CharField(label="我们的差异")


class ChecklistSerializer(Serializer):
    label = serializers.CharField()
    done = serializers.BooleanField()

    def to_representation(self, instance):
        label, done = instance
        return {"label": label, "done": done}


class BrandBriefSerializer(Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    slogan = serializers.CharField()
    org = serializers.IntegerField(source="org_id")
    org_name = serializers.CharField(source="org.name")
    status_display = serializers.CharField(source="get_status_display")


class SummarySerializer(Serializer):
    """The positioning summary: survey highlights, stock-taking, benchmarks, conclusion."""

    brand = BrandBriefSerializer()
    surveys = SurveyHighlightSerializer(many=True)
    survey_total = serializers.IntegerField(label="调研问卷总数")
    practices = PracticeSerializer(many=True)
    honours = HonourSerializer(many=True)
    swot = SwotGroupSerializer(many=True)
    standardisation = StandardisationSerializer(allow_null=True)
    comparisons = ComparisonRowSerializer(many=True)
    conclusion = serializers.SerializerMethodField()
    checklist = ChecklistSerializer(many=True)

    def get_conclusion(self, data) -> str:
        note = data["note"]
        return note.conclusion if note else ""
