"""What the API reads and writes of the benchmark library and of brands' comparisons."""

from django.urls import reverse
from rest_framework import serializers

from partybrand.benchmarks.choices import BenchmarkLevel
from partybrand.benchmarks.models import Benchmark, Comparison
from partybrand.core.rest.serializers import ModelSerializer, Serializer


class BenchmarkSerializer(ModelSerializer):
    # Read-only model fields lose allow_blank in DRF, so the schema would not admit the "" of a
    # benchmark without a level or a source.
    level_class = serializers.ChoiceField(
        choices=BenchmarkLevel.choices, allow_blank=True, read_only=True, label="层级"
    )
    source_url = serializers.URLField(allow_blank=True, read_only=True, label="来源地址")
    level_class_label = serializers.CharField(source="get_level_class_display", read_only=True)
    logo_url = serializers.SerializerMethodField()

    class Meta:
        model = Benchmark
        fields = [
            "id",
            "name",
            "slogan",
            "connotation",
            "org",
            "sector",
            "level",
            "level_class",
            "level_class_label",
            "region",
            "source_url",
            "year",
            "logo_url",
            "updated_at",
        ]
        read_only_fields = fields

    def get_logo_url(self, obj) -> str | None:
        if not obj.logo:
            return None
        return reverse("benchmarks:benchmark_logo", args=[obj.pk])


class ImportUploadSerializer(Serializer):
    file = serializers.FileField(help_text="CSV（UTF-8 或 GBK）或 .xlsx 文件")
    dry_run = serializers.BooleanField(default=False, help_text="只检查，不写入")


class ComparisonSerializer(ModelSerializer):
    benchmark = serializers.PrimaryKeyRelatedField(
        queryset=Benchmark.objects.all(),
        error_messages={"does_not_exist": "标杆品牌不存在。"},
    )
    benchmark_name = serializers.CharField(source="benchmark.name", read_only=True)
    created_by = serializers.StringRelatedField()

    class Meta:
        model = Comparison
        fields = [
            "id",
            "brand",
            "benchmark",
            "benchmark_name",
            "learn",
            "differ",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "brand", "created_by", "created_at", "updated_at"]
        # Uniqueness is checked by the service, with a message that names the benchmark.
        validators: list = []
