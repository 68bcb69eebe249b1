# The commands of the README: `make run`, `make test`, `make lint`, `make lock`. Each installs what it needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# Installs come only from the locks: exact versions, every file checked against its hash.
PIP_INSTALL := $(PY) -m pip --disable-pip-version-check install -q --require-hashes --no-deps
# One lock for every platform (Linux, macOS, Windows) on Python 3.11, from PyPI, with the hashes of every file.
LOCK := $(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock"

.PHONY: run test lint lock lock-upgrade venv venv-test clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: $(VENV)/bin/python requirements/base.lock
	$(PIP_INSTALL) -r requirements/base.lock
	touch $@

$(VENV)/.test-installed: $(VENV)/.base-installed requirements/test.lock
	$(PIP_INSTALL) -r requirements/test.lock
	touch $@

venv: $(VENV)/.base-installed
venv-test: $(VENV)/.test-installed

run: venv
	$(PY) scripts/run_local.py

test: venv-test
	$(PY) scripts/run_tests.py $(ARGS)

# The quality gate CI runs before the suite; each tool names the file at fault.
lint: venv-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Re-lock after editing requirements/base.txt or test.txt (keeps every other pin as it is).
lock: venv-test
	$(LOCK) $(LOCK_ARGS) requirements/base.txt -o requirements/base.lock
	$(LOCK) $(LOCK_ARGS) requirements/test.txt -c requirements/base.lock -o requirements/test.lock

# Move every package to its newest version allowed by the ranges in requirements/*.txt.
lock-upgrade: LOCK_ARGS = --upgrade
lock-upgrade: lock

clean:
	rm -rf var .pytest_cache .mypy_cache .coverage
