#!/usr/bin/env bash
# An urgent appeal published to a force's whole list: COUNT confirmed
# subscribers (default 100,000) in its area, a local SMTP server accepting
# everything (bench/smtp-sink.mjs). Prints the time from publishing to the
# first alert accepted and to the last, and the feed's and the console's
# p99 before and while the alerts go (wrk, 4 connections each).
# Usage: bench/alerts.sh [COUNT] [servers, default 1] [SMTP connections per server, default 16]
# On PostgreSQL with two servers sharing the outbox: scripts/postgres.sh bench/alerts.sh 100000 2
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
SERVERS=${2:-1}
CONNECTIONS=${3:-16}
source bench/common.sh
need wrk
cargo build --profile server -q -p police-engage-server --bin police-engage-server --example seed_subscribers
BIN=$SERVER
SINK_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
node bench/smtp-sink.mjs "$SINK_PORT" "$COUNT" >"$BENCH_DIR/sink" &
SINK=$!
PIDS=()
stop_all() { kill "$SINK" "${PIDS[@]}" 2>/dev/null || true; bench_cleanup; }
trap stop_all EXIT

echo "database: ${DB%%:*}; servers: $SERVERS; SMTP connections each: $CONNECTIONS; seeding $COUNT subscribers"
seeded=$(date +%s)
target/server/examples/seed_subscribers "$DB" "$COUNT" "Cwm Hyfryd" >/dev/null
echo "seeded in $(( $(date +%s) - seeded )) s"
case "$DB" in postgres*) psql "$DB" -q -c "VACUUM ANALYZE" ;; esac
printf 'a long bench password\n' | "$BIN" user add bench@force.example --role admin --database "$DB" >/dev/null
MAIL=(--smtp-url "smtp://127.0.0.1:$SINK_PORT" --smtp-connections "$CONNECTIONS" --admin-token bench
  --require-second-factor none --no-samples)
URLS=()
for n in $(seq "$SERVERS"); do
  start_server "${MAIL[@]}"
  PIDS+=("$PID")
  URLS+=("$URL")
  mv "$BENCH_DIR/out" "$BENCH_DIR/out-$n"
done
URL=${URLS[0]}
COOKIE=$(curl -s -D - -o /dev/null -H "Origin: $URL" -H 'Content-Type: application/json' \
  -d '{"email":"bench@force.example","password":"a long bench password"}' "$URL/v1/session" |
  sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p')
[ -n "$COOKIE" ] || { echo "could not sign in"; exit 1; }

# wrk's p99 from its output, in milliseconds.
p99() { awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; printf "%.1f", v }'; }
load() { # load SECONDS: the feed and the inbox at once, 4 connections each; prints "feed_p99 console_p99"
  wrk -t2 -c4 -d"$1s" --latency "$URL/v1/feed.json" >"$BENCH_DIR/feed.wrk" &
  wrk -t2 -c4 -d"$1s" --latency -H "Cookie: $COOKIE" "$URL/v1/inbox" >"$BENCH_DIR/console.wrk"
  wait %%
  echo "$(p99 <"$BENCH_DIR/feed.wrk") $(p99 <"$BENCH_DIR/console.wrk")"
}
read -r feed_before console_before < <(load 10)

until grep -q listening "$BENCH_DIR/sink"; do sleep 0.1; done
published=$(date +%s%3N)
curl -sf -o /dev/null -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
  -d '{"id":"bench-appeal","title":"Missing person: Ffion, 9","summary":"Last seen near the bridge.","category":"appeal","priority":"urgent","area":"Cwm Hyfryd","reference":"GP-2026-1204"}' \
  "$URL/v1/updates"
read -r feed_during console_during < <(load 20)
until grep -q '^last' "$BENCH_DIR/sink"; do sleep 0.2; done
first=$(sed -n 's/^first //p' "$BENCH_DIR/sink")
read -r last twice < <(sed -n 's/^last //p' "$BENCH_DIR/sink")

printf '\n%-44s %12s\n' "$COUNT alerts, ${DB%%:*}, $SERVERS server(s)" ""
printf '%-44s %10.2f s\n' "publish to the first alert accepted" "$(echo "($first - $published) / 1000" | bc -l)"
printf '%-44s %10.1f s\n' "publish to the last alert accepted" "$(echo "($last - $published) / 1000" | bc -l)"
printf '%-44s %10.0f /s\n' "alerts accepted per second" "$(echo "$COUNT * 1000 / ($last - $published)" | bc -l)"
printf '%-44s %10s\n' "sent twice" "$twice"
printf '%-44s %10s ms %10s ms\n' "feed p99: before, while sending" "$feed_before" "$feed_during"
printf '%-44s %10s ms %10s ms\n' "console inbox p99: before, while sending" "$console_before" "$console_during"
