"""In a real browser: a slogan pasted with a right-to-left override is refused beside the field,
with what was typed kept for correcting."""

import pytest
from playwright.sync_api import expect

from partybrand.brands.models import Brand
from tests.browser import shot, sign_in

pytestmark = pytest.mark.browser


def test_a_pasted_bidi_override_is_refused_beside_the_field(live_server, live_world, page):
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/brands/{live_world.brand.pk}/edit/")
    page.fill("#id_slogan", "党建引领\u202e展发色绿")
    page.click("button:has-text('保存')")
    expect(page.locator(".alert-danger")).to_contain_text(
        "未保存：「品牌口号」含有不可见的控制字符或文字方向控制符，请删除后再提交。"
    )
    expect(page.locator("#id_slogan")).to_have_value("党建引领\u202e展发色绿")
    shot(page, "hidden-character-refused")
    assert Brand.objects.get(pk=live_world.brand.pk).slogan == "党建引领"
