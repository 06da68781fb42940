"""The retrieval benchmark of 党建AI问答 (issue #16 part 6), over the shipped sample corpus.

`make bench` runs it; no Django, no database. src/partybrand/knowledge/data/sample/ holds a few
Party-building documents written for the platform (a 支部工作规则-style rules text, a brand's
工作法, a creation plan, carrier rules, a learning text) and questions.json, ≥ 40 questions each
labelled with the passage that answers it. Passages are cut as uploads are; every question is
searched with BM25 and re-ranked by the platform's sentence encoder, as users' questions are.
Prints top-1 and top-3 hit rates, words alone and with the re-ranking, and the time per
question; results also go to bench/out/knowledge.json. Exits non-zero if the answer-bearing
passage is in the top 3 for fewer than 90% of the questions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from partybrand.knowledge.evaluation import TARGET_TOP3, evaluate  # noqa: E402
from partybrand.textsim.embedding import default_embedder  # noqa: E402

OUT = ROOT / "bench" / "out" / "knowledge.json"


def main() -> int:
    words = evaluate()
    reranked = evaluate(embedder=default_embedder())
    result = {"words_only": words, "reranked": reranked}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(
        f"党建AI问答检索：{reranked['documents']} 份资料 {reranked['passages']} 个段落，"
        f"{reranked['questions']} 个标注问题"
    )
    for label, run in (("仅 BM25", words), ("BM25+语义重排", reranked)):
        print(
            f"  {label}: top1 {run['top1']:.1%}  top3 {run['top3']:.1%}  "
            f"{run['ms_per_question']} ms/问  作答 {run['answered']:.1%}  "
            f"资料外问题如实拒答 {run['refused']:.1%}"
        )
    ok = reranked["top3"] >= TARGET_TOP3
    print(f"  目标 top3 ≥ {TARGET_TOP3:.0%}: {'达到' if ok else '未达到'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
