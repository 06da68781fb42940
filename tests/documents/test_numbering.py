"""发文字号 from a per-organisation, per-year sequence: in order, without gaps, also when requests
race — tried with real threads on a real database (PostgreSQL when one is running here, else a
SQLite file) in a child process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

from partybrand.documents.models import DocumentIssuer
from partybrand.documents.numbering import default_code, document_number_take
from tests.documents.number_race import THREADS
from tests.scratch_db import scratch_database

pytestmark = pytest.mark.slow(seconds=20)

ROOT = Path(__file__).resolve().parents[2]


def test_numbers_follow_each_other_per_organisation_and_year(world):
    take = document_number_take
    assert take(actor=world.staff, org=world.group, year=2026) == "测试集团党委〔2026〕1号"
    assert take(actor=world.staff, org=world.group, year=2026) == "测试集团党委〔2026〕2号"
    assert take(actor=world.staff, org=world.group, year=2027) == "测试集团党委〔2027〕1号"
    assert take(actor=world.secretary, org=world.branch_a, year=2026) == "支部A党支部〔2026〕1号"


def test_the_issuer_code_is_set_per_organisation(world):
    DocumentIssuer.objects.create(org=world.group, code="测党委")
    number = document_number_take(actor=world.staff, org=world.group, year=2026)
    assert number == "测党委〔2026〕1号"


def test_default_codes_end_in_the_organisations_kind(world):
    assert default_code(world.group) == "测试集团党委"
    assert default_code(world.branch_a) == "支部A党支部"


def test_a_number_taken_in_a_transaction_that_rolls_back_is_given_again(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        document_number_take(actor=world.staff, org=world.group, year=2026)
        raise RuntimeError("the document was not saved")
    assert document_number_take(actor=world.staff, org=world.group, year=2026).endswith("〕1号")


def test_racing_requests_get_every_number_once_on_a_real_database(tmp_path, django_db_setup):
    with scratch_database(tmp_path, "numbers") as url:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "partybrand.settings_test"}
        run = subprocess.run(
            [sys.executable, "-m", "tests.documents.number_race"],
            cwd=ROOT,
            env={**env, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    assert run.returncode == 0, run.stderr[-3000:]
    numbers = json.loads(run.stdout.strip().splitlines()[-1])
    assert sorted(numbers) == [f"测试集团党委〔2026〕{n}号" for n in sorted(range(1, THREADS + 1))]
