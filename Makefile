# Every target creates or reuses the local virtual environment in .venv from pyproject.toml,
# with every version pinned by constraints.txt.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := true
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: install build serve edit fmt validate test clean dist csp bench

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# The browser editor's local backend (decap-server), installed exactly as in the committed lockfile.
DECAP_SERVER := tools/decap-server/node_modules/.package-lock.json
$(DECAP_SERVER): tools/decap-server/package.json tools/decap-server/package-lock.json
	npm ci --prefix tools/decap-server --no-audit --no-fund --loglevel=error
	touch $(DECAP_SERVER)

install: $(STAMP) $(DECAP_SERVER)

## build: strict build into site/; a failed build leaves the previous site/ as it was
build: $(STAMP)
	$(BIN)/catalogue build --site-dir site

## dist: build and pack dist/sygefravaer-katalog-<commit>.zip with its .sha256; the same commit gives the same checksum
dist: $(STAMP)
	$(BIN)/catalogue dist --site-dir site --out dist

## csp: regenerate hosting/nginx/sygefravaer-csp.conf (inline-script hashes) after upgrading Material
csp: build
	$(BIN)/catalogue csp --site-dir site

## serve: build and serve the site with live reload on http://$(ADDR)/
serve: $(STAMP)
	$(BIN)/catalogue validate
	$(BIN)/mkdocs serve --strict --livereload --dev-addr $(ADDR)

## edit: the browser editor on this machine, http://$(ADDR)/admin/index.html; saving writes catalogue/ directly (no GitHub)
edit: $(STAMP) $(DECAP_SERVER)
	$(BIN)/catalogue validate
	BIND_HOST=127.0.0.1 PORT=8081 MODE=fs GIT_REPO_DIRECTORY="$(CURDIR)" node tools/decap-server/node_modules/decap-server/dist/index.js & \
	  trap 'kill $$!' EXIT INT TERM; \
	  $(BIN)/mkdocs serve --strict --livereload --dev-addr $(ADDR)

## fmt: write every catalogue file in the canonical form (`catalogue fmt --check` only lists them)
fmt: $(STAMP)
	$(BIN)/catalogue fmt

## validate: check every catalogue file; non-zero exit on any error
validate: $(STAMP)
	$(BIN)/catalogue validate

## test: the whole test suite (needs Debian's chromium; see .ci/run)
test: $(STAMP) $(DECAP_SERVER)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## bench: build time against a plain Material site at 16, 160 and 1,600 areas; writes bench/RESULTS.md (not part of test)
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site .site.* dist $(VENV)
