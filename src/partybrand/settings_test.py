"""Settings for the test suite: the production settings with test-only environment defaults."""

import os

os.environ.setdefault("PARTYBRAND_SECRET_KEY", "test-only-secret-key-" + "k" * 40)
os.environ.setdefault("PARTYBRAND_HTTPS", "false")
os.environ.setdefault("PARTYBRAND_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from partybrand.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
