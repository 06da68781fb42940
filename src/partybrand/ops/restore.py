"""`restore_backup`: an archive back into an empty database and upload folder.

Nothing is changed until the archive has been checked (format, migrations no newer than this
code, every checksum and row count) and the target found empty (or `replace` given). The rows go
in within one transaction, which on `replace` also empties the tables first, so a failure leaves
the database as it was; the files are unpacked into a hidden folder inside the upload folder and
moved into place only after the transaction committed. Then what is derived from the data is
rebuilt: the similarity index.
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Model

from partybrand.ops import schema
from partybrand.ops.archive import ArchiveReader, safe_relative
from partybrand.ops.backup import media_files
from partybrand.ops.errors import Refused
from partybrand.ops.rows import column_value
from partybrand.themes.index import holder

ROWS_PER_INSERT = 1000
STAGING_PREFIX = ".restoring-"
SET_ASIDE_PREFIX = ".replaced-"


def tables_holding_data() -> list[str]:
    """Tables of this code's models that hold rows, apart from those `migrate` fills itself."""
    existing = set(connection.introspection.table_names())
    skipped = set(schema.REFERENCE_MODELS) | set(schema.EXCLUDED_MODELS)
    holding = []
    for model in schema.current_models():
        meta = model._meta
        if meta.label_lower in skipped or meta.db_table not in existing:
            continue
        if model._base_manager.exists():
            holding.append(meta.label_lower)
    return holding


def _check_newer(manifest: dict, migration_loader) -> None:
    """Refuse an archive with migrations, or tables of apps, that this code does not have."""
    unknown = schema.unknown_migrations(manifest["migrations"], migration_loader)
    apps_here = schema.code_apps(migration_loader)
    unknown += sorted(
        {t["model"] for t in manifest["tables"] if t["model"].split(".")[0] not in apps_here}
    )
    if unknown:
        raise Refused(
            f"备份来自较新版本的平台：本程序没有其中的迁移或数据表 {'、'.join(unknown[:5])}"
            f"{'等' if len(unknown) > 5 else ''}，请先升级平台程序再恢复。"
        )


def _check_target(manifest: dict, replace: bool, migration_loader) -> bool:
    """Refuse a target that holds data unless `replace`; True when the database's migrations
    differ from the archive's (its empty tables are then brought to the archive's state)."""
    holding = tables_holding_data()
    if holding and not replace:
        raise Refused(
            f"数据库中已有数据（{'、'.join(holding[:5])} 等 {len(holding)} 张表），未做任何改动。"
            "恢复只写入空数据库；确要用备份替换现有全部数据时请加 --replace。"
        )
    media_root = Path(settings.MEDIA_ROOT)
    if not replace and next(media_files(media_root), None) is not None:
        raise Refused(
            f"上传文件夹 {media_root} 中已有文件，未做任何改动。"
            "恢复只写入空文件夹；确要用备份替换现有文件时请加 --replace。"
        )
    differs = schema.known(schema.applied_state(), migration_loader) != manifest["migrations"]
    if differs and holding:
        raise Refused(
            "数据库的迁移状态与备份不同且已有数据，无法在同一事务中替换。"
            "请新建空数据库，执行 partybrand migrate 后再恢复。"
        )
    return differs


def _models(manifest: dict, migration_loader) -> dict[str, type[Model]]:
    """The archive's tables as models of its migration state, checked against the manifest."""
    models = schema.models_at(manifest["migrations"], migration_loader)
    listed = {table["model"] for table in manifest["tables"]}
    missing = sorted(set(models) - listed)
    unknown = sorted(listed - set(models))
    if missing or unknown:
        raise Refused(
            "备份的数据表与其迁移状态不符"
            f"（缺少 {'、'.join(missing[:5]) or '无'}；多出 {'、'.join(unknown[:5]) or '无'}），"
            "已拒绝恢复。"
        )
    for table in manifest["tables"]:
        wanted = [field.attname for field in schema.stored_fields(models[table["model"]])]
        if table["fields"] != wanted:
            raise Refused(f"备份中 {table['model']} 的字段与其迁移状态不符，已拒绝恢复。")
    return models


# ---------------------------------------------------------------- the files


def _stage_files(archive: ArchiveReader, media_root: Path) -> Path:
    """Unpack every file into a hidden folder inside the upload folder (same disk, so moving
    them in later is a rename)."""
    staging = media_root / f"{STAGING_PREFIX}{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    try:
        for entry in archive.manifest["files"]:
            archive.extract(entry, staging / safe_relative(entry["path"]))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _move_files_in(staging: Path, media_root: Path) -> None:
    """The staged files become the upload folder; what was there is set aside, then removed.
    Hidden entries (scratch files of restores and of the readiness probe) are not uploads."""
    aside = media_root / f"{SET_ASIDE_PREFIX}{uuid.uuid4().hex[:8]}"
    aside.mkdir()
    for entry in media_root.iterdir():
        if not entry.name.startswith("."):
            entry.rename(aside / entry.name)
    for entry in staging.iterdir():
        entry.rename(media_root / entry.name)
    staging.rmdir()
    shutil.rmtree(aside, ignore_errors=True)


# ---------------------------------------------------------------- the rows


def _empty_tables() -> None:
    keep = {
        model._meta.db_table
        for model in schema.current_models()
        if model._meta.label_lower in schema.REFERENCE_MODELS
    }
    tables = [
        name
        for name in connection.introspection.django_table_names(only_existing=True)
        if name not in keep
    ]
    statements = connection.ops.sql_flush(no_style(), tables, allow_cascade=False)
    if connection.vendor == "postgresql":
        # Rows written earlier in this transaction leave deferred foreign-key checks pending,
        # and PostgreSQL will not TRUNCATE a table with pending checks: run them now.
        statements = ["SET CONSTRAINTS ALL IMMEDIATE", *statements, "SET CONSTRAINTS ALL DEFERRED"]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _reference_ids(archive: ArchiveReader, manifest: dict, models) -> dict[str, dict[int, int]]:
    """Content types and permissions: the archive's id → this database's id (by natural key),
    creating those this database lacks (models the code no longer has, kept for their rows)."""
    parts = {table["model"]: table for table in manifest["tables"]}

    def archived(label: str) -> list[dict]:
        table = parts[label]
        return [dict(zip(table["fields"], row, strict=True)) for row in archive.rows(table["part"])]

    content_type = models["contenttypes.contenttype"]._base_manager
    types = archived("contenttypes.contenttype")
    have = {(a, m): pk for pk, a, m in content_type.values_list("pk", "app_label", "model")}
    content_type.bulk_create(
        [
            content_type.model(app_label=row["app_label"], model=row["model"])
            for row in types
            if (row["app_label"], row["model"]) not in have
        ]
    )
    have = {(a, m): pk for pk, a, m in content_type.values_list("pk", "app_label", "model")}
    content_types = {row["id"]: have[row["app_label"], row["model"]] for row in types}

    permission = models["auth.permission"]._base_manager
    rows = archived("auth.permission")
    held = {(c, n): pk for pk, c, n in permission.values_list("pk", "content_type_id", "codename")}
    missing = {}
    for row in rows:
        key = (content_types[row["content_type_id"]], row["codename"])
        if key not in held:
            missing[key] = permission.model(
                content_type_id=key[0], codename=key[1], name=row["name"]
            )
    permission.bulk_create(list(missing.values()))
    held = {(c, n): pk for pk, c, n in permission.values_list("pk", "content_type_id", "codename")}
    permissions = {
        row["id"]: held[content_types[row["content_type_id"]], row["codename"]] for row in rows
    }
    return {"contenttypes.contenttype": content_types, "auth.permission": permissions}


def _insert_sql(model: type[Model], fields: list) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(["%s"] * len(fields))
    # Table and column names come from the models and are quoted; the values are parameters.
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})"  # noqa: S608


def _load_table(archive: ArchiveReader, table: dict, model, references) -> int:
    """The part's rows inserted as they are (no auto_now, no defaults, no signals), in batches."""
    by_attname = {field.attname: field for field in schema.stored_fields(model)}
    fields = [by_attname[name] for name in table["fields"]]
    database = connections[connection.alias]  # the wrapper itself: it is asked for every value
    converters = []
    for field in fields:
        target = field.related_model._meta.label_lower if field.is_relation else None
        converters.append(column_value(field, database, references.get(target)))
    sql = _insert_sql(model, fields)
    count, batch = 0, []
    try:
        with connection.cursor() as cursor:
            for row in archive.rows(table["part"]):
                batch.append(
                    [convert(value) for convert, value in zip(converters, row, strict=True)]
                )
                if len(batch) >= ROWS_PER_INSERT:
                    cursor.executemany(sql, batch)
                    count, batch = count + len(batch), []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    except (KeyError, ValueError, TypeError, ValidationError) as exc:
        raise Refused(f"备份中 {table['model']} 的数据无法读取（{exc}），已拒绝恢复。") from exc
    return count


def _load(archive: ArchiveReader, manifest: dict, models) -> int:
    try:
        references = _reference_ids(archive, manifest, models)
    except (KeyError, ValueError, TypeError) as exc:
        raise Refused(f"备份中的内容类型或权限数据不完整（{exc}），已撤销恢复。") from exc
    total = 0
    for table in manifest["tables"]:
        if table["model"] in schema.REFERENCE_MODELS:
            continue
        model = models[table["model"]]
        loaded = _load_table(archive, table, model, references)
        in_database = model._base_manager.count()
        if loaded != table["rows"] or in_database != table["rows"]:
            raise Refused(
                f"{table['model']} 恢复后为 {in_database} 行，与备份清单的 {table['rows']} 行不符，"
                "已撤销恢复。"
            )
        total += loaded
    try:
        connection.check_constraints()
    except DatabaseError as exc:
        raise Refused(f"备份中的数据相互引用不完整（{exc}），已撤销恢复。") from exc
    data_models = [models[t["model"]] for t in manifest["tables"]]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), data_models):
            cursor.execute(statement)
    return total


def _delete_sessions() -> None:
    if "django_session" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM django_session")


# ---------------------------------------------------------------- the whole


def verify_backup(path: Path) -> dict:
    """Check an archive without restoring it: its manifest, migrations and every checksum."""
    with ArchiveReader(path) as archive:
        _check_newer(archive.manifest, schema.loader())
        archive.verify()
        return archive.manifest


def restore_backup(path: Path, *, replace: bool = False) -> dict:
    """Restore the archive; returns what was restored (rows, files, index entries, seconds)."""
    started = time.perf_counter()
    media_root = Path(settings.MEDIA_ROOT)
    with ArchiveReader(path) as archive:
        manifest = archive.manifest
        migration_loader = schema.loader()
        _check_newer(manifest, migration_loader)
        archive.verify()
        manifest["migrations"] = schema.known(manifest["migrations"], migration_loader)
        models = _models(manifest, migration_loader)
        migrate_first = _check_target(manifest, replace, migration_loader)
        created_schema = not schema.applied_state()
        upgraded = schema.code_state(migration_loader) != manifest["migrations"]
        staging = None
        try:
            if migrate_first:
                schema.migrate_to(manifest["migrations"])
            staging = _stage_files(archive, media_root)
            with transaction.atomic():
                if replace:
                    _empty_tables()
                _delete_sessions()
                rows = _load(archive, manifest, models)
        except BaseException:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            if migrate_first:  # the empty database goes back to this code's structure
                schema.migrate_forward()
            raise
    _move_files_in(staging, media_root)
    if migrate_first:
        schema.migrate_forward()
    index = holder().rebuild()
    return {
        "manifest": manifest,
        "rows": rows,
        "files": len(manifest["files"]),
        "index_entries": len(index),
        "created_schema": created_schema,
        "upgraded": upgraded,
        "seconds": round(time.perf_counter() - started, 2),
    }
