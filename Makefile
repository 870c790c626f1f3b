# The project's vocabulary: `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
# pytest-xdist workers: one per core (`auto`); 0 runs the suite in one process.
PYTEST_WORKERS ?= auto
PORT ?= 8000

.PHONY: run test test-hostile test-fast lint format migrations-check bench load soak lighthouse install chromium wrk clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_starter
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian's Chromium drives the browser tests (Playwright cannot download its own here).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# axe-core (accessibility tests) and Lighthouse (make lighthouse), pinned by package-lock.json.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test: install chromium node_modules/axe-core/axe.min.js
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The hostile-input test at full strength: 300 generated query strings on every public URL.
test-hostile: install
	HOSTILE_EXAMPLES_PER_URL=300 $(BIN)/python -m pytest tests/config/test_hostile_input.py

test-fast: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# Every speed target in one table (bench/report.py): render times, query counts, bytes sent,
# revalidation, and throughput under gunicorn + wrk. BENCH_DURATION: wrk seconds per endpoint.
BENCH_DURATION ?= 10
# The search check runs whatever the table says; make bench fails if either misses a target.
bench: install wrk
	status=0; \
	$(BIN)/python bench/report.py --duration=$(BENCH_DURATION) || status=1; \
	$(BIN)/python bench/search_cost.py || status=1; \
	exit $$status

# wrk drives the load test (Debian package).
wrk:
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; \
	fi

load: install wrk
	$(BIN)/python bench/load.py

# Editors saving through the admin at once: gunicorn + PostgreSQL + Redis, production settings.
# SOAK_DURATION: seconds of editing. Exits non-zero on any 5xx or lost save.
SOAK_DURATION ?= 60
soak: install
	$(BIN)/python bench/soak.py --duration=$(SOAK_DURATION)

lighthouse: install chromium node_modules/axe-core/axe.min.js
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
