"""Drafting help for documents: a section drafted from the platform's facts (offline, differing
each time it is asked; or through a model reached over HTTP, with no personal data sent), shown
beside the section with the 公文 checker's findings, and written in only when a person accepts."""

import re

import pytest
from django.urls import reverse

from partybrand.assistant import drafting
from partybrand.assistant.offline.section_writer import compose, genre_of
from partybrand.assistant.openai_provider import OpenAIProvider
from partybrand.assistant.section_drafts import SectionRequest
from partybrand.core.models import AuditLog
from partybrand.documents.models import DocumentVersion
from partybrand.documents.registry import all_kinds, kind_for
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.positioning.services import practice_create
from tests.assistant.server import FakeOpenAI
from tests.cases.builders import make_case
from tests.helpers import login
from tests.promotion.test_launch import plan as plan_launch

FACTS = (
    "创建计划共分解三定任务12项，已验收销号9项，完成率75%。",
    "品牌设置成效指标3项，已达到目标值2项。",
    "线路故障停运时长由42小时降低到18.5小时，已达到目标值20小时。",
    "开展问卷调查2次，收到答卷86份，参与率91.5%。",
    "2025年获集团公司党委授予“先进基层党组织”（集团级）。",
)
REQUEST = SectionRequest(
    document_title="品牌创建年度工作总结",
    section_key="results",
    section_title="取得成效",
    facts=FACTS,
    org_name="输电运检一班党支部",
    org_kind="党支部",
    business="输电线路运维检修，保障区域电网安全稳定运行",
    subject_name="银线先锋",
)
# What a draft may not invent: numbers and quoted names
CLAIMS = re.compile(r"\d+(?:\.\d+)?|“[^”]+”")


def _claims(text: str) -> set[str]:
    return set(CLAIMS.findall(text))


def test_offline_drafts_differ_on_asking_again_yet_use_only_the_facts():
    drafts = [compose(REQUEST) for _ in range(8)]
    assert len({d.text for d in drafts}) >= 4
    given = "\n".join([*FACTS, REQUEST.business, f"“{REQUEST.subject_name}”"])
    for draft in drafts:
        assert draft.text and draft.source == "offline"
        assert _claims(draft.text) <= _claims(given), draft.text
        assert set(draft.used) - {f"主责主业：{REQUEST.business}"} <= set(FACTS)
        assert "！" not in draft.text and "!" not in draft.text


def test_the_same_seed_gives_the_same_draft_and_the_checker_finds_nothing_in_it():
    for seed in range(12):
        first = compose(SectionRequest(**{**REQUEST.__dict__, "seed": seed}))
        again = compose(SectionRequest(**{**REQUEST.__dict__, "seed": seed}))
        assert first.text == again.text and first.seed == seed
        assert drafting.draft_findings(first.text) == [], first.text


def test_a_section_without_facts_gets_no_draft():
    draft = compose(SectionRequest(**{**REQUEST.__dict__, "facts": ()}))
    assert draft.text == "" and draft.used == []


def test_every_kind_that_states_facts_offers_drafting_help_on_its_page(world):
    kinds = [k for k in all_kinds() if k.facts is not None]
    assert {"application", "work-summary", "brand-plan", "typical-case"} <= {k.code for k in kinds}
    client = login(world, "secretary")
    subjects = {"brand": world.brand.pk, "case": make_case(world).pk}
    plan_launch(world)  # the launch plan is written for the brand's latest launch
    for kind in [k for k in kinds if k.subject in subjects]:
        args = [kind.subject, subjects[kind.subject], kind.code]
        page = client.get(reverse("documents:document_detail", args=args)).content.decode()
        assert "起草建议" in page, kind.code
        assert reverse("assistant:section_draft", args=[*args, "results"])[:-8] in page
    # a kind without facts shows no such link
    page = client.get(
        reverse("documents:document_detail", args=["brand", world.brand.pk, "vi-manual"])
    )
    assert 'data-testid="draft-help"' not in page.content.decode()


def _method(world):
    return practice_create(
        actor=world.secretary,
        brand=world.brand,
        name="三步工作法",
        description="李党员带头巡线，发现隐患随手拍，联系电话13812345678，班组当日闭环。",
        effect="隐患当日闭环率提高到98%。",
        is_method_candidate=True,
    )


def _url(world, name="section_draft", kind="application", section="method"):
    return reverse(f"assistant:{name}", args=["brand", world.brand.pk, kind, section])


def test_the_draft_page_shows_the_section_the_draft_its_findings_and_the_facts(world):
    _method(world)
    client = login(world, "secretary")
    texts = set()
    for _ in range(4):
        page = client.get(_url(world))
        html = page.content.decode()
        assert page.status_code == 200
        assert "现有文字" in html and "公文格式检查" in html and "所用事实" in html
        assert "三步工作法" in html  # the fact, in the draft and in the list of facts used
        texts.add(re.search(r'data-testid="draft-text">([^<]*)<', html).group(1))
    assert len(texts) >= 2  # asking again gives another draft


def test_accepting_a_draft_makes_a_new_version_and_an_audit_row(world):
    client = login(world, "secretary")
    url = _url(world, "section_draft_accept", kind="work-summary", section="next")
    posted = client.post(url, {"text": "加强宣传推介。", "mode": "replace", "source": "offline"})
    assert posted.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.sections["next"] == "加强宣传推介。" and "采纳起草建议" in version.comment
    row = AuditLog.objects.get(action="assistant_section_draft_accepted")
    assert row.changes == {
        "section": "下一步打算",
        "mode": "replace",
        "provider": "offline",
        "version": 1,
    }
    client.post(
        url, {"text": "抓好问题整改。", "mode": "append", "source": "offline", "version": 2}
    )
    latest = DocumentVersion.objects.order_by("-number").first()
    assert latest.number == 2
    assert latest.sections["next"] == "加强宣传推介。\n抓好问题整改。"


def test_a_draft_accepted_from_a_page_opened_before_another_save_is_refused(world):
    client = login(world, "secretary")
    url = _url(world, "section_draft_accept", kind="work-summary", section="next")
    client.post(url, {"text": "第一稿。", "mode": "replace", "version": 1})
    refused = client.post(url, {"text": "旧页面的稿子。", "mode": "replace", "version": 1})
    assert refused.status_code == 409
    assert DocumentVersion.objects.count() == 1


def test_a_member_who_only_reads_cannot_draft_or_accept(world):
    client = login(world, "member")
    assert client.get(_url(world)).status_code == 403
    url = _url(world, "section_draft_accept", kind="work-summary", section="next")
    assert client.post(url, {"text": "加强宣传推介。", "mode": "replace"}).status_code == 403
    assert not DocumentVersion.objects.exists()
    assert not AuditLog.objects.filter(action="assistant_section_draft_accepted").exists()


def test_an_unknown_section_or_a_kind_without_facts_is_not_found(world):
    client = login(world, "secretary")
    assert client.get(_url(world, section="nothing")).status_code == 404
    assert client.get(_url(world, kind="vi-manual", section="colours")).status_code == 404


@pytest.fixture
def server():
    with FakeOpenAI() as running:
        yield running


def test_through_the_model_the_facts_go_out_with_no_personal_data(world, server):
    _method(world)
    provider = OpenAIProvider(base_url=server.url, model="party-7b", timeout=5.0, max_retries=0)
    place, draft = drafting.section_draft(
        actor=world.secretary,
        kind=kind_for("application"),
        subject_obj=world.brand,
        key="method",
        provider=provider,
    )
    sent = server.sent_text()
    assert "三步工作法" in sent and "某同志带头巡线" in sent  # the facts, masked
    assert "李党员" not in sent and "13812345678" not in sent and "王书记" not in sent
    assert "本部分标题：品牌工作法" in sent
    assert draft.source == "openai" and draft.version == "section.v1"
    assert draft.paragraphs == ["一是坚持党建引领。", "二是推行“三步工作法”，成效明显。"]
    assert len(draft.used) == 1 and "三步工作法" in draft.used[0]  # numbers outside ignored


def test_with_a_model_configured_the_page_drafts_in_the_background(
    world, server, settings, django_capture_on_commit_callbacks
):
    settings.AI_PROVIDER = "openai"
    settings.AI_BASE_URL = server.url
    settings.AI_MODEL = "party-7b"
    settings.AI_MAX_RETRIES = 0
    _method(world)
    client = login(world, "secretary")
    page = client.get(_url(world))
    assert 'data-testid="start-draft"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(_url(world, "section_draft_start"), {"submission_token": ""})
    job = Job.objects.get(kind=JobKind.ASSISTANT_SECTION_DRAFT)
    assert started.status_code == 302 and started["Location"].endswith(f"?job={job.pk}")
    job.refresh_from_db()
    assert job.state == JobState.DONE  # tasks run eagerly in tests
    shown = client.get(started["Location"]).content.decode()
    assert "二是推行“三步工作法”，成效明显。" in shown and "AI 服务" in shown
    assert "13812345678" not in server.sent_text()


def test_a_model_that_refuses_ends_the_job_with_its_reason_on_the_page(
    world, server, settings, django_capture_on_commit_callbacks
):
    settings.AI_PROVIDER = "openai"
    settings.AI_BASE_URL = server.url
    settings.AI_MAX_RETRIES = 0
    server.mode = "401"
    client = login(world, "secretary")
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(_url(world, "section_draft_start"), {"submission_token": ""})
    job = Job.objects.get(kind=JobKind.ASSISTANT_SECTION_DRAFT)
    assert job.state == JobState.FAILED
    shown = client.get(started["Location"]).content.decode()
    assert "AI 助手暂时无法起草" in shown and "认证失败" in shown
    assert not DocumentVersion.objects.exists()


def test_kinds_of_other_sections_read_as_their_genre():
    assert genre_of("背景") == "overview" and genre_of("主要做法") == "practice"
    assert genre_of("启示") == "lessons" and genre_of("导语") == "generic"
