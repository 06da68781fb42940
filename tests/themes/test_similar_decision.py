"""A theme the copy check flags 高度相似 is decided only with an explicit confirmation and its
reason (绿电先锋 beside 绿色先锋), and both are kept in the audit row; the brand is not sent up
while objections to its publicised theme are unanswered."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create
from partybrand.brands.transitions import brand_transition
from partybrand.core.models import AuditLog
from partybrand.themes.choices import CandidateSource, WorkshopStage
from partybrand.themes.services import decision as services_decision
from partybrand.themes.services import votes as services_votes
from partybrand.themes.services import workshops as services
from tests.helpers import client_for

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def _index_file(settings, tmp_path):
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


@pytest.fixture
def flagged(world):
    other = brand_create(actor=world.outsider, org=world.branch_b, name="绿色先锋", slogan="")
    Brand.objects.filter(pk=other.pk).update(status=BrandStatus.NAMED)
    ws = services.workshop_start(actor=world.secretary, brand=world.brand)
    candidate = services.candidate_add(
        actor=world.secretary,
        workshop=ws,
        name="绿色先锋队",
        slogan="",
        source=CandidateSource.STAFF,
    )[0]
    candidate = services.candidate_recheck(actor=world.secretary, candidate=candidate)
    services.candidate_add(
        actor=world.secretary, workshop=ws, name="光耀电网", slogan="", source=CandidateSource.STAFF
    )
    services_votes.voting_open(
        actor=world.secretary,
        workshop=ws,
        opens_at=NOW,
        closes_at=NOW + timedelta(hours=2),
        now=NOW,
    )
    services_votes.voting_close(actor=world.secretary, workshop=ws, now=NOW + timedelta(hours=1))
    return ws, candidate


def test_a_flagged_theme_needs_a_confirmation_with_a_reason(world, flagged):
    ws, candidate = flagged
    assert services_decision.similar_flag(candidate).startswith("与已有品牌“绿色先锋”")
    with pytest.raises(ValidationError) as refused:
        services_decision.decision_record(
            actor=world.secretary, workshop=ws, candidate=candidate, reason="得票最多", now=NOW
        )
    assert "高度相似" in str(refused.value)
    with pytest.raises(ValidationError):
        services_decision.decision_record(
            actor=world.secretary,
            workshop=ws,
            candidate=candidate,
            reason="得票最多",
            similar_confirmed=True,
            now=NOW,
        )
    ws.refresh_from_db()
    assert ws.stage == WorkshopStage.REVIEWING
    ws = services_decision.decision_record(
        actor=world.secretary,
        workshop=ws,
        candidate=candidate,
        reason="得票最多",
        similar_confirmed=True,
        similar_reason="已征得绿色先锋所在支部同意，业务不同不致混淆。",
        now=NOW,
    )
    assert ws.stage == WorkshopStage.PUBLICIZING
    row = AuditLog.objects.get(action="theme_decision_record")
    assert row.changes["similar_reason"].startswith("已征得")


def test_the_decision_page_refuses_without_the_confirmation_and_keeps_what_was_typed(
    world, flagged
):
    ws, candidate = flagged
    url = reverse("themes:decision_record", args=[ws.pk])
    response = client_for(world.secretary).post(
        url, {"candidate": candidate.pk, "reason": "得票最多", "publicity_days": 5}
    )
    assert response.status_code == 400
    assert "高度相似" in response.content.decode()
    ws.refresh_from_db()
    assert ws.stage == WorkshopStage.REVIEWING


def test_the_brand_is_not_sent_up_over_unanswered_objections_to_its_theme(world, flagged):
    ws, candidate = flagged
    ws = services_decision.decision_record(
        actor=world.secretary,
        workshop=ws,
        candidate=candidate,
        reason="得票最多",
        similar_confirmed=True,
        similar_reason="业务不同不致混淆。",
        now=NOW,
    )
    objection = services_decision.objection_add(
        actor=world.member, workshop=ws, text="与兄弟单位品牌太像。", now=NOW
    )
    with pytest.raises(ValidationError) as refused:
        brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    assert "异议未答复" in str(refused.value)
    assert Brand.objects.get(pk=world.brand.pk).status == BrandStatus.DRAFT
    services_decision.objection_answer(
        actor=world.secretary, objection=objection, answer="已征得对方同意。", now=NOW
    )
    brand = brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    assert brand.status == BrandStatus.SUBMITTED
