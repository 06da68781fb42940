"""POST /api/v1/themes/check: the workshop's automatic checks of a name (and slogan).

Any signed-in user may check a text (it changes nothing); "org" (and "brand") must be ones the
user can see, else 404. The answer is the same JSON as `partybrand theme-check --json`.
The checks cost CPU (a sentence encoding and the index search): a per-user rate limit applies.
"""

from django.urls import path
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from partybrand.brands.access import access_brand
from partybrand.core.rest.base import ChineseMessages
from partybrand.orgs.access import access_org
from partybrand.textsim.normalize import clean_text
from partybrand.themes.checks import NAME_MAX, NAMES, SLOGAN_MAX, check_theme


def register(router) -> None:
    """No viewsets here: the check is one plain endpoint (see urlpatterns)."""


class ThemeCheckThrottle(UserRateThrottle):
    scope = "theme_check"
    rate = "60/min"


class ThemeCheckRequestSerializer(serializers.Serializer):
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


class CheckSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="检查项代码：" + "、".join(f"{k}（{v}）" for k, v in NAMES.items())
    )
    name = serializers.CharField(help_text="检查项：长度、节奏与声调、政治味……")
    passed = serializers.BooleanField(help_text="是否通过")
    score = serializers.FloatField(help_text="得分 0–1")
    explanation = serializers.CharField(help_text="说明")


class NearestSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="brand:<编号> 或 benchmark:<编号>")
    name = serializers.CharField(help_text="品牌名称")
    slogan = serializers.CharField(help_text="口号")
    owner = serializers.CharField(help_text="所属组织或企业")
    score = serializers.FloatField(help_text="相似度 0–1")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="相近的原因")
    flagged = serializers.BooleanField(help_text="是否达到雷同程度（独特性不通过）")


class ThemeCheckResponseSerializer(serializers.Serializer):
    checks = CheckSerializer(many=True)
    nearest = NearestSerializer(many=True, help_text="相近品牌，最相近的在前")


class ThemeCheckView(ChineseMessages, APIView):
    throttle_classes = [ThemeCheckThrottle]

    @extend_schema(
        tags=["品牌主题"],
        summary="主题自动检查",
        description=(
            "检查品牌名称（和口号）：长度、节奏与声调、政治味、文化味、融合味、独特性、禁用词，"
            "并给出平台上和标杆品牌库中最相近的品牌、相似度和原因。不修改任何数据。"
        ),
        request=ThemeCheckRequestSerializer,
        responses={200: ThemeCheckResponseSerializer},
        examples=[
            OpenApiExample("请求", value={"name": "红色引擎", "slogan": "党建引领 发展先行"}),
        ],
    )
    def post(self, request):
        data = ThemeCheckRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        org = brand = None
        if values.get("brand"):
            brand = access_brand(request.user, values["brand"])
        if values.get("org"):
            org = access_org(request.user, values["org"])
        report = check_theme(
            values["name"],
            values.get("slogan", ""),
            org=org,
            brand=brand,
            meaning=values.get("meaning", ""),
            viewer=request.user,  # another organisation's unpublished brand is not named
        )
        return Response(report.as_json())


urlpatterns = [
    # under /api/ (see api/urls.py): POST /api/v1/themes/check
    path("v1/themes/check", ThemeCheckView.as_view(), name="theme-check"),
]
