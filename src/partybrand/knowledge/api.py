"""The REST endpoints of 党建AI问答:

/api/v1/knowledge/questions/                 我的问答 (list), 提问 (POST)
/api/v1/knowledge/questions/<pk>/            one question with its answer and citations
/api/v1/knowledge/questions/<pk>/review/     评价与校正 (POST, 党建工作部)
/api/v1/knowledge/review/                    the questions of the subtree to review
/api/v1/knowledge/documents/                 学习资料 (list, upload as multipart)
/api/v1/knowledge/documents/<pk>/            one document (GET, DELETE)
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from partybrand.core.rest.base import ApiViewSet
from partybrand.knowledge import selectors, services
from partybrand.knowledge.access import (
    NOT_ASKER,
    NOT_MANAGER,
    access_document,
    access_question,
    may_ask,
    may_manage_somewhere,
    visible_questions,
)
from partybrand.knowledge.models import KnowledgeDocument, Question
from partybrand.knowledge.serializers import (
    KnowledgeAskSerializer,
    KnowledgeDocumentSerializer,
    KnowledgeQuestionSerializer,
    KnowledgeReviewSerializer,
    KnowledgeUploadSerializer,
)

TAGS = ["党建AI问答"]


@extend_schema_view(
    list=extend_schema(summary="我的问答"),
    retrieve=extend_schema(summary="问答详情"),
    create=extend_schema(summary="提问", responses={201: KnowledgeQuestionSerializer}),
)
@extend_schema(tags=TAGS)
class QuestionViewSet(ApiViewSet):
    """向党建AI问答提问：回答依据提问人可见的品牌档案、工作法、计划、载体和学习资料，每条引用注明
    出处；资料中没有答案时如实说明。配置了大模型时 state 为 pending，稍后再读取。"""

    queryset = Question.objects.none()
    serializer_class = KnowledgeQuestionSerializer
    create_serializer_class = KnowledgeAskSerializer
    filter_backends: list = []

    def get_queryset(self):
        if self.action == "list":
            return selectors.my_questions(self.request.user)
        return visible_questions(self.request.user).order_by("-asked_at", "-id")

    def retrieve(self, request, pk=None):
        return Response(KnowledgeQuestionSerializer(access_question(request.user, pk)).data)

    def create(self, request):
        if not may_ask(request.user):
            raise PermissionDenied(NOT_ASKER)
        data = self.parse()
        question = services.question_ask(actor=request.user, text=data["text"])
        return Response(KnowledgeQuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="评价与校正回答",
        request=KnowledgeReviewSerializer,
        responses={200: KnowledgeQuestionSerializer},
    )
    @action(detail=True, methods=["post"], serializer_class=KnowledgeReviewSerializer)
    def review(self, request, pk=None):
        question = access_question(request.user, pk, for_review=True)
        serializer = KnowledgeReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        question = services.answer_review(
            actor=request.user, question=question, **serializer.validated_data
        )
        return Response(KnowledgeQuestionSerializer(question).data)


@extend_schema_view(list=extend_schema(summary="待评价的问答（党建工作部）"))
@extend_schema(tags=TAGS)
class ReviewViewSet(ApiViewSet):
    """本组织及下级组织的全部问答记录，供党建工作部评价和校正；rating=none 为未评价。"""

    queryset = Question.objects.none()
    serializer_class = KnowledgeQuestionSerializer
    filter_backends: list = []

    def get_queryset(self):
        if not may_manage_somewhere(self.request.user):
            raise PermissionDenied(NOT_MANAGER)
        params = self.request.query_params
        return selectors.review_list(
            self.request.user, rating=params.get("rating", ""), state=params.get("state", "")
        )


@extend_schema_view(
    list=extend_schema(summary="学习资料列表"),
    retrieve=extend_schema(summary="学习资料详情"),
    create=extend_schema(summary="上传学习资料", responses={201: KnowledgeDocumentSerializer}),
    destroy=extend_schema(summary="删除学习资料"),
)
@extend_schema(tags=TAGS)
class DocumentViewSet(ApiViewSet):
    """党建工作部上传的政策和学习资料（.docx、.pdf、.txt）：后台解析入库后，本组织及下级组织的提问
    可以检索到。"""

    queryset = KnowledgeDocument.objects.none()
    serializer_class = KnowledgeDocumentSerializer
    create_serializer_class = KnowledgeUploadSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filter_backends: list = []

    def get_queryset(self):
        return selectors.document_list(self.request.user)

    def retrieve(self, request, pk=None):
        return Response(KnowledgeDocumentSerializer(access_document(request.user, pk)).data)

    def create(self, request):
        if not may_manage_somewhere(request.user):
            raise PermissionDenied(NOT_MANAGER)
        data = self.parse()
        org = get_object_or_404(selectors.upload_orgs(request.user), pk=data["org"])
        document = services.document_upload(
            actor=request.user, org=org, title=data.get("title", ""), upload=data["file"]
        )
        document.refresh_from_db()
        return Response(KnowledgeDocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        document = access_document(request.user, pk, for_manage=True)
        services.document_delete(actor=request.user, document=document)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    router.register(r"knowledge/questions", QuestionViewSet, basename="knowledge-question")
    router.register(r"knowledge/review", ReviewViewSet, basename="knowledge-review")
    router.register(r"knowledge/documents", DocumentViewSet, basename="knowledge-document")


urlpatterns: list = []
