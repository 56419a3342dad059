# The two set-up commands: `make demo` and `make test`. Everything else is a helper for them or for CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FRONTDOOR_DATA_DIR ?= $(CURDIR)/var
DEMO_SEED ?= 2026

.PHONY: install demo demo-data serve test lint bench evidence clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# Migrate the embedded SQLite database under var/, load the synthetic authority once, then serve.
demo: install
	mkdir -p $(FRONTDOOR_DATA_DIR)
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/frontdoor migrate --verbosity 0
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/frontdoor demo --seed $(DEMO_SEED)
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/frontdoor runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy src/frontdoor

bench: install
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/python bench/clocks.py
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/python bench/matching.py
	DJANGO_SETTINGS_MODULE=frontdoor.settings.dev $(BIN)/python bench/board.py

clean:
	rm -rf $(VENV) var .pytest_cache
