"""The demo enterprise backed up and restored into an empty database, as an operator does it: every
step is the `partybrand` command in its own process, with the production settings.

SQLite → SQLite; SQLite → PostgreSQL → SQLite (PostgreSQL when one answers on 127.0.0.1:5432, in
databases named pb_ops_*, else a second SQLite file takes its place); and an archive written by
an older version of the platform (one migration fewer) restored and upgraded. Each time every
table's rows, every uploaded file, signing in with a password and the similarity index are
compared with the source (tests/ops/probe.py reads them)."""

import json
import os
import shutil
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import psycopg
import pytest

pytestmark = pytest.mark.slow(seconds=200)

ROOT = Path(__file__).resolve().parents[2]  # the repository (this file is tests/ops/…)
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
DEMO_PASSWORD = "demo12345"


def postgres_answers() -> bool:
    try:
        with psycopg.connect(dbname="postgres", connect_timeout=3, **PG):
            return True
    except psycopg.Error:
        return False


class Site:
    """One installation: a database and a data folder (with its uploads)."""

    def __init__(self, url: str, data_dir: Path) -> None:
        self.url, self.data_dir = url, data_dir
        data_dir.mkdir(parents=True, exist_ok=True)

    def env(self, **extra) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PARTYBRAND_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
        }
        return {
            **env,
            "DJANGO_SETTINGS_MODULE": "partybrand.settings",
            "PARTYBRAND_SECRET_KEY": "round-trip-secret-" + "r" * 40,
            "PARTYBRAND_HTTPS": "false",
            "PARTYBRAND_ALLOWED_HOSTS": "testserver,127.0.0.1",
            "PARTYBRAND_DATA_DIR": str(self.data_dir),
            "DATABASE_URL": self.url,
            "DEMO_PASSWORD": DEMO_PASSWORD,
            **extra,
        }

    def run(self, *args: str, expect: int = 0) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "partybrand", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == expect, (args, done.stdout[-2000:], done.stderr[-4000:])
        return done.stdout + done.stderr

    def probe(self, *, index: bool = False) -> dict:
        extra = {"PROBE_INDEX": "1"} if index else {}
        done = subprocess.run(
            [sys.executable, "-m", "tests.ops.probe"],
            cwd=ROOT,
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        return json.loads(done.stdout.strip().splitlines()[-1])


class Databases:
    """Fresh databases for the round trips, dropped afterwards."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.created = folder, []
        self.postgres = postgres_answers()

    def sqlite(self, name: str, *, like: Path | None = None) -> Site:
        """A SQLite site; `like`: start from a copy of that (migrated, empty) database file."""
        data_dir = self.folder / name
        site = Site(f"sqlite:///{data_dir / 'partybrand.sqlite3'}", data_dir)
        if like is not None:
            shutil.copyfile(like, data_dir / "partybrand.sqlite3")
        return site

    def other_engine(self, name: str) -> Site:
        """A PostgreSQL site when PostgreSQL answers, else SQLite."""
        if not self.postgres:
            return self.sqlite(name)
        database = f"pb_ops_{name}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        self.created.append(database)
        url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{database}"
        return Site(url, self.folder / name)

    def drop(self) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
            for database in self.created:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    made = Databases(tmp_path_factory.mktemp("ops-round-trip"))
    yield made
    if made.created:
        made.drop()


@pytest.fixture(scope="module")
def demo(databases):
    """The demo enterprise on SQLite, its probe, its archive, and an empty migrated database."""
    source = databases.sqlite("source")
    source.run("migrate", "--noinput", "-v0")
    empty = databases.folder / "empty-migrated.sqlite3"
    shutil.copyfile(source.data_dir / "partybrand.sqlite3", empty)
    source.run("seed_demo")
    archive = databases.folder / "demo.zip"
    output = source.run("backup", "-o", str(archive))
    assert "已写入备份" in output
    return {"site": source, "probe": source.probe(), "archive": archive, "empty": empty}


def assert_same_as_source(restored: dict, source: dict) -> None:
    assert restored["samples"] == source["samples"]
    differing = {
        label: (source["tables"][label], restored["tables"].get(label))
        for label in source["tables"]
        if restored["tables"].get(label) != source["tables"][label]
    }
    assert not differing, differing
    assert restored["tables"].keys() == source["tables"].keys()
    assert len(source["files"]) >= 40 and restored["files"] == source["files"]
    assert restored["migrations"] == source["migrations"]
    assert restored["sign_in"] == {"login": 302, "home": 200}
    assert restored["new_row"] is True  # a new row gets a fresh id: sequences follow the data
    index = restored["index"]
    assert index["file"] and index["reencoded"] == 0  # the restore built the index file
    best = index["nearest"][0][1]
    assert best >= 0.99 and [index["expected"], best] in index["nearest"]


def test_the_demo_is_restored_into_an_empty_sqlite_database_as_it_was(databases, demo):
    source = demo["probe"]
    assert source["tables"]["orgs.member"]["rows"] >= 1500 and source["tables"]["core.user"]["rows"]

    target = databases.sqlite("sqlite-target", like=demo["empty"])
    output = target.run("restore", str(demo["archive"]))

    assert "已从备份" in output and "已重建品牌相似度索引" in output
    assert_same_as_source(target.probe(index=True), source)
    refused = target.run("restore", str(demo["archive"]), expect=1)
    assert "数据库中已有数据" in refused and "--replace" in refused


def test_the_demo_moves_from_sqlite_to_postgresql_and_back(databases, demo):
    source = demo["probe"]

    postgres = databases.other_engine("pg")
    postgres.run("migrate", "--noinput", "-v0")
    postgres.run("restore", str(demo["archive"]))
    assert_same_as_source(postgres.probe(index=True), source)

    second = databases.folder / "from-postgres.zip"
    postgres.run("backup", "-o", str(second))
    back = databases.sqlite("back-on-sqlite")  # not even migrated: restore builds the tables
    output = back.run("restore", str(second))
    assert "已建立数据库结构" in output
    assert_same_as_source(back.probe(index=True), source)


def test_an_archive_from_an_older_version_is_restored_and_upgraded(databases, demo):
    older = databases.sqlite("older")
    shutil.copytree(demo["site"].data_dir, older.data_dir, dirs_exist_ok=True)
    older.run("migrate", "core", "0001_initial", "-v0")  # the version before submission tokens
    archive = databases.folder / "older.zip"
    older.run("backup", "-o", str(archive))
    with zipfile.ZipFile(archive) as written:
        assert json.loads(written.read("manifest.json"))["migrations"]["core"] == ["0001_initial"]

    target = databases.sqlite("upgraded", like=demo["empty"])
    output = target.run("restore", str(archive))

    assert "备份来自较早的版本" in output
    assert_same_as_source(target.probe(index=True), demo["probe"])
