#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server of its own on a local
# port, then stops it and removes its files:
#   scripts/postgres.sh cargo test --workspace --test integration
# The command sees POLICE_ENGAGE_TEST_POSTGRES, the server's URL without a
# database name; each test makes its own database there.
set -euo pipefail

PORT=${POLICE_ENGAGE_PG_PORT:-54329}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DIR=$(mktemp -d /tmp/police-engage-pg.XXXXXX)

# PostgreSQL refuses to run as root; as root, run it as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$DIR"

stop() {
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

as_owner "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync >/dev/null
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
echo "[postgres] $("$BIN/postgres" --version) on 127.0.0.1:$PORT"

POLICE_ENGAGE_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PORT" "$@"
