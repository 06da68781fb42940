"""The production storage of static files: WhiteNoise's compressed manifest storage, whose URLs
are worked out once per name.

A page asks for the URL of its stylesheets, scripts and icon (eight on every page of the frame),
each time looking the name up in the manifest and joining it to STATIC_URL. The manifest is read
when the process starts and does not change while it runs (collectstatic comes with a restart),
so each name's URL is kept after the first time. In debug mode, where the files are served
unhashed as they are edited, nothing is kept.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

KEPT_MAX = 4096  # names; a page names a few dozen


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        if settings.DEBUG:
            return super().url(name, force)
        key = (name, force)
        url = self._urls.get(key)
        if url is None:
            url = super().url(name, force)
            if len(self._urls) < KEPT_MAX:
                self._urls[key] = url
        return url
