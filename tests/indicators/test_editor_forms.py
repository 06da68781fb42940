"""The indicator editor's forms: a malformed or foreign parent in the add form changes nothing,
a published system's forms are not offered, and a refused quick-add keeps what was typed."""

import re

import pytest
from django.urls import reverse

from tests.helpers import client_for
from tests.permissions.cases.indicators import make_system

pytestmark = pytest.mark.django_db


def test_adding_under_a_malformed_or_foreign_parent_changes_nothing(world):
    system = make_system(world)
    other = make_system(world, name="另一套考评标准")
    foreign = other.indicators.get(code="1")
    client = client_for(world.committee_admin)
    url = reverse("indicators:indicator_add", args=[system.pk])
    before = system.indicators.count()
    post = {"name": "党员教育", "points": "5", "scoring_method": "add"}
    assert client.post(url, {**post, "parent": "abc"}).status_code == 404
    response = client.post(url, {**post, "parent": foreign.pk}, follow=True)
    assert "上级指标不属于该指标体系" in response.content.decode()
    assert system.indicators.count() == before and other.indicators.count() == 6


def test_the_forms_of_a_published_system_are_not_offered(world):
    system = make_system(world, publish=True)
    item = system.indicators.get(code="2.1")
    client = client_for(world.committee_admin)
    for url in (
        reverse("indicators:system_edit", args=[system.pk]),
        reverse("indicators:indicator_edit", args=[item.pk]),
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse(
            "indicators:system_detail", args=[system.pk]
        )
        assert "已发布或已停用的指标体系不能修改" in response.content.decode()
    post = {"name": "三会一课", "points": "28", "scoring_method": "deduct"}
    client.post(reverse("indicators:indicator_edit", args=[item.pk]), post)
    item.refresh_from_db()
    assert item.points == 30


def field(page: str, element_id: str) -> str:
    """The opening tag of the element with the given id."""
    match = re.search(rf'<(?:input|select)[^>]*id="{element_id}"[^>]*>', page)
    assert match, element_id
    return match.group(0)


def test_a_refused_quick_add_shows_the_page_again_with_what_was_typed(world):
    system = make_system(world)
    first = system.indicators.get(code="1")
    client = client_for(world.committee_admin)
    url = reverse("indicators:indicator_add", args=[system.pk])
    typed = {"parent": first.pk, "name": "发展党员工作", "points": "-3", "scoring_method": "deduct"}
    response = client.post(url, typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="quick-add-error">未添加：分值：确保该值大于或等于0。' in page
    assert 'value="发展党员工作"' in field(page, f"add-{first.pk}-name")
    assert 'value="-3"' in field(page, f"add-{first.pk}-points")
    assert re.search(r'<option value="deduct" selected>', page)
    assert re.search(r'<details class="ind-add[^"]*" open>', page)  # the form is open
    assert "value=" not in field(page, "add-root-name")  # the other forms stay empty
    assert not system.indicators.filter(name="发展党员工作").exists()
    # A refusal by the service (a code already used) fills the 一级 form the same way.
    response = client.post(
        url, {"code": "1", "name": "党员教育", "points": "5", "scoring_method": "add"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "未添加：编码“1”在本体系中已被使用。" in page
    assert 'value="党员教育"' in field(page, "add-root-name")
    assert 'id="add-root" open' in page
    # Corrected, it is added.
    response = client.post(url, {**typed, "points": "3"})
    assert response.status_code == 302
    assert system.indicators.get(name="发展党员工作").parent_id == first.pk
