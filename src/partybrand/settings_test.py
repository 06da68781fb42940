"""Settings for the test suite: the production settings with test-only environment defaults."""

import os
import tempfile

os.environ.setdefault("PARTYBRAND_SECRET_KEY", "test-only-secret-key-" + "k" * 40)
os.environ.setdefault("PARTYBRAND_HTTPS", "false")
os.environ.setdefault("PARTYBRAND_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
# Background jobs run inside the request (after its commit) unless a test starts a real worker
# (tests/jobs/worker.py), which sets this to false for the worker it starts.
os.environ.setdefault("PARTYBRAND_TASKS_EAGER", "true")

from partybrand.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests run as a real installation: the demo password is refused; a test about the demo sets it.
DEMO_MODE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A real worker started by a test (tests/jobs/worker.py) shares the test's cache through a folder:
# the live progress and the worker's heartbeat.
if os.environ.get("PARTYBRAND_TEST_CACHE_DIR"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["PARTYBRAND_TEST_CACHE_DIR"],
        }
    }

# A SQLite test database in a file (in memory where /dev/shm is), not Django's shared-cache
# in-memory one: threads in a test then lock as the embedded default does (WAL, busy timeout),
# so racing requests can be tried; shared-cache memory fails them with "table is locked".
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _shm = "/dev/shm"  # noqa: S108 (a test database, named per process)
    _scratch = _shm if os.path.isdir(_shm) else tempfile.gettempdir()
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(_scratch, f"partybrand-test-{os.getpid()}.sqlite3")
    }
