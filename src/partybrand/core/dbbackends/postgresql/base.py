"""Django's PostgreSQL backend, with health checks that skip a connection known to be fine.

With CONN_HEALTH_CHECKS, Django asks a kept connection `SELECT 1` before the first query of every
request: one more round trip for each request, the main cost left beside the one statement that
stores an anonymous survey answer. A connection whose last request ended without a database error
less than `RECENTLY_FINE` seconds ago is not asked again; an idle connection still is. A server
restarted inside that second costs at most one failed request per connection, after which Django
closes the connection and the next request opens a new one — as without health checks.
"""

import time

from django.db.backends.postgresql import base

RECENTLY_FINE = 1.0  # seconds


class DatabaseWrapper(base.DatabaseWrapper):
    _fine_at: float | None = None
    health_check_done: bool

    def connect(self):
        super().connect()
        self._fine_at = None

    def close_if_unusable_or_obsolete(self):
        super().close_if_unusable_or_obsolete()
        # Called when a request ends: still open and without errors means it served the request.
        if self.connection is not None and not self.errors_occurred:
            self._fine_at = time.monotonic()

    def close_if_health_check_failed(self):
        fine_at = self._fine_at
        if (
            fine_at is not None
            and not self.health_check_done
            and time.monotonic() - fine_at < RECENTLY_FINE
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
