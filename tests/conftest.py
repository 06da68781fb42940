import os
from pathlib import Path

import pytest
from django.test.utils import setup_databases, teardown_databases

from tests import dbtemplate
from tests.shared_world import SharedWorld, uses_shared_world

# Playwright's sync API runs an event loop; Django's ORM calls from fixtures are still safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Fixtures that start Chromium or a live server: a test using one is a browser test.
BROWSER_FIXTURES = {"page", "browser", "context", "new_context", "live_server", "live_world"}


# Fixtures through which a test reaches the database (django_db_setup: a child process's own
# database cloned from the suite's, tests/scratch_db.py).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "world",
    "live_server",
    "live_world",
    "django_db_setup",
}


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="only tests that reach the database (CI's repeat on PostgreSQL: the others would "
        "run exactly as they did on SQLite)",
    )


def pytest_collection_modifyitems(config, items):
    """Browser tests run as their own step (`pytest -m browser`); one that lacks the marker would
    slip into the parallel suite, so collecting it is an error. The files are put in the order the
    parallel run should hand them out (see `long_files_first`)."""
    if config.getoption("--database-tests-only"):
        kept, left = [], []
        for item in items:
            reaches = DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
            (kept if reaches or item.get_closest_marker("django_db") else left).append(item)
        config.hook.pytest_deselected(items=left)
        items[:] = kept
    unmarked = [
        item.nodeid
        for item in items
        if (
            BROWSER_FIXTURES & set(getattr(item, "fixturenames", ()))
            or Path(str(item.fspath)).stem.endswith("_browser")
        )
        and item.get_closest_marker("browser") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "browser tests without `pytestmark = pytest.mark.browser`: " + ", ".join(unmarked)
        )
    items[:] = long_files_first(items)


def long_files_first(items: list) -> list:
    """Files marked `slow(seconds=…)` first, longest first (the seconds a file takes on a quiet
    machine, roughly), then the others by their number of tests, most first; each file's tests
    keep their order. `--dist loadfile` with `--no-loadscope-reorder` (the Makefile)
    hands files out in this order, so a file of a few long tests (a demo restored in a child
    process) no longer starts last and keeps one worker busy while the other waits."""
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(str(item.fspath), []).append(item)

    def weight(tests: list) -> tuple[int, int]:
        marks = [m for t in tests for m in t.iter_markers("slow")]
        return (-max((m.kwargs["seconds"] for m in marks), default=0), -len(tests))

    return [item for tests in sorted(files.values(), key=weight) for item in tests]


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """pytest-django's own fixture, but the schema comes from a template migrated once per
    engine and migration state (tests/dbtemplate.py) instead of every worker migrating."""
    verbosity = request.config.option.verbose

    def setup(keepdb: bool):
        return setup_databases(verbosity=verbosity, interactive=False, keepdb=keepdb)

    with django_db_blocker.unblock():
        config = dbtemplate.prepare(setup)
    yield
    with django_db_blocker.unblock():
        try:
            teardown_databases(config, verbosity=verbosity)
        except Exception as exc:  # noqa: BLE001 (a leftover database is reported, not fatal)
            request.node.warn(pytest.PytestWarning(f"test database not removed: {exc!r}"))


@pytest.fixture(scope="session")
def _shared_world(django_db_setup, django_db_blocker):
    """One world per test process (tests/shared_world.py), rolled back at the end."""
    shared = SharedWorld()
    yield shared
    shared.close(django_db_blocker)


@pytest.fixture
def _django_db_helper(_world_transaction, _django_db_helper):
    """pytest-django's helper, which opens each test's transaction, preceded by opening or closing
    the shared world's: this fixture's arguments are set up in order, the original helper last."""
    return _django_db_helper


@pytest.fixture
def _world_transaction(request, _shared_world, django_db_blocker):
    if uses_shared_world(request):
        _shared_world.open(django_db_blocker)
    else:
        _shared_world.close(django_db_blocker)


@pytest.fixture
def world(db, _shared_world):
    if _shared_world.is_open:
        return _shared_world.load()
    from tests.factories import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploads and the theme index file go to the test's own folder, never to var/: parallel
    # workers (whose SQLite test databases share one name) would otherwise share one index file.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.THEME_INDEX_PATH = tmp_path / "theme-index" / "index.pkl"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium; no browser is downloaded. The flags keep it off the (closed) network.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def live_world(transactional_db):
    from tests.factories import build_world

    return build_world()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A Redis server of the test session's own (Debian's redis-server), as production's shared
    cache: started on a free port, with nothing written to disk, stopped at the end."""
    import shutil
    import socket
    import subprocess
    import time

    import redis

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(  # noqa: S603 (a fixed program with our own arguments)
        [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(params=["file", "redis"])
def production_cache(request, settings, tmp_path):
    """The caches production uses, one after the other: the file cache the workers of one
    machine share, and Redis (REDIS_URL) across nodes."""
    from django.core.cache import cache

    if request.param == "file":
        backend = {
            "BACKEND": "partybrand.core.filecache.FileCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    else:
        backend = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": request.getfixturevalue("redis_url"),
        }
    settings.CACHES = {"default": backend}
    cache.clear()
    return request.param
