# What the benchmark scripts share, sourced by each: their tools from
# Debian, a release server started on a free port, a scratch folder, and the
# database (PostgreSQL under scripts/postgres.sh, else an SQLite file).

# need TOOL...: installs what is missing.
need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool"; }
  done
}

BENCH_DIR=$(mktemp -d)
DB=${POLICE_ENGAGE_TEST_POSTGRES:+$POLICE_ENGAGE_TEST_POSTGRES/postgres}
DB=${DB:-sqlite://$BENCH_DIR/bench.db}
PID=

# The server benchmarked: this tree's release build, or SERVER=path another
# (a build with one change, measured against this one).
BUILT=target/server/police-engage-server
SERVER=${SERVER:-$BUILT}

# build_server: this tree's release build, unless SERVER names another.
build_server() {
  [ "$SERVER" != "$BUILT" ] || cargo build --profile server -q -p police-engage-server
}

# start_server FLAG...: a release server on DB; sets PID and URL.
start_server() {
  "$SERVER" --listen 127.0.0.1:0 --database "$DB" "$@" >"$BENCH_DIR/out" 2>/dev/null &
  PID=$!
  for _ in $(seq 100); do grep -q Serving "$BENCH_DIR/out" 2>/dev/null && break; sleep 0.1; done
  URL=$(sed -n 's/^Serving the demo on \(http:[^ ]*\)\/$/\1/p' "$BENCH_DIR/out")
}

bench_cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  rm -rf "$BENCH_DIR"
}
trap bench_cleanup EXIT
