#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (not part of `make test`):
#   scripts/fuzz.sh [seconds per target, default 60] [target ...]
# Seeds: the importer fixtures (the JSON Feed one for the decoder too) and a
# valid feedback body. A crash stops the run and leaves its input in
# fuzz/artifacts/TARGET/; keep it as a regression test where the fixed code
# is tested.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=(feed_decoder importers feedback_body)
[ $# -eq 0 ] || TARGETS=("$@")

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cargo fuzz --version 2>/dev/null | grep -q '0.13.1' || cargo install cargo-fuzz --version 0.13.1 --locked

# Seed corpora, made fresh each run from what the tests already use.
SEEDS=$(mktemp -d)
trap 'rm -rf "$SEEDS"' EXIT
mkdir -p "$SEEDS"/{feed_decoder,importers,feedback_body}
i=0
for f in server/tests/fixtures/*; do
  case "$f" in *.rss | *.atom) kind=0 ;; *events*) kind=2 ;; *priorities*) kind=3 ;; *) kind=1 ;; esac
  { printf "\\x$(printf %02x $kind)"; cat "$f"; } >"$SEEDS/importers/$((i++))"
done
cp server/tests/fixtures/force-news.json "$SEEDS/feed_decoder/fixture.json"
printf '%s' '{"message":"The streetlight on Heol y Nant is out","rating":4,"about":"sample-appeal","name":"Siân",
"email":"sian@example.org","area":"Riverside","contact_consent":true,"lang":"cy",
"page":"https://council.example/","key":"0123456789abcdef"}' >"$SEEDS/feedback_body/valid.json"

for target in "${TARGETS[@]}"; do
  echo "[fuzz] $target for ${SECONDS_PER_TARGET}s"
  mkdir -p "fuzz/corpus/$target"
  cargo +nightly fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" "$SEEDS/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -print_final_stats=1 2>&1 |
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written)' || true
  [ -z "$(ls -A "fuzz/artifacts/$target" 2>/dev/null)" ] || { echo "[fuzz] $target found a crash: fuzz/artifacts/$target/"; exit 1; }
done
