"""What the showcase API reads: only what a named brand published, naming no member."""

from django.urls import reverse
from rest_framework import serializers

from partybrand.brands.models import Brand
from partybrand.core.rest.serializers import ModelSerializer, Serializer


class ShowcaseBrandSerializer(ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    tier_display = serializers.CharField(source="get_tier_display", read_only=True)
    logo_url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    poster_url = serializers.SerializerMethodField()

    class Meta:
        model = Brand
        fields = ["id", "name", "slogan", "org_name", "level", "level_display", "tier"]
        fields += ["tier_display", "named_on", "logo_url", "page_url", "poster_url"]
        read_only_fields = fields

    def get_logo_url(self, brand: Brand) -> str | None:
        return reverse("showcase:logo", args=[brand.pk]) if brand.logo else None

    def get_page_url(self, brand: Brand) -> str:
        return reverse("showcase:brand", args=[brand.pk])

    def get_poster_url(self, brand: Brand) -> str:
        return reverse("showcase:poster", args=[brand.pk])


class PhraseSerializer(Serializer):
    phrase = serializers.CharField()
    explanation = serializers.CharField()


class MethodSerializer(Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    effect = serializers.CharField()


class ShowcaseCarrierSerializer(Serializer):
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    name = serializers.CharField()
    area = serializers.CharField()
    commitment = serializers.CharField()
    activity_count = serializers.IntegerField()
    titles = serializers.SerializerMethodField()

    def get_titles(self, carrier) -> list[str]:
        return [r.title for r in carrier.granted]


class HonourSerializer(Serializer):
    title = serializers.CharField()
    level_display = serializers.CharField(source="get_level_display")
    year = serializers.IntegerField()
    issuer = serializers.CharField()


class ShowcaseDetailSerializer(ShowcaseBrandSerializer):
    phrases = serializers.SerializerMethodField()
    methods = serializers.SerializerMethodField()
    carriers = serializers.SerializerMethodField()
    honours = serializers.SerializerMethodField()

    class Meta(ShowcaseBrandSerializer.Meta):
        fields = [*ShowcaseBrandSerializer.Meta.fields, "meaning", "logo_meaning", "phrases"]
        fields += ["methods", "carriers", "honours"]
        read_only_fields = fields

    def _page(self, brand) -> dict:
        return self.context["pages"][brand.pk]

    def get_phrases(self, brand) -> list[dict]:
        return PhraseSerializer(self._page(brand)["phrases"], many=True).data

    def get_methods(self, brand) -> list[dict]:
        return MethodSerializer(self._page(brand)["methods"], many=True).data

    def get_carriers(self, brand) -> list[dict]:
        return ShowcaseCarrierSerializer(self._page(brand)["carriers"], many=True).data

    def get_honours(self, brand) -> list[dict]:
        return HonourSerializer(self._page(brand)["honours"], many=True).data
