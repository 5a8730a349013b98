# Rödtråd — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: run test system-packages install install-test oidc-provider lighthouse migrate demo bench bench-import clean

# Plain http on this machine, so the session cookie may not require https (see README).
run: $(VENV)/.installed  ## install, migrate, load the demo region if empty, serve on :8050
	$(BIN)/rodtrad demo --if-empty
	SESSION_COOKIE_SECURE=$${SESSION_COOKIE_SECURE:-0} $(BIN)/rodtrad serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test oidc-provider  ## install with the test extra, lint, run the whole suite
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

# The OpenID Provider the single sign-on tests start (npm's oidc-provider), when npm is here.
oidc-provider:
	@if command -v npm >/dev/null && ! [ -d tests/oidc/node_modules/oidc-provider ]; then \
		npm ci --prefix tests/oidc --no-audit --no-fund; fi

# Lighthouse (npm), which `make bench` runs on the public pages, when npm is here.
lighthouse:
	@if command -v npm >/dev/null && ! [ -d bench/lighthouse/node_modules/lighthouse ]; then \
		npm ci --prefix bench/lighthouse --no-audit --no-fund; fi

# Debian's libraries WeasyPrint needs for the report PDFs, and poppler-utils for their tests.
system-packages:  ## as root: apt-get install what .ci/apt-packages lists
	apt-get install -y --no-install-recommends $$(cat .ci/apt-packages)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: $(VENV)/.installed
	$(BIN)/rodtrad migrate

demo: $(VENV)/.installed
	$(BIN)/rodtrad demo --if-empty

bench: $(VENV)/.installed-test lighthouse
	$(BIN)/python -m bench $(BENCH_ARGS)

bench-import: $(VENV)/.installed  ## a million measurement rows through the importer (SQLite)
	$(BIN)/python -m bench.import_bench $(BENCH_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
