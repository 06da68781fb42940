"""No member's personal data reaches a provider, and every answer passes the same gates:
forbidden terms, existing brand names and the uniqueness hook."""

from dataclasses import fields

import pytest

from partybrand.assistant.drafts import CandidateDraft, CandidateRequest, MeaningDraft, OrgContext
from partybrand.assistant.errors import ProviderError
from partybrand.assistant.offline.provider import OfflineProvider
from partybrand.assistant.privacy import guard_outgoing, personal_data_found
from tests.assistant.server import FakeProvider

CTX = OrgContext(org_name="检修一班党支部", business="设备检修", avoid_names=("红色引擎",))


def test_the_context_has_no_place_for_people():
    assert [f.name for f in fields(OrgContext)] == [
        "org_name",
        "org_kind",
        "business",
        "region",
        "culture",
        "keywords",
        "avoid_names",
        "trade",
        "honours",
        "kpis",
    ]
    with pytest.raises(TypeError):
        OrgContext(org_name="支部A", members=["李党员"])
    with pytest.raises(TypeError):
        OrgContext(org_name="支部A", keywords=[object()])  # a Member object is not text
    assert not hasattr(CTX, "__dict__")  # slots only: nothing can be attached later
    with pytest.raises((AttributeError, TypeError)):
        CTX.secretary = "王书记"


@pytest.mark.parametrize(
    "text, found",
    [
        ("联系人电话13812345678", ["手机号"]),
        ("热线 138-1234-5678 欢迎来电", ["手机号"]),
        ("手机：１３９１２３４５６７８", ["手机号"]),
        ("身份证11010119900307123X", ["身份证号"]),
        ("证件 110101 19900307 1234", ["身份证号"]),
        ("“1+3”工作法，2024年建成 110kV 变电站 12 座", []),
        ("客服热线 95598，订单号 202401011234567890123", []),
    ],
)
def test_the_guard_finds_phone_and_id_numbers_however_they_are_written(text, found):
    assert personal_data_found(text) == found


def test_the_guard_refuses_permanently_with_a_message_saying_why():
    with pytest.raises(ProviderError) as caught:
        guard_outgoing("请联系13812345678")
    assert caught.value.permanent
    assert "疑似包含手机号" in caught.value.message_zh and "已拒绝发送" in caught.value.message_zh


def test_a_provider_refuses_a_context_carrying_personal_data():
    ctx = OrgContext(org_name="支部A", culture="书记王某 13812345678 牵头")
    with pytest.raises(ProviderError, match="手机号"):
        OfflineProvider().candidates(CandidateRequest(context=ctx, count=3))
    with pytest.raises(ProviderError, match="身份证号"):
        OfflineProvider().critique("红色先锋", "110101199003071234", CTX)


def _draft(name: str, slogan: str = "党建引领 守护光明") -> CandidateDraft:
    return CandidateDraft(name, slogan, "四字短语", "", source="fake")


def test_forbidden_terms_existing_names_and_the_hook_drop_candidates_with_reasons():
    provider = FakeProvider(
        [
            _draft("行业第一"),
            _draft("光明使者", "最强团队 风水宝地"),
            _draft("紅色引擎"),  # traditional characters of an existing brand
            _draft("光明使者"),
            _draft("银线先锋"),
            _draft("红心护网"),
            _draft("护网尖兵"),
        ]
    )
    request = CandidateRequest(context=CTX, count=2, avoid=lambda name, slogan: name == "银线先锋")
    result = provider.candidates(request)
    assert [d.name for d in result] == ["红心护网", "护网尖兵"]
    assert result.source == "fake"
    assert [(d.name, d.reason) for d in result.dropped] == [
        ("行业第一", "含有禁用词“行业第一”（绝对化用语或商业夸大）"),
        ("光明使者", "含有禁用词“最强”（绝对化用语或商业夸大）“风水”（宗教或封建迷信用语）"),
        ("紅色引擎", "与已有品牌“红色引擎”重名"),
        ("银线先锋", "与已有品牌过于相近"),
    ]


def test_forbidden_words_in_a_meaning_draft_are_removed_not_shown():
    class Writer(FakeProvider):
        def _explain_meaning(self, name, slogan, context):
            phrases = [("光明", "点亮万家"), ("使者", "行业第一的服务")]
            return MeaningDraft(name, slogan, "顶级品牌", phrases, source="fake")

    meaning = Writer([]).explain_meaning("光明使者", "开光祈福 守护光明", CTX)
    assert meaning.phrases[0] == ("光明", "点亮万家")
    assert meaning.phrases[1][1].startswith("（AI 草稿含有禁用词")
    assert meaning.summary.startswith("（AI 草稿含有禁用词")
    assert meaning.forbidden == ["开光", "祈福"]  # both religious (themes/data/forbidden)
