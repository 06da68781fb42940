"""Two submissions racing for the same member keep exactly one response — tried with real
threads on a real database: the engine the suite runs on (SQLite, the embedded default, then
PostgreSQL in CI's repeat). The race runs in a child process on a database of its own."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.scratch_db import scratch_database

pytestmark = pytest.mark.slow(seconds=20)

ROOT = Path(__file__).resolve().parents[2]  # the repository (this file is tests/surveys/…)
THREADS = 8


def test_racing_named_submissions_on_a_real_database_keep_exactly_one(tmp_path, django_db_setup):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "partybrand.settings_test"}
    with scratch_database(tmp_path, "surveys_race") as url:
        run = subprocess.run(
            [sys.executable, "-m", "tests.surveys.test_race"],
            cwd=ROOT,
            env={**env, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=180,
        )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["outcomes"] == ["ok"] * THREADS  # every submission was accepted…
    assert result["responses"] == 1  # …and the member has exactly one response
    assert result["answers"] == result["questions"]  # with one answer per question, not more
    assert result["audit_rows"] == THREADS


def _race() -> dict:
    """Run in the child process: a fresh database, the test world, THREADS racing submissions."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import IntegrityError, connection

    from partybrand.core.models import AuditLog
    from partybrand.surveys import answering
    from partybrand.surveys.models import Answer, Response
    from partybrand.surveys.services import responses as services_responses
    from tests.factories import build_world
    from tests.permissions.cases.surveys import json_answers, make_survey

    call_command("migrate", verbosity=0)
    world = build_world()
    survey = make_survey(world)
    questions = list(survey.questions.all())
    raw = answering.raw_from_json(questions, json_answers(survey)["answers"])
    values = answering.check(questions, raw).values
    retries = []
    real_save = services_responses._save_named

    def counting_save(*args, **kwargs):
        try:
            return real_save(*args, **kwargs)
        except IntegrityError:
            retries.append(1)
            raise

    services_responses._save_named = counting_save
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def submit(i):
        try:
            barrier.wait()
            services_responses.response_submit_named(
                actor=world.member,
                survey=survey,
                member=world.member_a,
                questions=questions,
                values={**values, questions[0].pk: i % len(questions[0].options)},
            )
            outcomes.append("ok")
        except Exception as exc:
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "vendor": connection.vendor,
        "outcomes": outcomes,
        "retries": len(retries),
        "responses": Response.objects.filter(member=world.member_a).count(),
        "answers": Answer.objects.filter(response__member=world.member_a).count(),
        "questions": len(values),
        "audit_rows": AuditLog.objects.filter(action__startswith="survey_answer").count(),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(json.dumps(_race()))
