"""gunicorn's settings for serving the platform (Makefile `serve`, docs/OPERATIONS.md,
docs/DEPLOYMENT.md):

    gunicorn -c python:partybrand.gunicorn_conf partybrand.wsgi -b 127.0.0.1:8000 -w 2

- Threaded workers (gthread, `threads`): each worker process answers up to four requests at once.
  A sync worker answers one and idles while the database works, and closes every connection; a
  threaded one overlaps those waits and keeps connections alive (nginx's upstream keepalive,
  docs/DEPLOYMENT.md). Measured with bench/bench_surveys.py (docs/OPERATIONS.md "Serving").
  Each thread holds its own database connection: workers x threads per node.
- No `Server` header. gunicorn writes `Server: gunicorn` into every answer by itself, ahead of the
  application's headers (gunicorn/http/wsgi.py, Response.default_headers), so no Django middleware
  can take it away. It names the software an attacker should look up; this module leaves that
  line out. Loaded by the master before it forks, so every worker answers without it.
- gunicorn's own log lines (start, workers, time-outs, and its access lines if asked for) in the
  platform's form (core/logformat.py, PARTYBRAND_LOG_FORMAT): one JSON object per line, the access
  line without the query string, which may carry personal data.
- Metrics across worker processes (core/metrics.py): every worker writes its values into a folder
  of this server's own, emptied at start, and a worker's files are marked dead when it exits.
  The folder is named after the host and the address bound, so nodes sharing a DATA_DIR never
  share it. Not with `--preload`: the application would then be loaded before the folder is set.
"""

import os
import shutil
import socket

from gunicorn import glogging
from gunicorn.http.wsgi import Response

from partybrand.core import requestid
from partybrand.core.config import data_dir
from partybrand.core.logformat import FORMATTERS, log_format

_default_headers = Response.default_headers


def _headers_without_server(self) -> list[str]:
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


Response.default_headers = _headers_without_server  # type: ignore[method-assign]

# HTTP/1.1 only: gunicorn's HTTP/2 writer adds its own `server` header (http2/response.py), and
# nginx in front speaks HTTP/1.1 to the platform anyway.
http_protocols = "h1"

threads = 4  # `--threads` on the command line overrides it; 1 is the sync worker


class PlatformLogger(glogging.Logger):
    """gunicorn's logger writing through the platform's formatter."""

    def setup(self, cfg):
        super().setup(cfg)
        formatter = FORMATTERS[log_format()]()
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(formatter)

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = str(resp.status or "").split(None, 1)[0]
        headers = {name.lower(): value for name, value in resp.headers or []}
        token = requestid.bind(headers.get("x-request-id"))
        try:
            self.access_log.info(
                "%s %s %s",
                environ.get("REQUEST_METHOD"),
                environ.get("PATH_INFO", "")[:300],
                status,
                extra={
                    "method": environ.get("REQUEST_METHOD"),
                    "path": environ.get("PATH_INFO", "")[:300],
                    "status": int(status) if status.isdigit() else None,
                    "duration_ms": round(request_time.total_seconds() * 1000, 1),
                    "client": environ.get("REMOTE_ADDR", ""),
                },
            )
        finally:
            requestid.reset(token)


logger_class = PlatformLogger


def metrics_dir(server) -> str:
    bound = "_".join(str(address) for address in server.cfg.bind)
    name = "".join(
        c if c.isalnum() or c in ".-" else "_" for c in f"{socket.gethostname()}-{bound}"
    )
    return str(data_dir() / "metrics" / name)


def on_starting(server):
    folder = os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", metrics_dir(server))
    shutil.rmtree(folder, ignore_errors=True)  # the values of a previous run of this server
    os.makedirs(folder, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess  # noqa: PLC0415 (after the folder is set)

    multiprocess.mark_process_dead(worker.pid)
