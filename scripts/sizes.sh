#!/usr/bin/env bash
# Prints what a partner page downloads on first load: raw, gzip -9 and brotli -q 11 bytes.
# Run after `make widget`.
set -euo pipefail
cd "$(dirname "$0")/.."
files=(www/police-engage.js pkg/police_engage.js pkg/police_engage_bg.wasm www/police-engage.css)
printf '%-28s %10s %10s %10s\n' file raw gzip brotli
total=(0 0 0)
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total=($((total[0] + raw)) $((total[1] + gz)) $((total[2] + br)))
  printf '%-28s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
done
printf '%-28s %10d %10d %10d\n' total "${total[@]}"
