"""Settings of the survey benchmark's gunicorn: the production settings, a bench database and
data directory, and one extra URL (the bare JSON POST baseline, bench/bench_urls.py).

bench/bench_surveys.py sets DATABASE_URL and PARTYBRAND_DATA_DIR before starting gunicorn; the
defaults below only make the module importable on its own.
"""

import os
from pathlib import Path

_OUT = Path(__file__).resolve().parent / "out"
os.environ.setdefault("PARTYBRAND_SECRET_KEY", "bench-only-secret-key-" + "b" * 40)
os.environ.setdefault("PARTYBRAND_HTTPS", "false")
os.environ.setdefault("PARTYBRAND_DATA_DIR", str(_OUT / "surveys-data"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_OUT / 'bench_surveys.sqlite3'}")

from partybrand.settings import *  # noqa: E402,F403

DEBUG = False
ROOT_URLCONF = "bench.bench_urls"
# All 50 load clients share one address; the per-address limit on anonymous submissions would
# otherwise measure the limit, not the platform.
PUBLIC_SUBMISSIONS_PER_MINUTE = 10**9
PUBLIC_SUBMISSIONS_PER_HOUR = 10**9
