# Two commands for a newcomer: `make serve` and `make test`. Each sets up what
# it needs first (a virtualenv from requirements-dev.txt, node_modules from
# package-lock.json), then only redoes that when those files change.

# MkDocs 1.6 prints a banner about MkDocs 2.0 on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SERVE_URL := http://127.0.0.1:8000/

.PHONY: setup build serve check lint test bench lighthouse clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Strict build into site/ (strict is also set in mkdocs.yml; never add -q,
# which hides warnings from the strict counter in MkDocs 1.6).
build: setup
	$(BIN)/mkdocs build --strict --clean

# Served at the root of 127.0.0.1:8000 (site_url otherwise carries the
# GitHub Pages project path): Chinese at /, English at /en/.
serve: setup
	@echo "Serving on $(SERVE_URL) (中文) and $(SERVE_URL)en/ (English)"
	SITE_URL=$(SERVE_URL) $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Fast, before a commit (well under a minute): lint, types, the lock of
# published ids, the parity report, then the unit tests and the fault tests
# (small fixture sites built in-process; no build of the real docs).
check: setup lint
	$(BIN)/python scripts/id_lock.py
	$(BIN)/python scripts/check_translations.py > /dev/null
	$(BIN)/python -m pytest -q -m "unit or fault"

lint: setup
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/mypy

# Everything: the translation parity report (fails on a structural mismatch),
# then unit, build, fault-injection and browser tests.
test: setup lint
	$(BIN)/python scripts/check_translations.py
	$(BIN)/python -m pytest

# Build time of the real docs and of 200 and 2,000 synthetic terms per
# language, and what the hooks cost; then how long a phone waits for search,
# on the docs and on 2,000 synthetic terms (PERFORMANCE.md).
bench: setup
	$(BIN)/python scripts/build_cost.py
	$(BIN)/python scripts/bench.py --table 0 200 2000
	$(BIN)/python scripts/search_latency.py --synthetic 2000

# Lighthouse, offline, on Debian's Chromium: slow (about two minutes), so not
# part of `make test`; .ci/run runs it after the tests.
lighthouse: setup
	$(BIN)/python scripts/lighthouse.py

clean:
	rm -rf site .pytest_cache
