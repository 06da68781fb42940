"""The retrieval in plain Python: words, passages with their positions, BM25, and the measure
over the shipped sample corpus (the answer-bearing passage in the top 3 for ≥ 90%)."""

import json

import numpy as np
from django.core.management import call_command

from partybrand.knowledge.evaluation import answering_passage, evaluate, questions, sample_passages
from partybrand.knowledge.retrieval_core import MemoryIndex, Stats, bm25, rerank, split_text, terms


def test_question_words_that_only_ask_are_not_searched():
    assert "什么" not in terms("主题党日的要求是什么？", question=True)
    assert "主题" in terms("主题党日的要求是什么？", question=True)
    assert "先锋" in terms("红色先锋")  # search mode: sub-words too


def test_passages_keep_their_article_or_paragraph_and_page():
    text = "第一条 总则内容。\n第二条 支部每月开展主题党日。\n普通段落一。\n普通段落二。"
    pieces = split_text(text)
    assert [p.anchor for p in pieces[:2]] == ["第一条", "第二条"]
    assert "普通段落一" in pieces[1].text  # short paragraphs join the article before them
    assert split_text("第三条 内容。", page=4)[0].anchor == "第4页 第三条"
    long = "。".join(["党员带头攻坚克难，确保任务按期完成"] * 40) + "。"
    windows = split_text(long)
    assert len(windows) > 3 and all(len(p.text) <= 320 for p in windows)
    assert "".join(p.text for p in windows) == long  # nothing lost between windows


def test_bm25_prefers_the_rare_word_and_the_shorter_passage():
    stats = Stats(count=3, mean_length=10, frequency={"党费": 1, "党员": 3})
    postings = [(1, "党员", 2, 10), (2, "党员", 1, 10), (2, "党费", 1, 10), (3, "党员", 1, 30)]
    scores = bm25(["党员", "党费"], postings, stats)
    assert max(scores, key=scores.get) == 2
    assert scores[2] > scores[1] > scores[3]


def test_sentence_vectors_reorder_close_passages():
    q = np.array([1.0, 0.0], dtype=np.float32)
    ranked = rerank(
        {1: 1.0, 2: 0.95}, q, {1: np.array([0.0, 1.0], "f4"), 2: np.array([1.0, 0.0], "f4")}
    )
    assert [pid for pid, _ in ranked] == [2, 1]


def test_memory_index_finds_the_answering_article():
    index = MemoryIndex(
        {1: "第六条 支部党员大会每季度召开一次。", 2: "第十二条 党员按月交纳党费。"}
    )
    assert index.search("党费多久交一次？")[0][0] == 2


def test_every_labelled_question_names_exactly_one_passage():
    passages = sample_passages()
    labelled = questions()
    assert len(labelled) >= 40
    assert {answering_passage(passages, item).document for item in labelled} == {
        "branch_rules",
        "brand_method",
        "brand_plan",
        "carriers_rules",
        "learning",
    }


def test_the_measure_meets_its_target_by_words_alone():
    result = evaluate()
    assert result["questions"] >= 40
    assert result["top3"] >= 0.9 and result["passed"]
    assert result["answered"] >= 0.9  # the answering passage is found and judged to answer
    assert result["unanswerable"] >= 10 and result["refused"] >= 0.7  # "not found", not made up


def test_pairs_find_what_the_dictionary_cuts_badly():
    assert {"四心", "作法"} <= set(terms("四心工作法指哪四心？", question=True))
    assert "指哪" not in terms("四心工作法指哪四心？", question=True)  # 哪 is a function character


def test_knowledge_eval_prints_json(capsys):
    call_command("knowledge_eval", "--json", "--no-embeddings", "--strict")
    result = json.loads(capsys.readouterr().out)
    assert result["top3"] >= 0.9 and result["top1"] <= result["top3"]
    assert result["embedder"] == "none"
