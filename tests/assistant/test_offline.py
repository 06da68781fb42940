"""The offline assistant: candidates in the forms users know, 内涵释义 drafts and critiques,
built only from the lexicons, the trade's words and the organisation's own texts; new
candidates on every request, the same ones for the same seed."""

import re

from partybrand.assistant.drafts import DIMENSIONS, CandidateRequest, OrgContext
from partybrand.assistant.lexicons import forbidden_hits, load
from partybrand.assistant.offline.provider import OfflineProvider
from partybrand.assistant.offline.tones import alternates, tone_marks

GRID = OrgContext(
    org_name="输电运检一班党支部",
    org_kind="党支部",
    business="输电线路运维检修、带电作业和巡线消缺",
    region="江苏南京",
    culture="传承老一辈检修人“修一台、精一台”的好传统，弘扬“安全第一、精益求精”的工匠精神",
    keywords=("安全", "匠心", "守护", "光明"),
    avoid_names=("匠心检修", "银线铁军", "红色引擎"),
)
RENEW = OrgContext(
    org_name="乌兰察布新能源公司风电场党支部",
    org_kind="党支部",
    business="风电场、光伏电站安全运维和新能源集中监控",
    region="内蒙古乌兰察布",
    culture="融入草原“团结、坚韧”的文化和新能源人“追风逐日”的特质",
    keywords=("绿色", "先锋", "追风", "双碳"),
    avoid_names=("追风先锋", "绿色先锋", "光明先锋"),
)
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
FORMULA = re.compile(r"^“1\+(\d)”[\u4e00-\u9fff]{4}工作法$")


def ask(ctx: OrgContext, count: int = 20, avoid=None, seed: int | None = 11):
    request = CandidateRequest(context=ctx, count=count, avoid=avoid, seed=seed)
    return OfflineProvider().candidates(request)


def test_the_same_seed_gives_the_same_candidates_and_asking_again_gives_new_ones():
    assert ask(GRID, seed=5) == ask(GRID, seed=5)
    first, again = ask(RENEW, 10, seed=None), ask(RENEW, 10, seed=None)
    assert len({d.name for d in first} ^ {d.name for d in again}) >= 4


def test_candidates_take_the_forms_users_know_with_parallel_slogans():
    drafts = ask(GRID)
    assert len(drafts) == 20
    assert {d.pattern for d in drafts} >= {"四字短语", "四字熟语", "并列对仗", "“1+N”工作法"}
    for draft in drafts:
        assert draft.source == "offline" and draft.rationale
        if draft.pattern == "并列对仗":
            first, second = draft.name.split("·")
            assert len(first) == len(second) == 4
        elif draft.pattern == "“1+N”工作法":
            n = int(FORMULA.match(draft.name).group(1))
            assert len(draft.slogan.split()) == n  # the N measures are the slogan
        else:
            assert HAN.match(draft.name) and len(draft.name) == 4
        halves = draft.slogan.split()
        assert len(halves) >= 2 and len({len(h) for h in halves}) == 1
        assert 8 <= len("".join(halves)) <= 16


def test_candidates_speak_the_language_of_the_business():
    grid = " ".join(d.name + d.slogan for d in ask(GRID))
    renew = " ".join(d.name + d.slogan for d in ask(RENEW))
    assert sum(word in grid for word in ("护网", "光明", "检修", "巡线", "银线", "保电")) >= 3
    assert sum(word in renew for word in ("绿电", "追风", "逐日", "风光", "北疆", "草原")) >= 2
    # A wind farm that mentions 运维 once does not get a power-line crew's vocabulary.
    assert not any(word in renew for word in ("银线", "护网", "巡线", "保电"))


def test_existing_brands_are_never_proposed_and_no_candidate_has_a_forbidden_term():
    for ctx in (GRID, RENEW):
        drafts = ask(ctx)
        assert not {d.name for d in drafts} & set(ctx.avoid_names)
        assert not any(forbidden_hits(d.name + d.slogan) for d in drafts)
        assert len({d.name for d in drafts}) == len(drafts)


def test_the_uniqueness_hook_drops_candidates_and_the_list_stays_full():
    first = ask(GRID, 5)[0]
    drafts = ask(GRID, 5, avoid=lambda name, slogan: name == first.name)
    assert first.name not in {d.name for d in drafts} and len(drafts) == 5
    assert [(d.name, d.reason) for d in drafts.dropped] == [(first.name, "与已有品牌过于相近")]


def test_survey_keywords_and_quoted_culture_reach_the_candidates():
    ctx = OrgContext(
        org_name="集控运行一值党支部",
        business="火电机组集控运行",
        culture="在“四班三倒”中培育“一值一家”的班组文化",
        keywords=("节能",),
    )
    text = " ".join(d.name + " " + d.slogan for d in ask(ctx, 12))
    assert "节能" in text and "一值一家" in text and "四班三倒" in text


def test_an_unknown_business_still_gets_general_candidates():
    drafts = ask(OrgContext(org_name="后勤服务中心党支部", business="食堂和车辆保障"), 6)
    assert len(drafts) == 6


def test_meaning_draft_explains_name_and_slogan_phrase_by_phrase():
    meaning = OfflineProvider().explain_meaning("银线先锋", "党员当先锋 架起连心桥", GRID)
    phrases = dict(meaning.phrases)
    assert phrases["银线"] == "输电线路连接城乡、连通民心"
    assert "先锋" in phrases and phrases["党员当先锋"].startswith("党员在急难险重任务中")
    assert phrases["架起连心桥"].startswith("（待补充")  # unknown words are not invented
    assert meaning.summary.startswith("“银线先锋”立足输电运检一班党支部“输电线路运维检修")
    assert meaning.source == "offline" and not meaning.forbidden


def test_meaning_of_a_formula_says_what_the_1_and_the_n_are():
    meaning = OfflineProvider().explain_meaning(
        "“1+3”红心护网工作法", "守护光明 精益检修 防患未然", GRID
    )
    first_phrase, explanation = meaning.phrases[0]
    assert first_phrase == "“1+3”"
    assert explanation == "“1”即坚持党建引领这一个核心，“3”即守护光明、精益检修、防患未然"
    assert ("红心", "一颗红心向党，忠诚干净担当") in meaning.phrases


def test_critique_comments_on_every_dimension_with_reasons():
    review = OfflineProvider().critique("银线先锋", "党建引领 守护光明", GRID)
    assert [c.dimension for c in review.comments] == list(DIMENSIONS)
    assert review.comment("政治味").passed and "“先锋”" in review.comment("政治味").comment
    assert review.comment("融合味").passed
    assert "平仄为“平仄平平”" in review.comment("易记").comment
    assert "上句仄声收、下句平声收" in review.comment("易记").comment
    assert "银线铁军" in review.comment("独特").comment  # shares 银线 with an existing brand


def test_critique_flags_forbidden_terms_length_flat_tones_and_copies():
    review = OfflineProvider().critique("红色先锋", "最强团队", GRID)
    assert review.forbidden == ["最强"]
    assert not review.comment("政治味").passed
    assert "禁用词“最强”（绝对化用语或商业夸大）" in review.comment("政治味").comment
    assert not review.comment("简洁").passed and "口号 4 个字" in review.comment("简洁").comment
    assert not review.comment("独特").passed and "千篇一律" in review.comment("独特").comment
    long = OfflineProvider().critique("输电运检一班党员先锋服务队", "", GRID)
    assert "偏长" in long.comment("简洁").comment
    same = OfflineProvider().critique("匠心检修", "", GRID)
    assert "与已有品牌“匠心检修”重名" in same.comment("独特").comment
    flat = OfflineProvider().critique("追风先锋", "", RENEW)
    assert "二、四字同调" in flat.comment("易记").comment


def test_tone_marks_read_level_and_oblique_tones():
    assert tone_marks("红色引擎") == "平仄仄平" and alternates("红色引擎")
    assert tone_marks("追风先锋") == "平平平平" and not alternates("追风先锋")


def test_the_lexicons_hold_no_forbidden_term_and_every_pairing_is_explained():
    lex = load()
    groups = [*lex.political.values(), *lex.business, *lex.culture]
    for group in groups:
        for term in group.terms:
            assert not forbidden_hits(term.text + term.gloss), term
            for partner in term.before + term.after:
                assert partner in lex.glossary, (term.text, partner)
