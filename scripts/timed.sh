#!/usr/bin/env bash
# Where `make test` spends its time. `timed.sh PHASE COMMAND...` runs COMMAND
# and adds a line "PHASE<TAB>seconds<TAB>exit status" to $PHASES;
# `timed.sh --table` prints those phases (one row for each name, in the
# order first run) and their total.
set -uo pipefail
PHASES=${PHASES:-target/phases.tsv}
if [ "${1:-}" = --table ]; then
  [ -f "$PHASES" ] || exit 0
  awk -F'\t' '
    function t(s) { return s >= 60 ? sprintf("%dm %02ds", s / 60, s % 60) : sprintf("%ds", s) }
    !($1 in secs) { order[n++] = $1 }
    { secs[$1] += $2; total += $2; if ($3 != 0) failed[$1] = 1 }
    END {
      for (i = 0; i < n; i++) printf "  %-32s %8s%s\n", order[i], t(secs[order[i]]), (order[i] in failed ? "  FAILED" : "")
      printf "  %-32s %8s\n", "total", t(total)
    }' "$PHASES"
  exit 0
fi
phase=$1
shift
start=$(date +%s.%N)
"$@"
status=$?
mkdir -p "$(dirname "$PHASES")"
seconds=$(awk -v from="$start" -v to="$(date +%s.%N)" 'BEGIN { printf "%.0f", to - from }')
printf '%s\t%s\t%s\n' "$phase" "$seconds" "$status" >>"$PHASES"
exit $status
