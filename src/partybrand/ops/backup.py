"""`make_backup`: the database (every table, streamed in dependency order from one consistent
snapshot) and the upload folder into one archive with its manifest."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from partybrand.core import clock
from partybrand.ops import schema
from partybrand.ops.archive import (
    FILES_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    ArchiveWriter,
    part_name,
)
from partybrand.ops.errors import Refused
from partybrand.ops.rows import encode

ROWS_PER_FETCH = 2000
BYTES_PER_WRITE = 256 * 1024


def platform_version() -> str:
    try:
        return metadata.version("partybrand")
    except metadata.PackageNotFoundError:
        return "unknown"


@contextmanager
def snapshot() -> Iterator[None]:
    """Read every table as of one moment while people keep working: a read-only repeatable-read
    transaction on PostgreSQL, a deferred (reading) transaction on SQLite, which in WAL mode
    neither blocks writers nor sees them."""
    if connection.in_atomic_block:  # already inside a transaction (tests): it is the snapshot
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic():
        yield


def _write_table(writer: ArchiveWriter, name: str, model, attnames: list[str]) -> dict:
    rows = 0
    buffer: list[str] = []
    buffered = 0
    query = model._base_manager.order_by("pk").values_list(*attnames)
    with writer.part(name) as part:
        for row in query.iterator(chunk_size=ROWS_PER_FETCH):
            line = json.dumps([encode(v) for v in row], ensure_ascii=False, separators=(",", ":"))
            buffer.append(line)
            buffered += len(line)
            rows += 1
            if buffered >= BYTES_PER_WRITE:
                part.write(("\n".join(buffer) + "\n").encode())
                buffer, buffered = [], 0
        if buffer:
            part.write(("\n".join(buffer) + "\n").encode())
    return {"rows": rows, "sha256": part.sha256}


def _database(writer: ArchiveWriter) -> tuple[schema.State, list[dict]]:
    migration_loader = schema.loader()
    state = schema.known(schema.applied_state(), migration_loader)
    unknown = schema.unknown_migrations(state, migration_loader)
    if unknown:
        raise Refused(
            f"数据库已应用本程序没有的迁移（{'、'.join(unknown[:5])}），"
            "请用与数据库相符的平台版本备份。"
        )
    if not state:
        raise Refused("数据库尚未建立（没有执行过 migrate），没有可备份的数据。")
    models = schema.models_at(state, migration_loader)
    tables = []
    for position, label in enumerate(schema.in_dependency_order(models), start=1):
        model = models[label]
        attnames = [field.attname for field in schema.stored_fields(model)]
        name = part_name(position, label)
        written = _write_table(writer, name, model, attnames)
        tables.append(
            {
                "model": label,
                "table": model._meta.db_table,
                "part": name,
                "fields": attnames,
                **written,
            }
        )
    return state, tables


def media_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Every file under the upload folder (path, relative name), in name order; hidden entries
    at the top (a restore's or the readiness probe's scratch files) are not uploads."""
    if not root.is_dir():
        return
    for directory, subdirs, files in os.walk(root):
        here = Path(directory)
        if here == root:
            subdirs[:] = [d for d in subdirs if not d.startswith(".")]
            files = [f for f in files if not f.startswith(".")]
        subdirs.sort()
        for name in sorted(files):
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(root).as_posix()


def _media(writer: ArchiveWriter) -> list[dict]:
    entries = []
    for path, relative in media_files(Path(settings.MEDIA_ROOT)):
        part = writer.add_file(path, FILES_PREFIX + relative)
        entries.append({"path": relative, "size": part.size, "sha256": part.sha256})
    return entries


def make_backup(target: Path) -> dict:
    """Write the archive to `target` and return its manifest (with the seconds it took)."""
    started = time.perf_counter()
    created = clock.now()
    writer = ArchiveWriter(target, clock.local(created))
    try:
        # The database first, then the files: an upload is stored before its row is committed,
        # so every file a row of the snapshot names is already in the folder.
        with snapshot():
            state, tables = _database(writer)
        files = _media(writer)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "platform_version": platform_version(),
            "created_at": created.isoformat(),
            "database": connection.vendor,
            "migrations": state,
            "excluded": list(schema.EXCLUDED_MODELS),
            "tables": tables,
            "files": files,
        }
        writer.finish(manifest)
    except BaseException:
        writer.abort()
        raise
    manifest["seconds"] = round(time.perf_counter() - started, 2)
    return manifest
