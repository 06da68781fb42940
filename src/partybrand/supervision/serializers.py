"""API representations of tickets, review meetings and rectification items."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from partybrand.core.models import User
from partybrand.core.rest.errors import NOT_FOUND
from partybrand.core.rest.serializers import ModelSerializer, Serializer, request_user
from partybrand.orgs.access import visible_orgs
from partybrand.orgs.models import Organization
from partybrand.plans.access import visible_plans, visible_tasks
from partybrand.plans.models import Plan, Task
from partybrand.supervision.models import (
    RectificationItem,
    ReviewMeeting,
    Ticket,
    TicketEvent,
    TicketFile,
)
from partybrand.supervision.selectors import carried_over


@extend_schema_field(
    {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
        "nullable": True,
    }
)
class UserRefField(serializers.RelatedField):
    """A user as {id, name}: never the e-mail or any other personal data."""

    def to_representation(self, value):
        return {"id": value.pk, "name": str(value)}


class SupervisionTicketFileSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = TicketFile
        fields = ["id", "title", "size", "content_type", "uploaded_at", "download_url"]

    def get_download_url(self, obj) -> str:
        return reverse("supervision:file_download", kwargs={"pk": obj.pk})


class SupervisionTicketEventSerializer(ModelSerializer):
    actor = UserRefField(read_only=True)
    action = serializers.CharField(read_only=True)
    action_display = serializers.CharField(source="get_action_display", read_only=True)

    class Meta:
        model = TicketEvent
        fields = ["id", "action", "action_display", "actor", "note", "created_at"]


class SupervisionTicketSerializer(ModelSerializer):
    number = serializers.CharField(read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="raised/assigned/in_progress/feedback/closed/archived"
    )
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    raised_by = UserRefField(read_only=True)
    assignee = UserRefField(read_only=True)
    escalated_to_name = serializers.CharField(
        source="escalated_to.name", read_only=True, default=""
    )

    class Meta:
        model = Ticket
        fields = [
            "id",
            "number",
            "org",
            "org_name",
            "task",
            "title",
            "matter",
            "deadline",
            "status",
            "status_display",
            "raised_by",
            "assignee",
            "feedback",
            "escalation_level",
            "escalated_to",
            "escalated_to_name",
            "escalated_on",
            "created_at",
            "feedback_at",
            "closed_at",
            "archived_at",
        ]


class SupervisionTicketDetailSerializer(SupervisionTicketSerializer):
    events = SupervisionTicketEventSerializer(many=True, read_only=True)
    files = SupervisionTicketFileSerializer(many=True, read_only=True)

    class Meta(SupervisionTicketSerializer.Meta):
        fields = SupervisionTicketSerializer.Meta.fields + ["events", "files"]


class ReachableField(serializers.PrimaryKeyRelatedField):
    """The id of an object the user sees (`reach(user)`). Any other id, of an object out of
    reach or of none at all, is a 404 as the object's own address would be: the answer neither
    confirms that it exists nor differs from an unknown id's."""

    def __init__(self, *, reach, **kwargs):
        self.reach = reach
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.reach(request_user(self))

    def fail(self, key, **kwargs):
        if key == "does_not_exist":
            raise NotFound(NOT_FOUND)
        super().fail(key, **kwargs)


class SupervisionTicketCreateSerializer(Serializer):
    # Out of reach is a 404; in reach but not one's to supervise a 403 (TicketViewSet.create).
    org = ReachableField(
        reach=visible_orgs, queryset=Organization.objects.all(), required=False, allow_null=True
    )
    task = ReachableField(
        reach=visible_tasks, queryset=Task.objects.all(), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=100)
    matter = serializers.CharField()
    deadline = serializers.DateField()
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )


class TicketAssignSerializer(Serializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TicketFeedbackSerializer(Serializer):
    text = serializers.CharField()
    files = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text="佐证材料"
    )


class TicketNoteSerializer(Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RectificationItemSerializer(ModelSerializer):
    owner = UserRefField(read_only=True)
    status = serializers.CharField(read_only=True, help_text="open/done/closed")
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    meeting_title = serializers.CharField(source="meeting.title", read_only=True)

    class Meta:
        model = RectificationItem
        fields = [
            "id",
            "meeting",
            "meeting_title",
            "finding",
            "measure",
            "owner",
            "deadline",
            "status",
            "status_display",
            "done_note",
            "done_at",
            "closed_at",
        ]


class ReviewMeetingSerializer(ModelSerializer):
    convenor = UserRefField(read_only=True)
    plan_title = serializers.CharField(source="plan.title", read_only=True)

    class Meta:
        model = ReviewMeeting
        fields = ["id", "plan", "plan_title", "title", "held_on", "convenor", "guests"]


class ReviewMeetingDetailSerializer(ReviewMeetingSerializer):
    attendees = UserRefField(many=True, read_only=True)
    items = RectificationItemSerializer(many=True, read_only=True)
    carried_over = serializers.SerializerMethodField(help_text="此前会议遗留、尚未销号的整改事项")

    class Meta(ReviewMeetingSerializer.Meta):
        fields = ReviewMeetingSerializer.Meta.fields + [
            "attendees",
            "agenda",
            "minutes",
            "items",
            "carried_over",
        ]

    def get_carried_over(self, obj) -> list[dict]:
        return RectificationItemSerializer(carried_over(obj), many=True).data


class ReviewMeetingCreateSerializer(Serializer):
    plan = ReachableField(reach=visible_plans, queryset=Plan.objects.all())
    title = serializers.CharField(max_length=100)
    held_on = serializers.DateField()
    attendees = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False, default=list
    )
    guests = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    agenda = serializers.CharField(required=False, allow_blank=True, default="")
    minutes = serializers.CharField(required=False, allow_blank=True, default="")


class ItemCreateSerializer(Serializer):
    finding = serializers.CharField()
    measure = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    deadline = serializers.DateField()


class ItemDoneSerializer(Serializer):
    note = serializers.CharField()


class ItemVerifySerializer(Serializer):
    accept = serializers.BooleanField(default=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
