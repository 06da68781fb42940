"""The schema of a script's own PostgreSQL database (DATABASE_URL, existing and empty), migrated
once per migration state: cloned from a migrated template when there is one — the test suite's
(`partybrand_tpl_<digest>`, tests/dbtemplate.py: CI runs that suite first) or the scripts' own
(`partybrand_scripts_tpl_<digest>`) — else migrated and kept as the scripts' template for the next
run. `make multinode` (scripts/multinode_seed.py) and the API fuzz (scripts/fuzz_api.py) build
their databases this way: a migration from nothing costs tens of seconds, a clone one or two.

    DATABASE_URL=postgres://…/db python scripts/schema_clone.py   # prints how the schema came
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from tests.dbtemplate import PG_LOCK, PG_PREFIX, migrations_digest  # noqa: E402

OWN_PREFIX = "partybrand_scripts_tpl_"


def schema() -> str:
    """Clone a migrated template into the (empty) database, or migrate it and keep a template."""
    target = connections["default"].settings_dict["NAME"]
    digest = migrations_digest()
    config = connections["default"].get_connection_params()
    config.pop("dbname", None)
    connections.close_all()
    with psycopg.connect(**config, dbname="postgres", autocommit=True) as admin:
        admin.execute("SELECT pg_advisory_lock(%s)", [PG_LOCK])  # no template is made meanwhile
        try:
            known = {row[0] for row in admin.execute("SELECT datname FROM pg_database")}
            for template in (PG_PREFIX + digest, OWN_PREFIX + digest):
                if template in known:
                    admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
                    admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{template}"')
                    return f"schema cloned from {template}"
            call_command("migrate", "--noinput", "-v0")
            connections.close_all()
            admin.execute(f'CREATE DATABASE "{OWN_PREFIX + digest}" TEMPLATE "{target}"')
            for old in known:
                if old.startswith(OWN_PREFIX):
                    admin.execute(f'DROP DATABASE IF EXISTS "{old}"')
            return f"migrated, kept as {OWN_PREFIX + digest}"
        finally:
            admin.execute("SELECT pg_advisory_unlock(%s)", [PG_LOCK])


if __name__ == "__main__":
    print(schema())
