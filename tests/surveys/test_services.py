"""Surveys as their owners and respondents meet them: building, answering, the rules against
bad input and repeats, and the figures the results page shows."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partybrand.core.models import AuditLog
from partybrand.orgs.choices import MemberStatus
from partybrand.surveys import answering, results, selectors
from partybrand.surveys.access import visible_surveys
from partybrand.surveys.choices import AnswerMode, RespondentStatus, SurveyStatus
from partybrand.surveys.services import questions as services_questions
from partybrand.surveys.services import surveys as services
from partybrand.surveys.services.responses import (
    response_submit_anonymous,
    response_submit_named,
)
from tests.factories import make_member
from tests.permissions.cases.surveys import QUESTIONS, form_answers, make_survey


def submit(survey, member, actor=None, **overrides):
    questions = list(survey.questions.all())
    checked = answering.check(
        questions, answering.raw_from_form(questions, _querydict(form_answers(survey, **overrides)))
    )
    assert checked.ok, checked.errors
    return response_submit_named(
        actor=actor, survey=survey, member=member, questions=questions, values=checked.values
    )


def submit_anonymous(survey, *, device="", ip="", code="", **overrides):
    questions = list(survey.questions.all())
    data = _querydict(form_answers(survey, **overrides))
    checked = answering.check(questions, answering.raw_from_form(questions, data))
    return response_submit_anonymous(
        survey=survey,
        questions=questions,
        values=checked.values,
        respondent_status=RespondentStatus.MASS,
        device_id=device,
        ip=ip,
        code=code,
    )


def _querydict(data):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


def errors_for(survey, **overrides) -> list[str]:
    questions = list(survey.questions.all())
    raw = answering.raw_from_form(questions, _querydict(form_answers(survey, **overrides)))
    return list(answering.check(questions, raw).errors.values())


# Building -------------------------------------------------------------------------------------


def test_a_survey_is_built_published_and_closed_with_an_audit_trail(world):
    survey = make_survey(world, status="draft")
    assert survey.questions.count() == len(QUESTIONS)
    services.survey_publish(actor=world.secretary, survey=survey)
    services.survey_close(actor=world.secretary, survey=survey)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED and survey.closed_at is not None
    actions = set(
        AuditLog.objects.filter(org_path=world.branch_a.path).values_list("action", flat=True)
    )
    assert {"survey_create", "question_add", "survey_publish", "survey_close"} <= actions


def test_publishing_needs_a_question(world):
    survey = services.survey_create(actor=world.secretary, org=world.branch_a, title="空问卷")
    with pytest.raises(ValidationError, match="还没有题目"):
        services.survey_publish(actor=world.secretary, survey=survey)


def test_a_closed_survey_cannot_be_published_again(world):
    survey = make_survey(world, status="closed")
    with pytest.raises(ValidationError, match="不能发布"):
        services.survey_publish(actor=world.secretary, survey=survey)


def test_questions_are_locked_once_published_and_it_says_why(world):
    survey = make_survey(world)
    submit(survey, world.member_a)
    question = survey.questions.first()
    with pytest.raises(ValidationError, match=r"题目结构不能再修改（已收到 1 份答卷）"):
        services_questions.question_update(actor=world.secretary, question=question, title="新题目")
    with pytest.raises(ValidationError, match="题目结构不能再修改"):
        services_questions.question_add(
            actor=world.secretary, survey=survey, kind="text_short", title="补充"
        )
    with pytest.raises(ValidationError, match="题目结构不能再修改"):
        services_questions.question_delete(actor=world.secretary, question=question)


def test_after_publishing_the_texts_and_closing_time_change_but_not_how_people_answer(world):
    survey = make_survey(world)
    later = timezone.now() + timedelta(days=30)
    services.survey_update(actor=world.secretary, survey=survey, title="新标题", closes_at=later)
    survey.refresh_from_db()
    assert survey.title == "新标题" and survey.closes_at == later
    with pytest.raises(ValidationError, match="填写方式与防重复规则不能再修改"):
        services.survey_update(actor=world.secretary, survey=survey, mode=AnswerMode.NAMED)


def test_closing_time_must_follow_opening_time(world):
    now = timezone.now()
    with pytest.raises(ValidationError, match="截止时间应晚于开始时间"):
        services.survey_create(
            actor=world.secretary, org=world.branch_a, title="问卷", opens_at=now, closes_at=now
        )


def test_a_linked_brand_must_belong_to_the_surveys_organisation(world):
    with pytest.raises(ValidationError, match="关联品牌应属于发起组织本身"):
        services.survey_create(
            actor=world.mid_admin, org=world.committee_a, title="问卷", brand=world.brand
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "single", "title": "题", "options": ["只有一个"]}, "至少需要 2 个选项"),
        ({"kind": "single", "title": "题", "options": ["甲", "甲"]}, "选项不能重复"),
        ({"kind": "single", "title": "", "options": ["甲", "乙"]}, "请填写题目"),
        (
            {"kind": "multiple", "title": "题", "options": ["甲", "乙"], "min_choices": 3},
            "最少选择项数应在 1 到 2 之间",
        ),
        (
            {
                "kind": "multiple",
                "title": "题",
                "options": ["甲", "乙", "丙"],
                "min_choices": 3,
                "max_choices": 2,
            },
            "最少选择项数不能大于最多选择项数",
        ),
        ({"kind": "rating", "title": "题", "scale_max": 7}, "只能是 5 分或 10 分"),
    ],
)
def test_a_question_that_cannot_be_answered_is_refused(world, fields, message):
    survey = make_survey(world, status="draft")
    with pytest.raises(ValidationError, match=message):
        services_questions.question_add(actor=world.secretary, survey=survey, **fields)


def test_questions_move_and_deleting_one_renumbers_the_rest(world):
    survey = make_survey(world, status="draft")
    first, second, third = list(survey.questions.all())[:3]
    services_questions.question_move(actor=world.secretary, question=first, direction="down")
    assert [q.pk for q in survey.questions.all()][:3] == [second.pk, first.pk, third.pk]
    services_questions.question_move(
        actor=world.secretary, question=second, direction="up"
    )  # already top
    services_questions.question_delete(actor=world.secretary, question=second)
    orders = list(survey.questions.values_list("order", flat=True))
    assert orders == list(range(1, len(QUESTIONS)))


def test_copying_a_published_survey_gives_an_editable_draft(world):
    survey = make_survey(world)
    copy = services.survey_copy(actor=world.secretary, survey=survey)
    assert copy.status == SurveyStatus.DRAFT and copy.token != survey.token
    assert list(copy.questions.values_list("title", flat=True)) == [q["title"] for q in QUESTIONS]
    services_questions.question_update(
        actor=world.secretary, question=copy.questions.first(), title="改"
    )


# Validation ------------------------------------------------------------------------------------


def test_every_message_names_the_question_and_the_reason(world):
    survey = make_survey(world)
    q = list(survey.questions.all())
    assert errors_for(survey, **{f"q{q[1].pk}": ["0"]}) == ["第 2 题：请至少选择 2 项"]
    assert errors_for(survey, **{f"q{q[1].pk}": ["0", "1", "2", "3"]}) == [
        "第 2 题：最多选择 3 项（当前选了 4 项）"
    ]
    assert errors_for(survey, **{f"q{q[0].pk}": ""}) == ["第 1 题：此题为必答题，请作答"]
    assert errors_for(survey, **{f"q{q[2].pk}": "6"}) == ["第 3 题：请在 1–5 分之间打分"]
    assert errors_for(survey, **{f"q{q[3].pk}_r2": "1"}) == [
        "第 4 题：每个名次只能用一次，请调整重复的名次"
    ]
    assert errors_for(survey, **{f"q{q[3].pk}_r2": ""}) == ["第 4 题：请为全部 3 个选项排出名次"]
    assert errors_for(survey, **{f"q{q[5].pk}": "  "}) == ["第 6 题：此题为必答题，请作答"]
    assert errors_for(survey, **{f"q{q[6].pk}_name": "红色引擎动力澎湃守护光明先锋"}) == [
        "第 7 题：品牌名称不超过 12 个字（当前 14 个字）"
    ]
    assert errors_for(survey, **{f"q{q[6].pk}_name": ""}) == ["第 7 题：请填写建议的品牌名称"]
    assert errors_for(survey, **{f"q{q[0].pk}": "9"}) == ["第 1 题：所选选项无效，请重新选择"]


def test_optional_questions_may_stay_empty(world):
    survey = make_survey(world)
    q = list(survey.questions.all())
    empty = {f"q{q[4].pk}": "", f"q{q[6].pk}_name": "", f"q{q[6].pk}_slogan": ""}
    assert errors_for(survey, **empty, **{f"q{q[6].pk}_reason": ""}) == []


# Scope ----------------------------------------------------------------------------------------


def test_members_see_published_surveys_of_their_organisation_and_above_only(world):
    draft = make_survey(world, status="draft", title="草稿问卷")
    published = make_survey(world, title="已发布问卷")
    above = services.survey_create(actor=world.mid_admin, org=world.committee_a, title="公司问卷")
    services_questions.question_add(
        actor=world.mid_admin, survey=above, kind="text_long", title="意见"
    )
    services.survey_publish(actor=world.mid_admin, survey=above)
    assert set(visible_surveys(world.member)) == {published, above}
    assert set(visible_surveys(world.secretary)) == {draft, published}  # not the company's
    assert set(visible_surveys(world.mid_admin)) == {draft, published, above}
    assert set(visible_surveys(world.staff)) == {draft, published, above}
    assert not visible_surveys(world.outsider).exists()
    assert not visible_surveys(world.expert).exists()


def test_target_population_is_active_members_below_plus_staff(world):
    make_member(world.branch_a, "张三")
    gone = make_member(world.branch_a, "离开的党员")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    make_member(world.branch_b, "外单位党员")
    survey = make_survey(world, staff_count=10)
    assert selectors.target_population(survey) == {"members": 2, "staff": 10, "total": 12}
    named = make_survey(world, mode=AnswerMode.NAMED)
    assert selectors.target_population(named)["total"] == 2


# Results --------------------------------------------------------------------------------------


def test_results_count_what_people_answered(world):
    survey = make_survey(world)
    q = list(survey.questions.all())
    submit(survey, world.member_a)
    submit_anonymous(survey, device="a", **{f"q{q[0].pk}": "1", f"q{q[2].pk}": "2"})
    submit_anonymous(
        survey,
        device="b",
        **{
            f"q{q[0].pk}": "3",
            f"q{q[3].pk}_r0": "1",
            f"q{q[3].pk}_r1": "2",
            f"q{q[5].pk}": "技术攻关要有党员带头，师带徒要常态化。",
            f"q{q[6].pk}_name": "匠心·先锋",
        },
    )
    summary = {s["number"]: s for s in results.question_results(survey, q)}
    assert summary[1]["chart"]["data"][1] == {"name": "技术攻关", "value": 2}
    assert summary[1]["chart"]["data"][3] == {"name": "人才培养", "value": 1}
    assert summary[2]["chart"]["data"][0]["value"] == 3  # 党员责任区 chosen by all three
    assert summary[3]["mean"] == round((4 + 2 + 4) / 3, 2)
    ranking = {r["name"]: r["value"] for r in summary[4]["chart"]["data"]}
    assert ranking == {
        "业务融合": round((1 + 1 + 2) / 3, 2),
        "政治引领": round(5 / 3, 2),
        "文化传承": 3,
    }
    assert dict(summary[6]["keywords"])["技术攻关"] == 3
    assert summary[7]["proposals"] == [
        {"name": "匠心先锋", "count": 3, "slogans": ["匠心筑梦 先锋领航"]}
    ]


def test_name_proposals_are_retrievable_for_the_theme_workshop(world):
    survey = make_survey(world)
    response, _ = submit(survey, world.member_a)
    assert selectors.name_proposals(survey) == [
        {
            "name": "匠心先锋",
            "slogan": "匠心筑梦 先锋领航",
            "reason": "体现工匠精神和党员先锋作用。",
            "response_id": response.pk,
        }
    ]


def test_breakdown_groups_respondents_under_the_direct_children(world):
    survey = services.survey_create(
        actor=world.mid_admin, org=world.committee_a, title="公司调研", mode=AnswerMode.BOTH
    )
    services_questions.question_add(
        actor=world.mid_admin, survey=survey, kind="text_long", title="意见"
    )
    survey = services.survey_publish(actor=world.mid_admin, survey=survey)
    probationer = make_member(world.branch_a, "预备党员甲", status=MemberStatus.PROBATIONARY)
    questions = list(survey.questions.all())
    for member in (world.member_a, probationer):
        response_submit_named(
            actor=None,
            survey=survey,
            member=member,
            questions=questions,
            values={questions[0].pk: "好"},
        )
    response_submit_anonymous(
        survey=survey,
        questions=questions,
        values={questions[0].pk: "好"},
        respondent_status=RespondentStatus.MASS,
        respondent_org=world.general_branch,
    )
    response_submit_anonymous(survey=survey, questions=questions, values={questions[0].pk: "好"})
    rows = {r["name"]: r for r in results.org_breakdown(survey)}
    assert rows["甲公司机关党总支"] == {
        "name": "甲公司机关党总支",
        "responses": 3,
        "named": 2,
        "members": 2,
        "rate": 100.0,
    }
    assert rows["未说明单位"]["responses"] == 1
    statuses = {r["name"]: r["value"] for r in results.status_breakdown(survey)}
    assert statuses == {"正式党员": 1, "预备党员": 1, "群众": 1, "未说明": 1}


def test_highlights_sum_up_a_survey_for_the_positioning_summary(world):
    survey = make_survey(world)
    submit(survey, world.member_a)
    summary = results.highlights(survey)
    assert summary["counts"]["total"] == 1
    assert summary["ratings"] == [
        {"title": "您对支部当前党建工作的满意度", "mean": 4.0, "scale": 5}
    ]
    assert ("技术攻关", 1) in summary["keywords"]
    assert summary["proposals"][0]["name"] == "匠心先锋"
