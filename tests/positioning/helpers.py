"""Data the positioning tests share: a surveyed and compared brand, made through the surveys and
benchmarks apps' own services."""

from partybrand.benchmarks.services import benchmark_create, comparison_create
from partybrand.surveys.answering import check, raw_from_json
from partybrand.surveys.services.responses import response_submit_anonymous
from partybrand.surveys.services.surveys import question_add, survey_create, survey_publish


def survey_with_answers(world, answers, *, title="“红色引擎”品牌创建意见征集"):
    """A published survey of branch A linked to its brand, answered anonymously through the
    surveys app's own services: `answers` are (free text, (name, slogan)) pairs."""
    actor = world.secretary
    survey = survey_create(
        actor=actor,
        org=world.branch_a,
        title=title,
        brand=world.brand,
        mode="both",
        repeat_policy="none",
        staff_count=9,
    )
    question_add(
        actor=actor, survey=survey, kind="text_long", title="品牌应突出什么？", required=False
    )
    question_add(
        actor=actor, survey=survey, kind="name_proposal", title="请为品牌起名", required=False
    )
    survey = survey_publish(actor=actor, survey=survey)
    answer(survey, answers)
    return survey


def answer(survey, answers) -> None:
    questions = list(survey.questions.all())
    text_q, name_q = questions
    for text, (name, slogan) in answers:
        body = {
            str(text_q.pk): text,
            str(name_q.pk): {"name": name, "slogan": slogan, "reason": ""},
        }
        checked = check(questions, raw_from_json(questions, body))
        assert checked.ok, checked.errors
        response_submit_anonymous(survey=survey, questions=questions, values=checked.values)


def benchmark_compared(
    world, name="红色先锋", learn="党员责任区划分清楚", differ="我们突出检修技能"
):
    benchmark = benchmark_create(
        actor=world.staff, name=name, slogan="先锋引领", org="某省电力公司", sector="电力"
    )
    return comparison_create(
        actor=world.secretary, brand=world.brand, benchmark=benchmark, learn=learn, differ=differ
    )
