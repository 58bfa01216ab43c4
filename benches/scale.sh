#!/usr/bin/env bash
# Whole-process figures of issues 2–5 at the subdistrict scale (100,000 residents, 2,000
# elders, five years of daily check-ins), printed as a table against the goals. Run by hand,
# not by CI: it takes tens of minutes and about 5 GB of $TMPDIR.
#
#   bash benches/scale.sh                 # everything
#   DAYS=365 RUNS=5 bash benches/scale.sh # a smaller history, fewer runs
#   BENCHES=0 bash benches/scale.sh       # skip the in-process cargo benches
#   KEEP=1 bash benches/scale.sh          # keep the generated data (path printed)
#
# It installs what it needs (GNU time, hyperfine) with apt-get when missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DAYS=${DAYS:-1825}
SEED=${SEED:-1}
RUNS=${RUNS:-10}
BENCHES=${BENCHES:-1}
export QIAOMEN_NOW=2026-11-30T09:40 QIAOMEN_OPERATOR=bench QIAOMEN_LANG=en

install() {
    apt-get install -y -qq "$1" >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$1" >/dev/null; }
}
[ -x /usr/bin/time ] || install time
command -v hyperfine >/dev/null || install hyperfine
command -v python3 >/dev/null || install python3

cd "$ROOT"
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/qiaomen
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qiaomen-scale.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
    echo "data kept in $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi
DB=$WORK/db
ROWS=$WORK/rows.tsv
: >"$ROWS"
row() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$ROWS"; }
say() { echo "== $*" >&2; }

# Mean wall and CPU (user + system) of a command over $RUNS runs after one warm-up, in ms.
# Output goes to a pipe: GNU grep stops at the first match when it writes to /dev/null.
whole() {
    local label=$1 goal=$2
    shift 2
    hyperfine --style none --output pipe --warmup 1 --runs "$RUNS" --export-json "$WORK/h.json" \
        --command-name "$label" "$*" >/dev/null 2>&1 || { row "$label" "failed" "$goal"; return; }
    row "$label" "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.0f ms wall (min %.0f), %.0f ms CPU" % (r["mean"]*1e3, r["min"]*1e3, (r["user"]+r["system"])*1e3))
' "$WORK/h.json")" "$goal"
}

say "generate --scale subdistrict --days $DAYS"
"$BIN" generate --scale subdistrict --seed "$SEED" --days "$DAYS" >"$WORK/data.jsonl"
row "records generated" "$(wc -l <"$WORK/data.jsonl") lines, $(du -h "$WORK/data.jsonl" | cut -f1)" ""

say "import"
/usr/bin/time -v -o "$WORK/import.time" "$BIN" --db "$DB" import "$WORK/data.jsonl" >/dev/null &
TPID=$!
sleep 0.2
QPID=$(pgrep -P "$TPID" || echo "$TPID")
# Resident set and database file size every half second: the first pass (checking) writes
# nothing, so the file's size tells the two passes apart.
while kill -0 "$TPID" 2>/dev/null; do
    echo "$(awk '/VmRSS/ {print $2}' "/proc/$QPID/status" 2>/dev/null || echo 0) $(stat -c %s "$DB/db" 2>/dev/null || echo 0)"
    sleep 0.5
done >"$WORK/import.rss"
wait "$TPID"
field() { grep "$1" "$WORK/import.time" | sed 's/.*: //'; }
row "import: elapsed" "$(field 'Elapsed') wall, $(field 'User time') s user + $(field 'System time') s sys" ""
row "import: peak RSS" "$(( $(field 'Maximum resident') / 1024 )) MB" "≤ 300 MB"
row "import: peak RSS by pass" "$(awk '$2 < 16777216 && $1 > c {c = $1} $2 >= 16777216 && $1 > w {w = $1}
    END {printf "check pass %d MB, write pass %d MB", c / 1024, w / 1024}' "$WORK/import.rss")" ""
row "database on disk" "$(du -sh "$DB" | cut -f1)" "≤ 150 MB"

say "first command after the import (sled recovers its log)"
/usr/bin/time -f '%e s wall, %U s user + %S s sys, %M KB' -o "$WORK/first.time" \
    "$BIN" --db "$DB" roll --date 2026-11-29 >/dev/null || true
row "first roll after import" "$(cat "$WORK/first.time")" ""

say "roll, summary, open"
/usr/bin/time -f '%M' -o "$WORK/roll.rss" "$BIN" --db "$DB" roll --date 2026-11-29 >/dev/null
whole "qiaomen roll (one day)" "≤ 100 ms" "$BIN" --db "$DB" roll --date 2026-11-29
row "qiaomen roll: peak RSS" "$(( $(cat "$WORK/roll.rss") / 1024 )) MB" ""
whole "qiaomen roll on an empty db (process floor)" "" "$BIN" --db "$WORK/empty" roll --date 2026-11-29
EARLY=$(python3 -c 'import datetime,sys; print(datetime.date(2026,11,30)-datetime.timedelta(days=int(sys.argv[1])-180))' "$DAYS")
whole "qiaomen summary, year 1 ($EARLY)" "≤ 100 ms" "$BIN" --db "$DB" summary --date "$EARLY"
whole "qiaomen summary, last day (2026-11-29)" "≤ 100 ms, no slower" "$BIN" --db "$DB" summary --date 2026-11-29

say "find versus grep over the export"
"$BIN" --db "$DB" export --out "$WORK/export.jsonl" >/dev/null
for q in 王秀芳 13831990357 顺安小区; do
    whole "qiaomen find $q" "faster than grep" "$BIN" --db "$DB" find "$q"
    whole "grep -F $q export.jsonl" "" grep -F -c "$q" "$WORK/export.jsonl"
done

say "terminal UI: start to first frame in a pseudo-terminal"
first_frame() {
    python3 - "$@" <<'EOF'
import fcntl, os, pty, select, struct, sys, termios, time
start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 160, 0, 0))
    os.execv(sys.argv[1], sys.argv[1:])
seen, shown = b"", None
while time.monotonic() - start < 120:
    r, _, _ = select.select([fd], [], [], 0.05)
    if r:
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
        # The footer ("q quit") is drawn after the header and the body.
        if shown is None and b"quit" in seen:
            shown = time.monotonic() - start
            os.write(fd, b"q")
    if shown is not None:
        pid_done, _ = os.waitpid(pid, os.WNOHANG)
        if pid_done:
            break
print("%.0f ms" % (shown * 1e3) if shown is not None else "no frame seen")
EOF
}
row "first frame: qiaomen --demo (real binary, pty)" "$(first_frame "$BIN" --demo)" "≤ 100 ms"
row "first frame: qiaomen at subdistrict (real binary, pty)" "$(first_frame "$BIN" --db "$DB")" "≤ 100 ms"

if [ "$BENCHES" = 1 ]; then
    say "in-process benches on a copy of the database"
    cp -a "$DB" "$WORK/copy"
    for b in store tui summary search; do
        QIAOMEN_BENCH_DB=$WORK/copy cargo bench --quiet --bench "$b" 2>/dev/null |
            grep '^QM ' | sed 's/^QM //' | while read -r label rest; do
                row "bench $label" "$rest" ""
            done
    done
fi

echo
echo "qiaomen at scale: subdistrict, $DAYS days, seed $SEED, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %s | %s | %s |\n' "figure" "measured" "goal"
printf '| --- | --- | --- |\n'
while IFS=$'\t' read -r a b c; do printf '| %s | %s | %s |\n' "$a" "$b" "$c"; done <"$ROWS"
