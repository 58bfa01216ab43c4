#!/usr/bin/env bash
# Issue 12: how much one day of roll call grows a database. On a copy of DB, through a server
# (as stewards work), one check-in per elder due that day (a tenth of them a no-answer and a
# retry), then the server stopped and the store's bytes compared.
#
#   DB=/path/to/db BIN=target/release/qiaomen DAY=2026-12-01 bash benches/marks.sh
#
# NOSERVER=1: one `--no-server` process per check-in instead (how the old layout's one-day
# growth of half the database showed).
set -euo pipefail
: "${DB:?set DB to a database to copy}"
BIN=${BIN:-target/release/qiaomen}
DAY=${DAY:-2026-12-01}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qiaomen-marks.XXXXXX")
trap '"$BIN" --db "$WORK/db" serve --stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
cp -a "$DB" "$WORK/db"
# After every time the marks give (a check-in later than the clock is refused).
export QIAOMEN_NOW="${DAY}T10:00" QIAOMEN_LANG=en
if [[ "${NOSERVER:-0}" == 1 ]]; then
    q() { "$BIN" --db "$WORK/db" --no-server "$@"; }
else
    q() { "$BIN" --db "$WORK/db" "$@"; }
fi
# Open it once (upkeep, snapshot of the new day), then measure from there.
"$BIN" --db "$WORK/db" --no-server roll >/dev/null
before=$(du -sb "$WORK/db/store" | cut -f1)
blobs_before=$(find "$WORK/db/store/blobs" -type f 2>/dev/null | wc -l)
mapfile -t elders < <(q roll --json | python3 -c '
import json, sys
for e in json.load(sys.stdin)["elders"]:
    if e["due"]:
        print(e["id"])')
n=0
for id in "${elders[@]}"; do
    if (( n % 10 == 0 )); then
        q checkin "$id" no-answer --time 08:30 >/dev/null
        q checkin "$id" ok --time 09:30 >/dev/null
        n=$((n + 2))
    else
        q checkin "$id" ok --time 08:40 >/dev/null
        n=$((n + 1))
    fi
done
"$BIN" --db "$WORK/db" serve --stop >/dev/null 2>&1 || true
after=$(du -sb "$WORK/db/store" | cut -f1)
blobs_after=$(find "$WORK/db/store/blobs" -type f 2>/dev/null | wc -l)
printf 'QM marks: %d check-ins for %d elders on %s\n' "$n" "${#elders[@]}" "$DAY"
python3 -c 'import sys; b, a, x, y = map(int, sys.argv[1:]); print(f"QM store: {b} -> {a} bytes ({(a - b) / 1e6:+.1f} MB, {(a - b) * 100 / b:+.1f}%), blob files {x} -> {y}")' \
    "$before" "$after" "$blobs_before" "$blobs_after"
