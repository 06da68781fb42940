"""POST /api/v1/themes/check: the workshop's automatic checks of a name (and slogan).

Any signed-in user may check a text (it changes nothing); "org" (and "brand") must be ones the
user can see, else 404. The answer is the same JSON as `partybrand theme-check --json`.
The checks cost CPU (a sentence encoding and the index search): a per-user rate limit applies.
"""

from django.urls import path
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from partybrand.brands.access import access_brand
from partybrand.core.rest.base import ChineseMessages
from partybrand.orgs.access import access_org
from partybrand.themes.checks import check_theme
from partybrand.themes.serializers import (
    ThemeCheckRequestSerializer,
    ThemeCheckResponseSerializer,
)


def register(router) -> None:
    """No viewsets here: the check is one plain endpoint (see urlpatterns)."""


class ThemeCheckThrottle(UserRateThrottle):
    scope = "theme_check"
    rate = "60/min"


class ThemeCheckView(ChineseMessages, APIView):
    throttle_classes = [ThemeCheckThrottle]
    changes_data = False  # a check reads; its CPU time need not hold a transaction

    @extend_schema(
        tags=["品牌主题"],
        summary="主题自动检查",
        description=(
            "检查品牌名称（和口号）：长度、节奏与声调、政治味、文化味、融合味、独特性、千篇一律、禁用词（各附类别和原因），"
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
