#!/usr/bin/env bash
# Runs deploy/nginx-cache.conf on loopback in front of a release
# police-engage-server with the sample updates, fills the cache the way a
# partner page does, stops the server, and shows what residents then get:
# the feed from the cache, a widget that still shows the updates, and
# feedback answered with an honest 503 and kept by the widget to send later;
# then, past the feed's max-age, the feed still served stale from the cache.
# Installs what it needs and builds the widget first when it is not built.
# Usage: scripts/cache-in-front.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
need nginx curl
cargo build --profile server -q -p police-engage-server
./scripts/setup.sh test  # Chromium and Playwright for the browser half
[ -f pkg/police_engage_bg.wasm ] || make widget

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PROXY_PORT=$(free_port)
PROXY="http://127.0.0.1:$PROXY_PORT"
start_server --public-url "$PROXY" --allow-origin "$PROXY"
ORIGIN=${URL#http://}

mkdir -p "$BENCH_DIR/cache" "$BENCH_DIR/body" "$BENCH_DIR/proxy"
# Started as root, nginx's workers run as www-data: let them reach their folders.
if [ "$(id -u)" = 0 ]; then chmod 711 "$BENCH_DIR"; chown www-data "$BENCH_DIR/cache" "$BENCH_DIR/body" "$BENCH_DIR/proxy"; fi
sed -e "s|@CACHE_DIR@|$BENCH_DIR/cache|" -e "s|@ORIGIN@|$ORIGIN|" -e "s|@LISTEN@|127.0.0.1:$PROXY_PORT|" \
  deploy/nginx-cache.conf >"$BENCH_DIR/site.conf"
cat >"$BENCH_DIR/nginx.conf" <<CONF
worker_processes 1;
pid $BENCH_DIR/nginx.pid;
error_log $BENCH_DIR/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path $BENCH_DIR/body;
  proxy_temp_path $BENCH_DIR/proxy;
  include $BENCH_DIR/site.conf;
}
CONF
nginx -c "$BENCH_DIR/nginx.conf"
stop_nginx() { [ -f "$BENCH_DIR/nginx.pid" ] && kill "$(cat "$BENCH_DIR/nginx.pid")" 2>/dev/null || true; bench_cleanup; }
trap stop_nginx EXIT

status() { curl -s -o /dev/null -w '%{http_code} (cache: %header{x-cache-status})' "$@"; }
echo "origin $URL, nginx $PROXY"
echo "feed through nginx, first:        $(status "$PROXY/v1/feed.json")"
echo "feed through nginx, again:        $(status "$PROXY/v1/feed.json")"

# A partner page in a browser fills the cache with the widget's files and feed, then the origin stops.
node scripts/cache-in-front.mjs "$PROXY" "$PID"
echo "feed through nginx, origin down:  $(status "$PROXY/v1/feed.json")"
echo "items in it:                      $(curl -s "$PROXY/v1/feed.json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')"
echo "feedback through nginx, down:     $(curl -s -w ' %{http_code}, Retry-After %header{retry-after}' -X POST -H 'Content-Type: application/json' -d '{}' "$PROXY/v1/feedback")"
echo "waiting past the feed's max-age (60 s) ..."
sleep 61
echo "feed through nginx, stale:        $(status "$PROXY/v1/feed.json")"
