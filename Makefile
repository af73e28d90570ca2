# ICP Filing Self-Check — the two commands: `make serve` and `make test`.
# Both set up what they need on a fresh Debian machine: Chromium and CJK fonts (tests only), the venv, and
# Pyodide and Mermaid from npm (the runtime of the self-check's and the wizard's Python; the wizard's map), and
# axe-core (the browser tests' accessibility checks).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The site's public address (sitemap, canonical links; Material's instant navigation needs it to match the
# address the browser sees). The browser tests serve the site on their own port, so `make test` builds for it.
SITE_URL  ?= http://$(HOST):$(PORT)/
TEST_PORT ?= 8765
# The DNS-over-HTTPS endpoint (icp-doh) the self-check's access check asks: beside the site for `make serve`, on
# its own port for the browser tests. UPSTREAM: resolvers to ask (IP[:PORT] ...); empty means the system's.
DOH_PORT      ?= 8053
TEST_DOH_PORT ?= 8766
DOH_URL       ?= http://$(HOST):$(DOH_PORT)/resolve
UPSTREAM      ?=
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
NODE   ?= node
NPM    ?= npm

# Material 9.8 prints a long end-of-life banner on every build.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test lint pyodide-test pyodide-deps wheel snapshot build bench test-packages lock clean

## serve: set up, build and serve the site at http://$(HOST):$(PORT)/ with its DoH endpoint (icp-doh) on port
## $(DOH_PORT); Ctrl-C stops both
serve: build
	$(BIN)/python scripts/serve.py --site site --host $(HOST) --port $(PORT) --doh-port $(DOH_PORT) \
	  $(foreach upstream,$(UPSTREAM),--upstream $(upstream))

## test: set up, lint (ruff, mypy), build strictly, run every test (unit and browser), then the checker's tests under
## Pyodide
test: SITE_URL = http://127.0.0.1:$(TEST_PORT)/
test: DOH_URL = http://127.0.0.1:$(TEST_DOH_PORT)/resolve
test: test-packages lint build pyodide-deps
	@# The browser tests in two processes (pytest-xdist, a test file at a time: tests/workers.py shares the one nginx
	@# serving the site and the built DoH port between them) beside everything else in one more, then the checker's
	@# tests under Pyodide: the two cores stay busy to the end. make test is bound by CPU here, and the browser suite
	@# takes most of it (Chromium's renderers), so its tests keep a browser page where they can and open none they do
	@# not use (ARCHITECTURE.md, "Production"). The browser run's report follows the others'.
	@# (Not in test-results/: pytest-playwright empties that folder when it starts.)
	@mkdir -p build
	$(BIN)/pytest -m browser -n 2 --dist loadfile tests/browser > build/browser-tests.log 2>&1 & browser=$$!; \
	$(BIN)/pytest -m "not browser" -p no:xdist; unit=$$?; \
	$(NODE) scripts/pyodide_tests.mjs; pyodide=$$?; \
	wait $$browser; browser=$$?; \
	echo; echo "=== browser tests (build/browser-tests.log) ==="; cat build/browser-tests.log; \
	[ $$unit -eq 0 ] && [ $$pyodide -eq 0 ] && [ $$browser -eq 0 ]

## lint: ruff's checks and its formatting (pyproject.toml [tool.ruff]), and mypy, strict, on checker/ ([tool.mypy])
lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## pyodide-test: the checker's tests and doctests again in Pyodide (CPython 3.14 in WebAssembly) under Node,
## on the checker's wheel as the browser gets it, offline
pyodide-test: pyodide-deps
	$(NODE) scripts/pyodide_tests.mjs

pyodide-deps: node_modules/.installed build/pyodide-wheels/.downloaded wheel

## wheel: build the checker's wheel into build/wheels/ (what the browser loads, with Pyodide's bytecode; rebuilt
## every time)
wheel: $(BIN)/.installed node_modules/.installed
	@# setuptools copies into build/lib/ and packs all it finds there, and lists the files of an earlier build in
	@# the egg-info's SOURCES.txt: clear both, or deleted and excluded files (the TOML sources) live on.
	rm -rf build/wheels build/lib build/bdist.* *.egg-info
	$(BIN)/pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir build/wheels .
	@# The browser's bytecode, compiled by Pyodide's own Python: the worker imports ~30 modules before its first answer.
	$(NODE) scripts/compile_wheel.mjs build/wheels

## snapshot: the browser's start-up, made in Node from that wheel: a Pyodide memory snapshot of the checker started,
## into build/snapshot/ (scripts/make_snapshot.mjs; the page's worker restores it)
snapshot: wheel
	$(NODE) scripts/make_snapshot.mjs build/wheels build/snapshot

## build: build the site into site/ (broken links and missing translations fail the build), with the browser's
## Python: Pyodide from node_modules/, the checker's wheel, freshly made from checker/, and the snapshot of both
## started (hooks/browser_runtime.py); the large runtime files precompressed (.br, .gz)
build: $(BIN)/.installed node_modules/.installed snapshot
	SITE_URL=$(SITE_URL) DOH_URL=$(DOH_URL) $(BIN)/mkdocs build --strict --clean --site-dir site

## bench: page weight and load time of FAQ pages; the checker's speed (CPython, Pyodide in Node, 100,000-row CSV);
## the self-check page against a bare page starting the same Pyodide, and the wizard's first question;
## icp-doh under load; each writes artifacts/bench-<name>.json, and BENCHMARKS.md is written from them all
## (the only place the README and ARCHITECTURE.md take measured figures from)
bench: test-packages build pyodide-deps
	$(BIN)/python scripts/bench_pages.py
	$(BIN)/python scripts/bench_checker.py
	$(BIN)/python scripts/bench_self_check.py
	$(BIN)/python scripts/bench_doh.py
	$(BIN)/python scripts/benchmarks.py

# The venv, rebuilt whenever the pinned dependencies change.
$(BIN)/.installed: requirements.lock pyproject.toml doh/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e . -e ./doh
	touch $@

# Pyodide, Mermaid and axe-core from npm, exactly as package-lock.json pins them; again whenever the lock file changes.
node_modules/.installed: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	touch $@

# The wheels of pytest, hypothesis and the comparison libraries for Pyodide, from PyPI. Hypothesis ships a compiled
# wheel per platform (the others are pure Python): ask for Pyodide's, named after its ABI and Python version in its
# lock file (pyemscripten_2026_0_wasm32 and 3.14 for Pyodide 314).
PYODIDE_PLATFORM = $(NODE) -p "const {abi_version, python} = require('./node_modules/pyodide/pyodide-lock.json').info; \
	const [major, minor] = python.split('.'); \
	'--platform pyemscripten_' + abi_version + '_wasm32 --python-version ' + major + '.' + minor + \
	' --implementation cp --abi cp' + major + minor"
build/pyodide-wheels/.downloaded: requirements-pyodide.txt node_modules/.installed $(BIN)/.installed
	rm -rf build/pyodide-wheels
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --only-binary :all: $$($(PYODIDE_PLATFORM)) \
	  --dest build/pyodide-wheels -r requirements-pyodide.txt
	touch $@

# What the tests need from Debian: Chromium for the browser tests (never `playwright install`: it downloads from a
# CDN), CJK fonts so Chinese pages render in screenshots, dnsmasq as the real DNS server behind icp-doh, and nginx
# with its brotli_static module, which serves the site to the tests as production does (deploy/nginx.conf; the
# tests start their own as the current user, with their own prefix and ports). nginx's install may start Debian's
# own service on port 80 where an init system runs (not in a container without one); the tests never use it. And
# systemd for `systemd-analyze verify`, which checks the endpoint's service files (deploy/icp-doh*.service).
TEST_PACKAGES := chromium fonts-noto-cjk dnsmasq-base nginx libnginx-mod-http-brotli-static systemd
test-packages:
	@missing=$$(for package in $(TEST_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || echo $$package; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing" $$missing "from Debian ..."; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

## lock: re-resolve the dependencies in a scratch venv and pin them in requirements.lock
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check ".[site,test]" ./doh
	{ echo "# Pinned dependencies of the site and the tests; regenerate with 'make lock'."; \
	  .lock-venv/bin/pip freeze --exclude icp-filing-self-check --exclude icp-doh; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) site test-results artifacts build node_modules
