#!/usr/bin/env bash
# Prints what a partner page downloads on first load (loader, JS glue, wasm,
# CSS): raw, gzip -9 and brotli -q 11 bytes. With --check, fails when the
# brotli total is over the budget in size-budget.txt. Then the console's
# files, for the record (no budget: partner pages never load it).
# Run after `make widget console`.
set -euo pipefail
cd "$(dirname "$0")/.."
# The loader is counted as releases ship it, without its comment lines.
loader=$(mktemp --suffix=.js)
trap 'rm -f "$loader"' EXIT
scripts/shipped-loader.sh >"$loader"
files=("$loader" pkg/police_engage.js pkg/police_engage_bg.wasm pkg/police-engage.css)
printf '%-28s %10s %10s %10s\n' file raw gzip brotli
total=(0 0 0)
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total=($((total[0] + raw)) $((total[1] + gz)) $((total[2] + br)))
  printf '%-28s %10d %10d %10d\n' "${f/#$loader/www/police-engage.js}" "$raw" "$gz" "$br"
done
printf '%-28s %10d %10d %10d\n' total "${total[@]}"
for f in console/pkg/police_engage_console_bg.wasm console/pkg/police_engage_console.js console/console.css; do
  [ -f "$f" ] && printf '%-28s %10d %10d %10d  (console)\n' "${f#console/}" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)" "$(brotli -q 11 -c "$f" | wc -c)"
done
if [ "${1:-}" = --check ]; then
  budget=$(grep -o '^[0-9]*' size-budget.txt)
  if [ "${total[2]}" -gt "$budget" ]; then
    echo "size: FAIL: ${total[2]} bytes brotli is over the budget of $budget (size-budget.txt)"
    exit 1
  fi
  echo "size: ok: ${total[2]} bytes brotli, budget $budget"
fi
