"""The Chinese text tools: normalising, segmenting with the party dictionary, pinyin initials."""

from partybrand.textsim.normalize import clean_spaces, normalize
from partybrand.textsim.pinyin import initials
from partybrand.textsim.segment import keyword_counts, party_terms, search_terms, words


def test_normalize_folds_width_case_and_separators():
    assert normalize("红色引擎·绿色发展") == normalize("红色引擎 绿色发展") == "红色引擎绿色发展"
    assert normalize("ＡＢＣ１２３　先锋") == "abc123先锋"
    assert clean_spaces("  党建\u3000引领  ") == "党建 引领"


def test_party_terms_stay_whole_and_stop_words_go():
    assert words("希望以党建引领安全生产，发挥党员突击队作用，提质增效！") == [
        "党建引领",
        "安全生产",
        "发挥",
        "党员突击队",
        "作用",
        "提质增效",
    ]
    assert "三会一课" in party_terms()


def test_search_terms_break_names_into_findable_words():
    assert "先锋" in search_terms("红色先锋")
    assert "服务" in search_terms("忠诚党办·服务先锋")


def test_pinyin_initials_drop_separators():
    assert initials("红色引擎") == "hsyq"
    assert initials("忠诚党办·服务先锋") == "zcdbfwxf"


def test_keywords_count_each_answer_once_and_rank_by_frequency():
    ranked = keyword_counts(["安全生产 安全生产 安全生产", "安全生产和优质服务", "优质服务"])
    assert ranked[:2] == [("优质服务", 2), ("安全生产", 2)]
