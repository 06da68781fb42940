"""Issue #11's lost update on the brand's edit page: two people open /brands/<id>/edit/, A
saves a new slogan, B saves a new name; B's form must not put the old slogan back."""

from django.urls import reverse

from partybrand.brands.models import Brand
from partybrand.core.models import AuditLog
from tests.forms_html import form_fields
from tests.helpers import login


def _open(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return form_fields(page.content.decode())


def test_the_second_of_two_open_brand_forms_is_refused_with_the_first_change_shown(world):
    url = reverse("brands:brand_edit", args=[world.brand.pk])
    a, b = login(world, "secretary"), login(world, "branch_committee")
    form_a, form_b = _open(a, url), _open(b, url)
    assert form_a["version"] == form_b["version"] == "1"

    assert a.post(url, {**form_a, "slogan": "党建引领 动力澎湃"}).status_code == 302
    refused = b.post(url, {**form_b, "name": "红色先锋"})

    assert refused.status_code == 409
    brand = Brand.objects.get(pk=world.brand.pk)
    assert (brand.name, brand.slogan, brand.version) == ("红色引擎", "党建引领 动力澎湃", 2)
    page = refused.content.decode()
    assert "这条记录在您打开后已被他人修改" in page
    conflict = page[page.index('data-testid="conflict"') :]
    assert "王书记" in conflict and "修改品牌信息" in conflict  # who, and what they did
    assert "品牌口号" in conflict and "党建引领 动力澎湃" in conflict  # their value
    assert "党建引领</span>" in conflict  # against B's (stale) value of the same field
    kept = form_fields(page)
    assert kept["name"] == "红色先锋"  # what B typed is still in the form
    assert kept["version"] == "2"  # and the form now carries the version B has seen

    # B re-applies their change over A's: the slogan A saved stays.
    assert b.post(url, {**kept, "slogan": "党建引领 动力澎湃"}).status_code == 302
    brand.refresh_from_db()
    assert (brand.name, brand.slogan, brand.version) == ("红色先锋", "党建引领 动力澎湃", 3)
    assert AuditLog.objects.filter(action="brand_update", object_id=str(brand.pk)).count() == 2


def test_a_stale_form_that_changes_nothing_itself_does_not_undo_the_other_change(world):
    url = reverse("brands:brand_edit", args=[world.brand.pk])
    a, b = login(world, "secretary"), login(world, "branch_committee")
    form_a, form_b = _open(a, url), _open(b, url)
    a.post(url, {**form_a, "slogan": "新口号"})
    assert b.post(url, form_b).status_code == 409  # B only pressed 保存 on the old page
    assert Brand.objects.get(pk=world.brand.pk).slogan == "新口号"


def test_a_phrase_change_makes_an_open_identity_form_stale(world):
    url = reverse("brands:brand_edit", args=[world.brand.pk])
    a, b = login(world, "secretary"), login(world, "branch_committee")
    form_a, form_b = _open(a, url), _open(b, url)
    saved = a.post(
        url,
        {**form_a, "phrases-0-phrase": "红色", "phrases-0-explanation": "坚持党的领导。"},
    )
    assert saved.status_code == 302
    refused = b.post(url, {**form_b, "name": "红色先锋"})
    assert refused.status_code == 409
    conflict = refused.content.decode().split('data-testid="conflict"')[1]
    assert "王书记" in conflict and "修改品牌理念释义" in conflict
    assert list(world.brand.phrases.values_list("phrase", flat=True)) == ["红色"]
