"""Two nodes, each with its own index generation and its own process, share only the database and
the Redis cache: a brand added or renamed through one is found by the next check on the other."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create
from partybrand.themes.checks import check_theme
from tests.factories import build_world
from tests.helpers import REPO

pytestmark = pytest.mark.slow(seconds=15)

# The other node: answers each name read from stdin with the key of its nearest brand.
NODE = """
import json, sys
import django
django.setup()
from partybrand.themes.checks import check_theme
for line in sys.stdin:
    nearest = check_theme(line.strip()).nearest
    print(json.dumps(nearest[0].key if nearest else None), flush=True)
"""


def database_url(db: dict) -> str:
    """The test database as the other node's DATABASE_URL (SQLite file or PostgreSQL)."""
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def committed_world(transactional_db):
    return build_world()  # committed rows: the other node's process reads them


@pytest.fixture
def other_node(committed_world, redis_url, settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partybrand.settings",
        "PARTYBRAND_SECRET_KEY": "other-node-" + "k" * 40,
        "PARTYBRAND_HTTPS": "false",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": redis_url,
        "PARTYBRAND_DATA_DIR": str(tmp_path / "other-node"),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", NODE],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def nearest(name: str) -> str | None:
        process.stdin.write(name + "\n")
        process.stdin.flush()
        return json.loads(process.stdout.readline())

    yield nearest
    process.stdin.close()
    process.wait(timeout=60)


def test_a_brand_added_or_renamed_on_one_node_is_found_by_a_check_on_the_other(
    committed_world, other_node
):
    before = other_node("银线先峰")  # the other node builds its index from the database
    brand = brand_create(
        actor=committed_world.secretary, org=committed_world.branch_a, name="银线先锋"
    )
    key = f"brand:{brand.pk}"
    assert before != key and other_node("银线先峰") == key

    # a rename that the aggregates cannot see: only this node's signal reaches the other
    Brand.objects.filter(pk=brand.pk).update(name="匠心护网")
    assert other_node("匠心护线") != key
    brand.refresh_from_db()
    brand.save(update_fields=["name"])  # the signal bumps the shared stamp after commit
    assert other_node("匠心护线") == key
    assert check_theme("匠心护线").nearest[0].key == key
