# Twin City: `make run` to try it, `make test` to check it. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help install install-test run serve worker migrate demo test lint format messages bench bench-matching bench-search bench-registration bench-optw cluster bench-cluster clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the site

install-test: $(VENV)/.installed-test ## Install what the tests need as well

migrate: install ## Create or update the database (SQLite in var/ unless DATABASE_URL is set)
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo content (the job fair's too) and create the editor account
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_editor

run: demo ## Set everything up and serve http://127.0.0.1:8000 with a background worker
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl-C stops the site and the worker)"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py worker & \
	$(VENV)/bin/gunicorn twincity.wsgi --bind $(HOST):$(PORT) --workers $(WEB_WORKERS) \
		--access-logfile - --graceful-timeout 5

worker: install ## Run only the background worker (tasks and scheduled publishing)
	$(PY) manage.py worker

test: install-test ## Lint, check the layers and migrations, and run the whole test suite
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest --numprocesses auto --dist loadgroup

lint: install-test ## Lint only
	$(VENV)/bin/ruff check .

format: install-test ## Format the code
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install ## Refresh and compile the Chinese translations
	cd twincity && ../$(PY) ../manage.py makemessages -l zh_Hans --no-obsolete
	$(PY) twincity/locale/fill_po.py
	cd twincity && ../$(PY) ../manage.py compilemessages -l zh_Hans

bench: install-test ## Load benchmark of the public pages (gunicorn + wrk, see bench/README.md)
	$(PY) bench/load.py

bench-matching: install-test ## Stable matching and top-k recommendations at scale, with the matching package as peer (~10 min)
	$(PIP) install --quiet -e ".[test,bench]"
	$(PY) bench/matching.py

bench-registration: install-test ## Registration rush on PostgreSQL: 2,000 attempts on 500 seats, 64 clients (wrk), 3 rounds
	$(PY) bench/registration.py --rounds 3

bench-optw: install-test ## Trip planner core on the OPTW benchmark (1 s each) beside OR-Tools, and a 3-day trip (~3 min)
	$(PIP) install --quiet -e ".[test,bench]"
	$(PY) bench/optw.py run

cluster: install-test ## The production set-up on loopback (PostgreSQL + replica, Redis, 2 app servers, worker, nginx); Ctrl-C stops it
	$(PY) bench/cluster.py serve

bench-cluster: install-test ## The cluster measured: throughput through nginx, the rush, and faults under load (~10 min)
	$(PY) bench/cluster.py bench

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var
