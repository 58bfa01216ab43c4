#!/usr/bin/env bash
# Issue 9, whole process: `qiaomen --no-server roll` on a copy of a database (open, the
# store checked against its counts and the journal, the roll call, exit), RUNS times.
# Usage: DB=/path/to/subdistrict-db [RUNS=10] bash benches/durability.sh
# The database is copied to a temporary directory; nothing is written to DB.
set -euo pipefail
: "${DB:?set DB to the database to copy}"
RUNS=${RUNS:-10}
BIN=${BIN:-${CARGO_TARGET_DIR:-target}/release/qiaomen}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a "$DB" "$work/db"
rm -f "$work/db/qiaomen.sock" "$work/db/server.pid"
export QIAOMEN_NOW=2026-11-30T09:40 LANG=C.UTF-8
"$BIN" --db "$work/db" --no-server roll >/dev/null   # the first open may catch up; not timed
for _ in $(seq "$RUNS"); do
  s=$(date +%s%N)
  "$BIN" --db "$work/db" --no-server roll >/dev/null
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
done | sort -n | awk '{a[NR]=$1} END {printf "QM dur.roll_whole_process ms: min %d median %d max %d (n=%d)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'
