"""One migrated test database per engine and migration state, cloned for every test worker.

Building the schema from the migrations costs most of a worker's start-up, and CI starts eight
workers (two per step: the suite and the browser tests, on SQLite and on PostgreSQL). The first
worker to need a schema migrates its own test database as Django always does and keeps a copy as
the template, named by a digest of every installed app's migration files and Django's version;
every later worker (of this run or a later one) clones the template and only checks that nothing
is left to migrate. A changed migration changes the digest, so a stale template is never used.

- SQLite: the template is a file under var/test-templates/, copied with SQLite's backup API (WAL
  pages included); workers take a file lock while making or copying it.
- PostgreSQL: the template is a database `partybrand_tpl_<digest>`, cloned with `CREATE DATABASE
  … TEMPLATE`; workers take an advisory lock; older templates are dropped when a new one is made.
"""

from __future__ import annotations

import fcntl
import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import django
import psycopg
from django.apps import apps
from django.db import connections

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = ROOT / "var" / "test-templates"
PG_PREFIX = "partybrand_tpl_"
PG_LOCK = 734_119_021  # any fixed number: the advisory lock of template making

Setup = Callable[[bool], object]  # setup_databases(keepdb=...) → its teardown configuration


def migrations_digest() -> str:
    digest = hashlib.sha256(django.get_version().encode())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        folder = Path(config.path) / "migrations"
        for path in sorted(folder.glob("*.py")):
            digest.update(f"{config.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def prepare(setup: Setup) -> object:
    """Create the test database (from the template when there is one) and return what
    teardown_databases needs."""
    connection = connections["default"]
    if connection.vendor == "sqlite":
        return _prepare_sqlite(setup, connection)
    if connection.vendor == "postgresql":
        return _prepare_postgresql(setup, connection)
    return setup(False)


def _copy_sqlite(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _prepare_sqlite(setup: Setup, connection) -> object:
    test_name = Path(connection.creation._get_test_db_name())
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    digest = migrations_digest()
    template = TEMPLATE_DIR / f"sqlite-{digest}.sqlite3"
    with open(TEMPLATE_DIR / "sqlite.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            config = setup(False)
            connection.close()
            partial = template.with_suffix(".partial")
            _copy_sqlite(test_name, partial)
            partial.replace(template)
            for old in TEMPLATE_DIR.glob("sqlite-*.sqlite3"):
                if old != template:
                    old.unlink(missing_ok=True)
            return config
        _copy_sqlite(template, test_name)
    return setup(True)


def clone_sqlite(target: Path) -> None:
    """A copy of the migrated SQLite template at `target` (the suite made it at its start)."""
    template = TEMPLATE_DIR / f"sqlite-{migrations_digest()}.sqlite3"
    with open(TEMPLATE_DIR / "sqlite.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_SH)
        _copy_sqlite(template, target)


def clone_postgresql(admin: psycopg.Connection, name: str) -> None:
    """A new database `name` cloned from the migrated PostgreSQL template (the suite made it at
    its start), under the lock that keeps other workers from connecting to the template."""
    template = PG_PREFIX + migrations_digest()
    admin.execute("SELECT pg_advisory_lock(%s)", [PG_LOCK])
    try:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        admin.execute("SELECT pg_advisory_unlock(%s)", [PG_LOCK])


def _admin_connection(settings_dict: dict) -> psycopg.Connection:
    return psycopg.connect(
        dbname="postgres",
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        autocommit=True,
    )


def _prepare_postgresql(setup: Setup, connection) -> object:
    test_name = connection.creation._get_test_db_name()
    template = PG_PREFIX + migrations_digest()
    with _admin_connection(connection.settings_dict) as admin:
        admin.execute("SELECT pg_advisory_lock(%s)", [PG_LOCK])
        try:
            known = admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [PG_PREFIX + "%"]
            ).fetchall()
            if (template,) not in known:
                config = setup(False)
                connections.close_all()
                admin.execute(f'CREATE DATABASE "{template}" TEMPLATE "{test_name}"')
                for (old,) in known:
                    admin.execute(f'DROP DATABASE IF EXISTS "{old}"')
                return config
            admin.execute(f'DROP DATABASE IF EXISTS "{test_name}"')
            admin.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
        finally:
            admin.execute("SELECT pg_advisory_unlock(%s)", [PG_LOCK])
    return setup(True)
