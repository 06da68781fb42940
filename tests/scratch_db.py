"""A fresh database of a test's own for a child process, on the engine the suite runs on: a new
PostgreSQL database when DATABASE_URL names one, dropped afterwards; else a SQLite file in the
test's folder. Both are cloned from the migrated template of tests/dbtemplate.py, so the child's
`migrate` finds nothing left to do instead of building the schema again.

A test using it asks for the `django_db_setup` fixture: that is what makes the template, and it
keeps the test in CI's repeat on PostgreSQL (tests/conftest.py)."""

import os
import uuid
from contextlib import contextmanager

import psycopg

from tests import dbtemplate

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


@contextmanager
def scratch_database(tmp_path, prefix: str):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        path = tmp_path / (prefix + ".sqlite3")
        dbtemplate.clone_sqlite(path)
        yield f"sqlite:///{path}"
        return
    name = f"pb_{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **PG) as conn:
        dbtemplate.clone_postgresql(conn, name)
    try:
        yield f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **PG) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
