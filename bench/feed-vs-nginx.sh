#!/usr/bin/env bash
# GET /v1/feed.json from a release police-engage-server (200 and 304) side
# by side with nginx serving the very same bytes as a static file, in one run
# on loopback with wrk. Prints requests/s, p50/p99 and our ratio to nginx.
# Usage: bench/feed-vs-nginx.sh [seconds per run, default 10] [connections, default 50]
# SERVER=path benchmarks that build instead of this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
CONNS=${2:-50}
source bench/common.sh
need wrk nginx
build_server
DIR=$BENCH_DIR
cleanup() { [ -f "$DIR/nginx.pid" ] && kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true; bench_cleanup; }
trap cleanup EXIT

start_server
OURS=$URL
mkdir -p "$DIR/www/v1"
curl -s "$OURS/v1/feed.json" -o "$DIR/www/v1/feed.json"
OUR_ETAG=$(curl -sI "$OURS/v1/feed.json" | sed -n 's/^etag: \(.*\)\r$/\1/Ip')

NGINX_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$DIR/nginx.conf" <<CONF
worker_processes auto;
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/feed+json json; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $DIR/www;
    add_header Access-Control-Allow-Origin *;
    add_header Cache-Control "public, max-age=60";
  }
}
CONF
nginx -c "$DIR/nginx.conf"
NGINX="http://127.0.0.1:$NGINX_PORT"
sleep 0.3
NGINX_ETAG=$(curl -sI "$NGINX/v1/feed.json" | sed -n 's/^etag: \(.*\)\r$/\1/Ip')

run() { # url [header] -> "requests_per_sec p50_ms p99_ms"
  local out
  if [ -n "${2:-}" ]; then out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -H "$2" "$1"); else out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$1"); fi
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "$rps $p50 $p99"
}
printf 'feed: %s bytes, %s connections, %s s per run\n' "$(wc -c <"$DIR/www/v1/feed.json")" "$CONNS" "$SECS"
printf '%-24s %12s %10s %10s %14s\n' case requests/s p50 p99 "ours / nginx"
read -r n200 n200p50 n200p99 < <(run "$NGINX/v1/feed.json")
read -r o200 o200p50 o200p99 < <(run "$OURS/v1/feed.json")
read -r n304 n304p50 n304p99 < <(run "$NGINX/v1/feed.json" "If-None-Match: $NGINX_ETAG")
read -r o304 o304p50 o304p99 < <(run "$OURS/v1/feed.json" "If-None-Match: $OUR_ETAG")
# What browsers send: the feed goes out brotli-compressed (about a quarter of the bytes).
read -r obr obrp50 obrp99 < <(run "$OURS/v1/feed.json" "Accept-Encoding: gzip, deflate, br")
printf '%-24s %12s %10s %10s %14s\n' "nginx 200" "$n200" "$n200p50" "$n200p99" ""
printf '%-24s %12s %10s %10s %14.2f\n' "police-engage 200" "$o200" "$o200p50" "$o200p99" "$(echo "$o200 / $n200" | bc -l)"
printf '%-24s %12s %10s %10s %14s\n' "nginx 304" "$n304" "$n304p50" "$n304p99" ""
printf '%-24s %12s %10s %10s %14.2f\n' "police-engage 304" "$o304" "$o304p50" "$o304p99" "$(echo "$o304 / $n304" | bc -l)"
printf '%-24s %12s %10s %10s %14.2f\n' "police-engage 200 br" "$obr" "$obrp50" "$obrp99" "$(echo "$obr / $n200" | bc -l)"
