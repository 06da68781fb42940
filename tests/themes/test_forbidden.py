"""Forbidden and caution words by category: what a 党建工作部 reviewer expects to be caught, what
real brand names must pass, and how the department extends the lists."""

import csv
from pathlib import Path

import pytest

from partybrand.assistant.lexicons import forbidden_hits
from partybrand.themes.checks import check_forbidden
from partybrand.themes.forbidden import categories, findings

LABELLED = Path(__file__).resolve().parents[1] / "data" / "forbidden_labelled.csv"


def _labelled() -> tuple[list[str], list[tuple[str, str]]]:
    with LABELLED.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows if not r["category"]], [
        (r["text"], r["category"]) for r in rows if r["category"]
    ]


def test_the_labelled_names_are_caught_by_category_without_false_alarms():
    clean, bad = _labelled()
    assert len(clean) >= 60 and len(bad) >= 60
    missed = [(t, c) for t, c in bad if c not in {f.category for f in findings(t)}]
    alarms = [(t, [f.term for f in findings(t)]) for t in clean if findings(t)]
    assert len(missed) <= 0.05 * len(bad), missed
    assert len(alarms) <= 0.05 * len(clean), alarms
    # every category of the brief is represented in the set
    assert {c for _, c in bad} >= {
        "党和国家领导人姓名",
        "绝对化用语",
        "宗教和封建迷信用语",
        "江湖习气",
        "安全红线",
        "历史上被否定的用语和错误表述",
        "商业吉利话",
    }


def test_each_finding_shows_its_category_and_the_reason_in_chinese():
    result = check_forbidden("铁血兄弟连", "宇宙第一 红卫精神")
    assert not result.passed
    assert "江湖习气：名称中的“兄弟连”“铁血”（江湖习气、哥们义气" in result.explanation
    assert "圈子文化" in result.explanation
    assert "绝对化用语：口号中的“宇宙第一”（《广告法》" in result.explanation
    assert "历史上被否定的用语和错误表述：口号中的“红卫”（“文化大革命”中“红卫兵”的用语）" in (
        result.explanation
    )
    terms = {(f["term"], f["category"], f["where"], f["level"]) for f in result.findings}
    assert ("铁血", "江湖习气", "名称", "禁用") in terms
    assert ("宇宙第一", "绝对化用语", "口号", "禁用") in terms


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("全国领先服务队", "绝对化用语"),
        ("行业领先", "绝对化用语"),
        ("财神驿站", "商业吉利话"),
        ("敢死队", "安全红线"),
        ("不怕死 拼命干", "安全红线"),
        ("红卫先锋", "历史上被否定的用语和错误表述"),
        ("喜近平安", "党和国家领导人姓名"),  # a homophone of a current leader's name
        ("近平先锋", "党和国家领导人姓名"),
    ],
)
def test_the_gaps_the_reviewer_found_are_closed(text, category):
    assert category in {f.category for f in findings(text)}
    assert not check_forbidden(text).passed


@pytest.mark.parametrize(
    "text",
    ["第一书记工作室", "安全第一 预防为主", "零违章班组", "小平台大作为", "惠泽东方", "先锋"],
)
def test_real_roles_and_mottos_pass(text):
    assert findings(text) == []
    assert check_forbidden(text).passed


def test_a_caution_word_is_reported_but_does_not_fail():
    result = check_forbidden("王牌服务队")
    assert result.passed and result.score == 0.5
    assert "慎用词" in result.explanation and "“王牌”" in result.explanation
    assert result.findings[0]["level"] == "慎用"


def test_the_department_extends_a_category_and_adds_its_own(settings, tmp_path):
    settings.FORBIDDEN_WORDS_DIR = tmp_path
    assert findings("金元宝先锋") == []
    (tmp_path / "luck.txt").write_text("# 类别：商业吉利话\n金元宝\n", encoding="utf-8")
    (tmp_path / "local.txt").write_text(
        "# 类别：本集团禁用\n# 原因：集团党委规定不得使用\n老字号 | 与集团商标冲突\n",
        encoding="utf-8",
    )
    assert [(f.term, f.category) for f in findings("金元宝先锋")] == [("金元宝", "商业吉利话")]
    local = findings("老字号党支部")
    assert local[0].category == "本集团禁用"
    assert local[0].reason == "集团党委规定不得使用（与集团商标冲突）"
    assert "本集团禁用" in {c.name for c in categories()}


def test_the_assistant_filters_its_drafts_by_the_same_lists():
    assert ("敢死队", "安全红线") in forbidden_hits("电网敢死队")
    assert ("财神", "商业吉利话") in forbidden_hits("财神先锋")
