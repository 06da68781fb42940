from rest_framework import serializers

from partybrand.brands.models import Brand
from partybrand.core.models import User
from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.orgs.models import Organization
from partybrand.plans.choices import Colour
from partybrand.plans.models import Milestone, Phase, Plan, Task, TaskForceMember
from partybrand.plans.templates_data import TEMPLATES


class PersonSerializer(ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "display_name"]


class ForceSerializer(ModelSerializer):
    role = serializers.CharField(
        read_only=True, help_text="leader 组长 / deputy 副组长 / member 成员 / liaison 联络员"
    )

    class Meta:
        model = TaskForceMember
        fields = ["id", "user", "name", "role", "duty"]


class PhaseSerializer(ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="open 进行中 / closed 已关闭")
    criteria = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Phase
        fields = [
            "id",
            "plan",
            "position",
            "name",
            "goal",
            "start",
            "end",
            "gate_criteria",
            "criteria",
            "gate_checked",
            "status",
            "closed_at",
            "override_reason",
        ]
        read_only_fields = fields


class PhaseWriteSerializer(Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all(), required=False)
    name = serializers.CharField(max_length=60, required=False)
    goal = serializers.CharField(required=False, allow_blank=True)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    gate_criteria = serializers.CharField(required=False, allow_blank=True)


class PlanSerializer(ModelSerializer):
    # plain strings: the labels are in the help text (no enum components that collide by name)
    kind = serializers.CharField(
        read_only=True, help_text="brand 品牌创建计划 / general 党建工作计划"
    )
    status = serializers.CharField(
        read_only=True, help_text="draft 草拟 / active 执行中 / closed 已完成"
    )
    org_name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "org",
            "org_name",
            "brand",
            "title",
            "kind",
            "status",
            "start",
            "goal",
            "near_days",
            "behind_margin",
            "template_code",
            "created_at",
        ]
        read_only_fields = fields


class PlanDetailSerializer(PlanSerializer):
    phases = PhaseSerializer(many=True, read_only=True)
    task_force = ForceSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "phases", "task_force"]
        read_only_fields = fields


class PlanCreateSerializer(Serializer):
    org = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(), label="党组织")
    brand = serializers.PrimaryKeyRelatedField(
        queryset=Brand.objects.all(), required=False, allow_null=True, label="品牌"
    )
    title = serializers.CharField(max_length=100, required=False, allow_blank=True)
    start = serializers.DateField(label="开始日期")
    template = serializers.ChoiceField(choices=list(TEMPLATES), required=False, allow_blank=True)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True
    )
    checker = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True
    )


class PlanUpdateSerializer(Serializer):
    title = serializers.CharField(max_length=100, required=False)
    status = serializers.CharField(required=False)
    start = serializers.DateField(required=False)
    goal = serializers.CharField(required=False, allow_blank=True)
    near_days = serializers.IntegerField(required=False, min_value=0, max_value=90)
    behind_margin = serializers.IntegerField(required=False, min_value=0, max_value=100)


class MilestoneSerializer(ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "title", "due", "done_on"]


class TaskSerializer(ModelSerializer):
    owner = PersonSerializer(read_only=True)
    checker = PersonSerializer(read_only=True)
    colour = serializers.ChoiceField(choices=Colour.choices, read_only=True)
    status = serializers.CharField(
        read_only=True,
        help_text="todo 未开始 / doing 进行中 / reported 待验收 / returned 已退回 / "
        "verified 已验收 / closed 已销号",
    )
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "phase",
            "parent",
            "title",
            "duty",
            "standard",
            "owner",
            "checker",
            "post",
            "start",
            "deadline",
            "progress",
            "status",
            "colour",
            "was_overdue",
            "return_reason",
            "verified_at",
            "closed_at",
            "milestones",
        ]
        read_only_fields = fields


class TaskWriteSerializer(Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all(), required=False)
    phase = serializers.PrimaryKeyRelatedField(
        queryset=Phase.objects.all(), required=False, allow_null=True
    )
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Task.objects.all(), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=100, required=False)
    duty = serializers.CharField(required=False)
    standard = serializers.CharField(required=False)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False)
    checker = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False)
    post = serializers.CharField(max_length=40, required=False, allow_blank=True)
    start = serializers.DateField(required=False)
    deadline = serializers.DateField(required=False)


class ProgressSerializer(Serializer):
    percent = serializers.IntegerField(min_value=0, max_value=100, label="进度")
    text = serializers.CharField(label="进展情况")
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        label="佐证材料",
        help_text="multipart/form-data 时可上传，PDF、Word、Excel、PPT、照片",
    )


class ReasonSerializer(Serializer):
    reason = serializers.CharField(label="退回理由")


class CommentSerializer(Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, label="意见")


class GateSerializer(Serializer):
    checked = serializers.ListField(child=serializers.CharField(), label="已确认的关口标准")


class PhaseCloseSerializer(Serializer):
    override_reason = serializers.CharField(required=False, allow_blank=True, label="越关理由")
