"""The backup archive: one .zip file, written and read as streams (no part is held in memory).

    manifest.json                          what is inside and how to check it (written last)
    db/0001-contenttypes.contenttype.jsonl one part per table: one JSON list per row, its values
                                           in the order of the table's `fields` in the manifest
    files/<path under the upload folder>   the uploaded files as they were

The manifest holds the format version, the platform version, the migrations applied per app, and
for every part and file its row count or size and its sha256, so a damaged or altered archive is
refused before anything is restored.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from partybrand.ops.errors import Refused

FORMAT = "partybrand-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FILES_PREFIX = "files/"
CHUNK = 1024 * 1024
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, UnicodeDecodeError)


def part_name(position: int, label: str) -> str:
    return f"db/{position:04d}-{label}.jsonl"


def safe_relative(path: str) -> PurePosixPath:
    """A path inside the upload folder: relative, without "..", so no archive writes elsewhere."""
    pure = PurePosixPath(path)
    if (
        not path
        or "\\" in path
        or "\x00" in path
        or pure.is_absolute()
        or any(part in ("", ".", "..") for part in pure.parts)
        or pure.parts[0].startswith(".")
    ):
        raise Refused(f"备份中的文件路径不安全：{path!r}，已拒绝恢复。")
    return pure


class Part:
    """A member being written: counts its bytes and computes its sha256 on the way."""

    def __init__(self, raw) -> None:
        self._raw = raw
        self._digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._digest.update(data)
        self.size += len(data)
        self._raw.write(data)

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()


class ArchiveWriter:
    """Writes the archive to a hidden file beside the target and renames it into place only when
    complete, readable by its owner alone (it holds personal data and password hashes)."""

    def __init__(self, target: Path, moment: datetime) -> None:
        self.target = target
        self._date_time = moment.timetuple()[:6]
        self.partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        descriptor = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self._file = os.fdopen(descriptor, "wb")
        self._zip = zipfile.ZipFile(
            self._file, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True
        )

    @contextmanager
    def part(self, name: str) -> Iterator[Part]:
        info = zipfile.ZipInfo(name, date_time=self._date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        with self._zip.open(info, "w", force_zip64=True) as raw:
            yield Part(raw)

    def add_file(self, source: Path, name: str) -> Part:
        with self.part(name) as part, source.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                part.write(chunk)
        return part

    def finish(self, manifest: dict) -> None:
        text = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        with self.part(MANIFEST) as part:
            part.write(text)
        self._zip.close()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.partial, self.target)

    def abort(self) -> None:
        with suppress(OSError, ValueError, zipfile.BadZipFile):
            self._zip.close()
        self._file.close()
        self.partial.unlink(missing_ok=True)


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise Refused(f"备份清单（{MANIFEST}）不完整或已损坏：{what}。")


def check_manifest(manifest: Any) -> dict:
    """The manifest's shape, so later steps may rely on it."""
    _require(isinstance(manifest, dict), "不是有效的清单")
    _require(manifest.get("format") == FORMAT, "不是本平台的备份")
    version = manifest.get("format_version")
    _require(isinstance(version, int), "缺少格式版本")
    if version > FORMAT_VERSION:
        raise Refused(
            f"备份格式版本为 {version}，本程序只能读取 {FORMAT_VERSION} 及以下版本，"
            "请先升级平台程序再恢复。"
        )
    migrations = manifest.get("migrations")
    _require(
        isinstance(migrations, dict)
        and all(
            isinstance(names, list) and all(isinstance(n, str) for n in names)
            for names in migrations.values()
        ),
        "迁移状态",
    )
    tables = manifest.get("tables")
    _require(isinstance(tables, list), "数据表清单")
    for table in tables:
        _require(
            isinstance(table, dict)
            and isinstance(table.get("model"), str)
            and isinstance(table.get("part"), str)
            and table["part"].startswith("db/")
            and isinstance(table.get("fields"), list)
            and isinstance(table.get("rows"), int)
            and isinstance(table.get("sha256"), str),
            f"数据表 {table.get('model') if isinstance(table, dict) else table!r}",
        )
    files = manifest.get("files")
    _require(isinstance(files, list), "文件清单")
    seen = set()
    for entry in files:
        _require(
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str),
            "文件清单",
        )
        safe_relative(entry["path"])
        _require(entry["path"] not in seen, f"文件重复：{entry['path']}")
        seen.add(entry["path"])
    return manifest


class ArchiveReader:
    """An archive opened for restoring: the manifest checked, every part readable as a stream."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
            raw = self._zip.read(MANIFEST)
            manifest = json.loads(raw)
        except FileNotFoundError as exc:
            raise Refused(f"找不到备份文件：{path}。") from exc
        except KeyError as exc:
            raise Refused(f"{path} 中没有备份清单（{MANIFEST}），不是本平台的备份。") from exc
        except (*READ_ERRORS, ValueError) as exc:
            raise Refused(f"{path} 不是有效的备份文件或已损坏（{exc}）。") from exc
        self.manifest = check_manifest(manifest)
        self._names = set(self._zip.namelist())

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _stream(self, name: str):
        if name not in self._names:
            raise Refused(f"备份文件已损坏：缺少 {name}。")
        return self._zip.open(name)

    def _digest(self, name: str) -> tuple[str, int, int]:
        """sha256, size and number of lines of a member, read as a stream."""
        digest, size, lines = hashlib.sha256(), 0, 0
        try:
            with self._stream(name) as stream:
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    lines += chunk.count(b"\n")
        except READ_ERRORS as exc:
            raise Refused(f"备份文件已损坏：{name} 无法读取（{exc}）。") from exc
        return digest.hexdigest(), size, lines

    def verify(self) -> None:
        """Every part and file against the manifest: checksum, and row count or size."""
        problems = []
        for table in self.manifest["tables"]:
            sha, _size, lines = self._digest(table["part"])
            if sha != table["sha256"]:
                problems.append(f"{table['part']} 的校验值不符")
            if lines != table["rows"]:
                problems.append(f"{table['model']} 清单记为 {table['rows']} 行，实有 {lines} 行")
        for entry in self.manifest["files"]:
            sha, size, _lines = self._digest(FILES_PREFIX + entry["path"])
            if sha != entry["sha256"] or size != entry["size"]:
                problems.append(f"文件 {entry['path']} 的校验值或大小不符")
        if problems:
            shown = "；".join(problems[:5])
            more = f"等 {len(problems)} 处" if len(problems) > 5 else ""
            raise Refused(f"备份文件已损坏或被改动（{shown}{more}），已拒绝恢复。")

    def rows(self, part: str) -> Iterator[list]:
        """The rows of a part, one decoded JSON list at a time."""
        try:
            with self._stream(part) as stream:
                for line in stream:
                    yield json.loads(line)
        except (*READ_ERRORS, ValueError) as exc:
            raise Refused(f"备份文件已损坏：{part} 无法读取（{exc}）。") from exc

    def extract(self, entry: dict, destination: Path) -> None:
        """One uploaded file to `destination`, checked against the manifest as it is written."""
        digest = hashlib.sha256()
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            with (
                self._stream(FILES_PREFIX + entry["path"]) as stream,
                destination.open("wb") as out,
            ):
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
        except READ_ERRORS as exc:
            raise Refused(f"备份文件已损坏：{entry['path']} 无法读取（{exc}）。") from exc
        if digest.hexdigest() != entry["sha256"]:
            raise Refused(f"备份文件已损坏或被改动：文件 {entry['path']} 的校验值不符。")
