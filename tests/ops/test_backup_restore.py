"""`partybrand backup` and `partybrand restore` on the test world: what the archive's manifest
holds, a restore over existing data only with --replace (all or nothing), and archives that are
damaged, altered, unsafe or from a newer version refused before anything changes.

The whole round trip on the demo enterprise, between SQLite and PostgreSQL, is in
test_round_trip.py."""

import hashlib
import io
import json
import struct
import zipfile
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse

from partybrand.brands.models import Brand
from partybrand.brands.services import brand_create
from partybrand.core import clock
from partybrand.orgs.models import Member, Organization
from partybrand.themes.index import current_index
from tests.factories import PASSWORD

LOGO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower != "sessions.session"
    }


def media(settings) -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def backup(tmp_path, name="backup.zip") -> Path:
    target = tmp_path / name
    call_command("backup", "-o", str(target), stdout=io.StringIO())
    return target


def restore(path, *args) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out)
    return out.getvalue()


def manifest_of(path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def rewrite(path, *, member=None, change=None, manifest=None) -> Path:
    """A copy of the archive with one member's bytes changed and/or the manifest edited, written
    as a valid zip (so only the manifest's own checks can notice)."""
    target = path.with_name("altered-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data = change(data)
            if info.filename == "manifest.json" and manifest:
                edited = json.loads(data)
                manifest(edited)
                data = json.dumps(edited).encode()
            out.writestr(info.filename, data)
    return target


def flip_one_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


@pytest.fixture
def uploaded(world):
    name = default_storage.save(f"brands/{world.brand.pk}/logo.png", ContentFile(LOGO))
    Brand.objects.filter(pk=world.brand.pk).update(logo=name)
    return name


def test_the_manifest_describes_what_the_archive_holds(world, uploaded, tmp_path, monkeypatch):
    moment = datetime(2026, 3, 1, 2, 30, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: moment)
    path = backup(tmp_path)

    assert path.stat().st_mode & 0o777 == 0o600  # it holds personal data and password hashes
    manifest = manifest_of(path)
    assert manifest["format_version"] == 1
    assert manifest["platform_version"] == metadata.version("partybrand")
    assert manifest["created_at"] == "2026-03-01T02:30:00+00:00"
    assert manifest["migrations"]["orgs"][0] == "0001_initial"
    assert "0002_submission_token" in manifest["migrations"]["core"]
    tables = {table["model"]: table for table in manifest["tables"]}
    assert tables["orgs.organization"]["rows"] == Organization.objects.count() == 6
    assert tables["orgs.member"]["rows"] == Member.objects.count()
    assert "sessions.session" not in tables and manifest["excluded"] == ["sessions.session"]
    order = [table["model"] for table in manifest["tables"]]
    assert order.index("orgs.organization") < order.index("brands.brand")  # brands need orgs
    with zipfile.ZipFile(path) as archive:
        for table in manifest["tables"]:
            assert hashlib.sha256(archive.read(table["part"])).hexdigest() == table["sha256"]
        assert archive.read(f"files/{uploaded}") == LOGO
    assert manifest["files"] == [
        {"path": uploaded, "size": len(LOGO), "sha256": hashlib.sha256(LOGO).hexdigest()}
    ]


def test_a_folder_as_output_gets_a_file_named_after_the_time(world, tmp_path, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 3, 1, 18, 5, 9, tzinfo=UTC))
    out = io.StringIO()
    call_command("backup", "-o", str(tmp_path), stdout=out)
    assert (tmp_path / "partybrand-backup-20260302-020509.zip").is_file()  # Beijing time
    assert "已写入备份" in out.getvalue() and "上传文件 0 个" in out.getvalue()


def test_a_database_holding_data_is_refused_without_replace(world, uploaded, tmp_path, settings):
    path = backup(tmp_path)
    before, files = counts(), media(settings)
    with pytest.raises(CommandError, match="数据库中已有数据.*未做任何改动.*--replace"):
        restore(path)
    assert counts() == before and media(settings) == files


def test_replace_puts_back_exactly_what_was_backed_up(world, uploaded, tmp_path, settings):
    path = backup(tmp_path)
    before, files = counts(), media(settings)
    signed_in = Client()
    signed_in.post(reverse("login"), {"username": "staff", "password": PASSWORD})
    assert signed_in.get(reverse("home")).status_code == 200

    # Work done after the backup, which the restore takes back.
    brand_create(actor=world.secretary, org=world.branch_b, name="备份之后的品牌")
    Organization.objects.filter(pk=world.branch_a.pk).update(name="改过的支部名")
    Member.objects.filter(user=world.member).delete()
    Path(settings.MEDIA_ROOT, uploaded).write_bytes(b"overwritten")
    Path(settings.MEDIA_ROOT, "later.txt").write_text("uploaded after the backup")

    output = restore(path, "--replace")

    assert "已从备份" in output and "已重建品牌相似度索引" in output
    assert counts() == before
    assert Organization.objects.get(pk=world.branch_a.pk).name == "支部A"
    assert not Brand.objects.filter(name="备份之后的品牌").exists()
    assert media(settings) == files
    assert not [p for p in Path(settings.MEDIA_ROOT).iterdir() if p.name.startswith(".")]
    # Sign-ins are not restored: people sign in again, with their password.
    assert signed_in.get(reverse("home")).status_code == 302
    client = Client()
    response = client.post(reverse("login"), {"username": "secretary", "password": PASSWORD})
    assert response.status_code == 302 and client.get(reverse("home")).status_code == 200
    nearest = current_index().query(world.brand.name, limit=1)
    assert nearest[0].entry.key == f"brand:{world.brand.pk}"


def test_a_replace_that_fails_half_way_leaves_data_and_files_as_they_were(
    world, uploaded, tmp_path, settings
):
    path = backup(tmp_path)
    brand_part = next(t for t in manifest_of(path)["tables"] if t["model"] == "brands.brand")
    fields = brand_part["fields"]

    def dangling_org(data: bytes) -> bytes:
        rows = [json.loads(line) for line in data.splitlines()]
        rows[0][fields.index("org_id")] = 987654  # an organisation the archive does not hold
        return b"".join(json.dumps(row).encode() + b"\n" for row in rows)

    def fix_checksum(manifest):
        with zipfile.ZipFile(altered) as archive:
            data = archive.read(brand_part["part"])
        for table in manifest["tables"]:
            if table["model"] == "brands.brand":
                table["sha256"] = hashlib.sha256(data).hexdigest()

    altered = rewrite(path, member=brand_part["part"], change=dangling_org)
    consistent = rewrite(altered, manifest=fix_checksum)
    brand_create(actor=world.secretary, org=world.branch_b, name="备份之后的品牌")
    before, files = counts(), media(settings)

    with pytest.raises(CommandError, match="(?s)相互引用不完整.*已撤销恢复"):
        restore(consistent, "--replace")

    assert counts() == before and media(settings) == files
    assert Brand.objects.filter(name="备份之后的品牌").exists()


def _change_file(path, manifest):
    member = "files/" + manifest["files"][0]["path"]
    return rewrite(path, member=member, change=flip_one_byte), "校验值或大小不符"


def _change_count(path, manifest):
    def one_more(edited):
        next(t for t in edited["tables"] if t["model"] == "orgs.organization")["rows"] += 1

    return rewrite(path, manifest=one_more), "orgs.organization 清单记为 7 行，实有 6 行"


def _change_data(path, manifest):
    part = next(t for t in manifest["tables"] if t["model"] == "core.user")["part"]
    return rewrite(path, member=part, change=flip_one_byte), "的校验值不符"


def _corrupt_archive(path, manifest):
    """One byte of the archive file itself changed, in the compressed rows of a table."""
    part = next(t for t in manifest["tables"] if t["model"] == "orgs.member")["part"]
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    name_length, extra_length = struct.unpack(
        "<HH", raw[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_length + extra_length
    raw[start + info.compress_size // 2] ^= 0x01
    damaged = path.with_name("damaged.zip")
    damaged.write_bytes(bytes(raw))
    return damaged, "已损坏"


def _newer_code(path, manifest):
    def from_the_future(edited):
        edited["migrations"]["orgs"].append("0999_from_a_later_version")

    return rewrite(path, manifest=from_the_future), "较新版本.*orgs.0999_from_a_later_version"


def _unknown_app(path, manifest):
    def added_app(edited):
        edited["tables"].append({**edited["tables"][-1], "model": "reports.report"})

    return rewrite(path, manifest=added_app), "较新版本.*reports.report"


def _unsafe_path(path, manifest):
    def escape(edited):
        edited["files"][0]["path"] = "../../outside.txt"

    return rewrite(path, manifest=escape), "路径不安全"


def _not_a_backup(path, manifest):
    other = path.with_name("notes.zip")
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("notes.txt", "not a backup")
    return other, "不是本平台的备份"


@pytest.mark.parametrize(
    "alter",
    [
        _change_file,
        _change_count,
        _change_data,
        _corrupt_archive,
        _newer_code,
        _unknown_app,
        _unsafe_path,
        _not_a_backup,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_an_altered_or_unsuitable_archive_is_refused_and_nothing_changes(
    world, uploaded, tmp_path, settings, alter
):
    path = backup(tmp_path)
    altered, reason = alter(path, manifest_of(path))
    brand_create(actor=world.secretary, org=world.branch_b, name="备份之后的品牌")
    before, files = counts(), media(settings)

    with pytest.raises(CommandError, match=reason):
        restore(altered, "--replace")
    with pytest.raises(CommandError, match=reason):
        restore(altered, "--verify-only")

    assert counts() == before and media(settings) == files
    assert not (tmp_path.parent / "outside.txt").exists()


def test_verify_only_checks_an_archive_without_changing_anything(world, uploaded, tmp_path):
    path = backup(tmp_path)
    Organization.objects.filter(pk=world.branch_a.pk).update(name="改过的支部名")
    output = restore(path, "--verify-only")
    assert "完好" in output and "校验值与行数均相符" in output
    assert Organization.objects.get(pk=world.branch_a.pk).name == "改过的支部名"


def test_a_missing_archive_is_named(db, tmp_path):
    with pytest.raises(CommandError, match="找不到备份文件"):
        restore(tmp_path / "nowhere.zip")


def test_an_upload_folder_holding_files_is_refused_without_replace(db, tmp_path, settings):
    default_storage.save("brands/1/logo.png", ContentFile(LOGO))
    path = backup(tmp_path)  # a database without rows of its own, and one file

    with pytest.raises(CommandError, match="上传文件夹 .* 中已有文件.*--replace"):
        restore(path)

    Path(settings.MEDIA_ROOT, "brands/1/logo.png").unlink()
    assert "上传文件 1 个" in restore(path)
    assert media(settings) == {"brands/1/logo.png": LOGO}


def test_records_of_an_app_no_longer_installed_do_not_stop_a_backup(world, tmp_path):
    MigrationRecorder(connection).record_applied("retired_app", "0001_initial")
    path = backup(tmp_path)
    assert "retired_app" not in manifest_of(path)["migrations"]
    assert "已从备份" in restore(path, "--replace")
