# The two commands: `make demo` and `make test`. Each sets up what it needs, idempotently.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PB := $(VENV)/bin/partybrand
PORT ?= 8000
DEMO_PASSWORD ?= demo12345
VENDOR := src/partybrand/static/vendor/.copied
DEMO_ENV = PARTYBRAND_SECRET_KEY="$$(cat var/secret_key)" PARTYBRAND_HTTPS=false PARTYBRAND_DEMO=true \
	DEMO_PASSWORD="$(DEMO_PASSWORD)"
TEST_ENV = DJANGO_SETTINGS_MODULE=partybrand.settings_test
# pip repeats a line for every configured package index that lacks a package; keep real output.
PIP_QUIET = { grep -v 'is ignored: it is neither a file nor a directory' || true; }

.PHONY: setup system-deps demo demo-data serve test fuzz multinode lint bench fmt lock clean

setup: system-deps $(VENV)/.installed $(VENDOR)

system-deps:
	@bash scripts/system-deps.sh

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock 2>&1 | $(PIP_QUIET)
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e . 2>&1 | $(PIP_QUIET)
	@touch $@

node_modules/.package-lock.json: package-lock.json
	npm ci --silent --no-audit --no-fund

$(VENDOR): node_modules/.package-lock.json scripts/vendor-assets.sh
	@bash scripts/vendor-assets.sh
	@touch $@

var/secret_key:
	@mkdir -p var
	@$(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

demo: setup var/secret_key demo-data serve

demo-data: setup var/secret_key
	$(DEMO_ENV) $(PB) migrate --noinput -v0
	$(DEMO_ENV) $(PB) collectstatic --noinput -v0
	$(DEMO_ENV) $(PB) seed_demo

# gunicorn and a task queue worker with the daily jobs' scheduler (scripts/serve.sh), on the
# database-backed queue unless PARTYBRAND_BROKER_URL names Redis or RabbitMQ.
WORKER_CONCURRENCY ?= 1

serve: var/secret_key
	@echo "平台地址：http://127.0.0.1:$(PORT)/  后台任务进程（含每日定时任务）同时运行；Ctrl+C 全部停止"
	@$(DEMO_ENV) PARTYBRAND_ALLOWED_HOSTS=127.0.0.1,localhost PORT=$(PORT) VENV=$(VENV) \
		WORKER_CONCURRENCY=$(WORKER_CONCURRENCY) bash scripts/serve.sh

lint: setup
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

# Two workers (the machines have two cores); a test file stays on one worker, so its module
# fixtures are built once. Browser tests run as their own step, also on two workers: each
# worker has its own test database and live server.
PYTEST_PARALLEL ?= -n 2 --dist loadfile --no-loadscope-reorder
# `make test FUZZ=0` leaves the API fuzz out (.ci/run then fuzzes on PostgreSQL instead).
FUZZ ?= 1

test: lint
	@mkdir -p var
	$(TEST_ENV) $(PB) makemigrations --check --dry-run
	$(VENV)/bin/pytest -m "not browser" $(PYTEST_PARALLEL)
	$(VENV)/bin/pytest -m browser $(PYTEST_PARALLEL)
	@if [ "$(FUZZ)" != 0 ]; then $(PY) scripts/fuzz_api.py; fi

# The API fuzzed from its OpenAPI schema as a branch secretary and as the admin, against
# gunicorn serving a fresh demo (a scratch SQLite file, or DATABASE_URL's server): no server
# error and no answer the schema does not describe (scripts/fuzz_api.py).
fuzz: setup
	$(PY) scripts/fuzz_api.py --coverage

# Two app nodes on one PostgreSQL database (partybrand_multinode, made fresh), Redis and a shared
# data folder, with one Celery worker: sessions, login locks, the similarity index, uploads and
# queued jobs hold across nodes (scripts/multinode.py; PostgreSQL and Redis must be running).
multinode: setup
	$(PY) scripts/multinode.py

# BENCH_SIZE=small (the default: each benchmark at its usual size, the similarity index at 100,000
# names, member imports of 20,000 rows) or full (the issue's scale: the cockpit's 50,000
# branches, on which the spine, plans and assessments pages are measured again, 1,000,000 names
# and 100,000-row imports; hours). The cockpit runs first: at full size the three after it reuse
# its database.
BENCH_SIZE ?= small
export BENCH_SIZE

bench: setup
	$(PY) bench/bench_cockpit.py
	$(TEST_ENV) $(PY) bench/bench_spine.py
	$(PY) bench/bench_surveys.py
	$(PY) bench/bench_textsim.py
	$(PY) bench/bench_forbidden.py
	$(PY) bench/bench_index_memory.py
	$(PY) bench/bench_assessments.py
	$(PY) bench/bench_plans.py
	$(PY) bench/bench_assistant.py
	$(PY) bench/bench_knowledge.py
	$(PY) bench/bench_imports.py
	$(PY) bench/bench_documents.py
	$(PY) bench/bench_rounds.py

fmt: setup
	$(VENV)/bin/ruff format src tests bench scripts
	$(VENV)/bin/ruff check --fix src tests bench scripts

lock:
	$(PY) -m pip freeze --exclude-editable --exclude partybrand > requirements.lock

clean:
	rm -rf $(VENV) node_modules src/partybrand/static/vendor var
