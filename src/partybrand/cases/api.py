"""The REST endpoints of typical cases, 案例汇编 and 新闻稿:

    /api/v1/cases/                         典型案例 (list, create, read, PATCH)
    /api/v1/cases/<pk>/steps/              提交、报送党委、退回、发布 (POST)
    /api/v1/cases/<pk>/reports/            向上报送 (POST)
    /api/v1/cases/<pk>/adoption/           采用情况，可更正 (POST)
    /api/v1/cases/<pk>/photos/             上传照片 (POST multipart)
    /api/v1/cases/<pk>/photos/<photo_pk>/  图片说明 (PATCH)，删除照片 (DELETE)
    /api/v1/cases/compilations/            案例汇编 (list, create, read, PATCH)
    /api/v1/cases/news/                    新闻稿 (list, create, read, PATCH)

An object out of reach is a 404 for every method; reading needs only to see it; writing a case
or a 新闻稿 needs Cap.WRITE_CASES over its organisation (a case only while a draft or returned),
forwarding and returning a submitted case Cap.REVIEW_CASES from above, publishing, reporting and
adoption Cap.PUBLISH_CASES from above, a 汇编 Cap.PUBLISH_CASES at its organisation (403
otherwise). Writes call one service each; exports are the documents endpoints' (.docx, PDF job).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from partybrand.brands.access import access_brand
from partybrand.cases import selectors, services
from partybrand.cases.access import (
    NOT_COMPILER,
    NOT_WRITER,
    access_case,
    access_compilation,
    access_news,
    check_step,
    visible_compilations,
)
from partybrand.cases.models import (
    CasePhoto,
    CaseReport,
    CaseStep,
    Compilation,
    CompilationEntry,
    NewsRelease,
    TypicalCase,
)
from partybrand.cases.serializers import (
    AdoptWriteSerializer,
    CaseCreateSerializer,
    CaseDetailSerializer,
    CasePhotoCaptionSerializer,
    CasePhotoUploadSerializer,
    CaseSerializer,
    CaseUpdateSerializer,
    CompilationSerializer,
    CompilationUpdateSerializer,
    CompilationWriteSerializer,
    NewsSerializer,
    NewsUpdateSerializer,
    NewsWriteSerializer,
    ReportWriteSerializer,
    StepWriteSerializer,
)
from partybrand.core.rest.base import ApiViewSet
from partybrand.orgs.access import access_org
from partybrand.orgs.roles import Cap, can
from partybrand.promotion.access import visible_carriers
from partybrand.promotion.models import Activity

TAGS = ["推介·典型案例"]
PHOTO_ID = OpenApiParameter(
    "photo_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="照片编号"
)


def _parsed(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema_view(
    list=extend_schema(summary="典型案例列表"),
    retrieve=extend_schema(summary="典型案例详情"),
    create=extend_schema(summary="新建典型案例", responses={201: CaseDetailSerializer}),
    partial_update=extend_schema(summary="修改典型案例", responses={200: CaseDetailSerializer}),
)
@extend_schema(tags=TAGS)
class CaseViewSet(ApiViewSet):
    """典型案例：标题、作者（党员编号）、各部分文字（摘要、背景与起因、做法与经过、成效及启示、
    附录）、照片及其说明、流转记录和向上报送情况。"""

    queryset = TypicalCase.objects.none()
    serializer_class = CaseSerializer
    detail_serializer_class = CaseDetailSerializer
    create_serializer_class = CaseCreateSerializer
    update_serializer_class = CaseUpdateSerializer
    filter_backends: list = []

    def get_queryset(self):
        rows = selectors.case_list(self.request.user)
        if self.action != "list":
            rows = rows.prefetch_related(
                Prefetch("photos", queryset=CasePhoto.objects.order_by("uploaded_at", "id")),
                Prefetch("steps", queryset=CaseStep.objects.order_by("at", "id")),
                Prefetch("reports", queryset=CaseReport.objects.order_by("reported_on", "id")),
            )
        return rows

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "texts_of": services.case_texts}

    def create(self, request):
        data = self.parse()
        brand = access_brand(request.user, data.pop("brand"))
        if not can(request.user, Cap.WRITE_CASES, brand.org.path):
            raise PermissionDenied(NOT_WRITER)
        case = services.case_create(actor=request.user, brand=brand, **data)
        return self.respond(case, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        case = access_case(request.user, pk, for_edit=True)
        data = self.parse(case)
        case = services.case_update(actor=request.user, case=case, **data)
        return self.respond(case)

    @extend_schema(
        summary="办理（提交、报送党委、退回、发布）",
        request=StepWriteSerializer,
        responses={200: CaseDetailSerializer},
    )
    @action(detail=True, methods=["post"], serializer_class=StepWriteSerializer)
    def steps(self, request, pk=None):
        case = access_case(request.user, pk)
        data = _parsed(StepWriteSerializer, request.data)
        check_step(request.user, case, data["action"])
        call = {
            "submit": services.case_submit,
            "forward": services.case_forward,
            "return": services.case_return,
            "publish": services.case_publish,
        }[data["action"]]
        if data["action"] == "submit":
            case = call(actor=request.user, case=case)
        else:
            case = call(actor=request.user, case=case, comment=data.get("comment", ""))
        return self.respond(case)

    @extend_schema(
        summary="上传案例照片",
        description="multipart/form-data：photos（PNG 或 JPEG，可多张，全部通过才保存）与可选的"
        "图片说明 caption。草稿或退回修改时可传；每个案例最多 9 张。",
        request={"multipart/form-data": CasePhotoUploadSerializer},
        responses={201: CaseDetailSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser],
        serializer_class=CasePhotoUploadSerializer,
    )
    def photos(self, request, pk=None):
        case = access_case(request.user, pk, for_edit=True)
        data = _parsed(CasePhotoUploadSerializer, request.data)
        services.case_photo_add(
            actor=request.user, case=case, photos=data["photos"], caption=data.get("caption", "")
        )
        return self.respond(case, status.HTTP_201_CREATED)

    @extend_schema(
        methods=["PATCH"],
        summary="修改图片说明",
        request=CasePhotoCaptionSerializer,
        responses={200: CaseDetailSerializer},
        parameters=[PHOTO_ID],
    )
    @extend_schema(
        methods=["DELETE"],
        summary="删除案例照片",
        request=None,
        responses={204: None},
        parameters=[PHOTO_ID],
    )
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=r"photos/(?P<photo_pk>[0-9]+)",
        serializer_class=CasePhotoCaptionSerializer,
    )
    def photo(self, request, pk=None, photo_pk=None):
        case = access_case(request.user, pk, for_edit=True)
        photo = get_object_or_404(CasePhoto, pk=photo_pk, case=case)
        if request.method == "DELETE":
            services.case_photo_remove(actor=request.user, photo=photo)
            return Response(status=status.HTTP_204_NO_CONTENT)
        data = _parsed(CasePhotoCaptionSerializer, request.data)
        services.case_photo_caption(actor=request.user, photo=photo, caption=data["caption"])
        return self.respond(case)

    @extend_schema(
        summary="向上报送", request=ReportWriteSerializer, responses={200: CaseDetailSerializer}
    )
    @action(detail=True, methods=["post"], serializer_class=ReportWriteSerializer, idempotent=True)
    def reports(self, request, pk=None):
        case = access_case(request.user, pk)
        check_step(request.user, case, "report")
        data = _parsed(ReportWriteSerializer, request.data)
        services.case_report(actor=request.user, case=case, **data)
        return self.respond(case, status.HTTP_201_CREATED)

    @extend_schema(
        summary="记录或更正采用情况",
        description="已记录的采用情况可以更正（如未采用改为已采用、改变采用层级），每次更正留有流转和审计记录。",
        request=AdoptWriteSerializer,
        responses={200: CaseDetailSerializer},
    )
    @action(detail=True, methods=["post"], serializer_class=AdoptWriteSerializer)
    def adoption(self, request, pk=None):
        case = access_case(request.user, pk)
        check_step(request.user, case, "adopt")
        data = _parsed(AdoptWriteSerializer, request.data)
        report = get_object_or_404(CaseReport, pk=data.pop("report"), case=case)
        services.case_adopt(actor=request.user, report=report, **data)
        return self.respond(case)


def _cases_by_pk(user, pks) -> list:
    """The cases named, in the order named; one the user cannot see is refused like a missing
    one."""
    rows = {c.pk: c for c in selectors.case_list(user).filter(pk__in=pks)}
    missing = [str(pk) for pk in pks if pk not in rows]
    if missing:
        raise ValidationError({"cases": f"没有这些案例：{'、'.join(missing)}"})
    return [rows[pk] for pk in pks]


@extend_schema_view(
    list=extend_schema(summary="案例汇编列表"),
    retrieve=extend_schema(summary="案例汇编详情"),
    create=extend_schema(summary="新建案例汇编", responses={201: CompilationSerializer}),
    partial_update=extend_schema(summary="调整案例汇编", responses={200: CompilationSerializer}),
)
@extend_schema(tags=TAGS)
class CompilationViewSet(ApiViewSet):
    """案例汇编：已发布案例按顺序收录；Word 和 PDF 由文书接口生成（文书类型 case-compilation）。"""

    queryset = Compilation.objects.none()
    serializer_class = CompilationSerializer
    create_serializer_class = CompilationWriteSerializer
    update_serializer_class = CompilationUpdateSerializer
    filter_backends: list = []

    def get_queryset(self):
        entries = CompilationEntry.objects.order_by("position", "id")
        return (
            visible_compilations(self.request.user)
            .select_related("org")
            .prefetch_related(Prefetch("entries", queryset=entries))
            .order_by("-created_at", "-id")
        )

    def create(self, request):
        data = self.parse()
        org = access_org(request.user, data["org"])
        if not can(request.user, Cap.PUBLISH_CASES, org.path):
            raise PermissionDenied(NOT_COMPILER)
        compilation = services.compilation_create(
            actor=request.user,
            org=org,
            title=data["title"],
            cases=_cases_by_pk(request.user, data["cases"]),
        )
        return self.respond(compilation, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        compilation = access_compilation(request.user, pk, for_edit=True)
        version = self.expected_version(compilation)
        data = self.parse(compilation)
        cases = _cases_by_pk(request.user, data["cases"]) if "cases" in data else None
        compilation = services.compilation_update(
            actor=request.user,
            compilation=compilation,
            title=data.get("title"),
            cases=cases,
            version=version,
        )
        return self.respond(compilation)


@extend_schema_view(
    list=extend_schema(summary="新闻稿列表"),
    retrieve=extend_schema(summary="新闻稿详情"),
    create=extend_schema(summary="新建新闻稿", responses={201: NewsSerializer}),
    partial_update=extend_schema(summary="修改新闻稿", responses={200: NewsSerializer}),
)
@extend_schema(tags=TAGS)
class NewsViewSet(ApiViewSet):
    """新闻稿（党建信息）：从载体活动（activity）或一件事起草，导语含时间、地点、人物、事件、
    结果；Word 由文书接口生成（文书类型 news-release）。"""

    queryset = NewsRelease.objects.none()
    serializer_class = NewsSerializer
    create_serializer_class = NewsWriteSerializer
    update_serializer_class = NewsUpdateSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.news_list(self.request.user)

    def create(self, request):
        data = self.parse()
        brand = access_brand(request.user, data.pop("brand"))
        if not can(request.user, Cap.WRITE_CASES, brand.org.path):
            raise PermissionDenied(NOT_WRITER)
        activity = None
        if data.get("activity"):
            activity = get_object_or_404(
                Activity.objects.filter(carrier__in=visible_carriers(request.user)),
                pk=data["activity"],
            )
        data.pop("activity", None)
        fields = services.news_from_activity(activity) if activity else {}
        fields.update(data)
        news = services.news_create(actor=request.user, brand=brand, activity=activity, **fields)
        return self.respond(news, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        news = access_news(request.user, pk, for_edit=True)
        data = self.parse(news)
        news = services.news_update(actor=request.user, news=news, **data)
        return self.respond(news)


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register(r"cases/compilations", CompilationViewSet, basename="cases-compilation")
    router.register(r"cases/news", NewsViewSet, basename="cases-news")
    router.register(r"cases", CaseViewSet, basename="cases-case")


urlpatterns: list = []
