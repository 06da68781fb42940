"""In a real browser, with a real worker: an import of a few thousand members is started from
the upload page; its progress bar moves, the user leaves the page and comes back through 我的后台
任务, and the result is shown on the job's page; on a phone's width too."""

import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from partybrand.orgs.models import Member
from tests.browser import shot, sign_in
from tests.jobs.sheets import member_file, member_rows
from tests.jobs.worker import Worker, queuing_to, started

pytestmark = pytest.mark.browser

# Enough rows that the import outlasts several of the page's one-second polls on an idle machine
# (3,000 could finish between the first two, and the bar was never seen moving).
ROWS = 15000
PHONE = {"width": 390, "height": 844}


def bar_width(page) -> str | None:
    """The progress bar's width now; "ended" once the page shows the result instead."""
    try:
        return page.evaluate(
            "() => { const bar = document.querySelector('[data-job=bar]');"
            " return bar ? bar.style.width : 'ended'; }"
        )
    except PlaywrightError:  # the page reloading itself at that moment
        return None


def leave(page, url: str) -> None:
    """Go elsewhere; the job's page may be reloading itself (the job ended) at that moment."""
    try:
        page.goto(url)
    except PlaywrightError:
        page.goto(url)


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-worker")
    each = Worker(f"sqla+sqlite:///{folder / 'queue.sqlite3'}", folder)
    with django_db_blocker.unblock(), started([each]):
        yield each


def test_the_progress_bar_moves_and_the_result_waits_for_the_user(
    worker, live_server, live_world, page, settings, tmp_path
):
    settings.MEDIA_ROOT = worker.media
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(worker.cache),
        }
    }
    upload = tmp_path / "党员.xlsx"
    upload.write_bytes(member_file(member_rows(ROWS)))
    before = Member.objects.count()
    with queuing_to(worker):
        page.set_viewport_size(PHONE)
        sign_in(page, live_server, "secretary")
        page.goto(f"{live_server.url}/orgs/members/import/")
        page.set_input_files("input[type=file]", str(upload))
        page.click("text=检查并导入")
        page.wait_for_url("**/jobs/*/")
        job_url = page.url
        widths = set()
        deadline = time.monotonic() + 120
        while len(widths) < 3 and time.monotonic() < deadline:
            width = bar_width(page)
            if width == "ended":
                break
            if width and width not in widths and len(widths) == 1:
                shot(page, "job-progress-phone")  # the bar on its way
            widths.add(width)
            time.sleep(0.2)
        assert len(widths - {None}) >= 2, widths  # the bar moved

        leave(page, f"{live_server.url}/")  # the user leaves, then comes back
        page.goto(f"{live_server.url}/jobs/")
        page.locator('[data-testid="job"]').first.click()
        assert page.url == job_url
        expect(page.locator("#job-result")).to_contain_text(
            f"导入成功：新增党员 {ROWS} 个", timeout=180_000
        )
        shot(page, "job-result-phone")
    assert Member.objects.count() == before + ROWS
