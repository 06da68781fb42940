"""The survey benchmark's database, survey and row counts.

The database is its own: PostgreSQL `partybrand_bench_surveys` (or $BENCH_SURVEYS_DB; dropped and
created each run) when a server answers on 127.0.0.1:5432, else a SQLite file in bench/out/. The
survey is built through the services, as a 党支部 would: anonymous answers by link, no limit on
repeats (so every valid submission must be accepted), open now, closing in an hour, six questions of
six kinds.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bench import common
from bench.loadgen import ID_MARK

# BENCH_SURVEYS_DB names another database, so two checkouts can measure at the same time.
BENCH_DB = os.environ.get("BENCH_SURVEYS_DB", common.db_name("surveys"))
SQLITE_FILE = common.OUT_DIR / "bench_surveys.sqlite3"
ID_PATTERN = re.compile(r"bench-p\d+-c\d+-n\d+")


def prepare_database(*, force_sqlite: bool = False) -> tuple[str, bool]:
    """A fresh benchmark database; returns (DATABASE_URL, whether it is PostgreSQL)."""
    if not force_sqlite and common.postgres_available():
        import psycopg
        from psycopg import sql

        pg = common.PG
        with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=3, **pg) as conn:
            name = sql.Identifier(BENCH_DB)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
        return f"postgres://{pg['user']}@{pg['host']}:{pg['port']}/{BENCH_DB}", True
    common.OUT_DIR.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{SQLITE_FILE}", False


@dataclass
class BenchSurvey:
    pk: int
    token: str
    questions: list[dict]  # id, kind, options

    @property
    def text_question(self) -> int:
        return next(q["id"] for q in self.questions if q["kind"] == "text_short")


QUESTIONS = [
    {
        "kind": "single",
        "title": "您对本支部现有党建工作特色的了解程度",
        "options": ["非常了解", "比较了解", "一般", "不了解"],
    },
    {
        "kind": "multiple",
        "title": "您认为支部品牌应突出哪些方面（最多选 3 项）",
        "options": ["安全生产", "科技创新", "服务群众", "青年成长", "廉洁文化"],
        "min_choices": 1,
        "max_choices": 3,
    },
    {
        "kind": "rating",
        "title": "您对支部“三会一课”质量的评价",
        "scale_max": 5,
        "low_label": "很不满意",
        "high_label": "非常满意",
    },
    {
        "kind": "ranking",
        "title": "请按重要程度排列以下品牌创建工作",
        "options": ["凝练理念", "设计标识", "总结工作法", "宣传推广"],
    },
    {"kind": "text_short", "title": "请用一句话说说您心中的支部品牌"},
    {"kind": "name_proposal", "title": "请为支部品牌提一个名称建议", "required": False},
]


def build_survey() -> BenchSurvey:
    """A 集团党委 with one 党支部, whose published anonymous survey the clients answer."""
    from django.utils import timezone

    from partybrand.orgs.choices import OrgKind, Role
    from partybrand.orgs.services import org_create
    from partybrand.surveys.choices import AnswerMode, RepeatPolicy
    from partybrand.surveys.services import surveys as services

    group = org_create(
        actor=None, parent=None, kind=OrgKind.GROUP_COMMITTEE, code="BSG", name="基准集团党委"
    )
    branch = org_create(
        actor=None, parent=group, kind=OrgKind.BRANCH, code="BSG01", name="基准第一党支部"
    )
    actor = common.role_user("bench_surveys", group, Role.PARTY_OFFICE)
    now = timezone.now()
    survey = services.survey_create(
        actor=actor,
        org=branch,
        title="支部党建品牌创建意见征集（基准测试）",
        intro="请结合工作实际填写，匿名提交。",
        mode=AnswerMode.ANONYMOUS,
        repeat_policy=RepeatPolicy.NONE,
        opens_at=now,
        closes_at=now + timedelta(hours=1),
        staff_count=200,
    )
    for question in QUESTIONS:
        services.question_add(actor=actor, survey=survey, **question)
    survey = services.survey_publish(actor=actor, survey=survey)
    questions = [
        {"id": q.pk, "kind": q.kind, "options": q.options}
        for q in survey.questions.order_by("order")
    ]
    return BenchSurvey(pk=survey.pk, token=survey.token, questions=questions)


def body_templates(survey: BenchSurvey, count: int = 8) -> list[str]:
    """Valid JSON bodies of the public API, varied a little; `__ID__` marks the client id."""
    texts = ["希望支部品牌贴近一线、好记好用", "把安全生产和服务群众结合起来", "突出青年党员的担当"]
    statuses = ["full", "probationary", "mass", "unknown"]
    templates = []
    for n in range(count):
        answers: dict[str, object] = {}
        for q in survey.questions:
            kind, options, key = q["kind"], q["options"], str(q["id"])
            if kind == "single":
                answers[key] = n % len(options)
            elif kind == "multiple":
                answers[key] = sorted({n % len(options), (n + 2) % len(options)})
            elif kind == "rating":
                answers[key] = 1 + n % 5
            elif kind == "ranking":
                order = list(range(len(options)))
                answers[key] = order[n % len(order) :] + order[: n % len(order)]
            elif kind == "text_short":
                answers[key] = f"{texts[n % len(texts)]}（{ID_MARK}）"
            elif kind == "name_proposal":
                answers[key] = {
                    "name": ["红色引擎", "先锋驿站", "匠心向党"][n % 3],
                    "slogan": "党建引领，争创一流",
                    "reason": "体现支部扎根一线、服务发展的特点。",
                }
        body = {"answers": answers, "respondent_status": statuses[n % len(statuses)]}
        templates.append(json.dumps(body, ensure_ascii=False))
    return templates


def count_rows(survey: BenchSurvey) -> dict:
    """What the database holds for the survey: responses, answers, and the client ids found."""
    from django.db.models import Count

    from partybrand.surveys.models import Answer, Response

    responses = Response.objects.filter(survey_id=survey.pk)
    per_response = Counter(
        responses.annotate(n=Count("answers")).values_list("n", flat=True).iterator()
    )
    texts = Answer.objects.filter(
        response__survey_id=survey.pk, question_id=survey.text_question
    ).values_list("text", flat=True)
    ids: Counter = Counter()
    texts_without_id = 0
    for text in texts.iterator(chunk_size=5000):
        found = ID_PATTERN.findall(text)
        if len(found) != 1:
            texts_without_id += 1
        ids.update(found)
    return {
        "responses": responses.count(),
        "anonymous_responses": responses.filter(is_anonymous=True).count(),
        "answers": Answer.objects.filter(response__survey_id=survey.pk).count(),
        "answers_per_response": dict(per_response),
        "ids": ids,
        "texts_without_one_id": texts_without_id,
    }
