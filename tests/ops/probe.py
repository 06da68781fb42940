"""What a restore must keep, read in a child process from one database and data folder (named by
DATABASE_URL and PARTYBRAND_DATA_DIR) and printed as JSON on the last line of its output:

- every table's row count and a digest of all its rows (ids of content types and permissions,
  which each database numbers itself, read as their natural keys);
- a few whole rows of the main tables, to show a difference readably;
- the sha256 of every uploaded file;
- whether a demo user signs in with their password and opens the home page;
- whether the similarity index answers from the file the restore built (no entry to re-encode);
- whether a new row gets a fresh id (sequences reset on PostgreSQL).

Signing in and the new row happen in a transaction rolled back, so the probe changes nothing.
Run as `python -m tests.ops.probe`.
"""

import django

django.setup()

import hashlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.migrations.recorder import MigrationRecorder  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from partybrand.brands.models import Brand  # noqa: E402
from partybrand.core.models import User  # noqa: E402
from partybrand.themes.index import holder  # noqa: E402

SAMPLED = (
    "core.user",
    "orgs.organization",
    "orgs.member",
    "brands.brand",
    "core.auditlog",
    "assessments.itemscore",
    "surveys.answer",
    "plans.task",
)


def _natural(label: str):
    """id → natural key, for the tables whose ids differ between databases."""
    if label == "contenttypes.contenttype":
        model = apps.get_model(label)
        return {
            pk: f"{a}.{m}" for pk, a, m in model.objects.values_list("pk", "app_label", "model")
        }
    model = apps.get_model(label)
    rows = model.objects.values_list(
        "pk", "content_type__app_label", "content_type__model", "codename"
    )
    return {pk: f"{a}.{m}.{c}" for pk, a, m, c in rows}


def tables() -> dict:
    natural = {label: _natural(label) for label in ("contenttypes.contenttype", "auth.permission")}
    result = {}
    for model in sorted(
        apps.get_models(include_auto_created=True), key=lambda m: m._meta.label_lower
    ):
        label = model._meta.label_lower
        if label == "sessions.session":
            continue
        fields = model._meta.local_concrete_fields
        lines = []
        for row in model._base_manager.order_by("pk").values_list(*(f.attname for f in fields)):
            values = []
            for field, value in zip(fields, row, strict=True):
                target = field.related_model._meta.label_lower if field.is_relation else None
                if label in natural and field.primary_key:
                    value = natural[label][value]
                elif target in natural and value is not None:
                    value = natural[target][value]
                values.append(value)
            # Keys sorted: PostgreSQL's jsonb keeps an object's keys in its own order.
            lines.append(json.dumps(values, default=str, ensure_ascii=False, sort_keys=True))
        if label in natural:
            lines.sort()  # the order of ids is the database's own
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
        result[label] = {"rows": len(lines), "digest": digest}
    return result


def samples() -> dict:
    result = {}
    for label in SAMPLED:
        rows = apps.get_model(label)._base_manager.order_by("pk")
        picked = [rows.values().first(), rows.values().last()]
        result[label] = json.loads(json.dumps(picked, default=str, ensure_ascii=False))
    return result


def files() -> dict:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).as_posix().startswith(".")
    }


# The pages' static files without `collectstatic`'s manifest (this site never ran it).
PLAIN_STATIC = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def sign_in() -> dict:
    with override_settings(STORAGES=PLAIN_STATIC), transaction.atomic():
        client = Client()
        login = client.post(
            reverse("login"),
            {"username": "secretary1", "password": os.environ.get("DEMO_PASSWORD", "demo12345")},
        )
        home = client.get(reverse("home"))
        transaction.set_rollback(True)
    return {"login": login.status_code, "home": home.status_code}


def new_row() -> bool:
    with transaction.atomic():
        highest = User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        user = User.objects.create_user(username="probe-after-restore")
        transaction.set_rollback(True)
    return user.pk > highest


def index() -> dict:
    brand = Brand.objects.order_by("pk").first()
    matches = holder().current().query(brand.name, limit=3)
    return {
        "expected": f"brand:{brand.pk}",
        "nearest": [[m.entry.key, round(m.score, 3)] for m in matches],
        "reencoded": holder().last_sync.get("changes"),
        "file": holder().path.is_file(),
    }


def main() -> dict:
    report = {
        "tables": tables(),
        "samples": samples(),
        "files": files(),
        "migrations": sorted(
            f"{a}.{n}" for a, n in MigrationRecorder.Migration.objects.values_list("app", "name")
        ),
        "sign_in": sign_in(),
        "new_row": new_row(),
    }
    if os.environ.get("PROBE_INDEX"):
        report["index"] = index()
    return report


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False))
