# Parley: `make run` serves the demo site, `make test` runs every test.
# Everything either needs is installed here, so both work on a fresh machine.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_URL_TEST ?= redis://127.0.0.1:6379/15
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000
# Where links in mail point (make run: the address it serves).
SITE_URL ?= http://$(HOST):$(PORT)
WORKERS ?= 2
THREADS ?= 2
PROD := DJANGO_SETTINGS_MODULE=parley.config.settings.prod
# Serving: granian's ASGI interface, so that open event streams
# hold no thread; every other request runs in THREADS threads a worker through
# parley/config/asgi.py. BACKPRESSURE bounds the requests, open streams
# included, a worker takes at once (granian's default is 512).
BACKPRESSURE ?= 10000
SERVE = PARLEY_WSGI_THREADS=$(THREADS) $(BIN)/granian --interface asginl --no-ws \
	--backpressure $(BACKPRESSURE) --host $(HOST) --port $(PORT)

.PHONY: run serve-prod test lint format chromium gettext messages compilemessages services test-sqlite test-postgres contract bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_moderation_demo
	$(BIN)/python manage.py load_support_demo
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py taskworker --stop-with $$PPID &
	@echo "Parley is serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/; Ctrl-C stops it)"
	@# One process: live updates travel within it unless REDIS_URL is set.
	SITE_URL=$(SITE_URL) $(SERVE) --workers 1 parley.config.asgi:application

# Production mode against DATABASE_URL / REDIS_URL: N app processes under granian,
# static files from WhiteNoise. Refuses unsafe settings (a weak SECRET_KEY, a
# wildcard ALLOWED_HOSTS, DEBUG) before anything else. See docs/operations.md.
serve-prod: $(INSTALLED)
	$(PROD) $(BIN)/python manage.py check --deploy --fail-level ERROR
	$(PROD) $(BIN)/python manage.py collectstatic --noinput -v0
	$(PROD) $(BIN)/python manage.py migrate --noinput
	ulimit -n 65536 2>/dev/null; $(PROD) $(SERVE) --workers $(WORKERS) \
		--respawn-failed-workers parley.config.asgi:application

chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium)

# GNU gettext: makemessages reads the sources with xgettext, compilemessages
# writes .mo with msgfmt. Only for changing translations and for the test that
# the catalogues hold every marked string: `make run` serves the committed .mo.
gettext:
	@command -v xgettext >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gettext)

# Each app with a locale/ keeps its own catalogue (docs/operations.md,
# Translations): extract its marked strings into each language's .po, then,
# once they are translated, compile the .mo files that are committed with them.
LANGUAGES_TRANSLATED := de fr es ar
LOCALE_APPS := $(patsubst parley/%/locale,%,$(wildcard parley/*/locale))
messages: $(INSTALLED) gettext
	@for app in $(LOCALE_APPS); do (cd parley/$$app && \
		DJANGO_SETTINGS_MODULE=parley.config.settings.test ../../$(BIN)/django-admin makemessages \
		--no-location --no-obsolete $(addprefix -l ,$(LANGUAGES_TRANSLATED))) || exit 1; done

compilemessages: $(INSTALLED) gettext
	@for app in $(LOCALE_APPS); do (cd parley/$$app && \
		DJANGO_SETTINGS_MODULE=parley.config.settings.test ../../$(BIN)/django-admin compilemessages) || exit 1; done

services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || $(SUDO) pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
	@for i in $$(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=parley.config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: $(INSTALLED)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The whole suite on SQLite (with the browser tests), then again on PostgreSQL
# with the Redis cache.
test: $(INSTALLED) chromium gettext services lint test-sqlite test-postgres

test-sqlite: $(INSTALLED)
	$(BIN)/pytest -p no:cacheprovider

test-postgres: $(INSTALLED)
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_URL_TEST) $(BIN)/pytest -p no:cacheprovider

# The API's contract alone: the OpenAPI snapshot, the declared statuses and
# schemathesis against the live document (part of every `make test` pass too).
contract: $(INSTALLED)
	$(BIN)/pytest -p no:cacheprovider tests/api/test_openapi.py tests/api/test_contract.py tests/api/test_schemathesis.py

clean:
	rm -rf $(VENV) var/parley.sqlite3* test-artifacts .hypothesis

# Parley and Isso side by side (embedded SQLite, then PostgreSQL + Redis), Parley's
# pages against the static-file limit, the in-process read timings and search on
# 100,000 articles; figures land
# in docs/benchmarks.md, each mode's results in benchmarks/results/*.json and the
# chart drawn from them in docs/benchmarks-chart.svg. Loopback only.
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/parley_bench
BENCH_SEARCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/parley_search_bench
bench: $(INSTALLED) services
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk)
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='parley_bench'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres parley_bench
	$(BIN)/python benchmarks/run.py --seconds 10 --write docs/benchmarks.md
	$(BIN)/python benchmarks/run.py --seconds 10 --database-url $(BENCH_PG_URL) \
		--redis-url redis://127.0.0.1:6379/14 --write docs/benchmarks.md
	$(BIN)/python benchmarks/read_thread.py --rounds 200
	$(BIN)/python benchmarks/intake.py --posts 300
	@# Search on 100,000 articles (docs/search.md), SQLite then PostgreSQL.
	$(BIN)/python benchmarks/search.py
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='parley_search_bench'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres parley_search_bench
	$(BIN)/python benchmarks/search.py --database-url $(BENCH_SEARCH_PG_URL)
	cd benchmarks && ../$(BIN)/python toxicity.py
	@echo "Posting with the rules-only scorer instead of the model (the trade-off in docs/benchmarks.md):"
	$(BIN)/python benchmarks/run.py --seconds 10 --only post --scorers parley.moderation.scoring.rules.RuleScorer
