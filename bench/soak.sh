#!/usr/bin/env bash
# A bounded soak: feed reads as fast as 16 connections take them, feedback
# posts (4 connections, one every 20 ms each: up to 200 a second) and console
# reads (2 connections, one every 50 ms each) at once, three wrk against a
# release server on loopback, for SECONDS;
# then the same again while SLOW slowloris clients hold connections. Prints
# requests/s, failures and p50/p99 per path, and the server's memory (RSS)
# and open file descriptors at the start and end of each phase: they should
# stay flat. Usage: bench/soak.sh [seconds per phase, default 120] [slow clients, default 2000]
# On PostgreSQL instead of SQLite: scripts/postgres.sh bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-120}
SLOW=${2:-2000}
source bench/common.sh
need wrk python3
build_server
ulimit -n 65536 2>/dev/null || true
start_server --feedback-rate 0 --admin-token bench
HOSTPORT=${URL#http://}
echo "database: ${DB%%:*}; $SECS s per phase; server pid $PID, file-descriptor limit $(ulimit -n)"

server_state() {
  local rss fds
  # Anonymous memory is the server's own; file pages are SQLite's mapped database.
  rss=$(awk '/^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } END { printf "%.1f MiB own + %.1f MiB mapped files", a / 1024, f / 1024 }' "/proc/$PID/status")
  fds=$(find "/proc/$PID/fd" -mindepth 1 | wc -l)
  echo "$rss, $fds descriptors"
}

# run_mix NAME ID: the three paths at once for SECS, the server's state
# noted 15 s in (once warm) and at the end; one table row each path (ID
# keeps the feedback keys of each phase apart).
run_mix() {
  local out=$BENCH_DIR/mix
  wrk -t1 -c16 -d"${SECS}s" --latency -s bench/summary.lua -H 'Accept-Encoding: br' "$URL/v1/feed.json" >"$out.feed" &
  local feed=$!
  wrk -t1 -c4 -d"${SECS}s" --latency -s bench/feedback-post.lua "$URL" -- "$2" 20 >"$out.feedback" &
  local feedback=$!
  wrk -t1 -c2 -d"${SECS}s" --latency -s bench/summary.lua -H 'Authorization: Bearer bench' "$URL/v1/inbox" -- 50 >"$out.console" &
  local console=$!
  sleep 15
  STATES+=("$1, 15 s in:|$(server_state)")
  wait $feed $feedback $console
  STATES+=("$1, at the end:|$(server_state)")
  for path in feed feedback console; do
    local requests=0 ok=0 failed=0 seconds=1 p50_ms=0 p99_ms=0
    eval "$(grep '^RESULT' "$out.$path" | sed 's/^RESULT //')"
    printf '%-22s %-10s %10.0f %8d %9s %9s\n' "$1" "$path" "$(echo "$requests / $seconds" | bc -l)" "$failed" "$p50_ms" "$p99_ms"
  done
}

printf '%-22s %-10s %10s %8s %9s %9s\n' phase path requests/s failed p50_ms p99_ms
STATES=("at start:|$(server_state)")
run_mix steady steady
python3 bench/slow-clients.py 127.0.0.1 "${HOSTPORT##*:}" "$SLOW" "$((SECS + 15))" >"$BENCH_DIR/slow" 2>&1 &
SLOW_PID=$!
sleep 10
STATES+=("$SLOW slow clients connected:|$(server_state)")
run_mix "with $SLOW slow clients" slow
wait $SLOW_PID || true
sleep 2
STATES+=("slow clients gone:|$(server_state)")
echo
echo "the server (memory; open file descriptors):"
for state in "${STATES[@]}"; do printf '  %-40s %s\n' "${state%%|*}" "${state#*|}"; done
tail -1 "$BENCH_DIR/slow"
