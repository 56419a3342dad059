# The two set-up commands: `make demo` and `make test`. Everything else is a helper for them or for CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FRONTDOOR_DATA_DIR ?= $(CURDIR)/var
DEMO_SEED ?= 2026

.PHONY: install demo demo-data serve test lint bench evidence clean api-check api-schema validator validate-returns bench-returns

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# Migrate the embedded SQLite database under var/, load the synthetic authority once, then serve, with
# the background worker (notifications' emails and the periodic tick, `frontdoor worker`) running beside
# the web server and stopped when it stops. Emails go to the worker's console unless EMAIL_HOST is set.
demo: install
	mkdir -p $(FRONTDOOR_DATA_DIR)
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/frontdoor migrate --verbosity 0
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/frontdoor demo --seed $(DEMO_SEED)
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/frontdoor worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/frontdoor runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest -q -p no:cacheprovider -n auto --dist loadscope

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy src/frontdoor
	PYTHONPATH=src $(BIN)/lint-imports

bench: install
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/python bench/clocks.py
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/python bench/notifications.py
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/python bench/matching.py
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/python bench/board.py --boards 50 $(if $(BENCH_COUNTY_URL),--county-url $(BENCH_COUNTY_URL)) $(if $(BENCH_NATIONAL_URL),--national-url $(BENCH_NATIONAL_URL))

# Fuzz the REST API from its own schema (Schemathesis, in-process, a throwaway database): every operation
# as every role; 0 server errors and 0 schema violations or it fails. Figures: var/evidence/api-check.json.
api-check: install
	$(BIN)/python bench/api_check.py --out $(FRONTDOOR_DATA_DIR)/evidence/api-check.json

# Publish the OpenAPI document the app serves at /api/v1/schema/.
api-schema: install
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/frontdoor api_schema --out docs/api/openapi.yaml

# The DfE children-in-need census validator needs pandas < 2 and numpy < 2, so it lives in its own
# environment (shared/domain/stack.md); pytest is an undeclared import of its command line.
VALIDATOR_VENV := .venv-cin
VALIDATOR_PIN := csc-validator-be-cin==0.1.13
$(VALIDATOR_VENV)/.installed:
	$(PYTHON) -m venv $(VALIDATOR_VENV)
	$(VALIDATOR_VENV)/bin/pip install --quiet "$(VALIDATOR_PIN)" "numpy<2" pytest
	touch $@

validator: $(VALIDATOR_VENV)/.installed

# Write the county census from the synthetic county profile and check it with the DfE validator,
# printing the ERROR and QUERY counts. The county's year (ending on the census ReferenceDate) is
# seeded once into its own database under var/; delete var/returns-county.* to seed it again.
RETURNS_YEAR ?= 2026
RETURNS_DB ?= $(FRONTDOOR_DATA_DIR)/returns-county.sqlite3
# The county is seeded with the demo's years of history, so the census holds the caseload carried in.
RETURNS_HISTORY_YEARS ?= 5
RETURNS_ENV = DJANGO_SETTINGS_MODULE=frontdoor.settings.dev DATABASE_URL=sqlite:///$(RETURNS_DB)
validate-returns: install validator
	mkdir -p $(FRONTDOOR_DATA_DIR)/returns
	test -f $(RETURNS_DB).seeded || { rm -f $(RETURNS_DB) \
		&& $(RETURNS_ENV) $(BIN)/frontdoor migrate --verbosity 0 \
		&& $(RETURNS_ENV) $(BIN)/frontdoor seed --profile county --seed $(DEMO_SEED) --end $(RETURNS_YEAR)-03-31 --history-years $(RETURNS_HISTORY_YEARS) --no-progress \
		&& touch $(RETURNS_DB).seeded; }
	$(RETURNS_ENV) $(BIN)/frontdoor cin-census --year $(RETURNS_YEAR) --validate \
		--out $(FRONTDOOR_DATA_DIR)/returns/cin-census-$(RETURNS_YEAR).xml
# Regenerate docs/security-evidence.md (slow: the authorisation matrix tries every combination).
# Set EVIDENCE_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/fd_evidence for the PostgreSQL figures.
evidence: install
	mkdir -p var/evidence
	$(BIN)/python bench/evidence.py

# Time the census and the Annex A workbook against the DfE validator checking the same file.
bench-returns: validate-returns
	$(RETURNS_ENV) $(BIN)/python bench/returns.py --year $(RETURNS_YEAR)

clean:
	rm -rf $(VENV) $(VALIDATOR_VENV) var .pytest_cache
