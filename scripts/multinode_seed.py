"""The database `make multinode` runs on, in one process (each Django start costs seconds):

- the schema, migrated once per migration state: cloned from a migrated template when there is
  one — the test suite's on PostgreSQL (`partybrand_tpl_<digest>`, tests/dbtemplate.py: CI runs
  that suite first) or this script's own (`partybrand_multinode_tpl_<digest>`) — else migrated
  and kept as this script's template for the next run;
- what the checks need and no more, instead of `seed_demo`'s minutes: a group committee with one
  company committee and three branches, the branch secretaries `secretary1` (signs in, adds a
  brand, imports members) and `secretary2` (whose name is locked), and the committee
  administrator `committee`, all with the password DEMO_PASSWORD, made through the services the
  product uses.

Run with the nodes' environment once DATABASE_URL's database exists (empty):
`python scripts/multinode_seed.py`. Prints how the schema came and secretary1's branch code.
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
from django.db import connections, transaction  # noqa: E402

from partybrand.core.models import User  # noqa: E402
from partybrand.orgs.choices import OrgKind, Role  # noqa: E402
from partybrand.orgs.services import org_create, role_assign  # noqa: E402
from tests.dbtemplate import PG_LOCK, PG_PREFIX, migrations_digest  # noqa: E402

OWN_PREFIX = "partybrand_multinode_tpl_"

BRANCHES = [
    ("MN111", "多节点第一党支部"),
    ("MN112", "多节点第二党支部"),
    ("MN113", "多节点第三党支部"),
]


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


def account(username: str, display_name: str, password: str, org, role: str) -> User:
    user = User(username=username, display_name=display_name)
    user.set_password(password)
    user.save()
    role_assign(actor=None, user=user, org=org, role=role)
    return user


@transaction.atomic
def seed(password: str) -> str:
    group = org_create(
        actor=None, parent=None, name="多节点集团党委", kind=OrgKind.GROUP_COMMITTEE, code="MN0"
    )
    company = org_create(
        actor=None, parent=group, name="多节点公司党委", kind=OrgKind.COMMITTEE, code="MN1"
    )
    branches = [
        org_create(actor=None, parent=company, name=name, kind=OrgKind.BRANCH, code=code)
        for code, name in BRANCHES
    ]
    account("committee", "周管理", password, group, Role.COMMITTEE_ADMIN)
    account("secretary1", "王书记", password, branches[0], Role.SECRETARY)
    account("secretary2", "李书记", password, branches[1], Role.SECRETARY)
    return branches[0].code


if __name__ == "__main__":
    print(schema())
    print(seed(os.environ["DEMO_PASSWORD"]))
