"""What the survey API reads and writes; writes go through the services."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partybrand.brands.serializers import VisibleBrandField
from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.orgs.serializers import VisibleOrgField
from partybrand.surveys.access import can_manage
from partybrand.surveys.choices import RepeatPolicy, RespondentStatus
from partybrand.surveys.models import Question, Response, Survey


class QuestionSerializer(ModelSerializer):
    """One serializer reads and writes questions (POST and PUT), so its enums stay one schema
    component."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    options = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, label="选项"
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "order",
            "kind",
            "kind_display",
            "title",
            "description",
            "required",
            "options",
            "min_choices",
            "max_choices",
            "scale_max",
            "low_label",
            "high_label",
        ]
        read_only_fields = ["id", "order"]


class SurveySerializer(ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    brand_name = serializers.CharField(source="brand.name", read_only=True, default="")
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    phase = serializers.SerializerMethodField(help_text="draft、scheduled、open 或 ended")
    response_count = serializers.IntegerField(read_only=True, label="答卷数")
    public_url = serializers.SerializerMethodField(help_text="匿名填写链接（允许匿名时）")
    can_manage = serializers.SerializerMethodField()
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id",
            "title",
            "org",
            "org_name",
            "brand",
            "brand_name",
            "intro",
            "closing",
            "opens_at",
            "closes_at",
            "status",
            "status_display",
            "phase",
            "mode",
            "repeat_policy",
            "staff_count",
            "response_count",
            "public_url",
            "can_manage",
            "published_at",
            "closed_at",
            "questions",
        ]
        read_only_fields = fields

    def get_phase(self, survey) -> str:
        return survey.phase()

    def get_public_url(self, survey) -> str:
        if not survey.allows_anonymous:
            return ""
        url = reverse("surveys:public_answer", args=[survey.token])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_can_manage(self, survey) -> bool:
        return can_manage(self.context["request"].user, survey)


class SurveyUpdateSerializer(ModelSerializer):
    brand = VisibleBrandField(required=False, allow_null=True, label="关联品牌")

    class Meta:
        model = Survey
        fields = [
            "title",
            "brand",
            "intro",
            "closing",
            "opens_at",
            "closes_at",
            "mode",
            "repeat_policy",
            "staff_count",
        ]


class SurveyCreateSerializer(SurveyUpdateSerializer):
    org = VisibleOrgField(label="发起组织")

    class Meta(SurveyUpdateSerializer.Meta):
        fields = ["org", *SurveyUpdateSerializer.Meta.fields]


class ResponseSerializer(ModelSerializer):
    member_name = serializers.SerializerMethodField()
    respondent_org_name = serializers.CharField(
        source="respondent_org.name", read_only=True, default=""
    )
    answers = serializers.SerializerMethodField(help_text="题目编号 → 答案")

    class Meta:
        model = Response
        fields = [
            "id",
            "submitted_at",
            "updated_at",
            "is_anonymous",
            "member_name",
            "respondent_org",
            "respondent_org_name",
            "respondent_status",
            "answers",
        ]
        read_only_fields = fields

    def get_member_name(self, response) -> str:
        # Only managers list responses; a name, never a phone or ID number.
        return response.member.name if response.member and not response.is_anonymous else ""

    @extend_schema_field({"type": "object", "additionalProperties": {}})
    def get_answers(self, response) -> dict:
        return {str(a.question_id): a.value for a in response.answers.all()}


ANSWERS_HELP = (
    "题目编号 → 答案。单选：选项序号（从 0 开始）；多选：序号列表；评分：分数；"
    "排序：按名次排列的选项序号列表；填空与问答：文字；品牌名称征集：{name, slogan, reason}。"
)


class SubmitSerializer(Serializer):
    answers = serializers.DictField(child=serializers.JSONField(), help_text=ANSWERS_HELP)


class AnonymousSubmitSerializer(SubmitSerializer):
    respondent_status = serializers.ChoiceField(
        choices=RespondentStatus.choices,
        required=False,
        default=RespondentStatus.UNKNOWN,
        label="身份（自选）",
    )
    respondent_org = serializers.IntegerField(
        required=False, allow_null=True, label="所在单位/部门（发起组织的直接下级，可选）"
    )
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        label="一次性作答码",
        help_text="问卷“凭一次性码作答”时必填：纸条上的 8 位作答码，不区分大小写，可含“-”。",
    )


class SubmitErrorSerializer(Serializer):
    detail = serializers.CharField(label="说明")
    errors = serializers.DictField(
        child=serializers.CharField(), required=False, help_text="题目编号 → 错误说明"
    )


class DoneSerializer(Serializer):
    detail = serializers.CharField(label="说明")


class DepartmentSerializer(Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PublicSurveySerializer(ModelSerializer):
    phase = serializers.SerializerMethodField()
    needs_code = serializers.SerializerMethodField(label="凭一次性码作答")
    questions = QuestionSerializer(many=True, read_only=True)
    departments = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "title",
            "intro",
            "closing",
            "opens_at",
            "closes_at",
            "phase",
            "needs_code",
            "questions",
            "departments",
        ]
        read_only_fields = fields

    def get_phase(self, survey) -> str:
        return survey.phase()

    def get_needs_code(self, survey) -> bool:
        return survey.repeat_policy == RepeatPolicy.CODE

    @extend_schema_field(DepartmentSerializer(many=True))
    def get_departments(self, survey) -> list:
        return [{"id": d.pk, "name": d.name} for d in self.context["departments"]]
