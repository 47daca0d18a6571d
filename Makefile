# The README's two quick-start commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean install-check

$(BIN)/tradedigest: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/tradedigest
	$(BIN)/tradedigest run --once

test: $(BIN)/tradedigest install-check
	$(BIN)/ruff check .
	$(BIN)/mypy
	# Most of the suite's time is spaCy and processes waiting on each other: spread over the
	# cores it runs in about half the time (a worker each loads the model once).
	$(BIN)/pytest -q -n auto --maxprocesses 4

# The path a new user takes: a fresh venv with the pip Python bundles (never upgraded) installs the
# package non-editable, then every module of it is imported from outside the checkout. The venv and
# its dependencies are rebuilt from scratch whenever pyproject.toml changes; the package itself is
# reinstalled (without its dependencies) on every run, so a new import is checked against them.
CHECK := .venv-install
$(CHECK)/deps: pyproject.toml
	rm -rf $(CHECK)
	$(PYTHON) -m venv $(CHECK)
	$(CHECK)/bin/pip install --quiet --quiet .
	touch $@

install-check: $(CHECK)/deps
	rm -rf build  # setuptools would pack stale modules left in build/lib
	$(CHECK)/bin/pip install --quiet --quiet --no-deps --force-reinstall .
	cd / && $(abspath $(CHECK))/bin/python $(abspath .ci/import_all.py)
	$(CHECK)/bin/tradedigest --help > /dev/null

bench: $(BIN)/tradedigest
	$(BIN)/pip install --quiet -e '.[test,bench]'
	for b in benchmarks/[a-z]*.py; do $(BIN)/python -m benchmarks.$$(basename $$b .py) || exit 1; done

clean:
	rm -rf $(VENV) $(CHECK) build data .pytest_cache
