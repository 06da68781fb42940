"""The case API: a client writes a case's parts, takes it up the way and reads its timeline; a
汇编 keeps the order sent; a 新闻稿 drafted from an activity takes the activity's facts."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partybrand.cases import services
from partybrand.cases.choices import CaseState
from partybrand.cases.models import CasePhoto
from partybrand.core import clock
from tests.cases.builders import make_case, photo
from tests.helpers import api_client
from tests.permissions.cases.cases import activity


def test_a_client_writes_submits_and_reads_the_way_of_a_case(world):
    case = make_case(world, texts=False)
    secretary = api_client(world.secretary)
    texts = {
        "summary": "摘要。",
        "background": "背景。",
        "practice": "做法。",
        "results": "成效。",
    }
    answer = secretary.patch(f"/api/v1/cases/{case.pk}/", {"texts": texts}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["texts"]["practice"] == "做法。"
    refused = secretary.patch(
        f"/api/v1/cases/{case.pk}/", {"texts": {"nonsense": "x"}}, format="json"
    )
    assert refused.status_code == 400
    steps = f"/api/v1/cases/{case.pk}/steps/"
    assert secretary.post(steps, {"action": "submit"}, format="json").status_code == 200
    reviewer = api_client(world.mid_admin)
    returned = reviewer.post(steps, {"action": "return", "comment": ""}, format="json")
    assert returned.status_code == 400  # a return says what must change
    returned = reviewer.post(steps, {"action": "return", "comment": "请补充数据。"}, format="json")
    body = returned.json()
    assert body["state"] == CaseState.RETURNED
    assert [s["action"] for s in body["steps"]] == ["submit", "return"]
    assert body["steps"][-1]["comment"] == "请补充数据。"


def test_a_compilation_keeps_the_order_sent_and_refuses_drafts(world):
    one = make_case(world, CaseState.PUBLISHED, title="一")
    two = make_case(world, CaseState.PUBLISHED, title="二")
    draft = make_case(world, title="草稿")
    staff = api_client(world.staff)
    made = staff.post(
        "/api/v1/cases/compilations/",
        {"org": world.committee_a.pk, "title": "汇编", "cases": [two.pk, one.pk]},
        format="json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["cases"] == [two.pk, one.pk]
    refused = staff.patch(
        f"/api/v1/cases/compilations/{made.json()['id']}/",
        {"cases": [draft.pk]},
        format="json",
    )
    assert refused.status_code == 400


def test_a_news_release_from_an_activity_takes_its_facts(world):
    act = activity(world)
    answer = api_client(world.secretary).post(
        "/api/v1/cases/news/", {"brand": world.brand.pk, "activity": act.pk}, format="json"
    )
    assert answer.status_code == 201, answer.content
    news = answer.json()
    assert news["happened_on"] == clock.today().isoformat()
    assert news["place"] == "1号机组" and news["result"] == "排查隐患12项"


def test_a_client_corrects_an_adoption_recorded_as_not_adopted(world):
    case = make_case(world, CaseState.REPORTED)
    report = case.reports.get()
    client = api_client(world.staff)
    url = reverse("api:cases-case-adoption", args=[case.pk])
    first = client.post(url, {"report": report.pk, "adopted": False}, format="json")
    assert first.status_code == 200 and first.json()["state"] == "reported"
    fixed = client.post(
        url,
        {
            "report": report.pk,
            "adopted": True,
            "level": "province",
            "adopted_on": clock.today().isoformat(),
        },
        format="json",
    )
    assert fixed.status_code == 200, fixed.content
    body = fixed.json()
    assert body["state"] == "adopted"
    assert body["reports"][0]["adopted"] is True and body["reports"][0]["level"] == "province"


def test_a_client_uploads_captions_and_removes_a_cases_photos(world):
    case = make_case(world, photos=0)
    secretary = api_client(world.secretary)
    photos = f"/api/v1/cases/{case.pk}/photos/"
    # a file that only says it is a picture is refused, and with it the good one sent beside it
    fake = SimpleUploadedFile("伪装.png", b"not a picture", content_type="image/png")
    refused = secretary.post(photos, {"photos": [photo("好.png"), fake]}, format="multipart")
    assert refused.status_code == 400, refused.content
    assert not CasePhoto.objects.filter(case=case).exists()

    sent = [photo("检修.png"), photo("讲解.png")]
    answer = secretary.post(photos, {"photos": sent, "caption": "党员带队排查隐患"})
    assert answer.status_code == 201, answer.content
    listed = answer.json()["photos"]
    assert [p["caption"] for p in listed] == ["党员带队排查隐患", "党员带队排查隐患"]

    second = f"{photos}{listed[1]['id']}/"
    renamed = secretary.patch(second, {"caption": "向客户讲解办电流程"}, format="json")
    assert renamed.status_code == 200, renamed.content
    assert renamed.json()["photos"][1]["caption"] == "向客户讲解办电流程"
    too_long = secretary.patch(second, {"caption": "长" * 61}, format="json")
    assert too_long.status_code == 400
    assert CasePhoto.objects.get(pk=listed[1]["id"]).caption == "向客户讲解办电流程"

    # another case's photo is not reached through this case
    other = make_case(world, photos=1, title="另一个案例")
    stray = f"{photos}{other.photos.get().pk}/"
    assert secretary.delete(stray).status_code == 404
    assert secretary.delete(second).status_code == 204
    assert list(case.photos.values_list("caption", flat=True)) == ["党员带队排查隐患"]

    # once submitted, the photos are fixed until the case comes back
    assert secretary.post(photos, {"photos": [photo("补拍.png")]}).status_code == 201
    services.case_submit(actor=world.secretary, case=case)
    late = secretary.post(photos, {"photos": [photo("再补.png")]})
    assert late.status_code == 403
    assert case.photos.count() == 2
