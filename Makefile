# Two commands on a fresh machine: `make serve` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install build check site serve preview lighthouse test test-cpu clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	# pip byte-compiles what it installs, but not an editable package: compile ours too, so
	# that `edition` does not compile its modules on every run where bytecode is not written
	# (PYTHONDONTWRITEBYTECODE); Python ignores a .pyc whose source has changed since.
	$(BIN)/python -m compileall -q scripts/edition
	touch $(STAMP)

install: $(STAMP)

## build: sources → docs/ generated pages and bib/
build: $(STAMP)
	$(BIN)/edition build

## check: generated files current, and every proof and validation green
check: $(STAMP)
	$(BIN)/edition build --check
	$(BIN)/edition check

## site: a static build into site/
site: build
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

## serve: build and serve at http://127.0.0.1:8000; an edit under sources/ or scripts/ is
## rebuilt (edition watch, incrementally) and mkdocs serve rebuilds only the pages that changed
## (--dirty; strict mode would abort it, and the served search index then holds only the
## rebuilt pages). `make serve SERVE_FLAGS=--strict` rebuilds the whole site on every change;
## `make site` and the tests always build everything with --strict.
SERVE_FLAGS ?= --dirty --no-strict
serve: build
	$(BIN)/edition watch & watcher=$$!; trap 'kill $$watcher' EXIT INT TERM; \
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve $(SERVE_FLAGS) -a 127.0.0.1:8000

## preview: build the site and serve it at http://127.0.0.1:8000 with gzip, as readers get it
preview: site
	$(BIN)/python tools/serve.py --port 8000 site

## lighthouse: Lighthouse 12 (mobile, Debian Chromium) on a text page and the glossary,
## uncompressed and with gzip; exits 1 below the targets (README); reports in .lighthouse/
lighthouse: site
	$(BIN)/python tools/lighthouse.py site

## test: every test — unit, golden, site in a browser
test: $(STAMP)
	$(BIN)/python -m pytest

## test-cpu: `make test`, and where the machine's CPU went meanwhile, the browser included
test-cpu: $(STAMP)
	$(BIN)/python tools/cpu_by_process.py $(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache .hypothesis .lighthouse
