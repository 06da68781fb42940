"""On a phone: the secretary sets up a 示范岗 and records an activity with a photo; the group's
staff judge it from what it did."""

import pytest
from playwright.sync_api import expect

from partybrand.promotion.models import Carrier
from tests.browser import shot, sign_in
from tests.promotion.helpers import jpeg

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_a_carrier_is_set_up_recorded_and_recognised_on_a_phone(
    live_server, live_world, browser, tmp_path
):
    photo = tmp_path / "排查现场.jpg"
    photo.write_bytes(jpeg(size=(640, 480)).read())

    page = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/promotion/")
    expect(page.locator("h1")).to_contain_text("活动载体")
    page.click("text=新建载体")
    page.select_option("#id_kind", "post")
    page.fill("#id_name", "检修一班党员示范岗")
    page.select_option("#id_leader", label="李党员")
    page.check("label:has-text('李党员') >> xpath=preceding-sibling::input")
    page.fill("#id_area", "1号机组检修现场")
    page.fill("#id_commitment", "检修质量我把关，安全隐患我排查。")
    page.check("label:has-text('亮身份') >> xpath=preceding-sibling::input")
    page.check("label:has-text('亮承诺') >> xpath=preceding-sibling::input")
    shot(page, "promotion-carrier-form-390")
    page.click("button:has-text('保存')")
    expect(page.locator(".alert-success")).to_contain_text("已新建活动载体")
    expect(page.locator("h1")).to_contain_text("检修一班党员示范岗")

    page.click("text=记录活动")
    page.fill("#id_place", "1号机组汽机房")
    page.fill("#id_content", "党员带队开展检修前隐患排查，逐台核对检修工艺卡。")
    page.fill("#id_result_label_1", "排查隐患")
    page.fill("#id_result_number_1", "12")
    page.fill("#id_result_unit_1", "项")
    page.set_input_files("#id_photos", str(photo))
    shot(page, "promotion-activity-form-390")
    page.click("button:has-text('保存活动')")
    expect(page.locator(".alert-success")).to_contain_text("已记录活动")
    expect(page.locator("[data-testid=activity]")).to_contain_text("排查隐患 12项")
    expect(page.locator("[data-testid=activity] img")).to_be_visible()
    shot(page, "promotion-carrier-detail-390")
    carrier = Carrier.objects.get(name="检修一班党员示范岗")
    assert carrier.activities.get().photos.get().title == "排查现场"

    staff = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(staff, live_server, "staff")
    staff.goto(f"{live_server.url}/promotion/?kind=post")
    staff.click("text=检修一班党员示范岗")
    staff.click("a:has-text('评定')")
    expect(staff.locator("[data-testid=totals]")).to_contain_text("12项")
    staff.fill("#id_criteria", "承诺公开、活动经常、成效可量化。")
    staff.fill("#id_plaque_on", "")
    shot(staff, "promotion-recognition-390")
    staff.click("button:has-text('保存评定')")
    expect(staff.locator(".alert-success")).to_contain_text("党员示范岗（予以认定）")
    expect(staff.locator("[data-testid=recognition]")).to_contain_text("予以认定")
    shot(staff, "promotion-recognised-390")
    staff.goto(f"{live_server.url}/promotion/")
    expect(staff.locator("[data-testid=carrier]")).to_contain_text("党员示范岗")
    shot(staff, "promotion-list-390")
