"""The OpenAI-compatible provider: its real HTTP client against a local server the tests start,
with the failures users will meet told in Chinese and retried only when that can help."""

import socket
import time

import pytest

from partybrand.assistant.drafts import CandidateRequest, OrgContext
from partybrand.assistant.errors import ProviderError
from partybrand.assistant.openai_provider import OpenAIProvider
from tests.assistant.server import FakeOpenAI

CTX = OrgContext(
    org_name="输电运检一班党支部",
    org_kind="党支部",
    business="输电线路运维检修",
    region="江苏南京",
    culture="“修一台、精一台”",
    keywords=("安全", "光明"),
    avoid_names=("红色引擎",),
)


@pytest.fixture
def server():
    with FakeOpenAI() as running:
        yield running


def provider(server, **options) -> OpenAIProvider:
    options = {"timeout": 5.0, "max_retries": 2, **options}
    return OpenAIProvider(base_url=server.url, model="party-7b", api_key="test-key", **options)


def ask(server, **options):
    return provider(server, **options).candidates(CandidateRequest(context=CTX, count=5))


def test_candidates_come_back_as_filtered_drafts(server):
    result = ask(server)
    assert [(d.name, d.slogan) for d in result] == [
        ("银线先锋", "党员当先锋 银线连万家"),
        ("红心护网", "红心向党 护网保电"),
    ]
    assert {(d.source, d.prompt_version) for d in result} == {("openai", "candidates.v1")}
    assert [d.name for d in result.dropped] == ["行业第一检修队"]
    assert result.dropped[0].reason == (
        "含有禁用词“最强”（绝对化用语或商业夸大）“行业第一”（绝对化用语或商业夸大）"
    )
    (request,) = server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer test-key"
    assert request["body"]["model"] == "party-7b"


def test_the_prompt_carries_the_organisation_profile_from_the_versioned_template(server):
    ask(server)
    system, user = server.requests[0]["body"]["messages"]
    assert system["role"] == "system" and "只输出一个 JSON 对象" in system["content"]
    for text in ("输电运检一班党支部（党支部）", "主责主业：输电线路运维检修", "江苏南京"):
        assert text in user["content"]
    assert "安全、光明" in user["content"] and "不要重复或近似）：红色引擎" in user["content"]
    assert "起草 5 个党建品牌候选" in user["content"]
    assert not any(line.startswith("#") for line in server.sent_text().splitlines())


def test_a_reply_wrapped_in_prose_and_code_fences_is_still_read(server):
    server.mode = "fenced"
    assert [d.name for d in ask(server)] == ["银线先锋", "红心护网"]


def test_meaning_and_critique_come_back_as_drafts(server):
    meaning = provider(server).explain_meaning("银线先锋", "党员当先锋 银线连万家", CTX)
    assert meaning.phrases == [("银线", "输电线路连通千家万户"), ("先锋", "党员走在前、作表率")]
    assert meaning.source == "openai" and meaning.prompt_version == "meaning.v1"
    review = provider(server).critique("银线先锋", "最强团队", CTX)
    assert [c.dimension for c in review.comments] == ["政治味", "融合味", "独特"]
    assert not review.comment("独特").passed
    assert review.forbidden == ["最强"]  # checked here, whatever the model said
    assert "品牌名称：银线先锋" in server.requests[-1]["body"]["messages"][1]["content"]


def test_a_slow_service_times_out_with_a_chinese_message_after_retrying(server):
    server.mode, server.delay = "timeout", 3.0
    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        ask(server, timeout=0.4, max_retries=1)
    assert caught.value.message_zh == "AI 服务响应超时（超过 0.4 秒），请稍后再试。"
    assert not caught.value.permanent
    assert len(server.requests) == 2
    assert time.monotonic() - started < 2.5


def test_a_server_error_is_retried_then_reported_as_temporary(server):
    server.mode = "500"
    with pytest.raises(ProviderError) as caught:
        ask(server, max_retries=2)
    assert caught.value.message_zh == "AI 服务暂时不可用（错误 500），请稍后再试。"
    assert not caught.value.permanent
    assert len(server.requests) == 3


def test_a_wrong_key_is_reported_at_once_as_permanent(server):
    server.mode = "401"
    with pytest.raises(ProviderError) as caught:
        ask(server, max_retries=2)
    assert caught.value.message_zh == "AI 服务认证失败，请检查 API 密钥配置。"
    assert caught.value.permanent
    assert len(server.requests) == 1


def test_rate_limits_are_retried_and_reported_as_temporary(server):
    server.mode = "429"
    with pytest.raises(ProviderError) as caught:
        ask(server, max_retries=2)
    assert caught.value.message_zh == "AI 服务额度不足或请求过于频繁（限流），请稍后再试。"
    assert not caught.value.permanent
    assert len(server.requests) == 3


def test_an_unreadable_reply_is_reported_without_retrying(server):
    server.mode = "malformed"
    with pytest.raises(ProviderError) as caught:
        ask(server)
    assert caught.value.message_zh.startswith("AI 服务返回的内容格式无法解析")
    assert len(server.requests) == 1


def test_an_unreachable_service_says_it_cannot_connect():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    unreachable = OpenAIProvider(
        base_url=f"http://127.0.0.1:{port}/v1", model="m", timeout=2.0, max_retries=0
    )
    with pytest.raises(ProviderError) as caught:
        unreachable.candidates(CandidateRequest(context=CTX, count=3))
    assert caught.value.message_zh == "无法连接 AI 服务，请检查服务地址和网络。"


def test_personal_data_is_refused_before_anything_is_sent(server):
    ctx = OrgContext(org_name="支部A", culture="书记身份证 110101199003071234")
    with pytest.raises(ProviderError) as caught:
        provider(server).candidates(CandidateRequest(context=ctx, count=3))
    assert caught.value.permanent and "身份证号" in caught.value.message_zh
    with pytest.raises(ProviderError):
        provider(server).explain_meaning("红色先锋", "电话13812345678", CTX)
    assert server.requests == []
