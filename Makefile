# The two commands a newcomer needs:
#   make demo   build everything and serve the demo partner page
#   make test   run every test
# Each installs what it needs first (scripts/setup.sh, idempotent): the demo
# only the build tools, the tests also Chromium, PostgreSQL and the test tools.
# For the edit-compile loop: make check (format, lints, unit tests).

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

# Each step of `make test` runs under scripts/timed.sh, which adds its wall
# time to $(PHASES); `make test` ends by printing that table.
export PHASES := $(CURDIR)/target/phases.tsv
TIMED := scripts/timed.sh

.PHONY: demo demo-sso test test-phases check setup-build setup-test widget console native lint size unit-test pg-test browser-test e2e-test dist fuzz audit

# The demo's mail is written to data/mail/ as .eml files, not sent.
demo: setup-build widget console
	cargo run --locked --profile server -p police-engage-server -- serve --smtp-url file:data/mail $(ARGS)

# The demo with a local OpenID provider in place of the force's Entra ID
# (scripts/demo-sso.mjs): sign in to the console through it.
demo-sso: setup-build widget console
	@scripts/setup.sh provider
	cargo build --locked --profile server -p police-engage-server
	node scripts/demo-sso.mjs $(ARGS)

test:
	@rm -f $(PHASES)
	@$(MAKE) --no-print-directory test-phases; status=$$?; printf '\nmake test, phase by phase:\n'; $(TIMED) --table; exit $$status

test-phases: setup-test widget console native lint size unit-test pg-test browser-test e2e-test

# In `make test` Clippy lints our own crates as they are built, as `cargo
# clippy` itself runs it (clippy-driver in rustc's place for the workspace's
# crates, its arguments in CLIPPY_ARGS), so each crate is compiled once, not
# once to build and again to lint; dependencies are built by rustc as usual.
# `make check` runs `cargo clippy` on both targets, with the tests.
test-phases: export RUSTC_WORKSPACE_WRAPPER = $(shell rustup which clippy-driver)
test-phases: export CLIPPY_ARGS = -D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

# Fast: no browser, no database server, no wasm build.
check:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p police-engage -p police-engage-console --lib --tests --target wasm32-unknown-unknown -- -D warnings
	cargo test --workspace --lib

setup-build:
	./scripts/setup.sh build

setup-test:
	$(TIMED) "tool setup" ./scripts/setup.sh test

# What each wasm build is made from: when none of it has changed since the
# last build, make leaves the build as it is.
CONTRACT := $(shell find contract/src -name '*.rs') contract/Cargo.toml Cargo.toml Cargo.lock
WIDGET_SOURCES := $(CONTRACT) $(shell find src -name '*.rs') www/police-engage.css
CONSOLE_SOURCES := $(CONTRACT) $(shell find console/src -name '*.rs') console/Cargo.toml www/police-engage.css

# The release widget: size-optimised profile, then wasm-opt (see Cargo.toml);
# the JS glue and the theme minified (scripts/minify.sh). Built by rustc
# alone, in `make test` too, so the size budget counts what ships (a build
# through clippy-driver differs by a hundred bytes or so); `lint` runs Clippy
# on the wasm code.
widget: pkg/police_engage_bg.wasm
pkg/police_engage_bg.wasm: $(WIDGET_SOURCES)
	$(TIMED) "widget build (wasm)" $(RUSTC_ALONE) $(SHORT_PATHS) wasm-pack build --release --target web --no-pack --no-typescript -- --locked
	scripts/minify.sh js < pkg/police_engage.js > pkg/police_engage.min.js && mv pkg/police_engage.min.js pkg/police_engage.js
	scripts/minify.sh css < www/police-engage.css > pkg/police-engage.css

# The force's console: a second Yew app, served at /console/ (never on partner pages).
console: console/pkg/police_engage_console_bg.wasm
console/pkg/police_engage_console_bg.wasm: $(CONSOLE_SOURCES)
	$(TIMED) "console build (wasm)" $(RUSTC_ALONE) wasm-pack build console --release --target web --no-pack --no-typescript -- --locked

# The server (target/debug/police-engage-server, which the end-to-end tests
# run) and every native test, built once: the test steps below ask cargo for
# the same workspace and features, so they compile nothing again.
native:
	$(TIMED) "native build (server, tests)" cargo test --locked --workspace --no-run

RUSTC_ALONE := env -u RUSTC_WORKSPACE_WRAPPER -u CLIPPY_ARGS
# Panic messages name source files: in the widget, crates' files by their
# crate's name, not by where cargo keeps them on this machine (fewer bytes,
# and the same bytes on every machine).
SHORT_PATHS := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$(or $(CARGO_HOME),$(HOME)/.cargo)/registry/src/index.crates.io-1949cf8c6b5b557f="

# Licences, bans and sources, formatting, and Clippy on the wasm code (the
# native build above runs it on the rest).
lint:
	$(TIMED) "cargo deny, format" cargo deny --all-features check --disable-fetch licenses bans sources
	$(TIMED) "cargo deny, format" cargo fmt --all --check
	$(TIMED) "clippy (wasm)" $(RUSTC_ALONE) cargo clippy --locked -p police-engage -p police-engage-console --lib --target wasm32-unknown-unknown -- -D warnings

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
	$(TIMED) "size budget" ./scripts/sizes.sh --check

unit-test:
	$(TIMED) "unit and SQLite tests" cargo test --locked --workspace

# The server's integration tests again, on a PostgreSQL server of their own
# that the script starts on a local port and removes afterwards.
pg-test:
	$(TIMED) "PostgreSQL tests" ./scripts/postgres.sh cargo test --locked --workspace --test integration

# Widget components in headless Chromium (wasm-bindgen-test; flags in webdriver.json).
browser-test:
	$(TIMED) "widget tests in Chromium" wasm-pack test --headless --chrome -- --test widget --locked

# The real server and the release widget, driven in headless Chromium; two
# files at a time, each with its own server and browser.
e2e-test:
	$(TIMED) "end-to-end tests" node --test --test-concurrency=2 tests/e2e/
