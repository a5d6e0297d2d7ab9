# The two commands a newcomer needs:
#   make demo   build everything and serve the demo partner page
#   make test   run every test
# Each installs what it needs first (scripts/setup.sh, idempotent): the demo
# only the build tools, the tests also Chromium, PostgreSQL and the test tools.
# For the edit-compile loop: make check (format, lints, unit tests).

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: demo test check setup-build setup-test widget console server lint size unit-test pg-test browser-test e2e-test dist fuzz audit

demo: setup-build widget console
	cargo run --release -p police-engage-server -- serve $(ARGS)

test: setup-test widget console server lint size unit-test pg-test browser-test e2e-test

# Fast: no browser, no database server, no wasm build.
check:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p police-engage -p police-engage-console --lib --tests --target wasm32-unknown-unknown -- -D warnings
	cargo test --workspace --lib

setup-build:
	./scripts/setup.sh build

setup-test:
	./scripts/setup.sh test

# The release widget: size-optimised profile, then wasm-opt -Oz (see Cargo.toml);
# the JS glue and the theme minified (scripts/minify.sh).
widget:
	wasm-pack build --release --target web --no-pack --no-typescript
	scripts/minify.sh js < pkg/police_engage.js > pkg/police_engage.min.js && mv pkg/police_engage.min.js pkg/police_engage.js
	scripts/minify.sh css < www/police-engage.css > pkg/police-engage.css

# The force's console: a second Yew app, served at /console/ (never on partner pages).
console:
	wasm-pack build console --release --target web --no-pack --no-typescript

server:
	cargo build -p police-engage-server

lint:
	cargo deny --all-features check --disable-fetch licenses bans sources
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p police-engage -p police-engage-console --lib --tests --target wasm32-unknown-unknown -- -D warnings

# Release artefacts (hashed names, SRI, npm package) in dist/, and the snippet to paste.
dist: setup-build widget console
	./scripts/dist.sh

# The fuzz targets (feed decoder, importers, feedback body), 60 s each; not part of `make test`.
fuzz:
	./scripts/fuzz.sh $(FUZZ_SECONDS)

# Everything cargo-deny checks, with the RustSec advisories (fetched from github.com).
audit:
	cargo deny --all-features check

# First-load transfer of the widget, against the budget in size-budget.txt (and the console's size, printed).
size:
	./scripts/sizes.sh --check

unit-test:
	cargo test --workspace

# The server's storage and API tests again, on a PostgreSQL server of their own
# that the script starts on a local port and removes afterwards.
pg-test:
	./scripts/postgres.sh cargo test -p police-engage-server --test '*'

# Widget components in headless Chromium (wasm-bindgen-test; flags in webdriver.json).
browser-test:
	wasm-pack test --headless --chrome

# The real server and the release widget, driven in headless Chromium.
e2e-test:
	node --test --test-concurrency=1 tests/e2e/
