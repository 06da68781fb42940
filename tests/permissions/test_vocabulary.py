"""One permission vocabulary: outside the organisations app, code asks for a capability of the
role table (orgs/roles.py) and never names a role or a set of roles. The demo enterprise, which
hands out roles, and migrations are exempt; so are the tests."""

import ast
from pathlib import Path

import partybrand

SRC = Path(partybrand.__file__).resolve().parent
EXEMPT = ("orgs", "demo")
# What the role table keeps to itself: callers ask `can`, `caps_over`, `roles_with`, ….
TABLE_INTERNALS = {"ROLE_CAPS", "role_paths", "roles_over", "roles_at"}


def modules():
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).parts
        if parts[0] in EXEMPT or "migrations" in parts:
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def role_queries(tree) -> list[tuple[int, str]]:
    """Keyword arguments that filter on a role (`role__in=`, `role_assignments__role=`) with
    anything but `roles_with(cap)`."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            name = keyword.arg or ""
            if not (name == "role__in" or name.endswith(("__role", "__role__in"))):
                continue
            value = keyword.value
            asks_the_table = (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id == "roles_with"
            )
            if not asks_the_table:
                found.append((keyword.lineno, name))
    return found


def offences(path: Path, tree) -> list[str]:
    where = path.relative_to(SRC)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in (
            "partybrand.orgs.choices",
            "partybrand.orgs.roles",
        ):
            for alias in node.names:
                if alias.name == "Role" or alias.name in TABLE_INTERNALS:
                    found.append(f"{where}:{node.lineno} imports {alias.name}")
        elif isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "Role":
            found.append(f"{where}:{node.lineno} names Role.{node.attr}")
    found += [f"{where}:{line} filters on {name}" for line, name in role_queries(tree)]
    return found


def test_no_code_outside_orgs_names_a_role():
    found = [offence for path, tree in modules() for offence in offences(path, tree)]
    assert not found, "ask for a capability (orgs/roles.py) instead:\n" + "\n".join(found)


def test_the_check_catches_a_role_set():
    tree = ast.parse(
        "from partybrand.orgs.choices import Role\n"
        "from partybrand.orgs.roles import role_paths\n"
        "STAFF = {Role.MID_ADMIN, Role.PARTY_OFFICE}\n"
        "RoleAssignment.objects.filter(role__in=STAFF)\n"
        "User.objects.filter(role_assignments__role='expert')\n"
        "RoleAssignment.objects.filter(role__in=roles_with(Cap.VOTE))\n"
    )
    found = offences(SRC / "plans" / "example.py", tree)
    assert len(found) == 6, found
    assert not any(":6 " in offence for offence in found)
