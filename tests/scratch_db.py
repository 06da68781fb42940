"""A fresh database of a test's own for a child process: a new PostgreSQL database when the suite
runs on PostgreSQL (DATABASE_URL), dropped afterwards; else a SQLite file in the test's folder."""

import os
import uuid
from contextlib import contextmanager

import psycopg

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


@contextmanager
def scratch_database(tmp_path, prefix: str):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        yield f"sqlite:///{tmp_path / (prefix + '.sqlite3')}"
        return
    name = f"pb_{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **PG) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **PG) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
