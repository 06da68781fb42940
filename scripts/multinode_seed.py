"""The database `make multinode` runs on, in one process (each Django start costs seconds):

- the schema, migrated once per migration state: cloned from a migrated template when there is
  one, else migrated and kept as a template for the next run (scripts/schema_clone.py);
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

from django.db import transaction  # noqa: E402

from partybrand.core.models import User  # noqa: E402
from partybrand.orgs.choices import OrgKind, Role  # noqa: E402
from partybrand.orgs.services import org_create, role_assign  # noqa: E402
from scripts.schema_clone import schema  # noqa: E402

BRANCHES = [
    ("MN111", "多节点第一党支部"),
    ("MN112", "多节点第二党支部"),
    ("MN113", "多节点第三党支部"),
]


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
