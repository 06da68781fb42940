"""What the tests share: the personas, signed-in clients, API clients and query counts.

The personas are those of `tests.factories.build_world` (the `world` fixture):

    secretary        支部A 书记, owns the brand
    member           支部A 党员, reads only
    branch_committee 支部A 支委
    mid_admin        二级党委甲 管理员
    staff            集团党委 党建工作部
    committee_admin  集团党委 管理员
    outsider         支部B 书记, sees nothing of 支部A
    expert           评审专家 (集团)
"""

import io
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from reportlab.pdfgen.canvas import Canvas
from rest_framework.test import APIClient

from partybrand.core import clock
from partybrand.core.tokens import mark_used, token_issue
from tests.factories import PASSWORD, World, build_world

__all__ = [
    "PASSWORD",
    "PERSONAS",
    "REPO",
    "World",
    "api_client",
    "assert_queries_flat",
    "build_world",
    "client_for",
    "count_queries",
    "login",
    "moving_clock",
    "pdf_bytes",
    "persona",
    "race",
]

# The repository's top folder (tests/ sits right below it).
REPO = Path(__file__).resolve().parent.parent

PERSONAS = (
    "secretary",
    "member",
    "branch_committee",
    "mid_admin",
    "staff",
    "committee_admin",
    "outsider",
    "expert",
)


def persona(world: World, name: str):
    """The user behind a persona's name, e.g. persona(world, "mid_admin")."""
    if name not in PERSONAS:
        raise ValueError(f"no persona {name!r}; the personas are {', '.join(PERSONAS)}")
    return getattr(world, name)


def client_for(user) -> Client:
    """A browser-like client signed in as `user` through the real password check."""
    client = Client()
    assert client.login(username=user.username, password=PASSWORD), user.username
    return client


def login(world: World, name: str | None) -> Client:
    """A client signed in as the named persona; None gives an anonymous client."""
    if name is None:
        return Client()
    return client_for(persona(world, name))


def api_client(user=None) -> APIClient:
    """An API client that sends a token of `user`'s, as API callers do; anonymous without a
    user. The token counts as just used, as a running client's does, so the first request does
    not also record its use (a write at most once a minute) and query counts stay steady."""
    client = APIClient()
    if user is not None:
        token, key = token_issue(actor=user, user=user, name="测试客户端")
        mark_used(token)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def count_queries(request: Callable, *, status: int | None = 200) -> int:
    """How many database queries `request()` makes. When it returns a response, its status
    must be `status` (None: any)."""
    with CaptureQueriesContext(connection) as captured:
        result = request()
    if status is not None and hasattr(result, "status_code"):
        assert result.status_code == status, (
            result.status_code,
            getattr(result, "content", b"")[:300],
        )
    return len(captured.captured_queries)


def assert_queries_flat(make_rows: Callable, *requests: Callable, status: int | None = 200):
    """Pin that the queries of each request do not grow with the data.

    Each request runs with the rows there are now (a few), then `make_rows()` adds many more
    and each runs again: the counts must be equal. Returns the count (a list of counts for
    several requests), so a test can also pin the number itself.
    """
    assert requests, "give at least one request"
    few = [count_queries(request, status=status) for request in requests]
    make_rows()
    many = [count_queries(request, status=status) for request in requests]
    assert many == few, f"queries with a few rows: {few}, with many: {many}"
    return few[0] if len(few) == 1 else few


@cache
def pdf_bytes() -> bytes:
    """A real one-page PDF (uploads are opened with pypdf: a few bytes starting with %PDF- are
    refused)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "evidence")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class MovingClock:
    """core/clock.py's `now`, held at a moment that a test moves on instead of sleeping."""

    def __init__(self, start: datetime):
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


def moving_clock(monkeypatch, start: datetime | None = None) -> MovingClock:
    """Replace clock.now with a clock the test moves: `moving_clock(monkeypatch).advance(60)`."""
    now = MovingClock(start or datetime(2026, 3, 2, 1, 30, tzinfo=UTC))
    monkeypatch.setattr(clock, "now", now)
    return now


def race(*calls):
    """Run the calls at the same moment on their own threads (and database connections); each
    result, or the exception it raised, in the calls' order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # kept for the assertion, not lost in the thread
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def complete_meaning(brand, actor):
    """Give the brand a complete 内涵释义 (总述 and every phrase explained), which its 初审 and
    its 验收 need."""
    from partybrand.brands.services import brand_set_phrases, brand_update

    brand_update(actor=actor, brand=brand, meaning="以党建引领业务，党员带头攻坚克难。")
    brand_set_phrases(
        actor=actor, brand=brand, phrases=[("红色", "坚守初心"), ("引擎", "驱动业务发展")]
    )


def ready_brand(world):
    """支部A's brand with what its lifecycle asks before each move outside rounds: a complete
    内涵释义, a logo with its meaning, a KPI with its baseline and a plan being carried out (made
    while the brand is a draft, before its identity locks)."""
    from datetime import date

    from partybrand.brands.services import brand_set_logo, brand_update, kpi_create
    from partybrand.plans.services import plan_start
    from tests.permissions.cases.pages import png_upload
    from tests.plans.helpers import template_plan

    complete_meaning(world.brand, world.secretary)
    brand_update(
        actor=world.secretary, brand=world.brand, logo_meaning="齿轮与党旗，寓意党建驱动。"
    )
    brand_set_logo(actor=world.secretary, brand=world.brand, upload=png_upload())
    kpi_create(
        actor=world.secretary,
        brand=world.brand,
        name="客户满意度",
        unit="%",
        baseline=90,
        baseline_on=date(2025, 1, 1),
        target=95,
    )
    plan_start(actor=world.secretary, plan=template_plan(world))
    world.brand.refresh_from_db()
    return world.brand
