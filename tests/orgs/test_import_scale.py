"""Large rolls import in batches: the queries of an import do not grow with its rows, every
created or changed record still gets its own audit row, and a progress bar hears about it."""

from partybrand.core.models import AuditLog
from partybrand.orgs.imports import import_members, import_orgs
from partybrand.orgs.models import Member, Organization
from tests.core.test_imports import MEMBER_HEADERS, ORG_HEADERS, id_number, make_upload
from tests.helpers import count_queries

FEW, MANY = 10, 40  # within one batch of inserts on SQLite (999 variables a query)


def member_rows(start: int, count: int, job: str = "职员") -> list[list]:
    return [
        [
            f"党员{i:05d}",
            "男" if i % 2 else "女",
            "",
            "2010-07-01",
            "正式党员",
            "T111",
            job,
            f"139{i:08d}",
            id_number(f"11010119800101{i:03d}"),
            f"E{i:05d}",
        ]
        for i in range(start, start + count)
    ]


def queries_of(call, *, actor, upload) -> int:
    """The queries of one import by a fresh copy of `actor` (whose roles are read once)."""
    fresh = type(actor).objects.get(pk=actor.pk)
    return count_queries(lambda: call(actor=fresh, upload=upload), status=None)


def test_creating_four_times_the_members_makes_the_same_queries(world):
    few = queries_of(
        import_members,
        actor=world.secretary,
        upload=make_upload(MEMBER_HEADERS, member_rows(0, FEW)),
    )
    many_rows = member_rows(FEW, MANY)
    many = queries_of(
        import_members, actor=world.secretary, upload=make_upload(MEMBER_HEADERS, many_rows)
    )
    assert many == few
    assert Member.objects.filter(name__startswith="党员").count() == FEW + MANY


def test_updating_four_times_the_members_makes_the_same_queries(world):
    rows = member_rows(0, FEW + MANY)
    import_members(actor=world.secretary, upload=make_upload(MEMBER_HEADERS, rows))
    changed = [[*row[:6], "支部委员", *row[7:]] for row in rows]
    few = queries_of(
        import_members, actor=world.secretary, upload=make_upload(MEMBER_HEADERS, changed[:FEW])
    )
    many = queries_of(
        import_members, actor=world.secretary, upload=make_upload(MEMBER_HEADERS, changed[FEW:])
    )
    assert many == few
    assert set(
        Member.objects.filter(name__startswith="党员").values_list("job_title", flat=True)
    ) == {"支部委员"}


def test_creating_four_times_the_organisations_makes_the_same_queries(world):
    def rows(start, count):
        return [
            [f"X{i:04d}", f"新支部{i}", "党支部", "T1", "", "", "", i]
            for i in range(start, start + count)
        ]

    few = queries_of(
        import_orgs, actor=world.mid_admin, upload=make_upload(ORG_HEADERS, rows(0, FEW))
    )
    many = queries_of(
        import_orgs, actor=world.mid_admin, upload=make_upload(ORG_HEADERS, rows(FEW, MANY))
    )
    assert many == few
    parent = Organization.objects.get(code="T1")
    paths = list(Organization.objects.filter(code__startswith="X").values_list("path", flat=True))
    assert len(set(paths)) == FEW + MANY and all(p.startswith(parent.path) for p in paths)
    assert parent.child_count == parent.children.count()


def test_each_created_or_changed_member_has_its_audit_row_without_personal_numbers(world):
    rows = member_rows(0, 3)
    import_members(actor=world.secretary, upload=make_upload(MEMBER_HEADERS, rows))
    member = Member.objects.get(name="党员00001")
    created = AuditLog.objects.get(action="member_create", object_id=str(member.pk))
    assert created.changes == {"name": "党员00001", "org": member.org.name}
    assert created.actor == world.secretary and created.org_path == member.org.path

    moved = [[*rows[1][:7], "13700000000", *rows[1][8:]]]
    result = import_members(actor=world.secretary, upload=make_upload(MEMBER_HEADERS, moved))
    assert (result.created, result.updated) == (0, 1)
    member.refresh_from_db()
    assert member.phone == "13700000000" and member.version == 2
    updated = AuditLog.objects.get(action="member_update", object_id=str(member.pk))
    assert updated.changes == {"phone": ["(已修改)", "(已修改)"]}
    created = AuditLog.objects.filter(action="member_create", object_repr__startswith="党员")
    assert created.count() == 3


def test_each_created_organisation_has_its_audit_row(world):
    rows = [
        ["Y1", "新总支", "党总支", "T1", "", "", "", 1],
        ["Y2", "新总支第一支部", "党支部", "Y1", "", "", "", 2],
    ]
    import_orgs(actor=world.mid_admin, upload=make_upload(ORG_HEADERS, rows))
    child = Organization.objects.get(code="Y2")
    audit = AuditLog.objects.get(action="org_create", object_id=str(child.pk))
    assert audit.changes["name"] == "新总支第一支部" and audit.org_path == child.path
    assert child.parent.code == "Y1" and child.parent.child_count == 1


def test_progress_is_reported_from_the_read_file_to_the_last_row_written(world):
    reports = []
    rows = member_rows(0, 30)
    import_members(
        actor=world.secretary,
        upload=make_upload(MEMBER_HEADERS, rows),
        on_progress=lambda done, total: reports.append((done, total)),
    )
    assert reports[0] == (0, 60) and reports[-1] == (60, 60)
    assert (30, 60) in reports  # validation over, writing begins
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)
    assert len(reports) > 10  # often enough for a progress bar
