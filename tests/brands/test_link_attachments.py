"""Link attachments (视频链接, 新闻稿 on the web): the brand page offers a link field, a link
alone is enough, and only web addresses are taken; a refused link stays in the form."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partybrand.brands.choices import AttachmentKind
from partybrand.brands.forms import AttachmentForm
from partybrand.brands.models import Attachment
from partybrand.brands.services import attachment_add
from tests.helpers import login

VIDEO = "https://v.example.cn/party/red-engine.mp4"


def test_the_attachment_form_has_a_link_field_and_takes_a_link_alone():
    form = AttachmentForm({"kind": AttachmentKind.VIDEO, "title": "主题党日视频", "url": VIDEO})
    assert "url" in form.fields and form.fields["url"].label == "链接"
    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == VIDEO


@pytest.mark.parametrize("link", ["ftp://files.example.cn/a.mp4", "javascript:alert(1)", "视频"])
def test_the_attachment_form_refuses_what_is_no_web_address(link):
    form = AttachmentForm({"kind": AttachmentKind.NEWS, "title": "新闻稿", "url": link})
    assert not form.is_valid()
    assert form.errors["url"] == ["链接须是以 http:// 或 https:// 开头的网址。"]


def test_the_brand_page_shows_the_link_field(world):
    page = login(world, "secretary").get(reverse("brands:brand_detail", args=[world.brand.pk]))
    html = page.content.decode()
    assert 'name="url"' in html and "文件与链接二选一" in html


def test_a_video_link_is_added_from_the_brand_page_and_opens_from_it(world):
    client = login(world, "secretary")
    response = client.post(
        reverse("brands:attachment_add", args=[world.brand.pk]),
        {"kind": AttachmentKind.VIDEO, "title": "主题党日视频", "url": VIDEO},
        follow=True,
    )
    html = response.content.decode()
    assert "已添加附件。" in html
    assert f'href="{VIDEO}"' in html and "主题党日视频" in html
    attachment = Attachment.objects.get(brand=world.brand)
    assert (attachment.kind, attachment.url, bool(attachment.file)) == ("video", VIDEO, False)


def test_a_refused_link_comes_back_in_the_form_as_typed(world):
    client = login(world, "secretary")
    response = client.post(
        reverse("brands:attachment_add", args=[world.brand.pk]),
        {"kind": AttachmentKind.NEWS, "title": "新闻稿", "url": "ftp://files.example.cn/a"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "链接须是以 http:// 或 https:// 开头的网址。" in html
    assert 'value="ftp://files.example.cn/a"' in html
    assert not Attachment.objects.filter(brand=world.brand).exists()


def test_neither_file_nor_link_names_both_and_both_fields_are_there(world):
    client = login(world, "secretary")
    response = client.post(
        reverse("brands:attachment_add", args=[world.brand.pk]),
        {"kind": AttachmentKind.VIDEO, "title": "视频"},
    )
    html = response.content.decode()
    assert "请上传文件或填写链接（二选一）" in html and 'name="url"' in html


def test_the_service_refuses_a_link_that_is_no_web_address(world):
    with pytest.raises(ValidationError) as refused:
        attachment_add(
            actor=world.secretary,
            brand=world.brand,
            kind=AttachmentKind.VIDEO,
            title="视频",
            url="javascript:alert(1)",
        )
    assert refused.value.message_dict == {"url": ["链接须是以 http:// 或 https:// 开头的网址。"]}
