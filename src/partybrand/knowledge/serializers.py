from rest_framework import serializers

from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.knowledge.choices import Rating
from partybrand.knowledge.models import KnowledgeDocument, Question
from partybrand.knowledge.services import MAX_QUESTION


class KnowledgeCitationSerializer(Serializer):
    n = serializers.IntegerField(help_text="回答中的引用编号 [n]")
    passage = serializers.IntegerField()
    source = serializers.CharField(
        help_text="来源类型：brand、practice、plan、task、carrier、document 等"
    )
    title = serializers.CharField()
    anchor = serializers.CharField(help_text="位置：第几页、第几条、第几段")
    url = serializers.CharField(help_text="来源页面")
    quote = serializers.CharField()


class KnowledgeQuestionSerializer(ModelSerializer):
    cited = KnowledgeCitationSerializer(many=True, read_only=True)
    asker = serializers.CharField(source="asker.username", default="", read_only=True)

    rating = serializers.ChoiceField(choices=Rating.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "text",
            "answer",
            "state",
            "engine",
            "cited",
            "asker",
            "asked_at",
            "rating",
            "correction",
            "reviewed_at",
        ]
        read_only_fields = fields


class KnowledgeAskSerializer(Serializer):
    text = serializers.CharField(max_length=MAX_QUESTION, help_text="问题")


class KnowledgeReviewSerializer(Serializer):
    rating = serializers.ChoiceField(choices=Rating.choices, required=False, allow_blank=True)
    correction = serializers.CharField(required=False, allow_blank=True)


class KnowledgeDocumentSerializer(ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = KnowledgeDocument
        fields = [
            "id",
            "org",
            "org_name",
            "title",
            "file_name",
            "size",
            "state",
            "error",
            "pages",
            "passage_count",
            "uploaded_at",
        ]
        read_only_fields = fields


class KnowledgeUploadSerializer(Serializer):
    org = serializers.IntegerField(help_text="发布组织编号")
    title = serializers.CharField(max_length=100, required=False, allow_blank=True)
    file = serializers.FileField(help_text=".docx、.pdf 或 .txt")
