# The two commands of the README: `make run` and `make test`. Both install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check

.PHONY: run test venv venv-test clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: $(VENV)/bin/python requirements/base.txt
	$(PIP) install -q -r requirements/base.txt
	touch $@

$(VENV)/.test-installed: $(VENV)/.base-installed requirements/test.txt
	$(PIP) install -q -r requirements/test.txt
	touch $@

venv: $(VENV)/.base-installed
venv-test: $(VENV)/.test-installed

run: venv
	$(PY) scripts/run_local.py

test: venv-test
	$(PY) scripts/run_tests.py $(ARGS)

clean:
	rm -rf var .pytest_cache
