#!/usr/bin/env bash
# Installs what the build needs (`setup.sh build`: what `make demo` uses) or
# what the tests need as well (`setup.sh test`: what `make test` uses),
# idempotently: each step is skipped when what it installs is already there
# at the pinned version.
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-test}
# The CLI must match the wasm-bindgen crate exactly; Cargo.toml pins the
# crate and the lock file says which version that is.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
WASM_PACK_VERSION=0.15.1
CARGO_DENY_VERSION=0.18.9

say() { printf '[setup] %s\n' "$*"; }

# The tools are built without optimisation: about a minute each instead of
# several, and they run as fast here (they move a few megabytes at most).
install() { cargo install --debug "$@"; }

need_apt=()
if [ "$want" = test ]; then
  command -v chromium >/dev/null || need_apt+=(chromium)
  command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
  command -v brotli >/dev/null || need_apt+=(brotli)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need_apt+=(postgresql)
  # libfaketime drives the server's clock in the scheduled-publishing test.
  [ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1 ] || need_apt+=(faketime)
fi
apt_log=$(mktemp)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} (in the background)"
  (
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"
  ) >"$apt_log" 2>&1 &
  apt_pid=$!
fi
wait_for_apt() {
  [ -n "${apt_pid:-}" ] || return 0
  if ! wait "$apt_pid"; then
    cat "$apt_log"
    say "installing ${need_apt[*]} failed"
    exit 1
  fi
  say "installed ${need_apt[*]}"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # --locked fails here: a locked dependency is missing from the registry.
  install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! wasm-pack --version 2>/dev/null | grep -q "$WASM_PACK_VERSION"; then
  say "installing wasm-pack $WASM_PACK_VERSION"
  install wasm-pack --version "$WASM_PACK_VERSION" --force
fi

# npm: wasm-opt (binaryen) and esbuild are all the build needs; the tests
# add Playwright, axe-core and the CSS frameworks of the hostile-page tests.
# No package's install scripts run but esbuild's, the one that needs them.
npm_fresh() { [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; }
npm_install() {
  npm ci --ignore-scripts --no-audit --no-fund "$@"
  npm rebuild esbuild
}
if [ "$want" = build ]; then
  if ! npm_fresh || [ ! -x node_modules/.bin/wasm-opt ]; then
    say "installing npm build tools"
    npm_install --omit=dev
  fi
  say "ready to build"
  exit 0
fi
# `setup.sh provider`: the build's tools and the local OpenID provider of `make demo-sso`.
if [ "$want" = provider ]; then
  if ! npm_fresh || [ ! -d node_modules/oidc-provider ]; then
    say "installing npm build tools and the demo's OpenID provider"
    npm_install
  fi
  say "ready to run the demo with a provider"
  exit 0
fi
if ! npm_fresh || [ ! -d node_modules/playwright-core ]; then
  say "installing npm build and test tools"
  npm_install
fi

if ! cargo deny --version 2>/dev/null | grep -q "$CARGO_DENY_VERSION"; then
  say "installing cargo-deny $CARGO_DENY_VERSION"
  install cargo-deny --version "$CARGO_DENY_VERSION" --locked
fi

# Debian's packages install while cargo compiles the tools above: the one
# waits on the network and the disk, the other on the processors.
wait_for_apt
say "ready to test"
