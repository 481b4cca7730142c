# Exosome facts: every target sets itself up (venv + pinned packages) first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: lock setup serve check build test unit linkcheck translations stamp new-language audit bench clean sources-online deps-lock engine-compare readability

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

setup: $(BIN)/.installed

# serve watches scripts/ (mkdocs.yml): a compiled module written there would start a rebuild
serve: setup  ## run the site locally on http://127.0.0.1:8000 (content errors are shown on the pages and here); LANG_CODE=es: a quick preview of that language (and English) only
	PYTHONDONTWRITEBYTECODE=1 SITE_URL=http://127.0.0.1:8000/ EXOFAQ_STRICT=false $(if $(LANG_CODE),EXOFAQ_PREVIEW_LANG=$(LANG_CODE)) \
		$(BIN)/mkdocs serve -a 127.0.0.1:8000 $(if $(LANG_CODE),--dirty)

check: setup  ## fast content check, no build
	$(BIN)/python -m scripts.check

build: setup  ## strict build into site/ (the hook runs the same check and aborts on errors)
	$(BIN)/mkdocs build --strict --clean

unit: setup
	$(BIN)/python -m pytest -q tests

linkcheck: build
	$(BIN)/python -m tools.linkcheck site

test: setup  ## the whole suite: unit tests, strict build, link check of the built site
	$(BIN)/python -m pytest -q tests
	$(BIN)/mkdocs build --strict --clean
	$(BIN)/python -m tools.linkcheck site
	$(BIN)/python -m pytest -q tests_site

# the pinned npm tools of `make audit` (axe-core, vnu-jar); reinstalled when the lock file changes.
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; Debian's Java is used.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

audit: setup node_modules/.package-lock.json  ## browser gate over the built site: axe (light + dark), vnu, network log, right-to-left
	@[ -f site/index.html ] || $(MAKE) build
	$(BIN)/python -m tools.audit site

# the hashed lock: requirements.in (direct pins) -> requirements.txt (every package, with hashes),
# made by pip-tools in a throwaway venv; commit both files
PIP_TOOLS := pip-tools==7.6.2
deps-lock:  ## re-make requirements.txt from requirements.in with hashes (needs PyPI)
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.txt requirements.in

ENGINE_DIR := .engine-compare
engine-compare: setup  ## build with MkDocs and with ProperDocs, compare every file (ENGINE.md)
	rm -rf $(ENGINE_DIR) && mkdir -p $(ENGINE_DIR)
	$(BIN)/mkdocs build --strict --clean --site-dir $(ENGINE_DIR)/mkdocs
	$(BIN)/properdocs build --strict --clean --site-dir $(ENGINE_DIR)/properdocs
	$(BIN)/python -m tools.engine_compare $(ENGINE_DIR)/mkdocs $(ENGINE_DIR)/properdocs

sources-online: setup  ## re-check every source online (Crossref, PubMed, ClinicalTrials.gov, URLs) -> source-check.md
	$(BIN)/python -m scripts.source_check --report source-check.md

lock: setup  ## record new pages/question ids in permalinks.lock.yml and every grade in grades.lock.yml (commit both)
	$(BIN)/python -m scripts.permalinks lock

readability: setup  ## readability of every page and language (targets: data/readability.yml)
	$(BIN)/python -m scripts.readability

translations: setup  ## per-language status: up to date / outdated / draft / missing
	$(BIN)/python -m scripts.translations status

stamp: setup  ## make stamp FILE=docs/es/page.md  (or LANG_CODE=es for every page)
	$(BIN)/python -m scripts.translations stamp $(FILE) $(if $(LANG_CODE),--lang $(LANG_CODE))

new-language: setup  ## make new-language LANG_CODE=fr
	$(BIN)/python -m scripts.translations new $(LANG_CODE)

bench: setup  ## measurements, not run in CI: checker scaling, hook overhead, Lighthouse, bytes, repro -> bench/results.md
	$(BIN)/python -m tools.bench

.PHONY: repro
repro: setup  ## build the current commit twice (fresh clones) and compare every file byte for byte
	$(BIN)/python -m tools.repro

clean:
	rm -rf site .pytest_cache .cache $(ENGINE_DIR)
