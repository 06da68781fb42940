"""Permission cases of the theme workshop: every page and endpoint.

The read-only persona is the branch member: it sees the workshop, proposes and votes, but may not
manage (403, nothing changes). Where the member is the allowed persona (proposing, voting,
objecting) the refused one is the committee staff, who see the workshop but do not vote."""

from datetime import timedelta

from django.utils import timezone

from partybrand.core.models import AuditLog
from partybrand.themes.choices import CandidateSource
from partybrand.themes.services import decision as services_decision
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services
from tests.permissions.cases import Case
from tests.permissions.cases.pages import exists, gone

READ = {"allowed": "member", "readonly": None}
POSTED = {"method": "post", "allowed_status": (302,)}


def _ws(w):
    return services.workshop_start(actor=w.secretary, brand=w.brand)


def _two(w):
    ws = _ws(w)
    a, _ = services.candidate_add(
        actor=w.secretary, workshop=ws, name="光耀电网", slogan="党建引领聚合力 光明使者暖万家"
    )
    services.candidate_add(actor=w.secretary, workshop=ws, name="银线先锋", check=False)
    return ws, a


def _voting(w):
    ws, a = _two(w)
    now = timezone.now()
    services_votes.voting_open(
        actor=w.secretary, workshop=ws, opens_at=now, closes_at=now + timedelta(days=1), now=now
    )
    return ws, a


def _reviewing(w):
    ws, a = _voting(w)
    return services_votes.voting_close(actor=w.secretary, workshop=ws), a


def _publicizing(w, days_ago=0):
    ws, a = _reviewing(w)
    when = timezone.now() - timedelta(days=days_ago)
    ws = services_decision.decision_record(
        actor=w.secretary, workshop=ws, candidate=a, reason="得票最多。", now=when
    )
    return ws, a


def brand_kw(w):
    return {"pk": w.brand.pk}


def ws_kw(w):
    return {"pk": _ws(w).pk}


def two_kw(w):
    return {"pk": _two(w)[0].pk}


def voting_kw(w):
    return {"pk": _voting(w)[0].pk}


def reviewing_kw(w):
    return {"pk": _reviewing(w)[0].pk}


def publicizing_kw(w):
    return {"pk": _publicizing(w)[0].pk}


def publicity_over_kw(w):
    return {"pk": _publicizing(w, days_ago=6)[0].pk}


def candidate_kw(w):
    return {"pk": _two(w)[1].pk}


def objection_kw(w):
    ws, _ = _publicizing(w)
    objection = services_decision.objection_add(actor=w.member, workshop=ws, text="名称相近。")
    return {"pk": objection.pk}


def with_survey(w):
    from partybrand.surveys.models import Answer, Question, Response
    from partybrand.surveys.services import surveys as survey_services

    ws = _ws(w)
    survey = survey_services.survey_create(
        actor=w.secretary, org=w.branch_a, title="名称征集", brand=w.brand
    )
    question = Question.objects.create(survey=survey, kind="name_proposal", title="起个名字")
    response = Response.objects.create(survey=survey)
    Answer.objects.create(
        response=response, question=question, value={"name": "电靓初心", "slogan": "", "reason": ""}
    )
    w.survey = survey
    return {"pk": ws.pk}


def api_ws_kw(w):
    return {"pk": _voting(w)[0].pk}


def api_candidates_kw(w):
    return {"workshop_pk": _ws(w).pk}


def api_candidate_kw(w):
    ws, a = _two(w)
    return {"workshop_pk": ws.pk, "pk": a.pk}


def stage_is(stage):
    return exists("themes.Workshop", stage=stage)


def audited(action):
    def check(w) -> bool:
        return AuditLog.objects.filter(action=action).exists()

    return check


VOTING = {"opens_at": "2030-01-01T08:00", "closes_at": "2030-01-03T18:00"}
SCORE = {"political": "5", "cultural": "4", "integration": "5", "comment": "紧扣主业"}
MANAGE = {"readonly": "member"}

PAGE_CASES = [
    Case("themes:workshop_list", outsider=None, **READ),
    Case("themes:workshop_start", brand_kw, effect=exists("themes.Workshop"), **POSTED),
    Case("themes:workshop_detail", ws_kw, **READ),
    Case("themes:candidate_propose", ws_kw, **READ),
    Case(
        "themes:candidate_propose",
        ws_kw,
        data=lambda w: {"name": "电靓初心", "slogan": "初心如炬 电亮万家"},
        allowed="member",
        readonly=None,
        effect=exists("themes.Candidate", name="电靓初心", source=CandidateSource.MEMBER),
        **POSTED,
    ),
    Case(
        "themes:survey_import",
        with_survey,
        data=lambda w: {"survey": w.survey.pk},
        effect=exists("themes.Candidate", name="电靓初心", source=CandidateSource.SURVEY),
        **POSTED,
    ),
    Case(
        "themes:voting_open",
        two_kw,
        data=lambda w: VOTING,
        effect=stage_is("voting"),
        **POSTED,
    ),
    Case("themes:voting_close", voting_kw, effect=stage_is("reviewing"), **POSTED),
    Case("themes:ballot", voting_kw, **READ),
    Case(
        "themes:ballot",
        voting_kw,
        data=lambda w: {"candidate": w.brand.theme_workshop.candidates.get(name="光耀电网").pk},
        allowed="member",
        readonly="staff",
        effect=exists("themes.Vote"),
        **POSTED,
    ),
    Case(
        "themes:decision_record",
        reviewing_kw,
        data=lambda w: {
            "candidate": w.brand.theme_workshop.candidates.get(name="光耀电网").pk,
            "reason": "得票最多，支委会研究同意。",
            "publicity_days": "5",
        },
        effect=stage_is("publicizing"),
        **POSTED,
    ),
    Case(
        "themes:decision_withdraw",
        publicizing_kw,
        data=lambda w: {"reason": "异议成立。"},
        effect=stage_is("reviewing"),
        **POSTED,
    ),
    Case(
        "themes:objection_add",
        publicizing_kw,
        data=lambda w: {"text": "与兄弟单位品牌相近。"},
        allowed="member",
        readonly=None,
        effect=exists("themes.Objection", text="与兄弟单位品牌相近。"),
        **POSTED,
    ),
    Case(
        "themes:objection_answer",
        objection_kw,
        data=lambda w: {"answer": "经比对不构成雷同。", "resolved": "on"},
        effect=exists("themes.Objection", resolved=True),
        **POSTED,
    ),
    Case(
        "themes:theme_adopt",
        publicity_over_kw,
        effect=exists("brands.Brand", name="光耀电网"),
        **POSTED,
    ),
    Case(
        "themes:expert_invite",
        ws_kw,
        data=lambda w: {"expert": w.expert.pk},
        effect=exists("themes.ExpertInvite"),
        **POSTED,
    ),
    Case("themes:assistant", ws_kw),
    Case(
        "themes:assistant",
        ws_kw,
        method="post",
        data=lambda w: {"action": "generate", "count": "3", "keywords": "安全"},
        effect=audited("assistant_candidates"),
        note="generate",
    ),
    Case(
        "themes:assistant_trade",
        ws_kw,
        data=lambda w: {"trade": "medical"},
        effect=exists("assistant.OrgTrade", trade="medical"),
        **POSTED,
    ),
    Case(
        "themes:assistant_accept",
        ws_kw,
        data=lambda w: {"name": "匠心护网", "slogan": "匠心铸品质 护网保光明"},
        effect=exists("themes.Candidate", name="匠心护网", source=CandidateSource.ASSISTANT),
        **POSTED,
    ),
    Case("themes:candidate_detail", candidate_kw, **READ),
    Case("themes:candidate_edit", candidate_kw),
    Case(
        "themes:candidate_edit",
        candidate_kw,
        data=lambda w: {"name": "光耀电网", "slogan": "党建引领 光耀电网"},
        effect=exists("themes.Candidate", slogan="党建引领 光耀电网"),
        **POSTED,
    ),
    Case(
        "themes:candidate_recheck",
        candidate_kw,
        effect=audited("theme_candidate_recheck"),
        **POSTED,
    ),
    Case(
        "themes:candidate_shortlist",
        candidate_kw,
        data=lambda w: {"shortlisted": "1"},
        effect=exists("themes.Candidate", name="光耀电网", shortlisted=True),
        **POSTED,
    ),
    Case(
        "themes:candidate_delete",
        candidate_kw,
        effect=gone("themes.Candidate", name="光耀电网"),
        **POSTED,
    ),
    Case(
        "themes:score_save",
        candidate_kw,
        data=lambda w: SCORE,
        effect=exists("themes.Score", comment="紧扣主业"),
        **POSTED,
    ),
    Case(
        "themes:meaning_accept",
        candidate_kw,
        data=lambda w: {"meaning": "以党建之光照亮电网。", "phrases": "光耀：党建之光"},
        effect=exists("themes.Candidate", meaning="以党建之光照亮电网。"),
        **POSTED,
    ),
]


def _api(**kwargs) -> Case:
    if kwargs.get("method", "get") != "get":
        kwargs.setdefault("content_type", "json")
    return Case(api=True, **kwargs)


API_CASES = [
    _api(url_name="api:theme-workshop-list", outsider=None, **READ),
    _api(url_name="api:theme-workshop-detail", kwargs=ws_kw, **READ),
    _api(
        url_name="api:theme-workshop-vote",
        kwargs=api_ws_kw,
        method="post",
        data=lambda w: {"candidate": w.brand.theme_workshop.candidates.get(name="光耀电网").pk},
        allowed="member",
        readonly="staff",
        allowed_status=(201,),
        effect=exists("themes.Vote"),
    ),
    _api(url_name="api:theme-candidate-list", kwargs=api_candidates_kw, **READ),
    _api(
        url_name="api:theme-candidate-list",
        kwargs=api_candidates_kw,
        method="post",
        data=lambda w: {"name": "电靓初心", "slogan": "初心如炬 电亮万家"},
        allowed="member",
        readonly=None,
        allowed_status=(201,),
        effect=exists("themes.Candidate", name="电靓初心"),
    ),
    _api(url_name="api:theme-candidate-detail", kwargs=api_candidate_kw, **READ),
    _api(
        url_name="api:theme-candidate-score",
        kwargs=api_candidate_kw,
        method="post",
        data=lambda w: {"political": 5, "cultural": 4, "integration": 5, "comment": "紧扣主业"},
        effect=exists("themes.Score", comment="紧扣主业"),
    ),
]

PERMISSION_CASES = PAGE_CASES + API_CASES
