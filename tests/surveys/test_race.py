"""Two submissions racing for the same member keep exactly one response — tried with real
threads on a real database: PostgreSQL when one is running here, else a SQLite file (the
embedded default). The race runs in a child process so it gets its own fresh database."""

import json
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository (this file is tests/surveys/…)
THREADS = 8
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def _create_postgres_database() -> str | None:
    try:
        import psycopg

        name = f"pb_surveys_race_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=2, **PG) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name
    except Exception:  # no PostgreSQL here: race on SQLite instead
        return None


def _drop_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=2, **PG) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_racing_named_submissions_on_a_real_database_keep_exactly_one(tmp_path):
    name = _create_postgres_database()
    if name:
        url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'race.sqlite3'}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "partybrand.settings_test", "DATABASE_URL": url}
    try:
        run = subprocess.run(
            [sys.executable, "-m", "tests.surveys.test_race"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
    finally:
        if name:
            _drop_postgres_database(name)
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
