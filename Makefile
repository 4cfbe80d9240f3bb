# The ATT Portal's two commands:
#   make run   - the portal on its embedded default (SQLite, file-system Celery broker) with demo data
#   make test  - the whole test suite (PostgreSQL and Redis when CI=true or DATABASE_URL is set)
# Both install what is missing: Debian packages, then a virtual environment in .venv.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
# The suite runs on every core, up to four (each process has its own test database and
# Celery queue); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; echo $$n)
PYTEST_ARGS ?=

# Debian packages: Python's venv, Pango for WeasyPrint, HarfBuzz's subsetter (WeasyPrint
# embeds fonts three times faster with it: the watermark of every DIEF download), fonts for
# Chinese and Arabic PDFs, poppler to read PDFs in tests, gettext for translations.
RUN_PACKAGES := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk gettext
# A real browser for the end-to-end tests (never a downloaded one).
TEST_PACKAGES := poppler-utils chromium chromium-driver
# The benchmark's load generator.
BENCH_PACKAGES := wrk

define install_debian_packages
	@missing=""; for pkg in $(1); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

.PHONY: help run test install system-packages test-system-packages lint lock worker beat messages \
	bench-seed bench bench-database

help:
	@echo "make run    - run the portal with demo data on http://$(HOST):$(PORT)/"
	@echo "make test   - run the whole test suite"
	@echo "make lint   - ruff and the migrations check"
	@echo "make lock   - re-pin requirements.lock from pyproject.toml"
	@echo "make messages - bring the five catalogues up to date with the code, and list what needs a translator"
	@echo "make bench-seed - fill the PostgreSQL database of DATABASE_URL with a portal's volume (BENCH_SCALE=1.0)"
	@echo "make bench  - measure pages, PDFs and beat tasks on it (BENCH_ARGS=--quick for short runs)"

system-packages:
	$(call install_debian_packages,$(RUN_PACKAGES))

test-system-packages: system-packages
	$(call install_debian_packages,$(TEST_PACKAGES))

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

install: system-packages $(VENV)/.installed
	@$(PY) manage.py compilemessages --ignore=.venv -v 0

# The demo's settings; links in mail point where `make run` serves the portal.
RUN_ENV = DEBUG=true DEMO_MODE=true PORTAL_BASE_URL="$${PORTAL_BASE_URL:-http://$(HOST):$(PORT)}"

run: install
	@mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --noinput -v 0
	$(RUN_ENV) $(PY) manage.py seed_demo
	@echo ""
	@echo "  ATT Portal: http://$(HOST):$(PORT)/"
	@echo "  Demo logins: secretariat, dief-chair, wgeti-chair, delegate-sp, delegate-sig, delegate-obs, ngo, expert"
	@echo "  Password: $${DEMO_PASSWORD:-att-demo}"
	@echo ""
	@export $(RUN_ENV); \
	$(VENV)/bin/celery -A att_portal worker --pool=solo --without-mingle --without-gossip -l warning & worker=$$!; \
	$(VENV)/bin/celery -A att_portal beat -S django -l warning --pidfile= & beat=$$!; \
	trap 'kill $$worker $$beat 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# axe-core for the accessibility check of the browser tests, pinned in package-lock.json,
# with Node.js and npm from Debian's packages where the machine has no npm yet.
node_modules/axe-core/axe.min.js: package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		echo "Installing Debian packages: nodejs npm"; \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test: install test-system-packages node_modules/axe-core/axe.min.js
	@if [ "$${CI:-}" = "true" ]; then \
		export DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/att_portal}"; \
		export CELERY_BROKER_URL="$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}"; \
		$(PY) -m tests.services ensure || exit 1; \
	fi; \
	$(PY) -m ruff check . && \
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run

lock: $(VENV)/.installed
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

worker: install
	$(VENV)/bin/celery -A att_portal worker -l info

beat: install
	$(VENV)/bin/celery -A att_portal beat -S django -l info

# The translators' command: every catalogue gets the strings of the code (new ones empty,
# changed ones fuzzy); then the count of what is left to translate in each.
messages: install
	$(PY) manage.py makemessages -a --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=static --ignore=node_modules -v 0
	@for po in locale/*/LC_MESSAGES/django.po; do \
		printf '%s: ' "$$po"; msgfmt --statistics -o /dev/null "$$po"; \
	done
	$(PY) manage.py compilemessages --ignore=.venv -v 0

# The benchmark (README, "Benchmark"): on PostgreSQL only, with production settings.
BENCH_SCALE ?= 1.0
BENCH_ARGS ?=
BENCH_ENV = DJANGO_SETTINGS_MODULE=bench.settings

bench-database:
	@case "$${DATABASE_URL:-}" in postgres://*|postgresql://*) ;; \
	*) echo "The benchmark runs on PostgreSQL: set DATABASE_URL, e.g."; \
	   echo "  createdb -h 127.0.0.1 -U postgres att_bench"; \
	   echo "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/att_bench make $(MAKECMDGOALS)"; \
	   exit 2;; esac

bench-seed: install bench-database
	$(BENCH_ENV) $(PY) -m bench.seed --scale $(BENCH_SCALE)

bench: install bench-database
	$(call install_debian_packages,$(BENCH_PACKAGES))
	$(BENCH_ENV) $(PY) -m bench.run $(BENCH_ARGS)
