#!/usr/bin/env bash
# Durable feedback writes per second: wrk POSTs new feedback (a fresh key each
# time) to a release server on loopback at 1, 16 and 100 connections, then
# checks every 201 has its row (a few more rows are fine: requests still in
# flight when wrk stops are stored but their answers are not counted).
# Usage: bench/feedback-writes.sh [seconds per run, default 10]
# On PostgreSQL instead of SQLite: scripts/postgres.sh bench/feedback-writes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
source bench/common.sh
need wrk
build_server
BIN=$SERVER
echo "database: ${DB%%:*}"
start_server --feedback-rate 0 --no-samples --admin-token bench

printf '%-12s %10s %10s %12s %10s %10s\n' connections requests created writes/s p50_ms p99_ms
total_created=0
for c in 1 16 100; do
  threads=$(( c < 2 ? 1 : 2 ))
  line=$(wrk -t"$threads" -c"$c" -d"${SECONDS_PER_RUN}s" --latency -s bench/feedback-post.lua "$URL" -- "c$c" | grep '^RESULT')
  eval "$(echo "$line" | sed 's/^RESULT //')"
  total_created=$((total_created + ok))
  printf '%-12s %10d %10d %12.0f %10s %10s\n' "$c" "$requests" "$ok" "$(echo "$ok / $seconds" | bc -l)" "$p50_ms" "$p99_ms"
done
stored=$(RUST_LOG=error "$BIN" export-feedback --database "$DB" --output - | tail -n +2 | grep -c '^FB-' || true)
echo "answered 201: $total_created; rows in the database: $stored"
[ "$stored" -ge "$total_created" ] && [ "$stored" -le $((total_created + 117)) ] ||
  { echo "MISMATCH: rows and 201 answers disagree"; exit 1; }
