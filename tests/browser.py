"""Helpers for the browser tests: sign in through the real form, keep screenshots to look at."""

from pathlib import Path

from tests.factories import PASSWORD

# Kept outside pytest-playwright's own output folder, which it empties at every run.
SHOTS = Path(__file__).resolve().parent.parent / "test-screens"


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
