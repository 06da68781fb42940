"""The read-only REST endpoints of the brand showcase:

    /api/v1/showcase/brands/          已命名品牌 (list, read)

Signed-in callers always; callers without an account only when PARTYBRAND_SHOWCASE_PUBLIC is
true, each address within PARTYBRAND_SHOWCASE_VIEWS_PER_MINUTE (429 beyond). Only published
content, no member named.
"""

from django.conf import settings
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.exceptions import Throttled
from rest_framework.permissions import BasePermission

from partybrand.core.rest.base import ApiViewSet
from partybrand.core.rest.permissions import PasswordChosen
from partybrand.showcase import selectors
from partybrand.showcase.access import anonymous_wait, showcased_brands
from partybrand.showcase.serializers import ShowcaseBrandSerializer, ShowcaseDetailSerializer


class ShowcaseReadable(BasePermission):
    """Signed in, or the showcase open to visitors and the address within its limit."""

    def has_permission(self, request, view) -> bool:
        if request.user and request.user.is_authenticated:
            return True
        if not settings.SHOWCASE_PUBLIC:
            return False
        wait = anonymous_wait(request)
        if wait:
            raise Throttled(wait=wait, detail=f"访问过于频繁，请 {wait} 秒后再试。")
        return True


@extend_schema_view(
    list=extend_schema(summary="品牌展示：已命名品牌"),
    retrieve=extend_schema(summary="品牌展示：品牌详情（理念、工作法、载体、荣誉）"),
)
@extend_schema(tags=["品牌展示"])
class ShowcaseBrandViewSet(ApiViewSet):
    """集团已命名的党建品牌，仅含已发布的内容，不含党员个人信息。"""

    queryset = showcased_brands().none()
    serializer_class = ShowcaseBrandSerializer
    detail_serializer_class = ShowcaseDetailSerializer
    permission_classes = [ShowcaseReadable, PasswordChosen]
    filter_backends: list = []

    def get_queryset(self):
        return showcased_brands().select_related("org").order_by("org__path", "id")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and "pk" in self.kwargs:
            brand = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            context["pages"] = {brand.pk: selectors.brand_page(brand)} if brand else {}
        return context


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register(r"showcase/brands", ShowcaseBrandViewSet, basename="showcase-brand")


urlpatterns: list = []
