# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install plugins lint bench-migrate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml $(wildcard plugins/*/pyproject.toml)
	$(BIN)/pip install --quiet -e '.[test]'
	@for p in plugins/*/; do [ -f "$$p/pyproject.toml" ] && $(BIN)/pip install --quiet -e "$$p" || true; done
	touch $(STAMP)

install: $(STAMP) ## Create the virtualenv and install Atrium, its plugins and test tools.

run: install ## Run the platform on http://localhost:8000 (embedded PostgreSQL + Redis unless DATABASE_URL/REDIS_URL are set).
	$(MAKE) panel
	$(BIN)/atrium run

test: install ## Run the whole test suite.
	$(MAKE) panel
	$(MAKE) panel-test
	$(BIN)/pytest -n 2 --dist loadfile

.PHONY: panel e2e

panel: install ## Build the web panel into frontend/dist when one of its sources changed (npm ci, npm run build).
	$(BIN)/python tests/e2e/panel_build.py

e2e: panel ## Only the browser tests: Playwright drives Debian's chromium (/usr/bin/chromium) against the real platform.
	$(BIN)/pytest tests/e2e

# The panel's npm dependencies, installed (npm ci) when package-lock.json is newer than node_modules.
PANEL_DEPS := cd frontend && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }

.PHONY: panel-test api-client

panel-test: ## The panel's lint (ESLint) and unit tests (Vitest, frontend/src/**/__tests__).
	$(PANEL_DEPS) && npm run lint && npm test

api-client: install ## Regenerate frontend/openapi.json and the panel's typed client (frontend/src/generated/api.d.ts) from the API.
	$(BIN)/python frontend/scripts/dump_openapi.py
	$(PANEL_DEPS) && npm run api-client

bench-migrate: install ## Benchmark provisioning and `atrium migrate` over many tenant schemas.
	$(BIN)/python bench/migrate_tenants.py

.PHONY: bench-inbox

bench-inbox: install ## Benchmark webhook ingest (against a minimal Flask ceiling), POST-to-SSE latency and the inbox list of 100,000 contacts.
	$(BIN)/python bench/webhook_ingest.py
	$(BIN)/python bench/e2e_latency.py
	$(BIN)/python bench/conversation_list.py

.PHONY: bench-panel

bench-panel: panel ## Measure the inbox's first paint and the panel's JavaScript size in Debian's chromium (bench/panel_paint.py).
	$(BIN)/python bench/panel_paint.py

clean:
	rm -rf $(VENV) var
