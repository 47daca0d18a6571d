# The README's two quick-start commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/tradedigest: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/tradedigest
	$(BIN)/tradedigest run --once

test: $(BIN)/tradedigest
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: $(BIN)/tradedigest
	$(BIN)/pip install --quiet -e '.[test,bench]'
	for b in benchmarks/[a-z]*.py; do $(BIN)/python -m benchmarks.$$(basename $$b .py) || exit 1; done

clean:
	rm -rf $(VENV) data .pytest_cache
