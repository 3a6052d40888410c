# Two commands set everything up: `make run` and `make test`. Each creates .venv on first
# use and reinstalls only when pyproject.toml or constraints.txt changed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: run test test-full bench lint format lock clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.run-installed: pyproject.toml constraints.txt | $(BIN)/python
	@echo "Installing Small Victories into $(VENV) (first run only)..." >&2
	@$(PIP) install -q -c constraints.txt -e . >&2
	@touch $@

$(VENV)/.test-installed: pyproject.toml constraints.txt | $(BIN)/python
	@echo "Installing Small Victories and its test tools into $(VENV)..." >&2
	@$(PIP) install -q -c constraints.txt -e '.[test]' >&2
	@touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	@$(BIN)/victories run

test: $(VENV)/.test-installed
	$(BIN)/pytest

test-full: $(VENV)/.test-installed
	VICTORIES_FULL_TESTS=1 $(BIN)/pytest

bench: $(VENV)/.test-installed
	$(BIN)/python -m benchmarks

lint: $(VENV)/.test-installed
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

format: $(VENV)/.test-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-pin every dependency after changing the ranges in pyproject.toml.
lock: $(VENV)/.test-installed
	$(PIP) install -q pip-tools
	$(BIN)/pip-compile --quiet --extra test --strip-extras --no-header --no-emit-index-url \
		--no-emit-find-links --output-file constraints.txt pyproject.toml

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
