# Every target creates or reuses the local virtual environment in .venv from pyproject.toml,
# with every version pinned by constraints.txt.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := true
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: install build serve edit fmt validate test clean dist csp bench zensical system-serve system-test system-edit

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,zensical]'
	touch $(STAMP)

# The browser editor's local backend (decap-server), installed exactly as in the committed lockfile.
DECAP_SERVER := tools/decap-server/node_modules/.package-lock.json
$(DECAP_SERVER): tools/decap-server/package.json tools/decap-server/package-lock.json
	npm ci --prefix tools/decap-server --no-audit --no-fund --loglevel=error
	touch $(DECAP_SERVER)

install: $(STAMP) $(DECAP_SERVER)

## system-serve, system-test, system-edit: the Debian packages a target needs; installed when run as root, else the
## exact apt-get command is printed (.ci/system-packages)
system-serve system-test system-edit:
	bash .ci/system-packages $(@:system-%=%)

## build: strict build into site/; a failed build leaves the previous site/ as it was
build: $(STAMP)
	$(BIN)/catalogue build --site-dir site

## dist: build and pack dist/sygefravaer-katalog-<commit>.zip with its .sha256; the same commit gives the same checksum
dist: $(STAMP)
	$(BIN)/catalogue dist --site-dir site --out dist

## zensical: the same catalogue built with Zensical into site-zensical/ (the way off Material; MkDocs stays the default)
zensical: $(STAMP)
	$(BIN)/catalogue zensical --site-dir site-zensical

## csp: regenerate hosting/nginx/sygefravaer-csp.conf (inline-script hashes) after upgrading Material
csp: build
	$(BIN)/catalogue csp --site-dir site

## serve: build and serve the site with live reload on http://$(ADDR)/; a rebuild renders only the pages that changed
serve: system-serve $(STAMP)
	$(BIN)/catalogue validate
	$(BIN)/mkdocs serve --strict --livereload --dirty --dev-addr $(ADDR)

## edit: the browser editor on this machine, http://$(ADDR)/admin/index.html; saving writes catalogue/ directly (no GitHub)
edit: system-edit $(STAMP) $(DECAP_SERVER)
	$(BIN)/catalogue validate
	BIND_HOST=127.0.0.1 PORT=8081 MODE=fs GIT_REPO_DIRECTORY="$(CURDIR)" node tools/decap-server/node_modules/decap-server/dist/index.js & \
	  trap 'kill $$!' EXIT INT TERM; \
	  $(BIN)/mkdocs serve --strict --livereload --dirty --dev-addr $(ADDR)

## fmt: write every catalogue file in the canonical form (`catalogue fmt --check` only lists them)
fmt: $(STAMP)
	$(BIN)/catalogue fmt

## validate: check every catalogue file; non-zero exit on any error
validate: $(STAMP)
	$(BIN)/catalogue validate

## test: the whole test suite; installs (as root) or names the Debian packages it needs first
test: system-test $(STAMP) $(DECAP_SERVER)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## bench: build time against a plain Material site at 16, 160 and 1,600 areas, Lighthouse and the serve rebuild;
## writes bench/RESULTS.md (not part of test). BENCH_ARGS="--only web": Lighthouse, build ratio, rebuild at 16 areas
bench: $(STAMP)
	test -d bench/node_modules || npm ci --prefix bench --no-audit --no-fund
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site .site.* dist site-zensical .zensical .cache $(VENV)
