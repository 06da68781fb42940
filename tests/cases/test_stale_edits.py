"""Two people edit the same case or 汇编: the second, saving from a page opened before the first
saved, is refused and nothing of theirs overwrites the first's change."""

import pytest
from django.urls import reverse

from partybrand.cases import kinds, services
from partybrand.cases.choices import CaseState
from partybrand.cases.models import Compilation
from partybrand.core.versioning import Stale
from partybrand.documents.services import document_for, document_version
from tests.cases.builders import TEXTS, make_case
from tests.helpers import client_for
from tests.permissions.cases.cases import make_compilation


def _case_post(case, title: str, version: int) -> dict:
    return {
        "title": title,
        "authors": [a.pk for a in case.authors.all()],
        **{f"section_{k}": v for k, v in TEXTS.items()},
        "version": str(version),
    }


def test_a_title_saved_from_an_old_page_is_refused_and_the_first_title_stays(world):
    case = make_case(world)
    opened_at = document_version(document_for(kinds.CASE_KIND, case))
    url = reverse("cases:case_edit", args=[case.pk])
    client = client_for(world.secretary)

    first = client.post(url, _case_post(case, "检修一班“三亮”工作法（一稿）", opened_at))
    assert first.status_code == 302
    second = client.post(url, _case_post(case, "检修一班“三亮”工作法（二稿）", opened_at))

    assert second.status_code == 409
    assert "这条记录在您打开后已被他人修改" in second.content.decode()
    case.refresh_from_db()
    assert case.title == "检修一班“三亮”工作法（一稿）"


def test_a_book_rearranged_meanwhile_refuses_a_rename_from_before(world):
    compilation = make_compilation(world)
    opened_at = compilation.version
    other = make_case(world, CaseState.PUBLISHED, title="第二个案例")
    services.compilation_update(
        actor=world.staff, compilation=compilation, cases=[other], version=opened_at
    )
    with pytest.raises(Stale):
        services.compilation_update(
            actor=world.staff, compilation=compilation, title="改名的汇编", version=opened_at
        )
    compilation = Compilation.objects.get(pk=compilation.pk)
    assert compilation.title == "甲公司典型案例汇编"
    assert [e.case for e in compilation.entries.all()] == [other]
