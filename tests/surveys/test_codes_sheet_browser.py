"""In a real browser: the secretary asks for the print sheet of the survey's one-time codes; the
page goes to the job (run at once here), which offers the PDF to download; the same form sent
twice starts one job."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from partybrand.jobs.models import Job
from partybrand.surveys.choices import RepeatPolicy
from partybrand.surveys.services import codes as services
from tests.browser import shot, sign_in
from tests.permissions.cases.surveys import make_survey

pytestmark = pytest.mark.browser


def test_the_print_sheet_is_made_as_a_job_and_downloaded_from_its_page(
    live_server, live_world, page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    survey = make_survey(live_world, repeat_policy=RepeatPolicy.CODE)
    made = services.codes_create(actor=survey.created_by, survey=survey, count=14)
    sign_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/surveys/{survey.pk}/")
    shot(page, "surveys-codes-button")
    page.get_by_test_id("codes-sheet").click()
    expect(page.locator("#job-result")).to_contain_text("共 14 个未使用的作答码")
    job = Job.objects.get()
    assert page.url.endswith(job.get_absolute_url())
    shot(page, "surveys-codes-job-done")
    with page.expect_download() as info:
        page.get_by_role("link", name=f"下载{survey.title}-一次性作答码.pdf").click()
    path = tmp_path / "codes.pdf"
    info.value.save_as(path)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 2
    assert services.shown(made[-1].code) in reader.pages[1].extract_text()

    page.go_back()  # the survey's page again: the same form sent twice (a repeated click)
    page.evaluate(
        """async () => {
          const form = document.querySelector('[data-testid=codes-sheet]').form;
          const data = new FormData(form);
          for (const _ of [1, 2]) await fetch(form.action, {method: 'POST', body: data});
        }"""
    )
    assert Job.objects.count() == 2  # the first sheet's job, and one job for the two sends
