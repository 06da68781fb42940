#!/usr/bin/env bash
# The platform on one machine (`make serve`): gunicorn for the pages and one Celery worker with
# the daily jobs' scheduler embedded (-B) for the background work, on the queue the settings name
# (by default the database-backed queue in var/queue.sqlite3). Ctrl+C stops both. gunicorn's
# workers are threaded (threads in partybrand/gunicorn_conf.py): two processes x four threads.
set -euo pipefail
: "${PORT:=8000}" "${VENV:=.venv}" "${WORKER_CONCURRENCY:=1}"

"$VENV/bin/celery" -A partybrand worker -B --concurrency "$WORKER_CONCURRENCY" \
	--loglevel warning --without-gossip --without-mingle &
worker=$!
stop_worker() {
	kill -TERM "$worker" 2>/dev/null || true
	wait "$worker" 2>/dev/null || true
}
trap stop_worker EXIT
trap 'exit 130' INT TERM

"$VENV/bin/gunicorn" -c python:partybrand.gunicorn_conf partybrand.wsgi -b "127.0.0.1:$PORT" -w 2 \
	--limit-request-line 0 --log-level warning
