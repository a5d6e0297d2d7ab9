#!/usr/bin/env bash
# The console's requests with 100,000 stored submissions: the inbox's first
# page, filtered pages, a text search, one submission, and the insight
# charts (kept for a minute unless feedback changes; also timed made
# afresh). wrk with a signed-in session on loopback, one request at a time
# and four at once: requests per second, p50 and p99 latency.
# Usage: bench/console.sh [seconds per request, default 10] [submissions, default 100000]
# On PostgreSQL instead of SQLite: scripts/postgres.sh bench/console.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
COUNT=${2:-100000}
source bench/common.sh
need wrk
cargo build --profile server -q -p police-engage-server --bin police-engage-server --example seed_feedback
BIN=$SERVER
echo "database: ${DB%%:*}; seeding $COUNT submissions"
seeded=$(date +%s)
target/server/examples/seed_feedback "$DB" "$COUNT"
echo "seeded in $(( $(date +%s) - seeded )) s"
# PostgreSQL's autovacuum would get here on its own in time; the benchmark does not wait.
case "$DB" in postgres*) psql "$DB" -q -c "VACUUM ANALYZE" ;; esac
printf 'a long bench password\n' | "$BIN" user add bench@force.example --role admin --database "$DB" >/dev/null
start_server --admin-token bench --feedback-rate 0
COOKIE=$(curl -s -D - -o /dev/null -H "Origin: $URL" -H 'Content-Type: application/json' \
  -d '{"email":"bench@force.example","password":"a long bench password"}' "$URL/v1/session" |
  sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p')
[ -n "$COOKIE" ] || { echo "could not sign in"; exit 1; }
ONE=$(curl -s -H "Cookie: $COOKIE" "$URL/v1/inbox" | sed -n 's/.*"items":\[{"id":"\([^"]*\)".*/\1/p')

# wrk's latency percentile `$1` from its output `$2`, in milliseconds.
ms() { echo "$2" | awk -v p="$1" '$1 == p { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; printf "%.1f", v }'; }

printf '%-40s %11s %8s %8s %11s %8s %8s\n' request "1 at once/s" p50_ms p99_ms "4 at once/s" p50_ms p99_ms
for path in \
  "/v1/inbox" \
  "/v1/inbox?status=new&area=Abermor&rating=1" \
  "/v1/inbox?site=https%3A%2F%2Fwww.glanyrafon.gov.uk&about=sample-missing-megan" \
  "/v1/inbox?status=closed&from=2026-10-01&to=2026-10-31" \
  "/v1/inbox?q=bus%20station" \
  "/v1/inbox/$ONE" \
  "/v1/insight"; do
  row=()
  for c in 1 4; do
    out=$(wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${SECONDS_PER_RUN}s" --latency -H "Cookie: $COOKIE" "$URL$path")
    if echo "$out" | grep -q Non-2xx; then echo "$path: answers that were not 2xx"; exit 1; fi
    row+=("$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')" "$(ms 50% "$out")" "$(ms 99% "$out")")
  done
  printf '%-40s %11s %8s %8s %11s %8s %8s\n' "${path:0:40}" "${row[@]}"
done

# Insight made afresh: a new submission before each request makes the cache stale.
times=()
for n in $(seq 20); do
  curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"message\":\"bench\",\"contact_consent\":false,\"lang\":\"en\",\"page\":\"https://x.example/\",\"key\":\"bench-fresh-$n-$RANDOM\"}" "$URL/v1/feedback"
  times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $COOKIE" "$URL/v1/insight")")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "insight made afresh (20 requests): median %.1f ms, slowest %.1f ms\n", t[int((NR + 1) / 2)], t[NR] }'
