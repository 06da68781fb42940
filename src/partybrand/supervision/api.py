"""The REST endpoints of supervision tickets (督办单) and 复盘 meetings:

    /api/v1/supervision-tickets/            list (scoped), raise; actions assign, start, feedback,
                                            return, close, archive
    /api/v1/review-meetings/                list, create; detail with items and carried-over items;
                                            action items (add a finding as a rectification item)
    /api/v1/rectification-items/            list; actions done (owner), verify (convenor)

Rows come from the access helpers: out of reach is a 404, visible but not allowed a 403.
"""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from partybrand.core.rest.base import ApiViewSet
from partybrand.core.rest.parsers import JsonObjectParser
from partybrand.supervision import access, selectors
from partybrand.supervision.models import RectificationItem, ReviewMeeting, Ticket
from partybrand.supervision.serializers import (
    ItemCreateSerializer,
    ItemDoneSerializer,
    ItemVerifySerializer,
    RectificationItemSerializer,
    ReviewMeetingCreateSerializer,
    ReviewMeetingDetailSerializer,
    ReviewMeetingSerializer,
    SupervisionTicketCreateSerializer,
    SupervisionTicketDetailSerializer,
    SupervisionTicketSerializer,
    TicketAssignSerializer,
    TicketFeedbackSerializer,
    TicketNoteSerializer,
)
from partybrand.supervision.services import reviews as review_services
from partybrand.supervision.services import tickets as services

TAG = ["督办复盘"]


def _parsed(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema_view(
    list=extend_schema(summary="督办单列表"),
    retrieve=extend_schema(summary="督办单详情（含办理记录与佐证材料）"),
    create=extend_schema(summary="下发督办单", responses={201: SupervisionTicketDetailSerializer}),
)
@extend_schema(tags=TAG)
class TicketViewSet(ApiViewSet):
    """督办单：督办人、承办人可见本人相关的督办单，党建工作部门与书记可见本级及下级组织的督办单。
    下发需对被督办组织有组织管理权限；交办、退回、办结、归档由督办人或上级党建工作部门操作；
    开始办理与反馈由承办人操作。"""

    queryset = Ticket.objects.none()
    serializer_class = SupervisionTicketSerializer
    detail_serializer_class = SupervisionTicketDetailSerializer
    create_serializer_class = SupervisionTicketCreateSerializer
    filter_backends: list = []
    parser_classes = [JsonObjectParser, MultiPartParser, FormParser]

    def get_queryset(self):
        rows = selectors.ticket_list(self.request.user)
        if self.action == "retrieve":
            rows = rows.prefetch_related("events__actor", "files")
        return rows

    def create(self, request):
        data = self.parse()  # an org or task out of reach is a 404 there
        org = data.get("org")
        if org is not None and not access.may_raise(request.user, org):
            raise PermissionDenied(access.NOT_RAISER)
        ticket = services.ticket_raise(actor=request.user, **data)
        return self.respond(ticket, status.HTTP_201_CREATED)

    def _ticket(self, pk, **kwargs):
        return access.access_ticket(self.request.user, pk, **kwargs)

    @extend_schema(
        summary="交办", request=TicketAssignSerializer, responses=SupervisionTicketDetailSerializer
    )
    @action(detail=True, methods=["post"], serializer_class=TicketAssignSerializer)
    def assign(self, request, pk=None):
        ticket = self._ticket(pk, manage=True)
        data = _parsed(TicketAssignSerializer, request.data)
        return self.respond(services.ticket_assign(actor=request.user, ticket=ticket, **data))

    @extend_schema(summary="开始办理", request=None, responses=SupervisionTicketDetailSerializer)
    @action(detail=True, methods=["post"], serializer_class=TicketNoteSerializer)
    def start(self, request, pk=None):
        ticket = self._ticket(pk, handle=True)
        return self.respond(services.ticket_start(actor=request.user, ticket=ticket))

    @extend_schema(
        summary="反馈办理情况",
        description="text 为办理情况；files 为佐证材料（multipart/form-data 上传，可多个）。",
        request={
            "application/json": TicketFeedbackSerializer,
            "multipart/form-data": TicketFeedbackSerializer,
        },
        responses=SupervisionTicketDetailSerializer,
    )
    @action(
        detail=True, methods=["post"], serializer_class=TicketFeedbackSerializer, idempotent=True
    )
    def feedback(self, request, pk=None):
        ticket = self._ticket(pk, handle=True)
        text = request.data.get("text", "")
        uploads = request.FILES.getlist("files") if request.FILES else []
        _parsed(TicketFeedbackSerializer, {"text": text})
        ticket = services.ticket_feedback(
            actor=request.user, ticket=ticket, text=text, uploads=uploads
        )
        return self.respond(ticket)

    @extend_schema(
        summary="退回重办",
        request=TicketNoteSerializer,
        responses=SupervisionTicketDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return", serializer_class=TicketNoteSerializer)
    def send_back(self, request, pk=None):
        ticket = self._ticket(pk, manage=True)
        note = _parsed(TicketNoteSerializer, request.data)["note"]
        return self.respond(services.ticket_return(actor=request.user, ticket=ticket, note=note))

    @extend_schema(
        summary="办结", request=TicketNoteSerializer, responses=SupervisionTicketDetailSerializer
    )
    @action(detail=True, methods=["post"], serializer_class=TicketNoteSerializer)
    def close(self, request, pk=None):
        ticket = self._ticket(pk, manage=True)
        note = _parsed(TicketNoteSerializer, request.data)["note"]
        return self.respond(services.ticket_close(actor=request.user, ticket=ticket, note=note))

    @extend_schema(summary="归档", request=None, responses=SupervisionTicketDetailSerializer)
    @action(detail=True, methods=["post"], serializer_class=TicketNoteSerializer)
    def archive(self, request, pk=None):
        ticket = self._ticket(pk, manage=True)
        return self.respond(services.ticket_archive(actor=request.user, ticket=ticket))


@extend_schema_view(
    list=extend_schema(summary="复盘会议列表"),
    retrieve=extend_schema(summary="复盘会议详情（含整改事项与上次遗留事项）"),
    create=extend_schema(summary="召开复盘会议", responses={201: ReviewMeetingDetailSerializer}),
)
@extend_schema(tags=TAG)
class MeetingViewSet(ApiViewSet):
    """复盘会议：随计划可见；计划编辑者可召开会议并登记发现的问题（转为整改事项）。
    carried_over 列出此前会议尚未销号的整改事项（引用，不复制）。"""

    queryset = ReviewMeeting.objects.none()
    serializer_class = ReviewMeetingSerializer
    detail_serializer_class = ReviewMeetingDetailSerializer
    create_serializer_class = ReviewMeetingCreateSerializer
    filter_backends: list = []

    def get_queryset(self):
        rows = access.visible_meetings(self.request.user).select_related("plan", "convenor")
        if self.action == "retrieve" or self.action == "items":
            rows = rows.prefetch_related("attendees", "items__owner", "items__meeting")
        return rows.order_by("-held_on", "-id")

    def create(self, request):
        data = self.parse()  # a plan out of reach is a 404 there
        meeting = review_services.meeting_create(actor=request.user, **data)
        return self.respond(meeting, status.HTTP_201_CREATED)

    @extend_schema(
        summary="登记发现的问题（转为整改事项）",
        request=ItemCreateSerializer,
        responses={201: RectificationItemSerializer},
    )
    @action(detail=True, methods=["post"], serializer_class=ItemCreateSerializer, idempotent=True)
    def items(self, request, pk=None):
        meeting = access.access_meeting(request.user, pk, for_edit=True)
        item = review_services.item_create(
            actor=request.user, meeting=meeting, **_parsed(ItemCreateSerializer, request.data)
        )
        item = RectificationItem.objects.select_related("owner", "meeting").get(pk=item.pk)
        return Response(RectificationItemSerializer(item).data, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="整改事项列表"),
    retrieve=extend_schema(summary="整改事项详情"),
)
@extend_schema(tags=TAG)
class RectificationItemViewSet(ApiViewSet):
    """整改事项：责任人填报整改情况（done），会议召集人核验销号或退回（verify）。"""

    queryset = RectificationItem.objects.none()
    serializer_class = detail_serializer_class = RectificationItemSerializer
    filter_backends: list = []

    def get_queryset(self):
        return (
            access.visible_items(self.request.user)
            .select_related("owner", "meeting")
            .order_by("deadline", "id")
        )

    @extend_schema(summary="填报整改情况", request=ItemDoneSerializer)
    @action(detail=True, methods=["post"], serializer_class=ItemDoneSerializer)
    def done(self, request, pk=None):
        item = access.access_item(request.user, pk, owner=True)
        note = _parsed(ItemDoneSerializer, request.data)["note"]
        return self.respond(review_services.item_done(actor=request.user, item=item, note=note))

    @extend_schema(summary="核验销号或退回", request=ItemVerifySerializer)
    @action(detail=True, methods=["post"], serializer_class=ItemVerifySerializer)
    def verify(self, request, pk=None):
        item = access.access_item(request.user, pk, verify=True)
        data = _parsed(ItemVerifySerializer, request.data)
        return self.respond(review_services.item_verify(actor=request.user, item=item, **data))


def register(router) -> None:
    """Add this app's viewsets to the API router."""
    router.register("supervision-tickets", TicketViewSet, basename="supervision-ticket")
    router.register("review-meetings", MeetingViewSet, basename="review-meeting")
    router.register("rectification-items", RectificationItemViewSet, basename="rectification-item")


urlpatterns = []  # extra /api/v1/ paths that are not viewsets
