"""gunicorn's settings for serving the platform (Makefile `serve`, docs/OPERATIONS.md):

    gunicorn -c python:partybrand.gunicorn_conf partybrand.wsgi -b 127.0.0.1:8000 -w 2

gunicorn writes `Server: gunicorn` into every answer by itself, ahead of the application's
headers (gunicorn/http/wsgi.py, Response.default_headers), so no Django middleware can take it
away. It names the software an attacker should look up; this module leaves that line out.
Loaded by the master before it forks, so every worker answers without it.
"""

from gunicorn.http.wsgi import Response

_default_headers = Response.default_headers


def _headers_without_server(self) -> list[str]:
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


Response.default_headers = _headers_without_server  # type: ignore[method-assign]

# HTTP/1.1 only: gunicorn's HTTP/2 writer adds its own `server` header (http2/response.py), and
# nginx in front speaks HTTP/1.1 to the platform anyway.
http_protocols = "h1"
