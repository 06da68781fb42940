"""In a real browser: a file too large for one post is refused with the Chinese 413 page, and a
hostile spreadsheet is refused on the import page naming the limit, on a phone too."""

import pytest
from playwright.sync_api import expect

from tests.browser import shot, sign_in
from tests.core.test_hostile_spreadsheets import random_rows, xlsx

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 760}


def test_a_post_too_large_is_refused_with_a_chinese_page(
    live_server, live_world, page, settings, tmp_path
):
    settings.MAX_REQUEST_BYTES = 64 * 1024
    big = tmp_path / "党员.xlsx"
    big.write_bytes(b"PK\x03\x04" + b"\x00" * 100 * 1024)
    sign_in(page, live_server, "midadmin")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/orgs/members/import/")
    page.set_input_files("input[type=file]", str(big))
    page.click("text=检查并导入")
    expect(page.locator("h1")).to_have_text("提交的内容过大")
    expect(page.locator("main")).to_contain_text("超过 64 KB 的上限")
    shot(page, "request-too-large-phone")


def test_a_hostile_spreadsheet_is_refused_on_the_import_page(
    live_server, live_world, page, tmp_path
):
    hostile = tmp_path / "党员.xlsx"
    hostile.write_bytes(xlsx(random_rows(10), dimension="A1:XFD1048576"))
    sign_in(page, live_server, "midadmin")
    page.goto(f"{live_server.url}/orgs/members/import/")
    page.set_input_files("input[type=file]", str(hostile))
    page.click("text=检查并导入")
    expect(page.locator("#import-errors")).to_contain_text("工作表的范围为 A1:XFD1048576")
    shot(page, "import-hostile-spreadsheet")
