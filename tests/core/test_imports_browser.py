"""Importing organisations in a real browser: a bad file refused row by row, then the fixed one
accepted (each imported as a background job, run in the request here; its page shows the
result)."""

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from partybrand.orgs.exports import org_template_workbook
from partybrand.orgs.models import Organization
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser


def filled_template(tmp_path: Path, rows: list[list]) -> Path:
    """The downloadable template, filled in below its header as a user would."""
    workbook = openpyxl.load_workbook(io.BytesIO(org_template_workbook()))
    sheet = workbook.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)  # the user replaces the example row with real rows
    for row in rows:
        sheet.append(row)
    path = tmp_path / "组织.xlsx"
    workbook.save(path)
    return path


def test_import_refuses_a_bad_file_row_by_row_then_accepts_the_fixed_one(
    live_server, live_world, page, tmp_path
):
    before = Organization.objects.count()
    bad = filled_template(
        tmp_path,
        [
            ["T112", "检修二班党支部", "党支部", "T11"],
            ["T113", "", "党支部", "T11"],  # no name
            ["T114", "营销党支部", "党委", "T11"],  # unknown kind
            ["T115", "外部党支部", "党支部", "T21"],  # outside the user's reach
        ],
    )
    sign_in(page, live_server, "midadmin")
    page.goto(f"{live_server.url}/orgs/import/")
    page.set_input_files("input[type=file]", str(bad))
    page.click("text=检查并导入")
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(3)
    expect(page.locator("#import-errors")).to_contain_text("第 3 行")
    expect(page.locator("#import-errors")).to_contain_text("第 4 行")
    expect(page.locator("#import-errors")).to_contain_text("第 5 行")
    shot(page, "import-refused")
    assert Organization.objects.count() == before  # nothing half-imported

    good = filled_template(
        tmp_path,
        [
            ["T112", "检修二班党支部", "党支部", "T11"],
            ["T1121", "检修二班第一党小组", "党小组", "T112"],
        ],
    )
    page.goto(f"{live_server.url}/orgs/import/")  # the refusal is shown on the job's page
    page.set_input_files("input[type=file]", str(good))
    page.click("text=检查并导入")
    expect(page.locator(".alert-success")).to_contain_text("新增组织 2 个")
    assert Organization.objects.count() == before + 2

    page.goto(f"{live_server.url}/orgs/")
    page.click(f"[aria-label='展开 {live_world.committee_a.name}']")
    page.click(f"[aria-label='展开 {live_world.general_branch.name}']")
    expect(page.locator("#org-tree")).to_contain_text("检修二班党支部")
    shot(page, "tree-after-import")
