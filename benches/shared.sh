#!/usr/bin/env bash
# Shared mode (issue 10): whole-process figures with the server warm, against the same
# commands with --no-server (the exclusive direct mode, before issue 10) and grep, printed as
# a table against the goals. Run by hand, not by CI.
#
#   bash benches/shared.sh                          # subdistrict, one year (generated)
#   SRC_DB=/tmp/sa SRC_EXPORT=/tmp/sub.jsonl bash benches/shared.sh   # a copy of an existing db
#   SCALE=district DAYS=30 bash benches/shared.sh   # 1 M residents
#   RUNS=40 KEEP=1 bash benches/shared.sh
#
# The database is always a copy in $WORK (the benches write check-ins to it). The server this
# script starts is stopped at the end, also on failure or Ctrl-C.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCALE=${SCALE:-subdistrict}
DAYS=${DAYS:-365}
SEED=${SEED:-1}
RUNS=${RUNS:-20}
QUERY=${QUERY:-王秀芳}
export QIAOMEN_NOW=2026-11-30T09:40 QIAOMEN_OPERATOR=bench QIAOMEN_LANG=en

cd "$ROOT"
cargo build --release --quiet
cargo bench --no-run --quiet --bench shared 2>/dev/null
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/qiaomen
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qiaomen-shared.XXXXXX")
DB=$WORK/db
ROWS=$WORK/rows.tsv
: >"$ROWS"
# Fields are separated by US (0x1f), not a tab: read would merge empty tab-separated fields.
row() { printf '%s\x1f%s\x1f%s\x1f%s\n' "$1" "$2" "$3" "$4" >>"$ROWS"; }
say() { echo "== $*" >&2; }

stop_server() { "$BIN" --db "$DB" serve --stop >/dev/null 2>&1 || true; }
cleanup() {
    stop_server
    if [ "${KEEP:-0}" = 1 ]; then echo "data kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${SRC_DB:-}" ]; then
    say "copy $SRC_DB"
    cp -a "$SRC_DB" "$DB"
    rm -f "$DB/qiaomen.sock" "$DB/server.pid"
else
    say "generate --scale $SCALE --days $DAYS, init --empty, import"
    "$BIN" generate --scale "$SCALE" --seed "$SEED" --days "$DAYS" >"$WORK/data.jsonl"
    "$BIN" --db "$DB" --no-server init --empty >/dev/null
    /usr/bin/time -f '%e s, peak RSS %M KB' -o "$WORK/import.time" \
        "$BIN" --db "$DB" --no-server import "$WORK/data.jsonl" >/dev/null
    row "import ($SCALE, $DAYS days)" "$(cat "$WORK/import.time")" "" ""
fi
EXPORT=${SRC_EXPORT:-}
if [ -z "$EXPORT" ]; then
    EXPORT=$WORK/export.jsonl
    "$BIN" --db "$DB" --no-server export --out "$EXPORT" >/dev/null
fi
ELDER=$("$BIN" --db "$DB" --no-server roll --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["elders"][0]["id"])')

# Runs each command of a group in turn, RUNS times (after WARM untimed rounds), and prints
# one line per command: label, p50/p95/max of whole-process wall time in ms. A command given
# as "pre::cmd" runs pre (untimed) right before each timed cmd.
times() {
    python3 - "$RUNS" "${WARM:-3}" "$@" <<'EOF'
import shlex, subprocess, sys, time
runs, warm, specs = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
groups = [(s.split("=", 1)[0], s.split("=", 1)[1]) for s in specs]
def run(c):
    subprocess.run(c, shell=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
samples = {label: [] for label, _ in groups}
for i in range(warm + runs):
    for label, cmd in groups:
        pre, _, cmd = cmd.rpartition("::")
        if pre:
            run(pre)
        t = time.perf_counter()
        run(cmd)
        if i >= warm:
            samples[label].append((time.perf_counter() - t) * 1e3)
q = lambda s, p: s[max(0, -(-len(s) * p // 100) - 1)]
for label, _ in groups:
    s = sorted(samples[label])
    print("%s\tp50 %.1f, p95 %.1f, max %.1f ms" % (label, q(s, 50), q(s, 95), s[-1]))
EOF
}
# The value of LABEL in the output of times.
pick() { grep -F "$1	" "$2" | cut -f2; }

Q=$(printf %q "$QUERY")
D=$(printf %q "$DB")
E=$(printf %q "$EXPORT")
B=$(printf %q "$BIN")

say "before: --no-server (no server runs), with grep in the same rounds"
times "find=$B --db $D --no-server find $Q" "grep=grep -F $Q $E" \
    "roll=$B --db $D --no-server roll" "summary=$B --db $D --no-server summary" \
    "checkin=$B --db $D --no-server checkin $ELDER ok" >"$WORK/before"

say "server: started by the first command, warmed"
"$BIN" --db "$DB" roll >/dev/null
PID=$(cat "$DB/server.pid")
rss() { awk '/VmRSS/ {printf "%d MB", $2 / 1024}' "/proc/$PID/status"; }
times "find=$B --db $D find $Q" "grep=grep -F $Q $E" \
    "roll=$B --db $D roll" "summary=$B --db $D summary" \
    "checkin=$B --db $D checkin $ELDER ok" \
    "summary_after_change=$B --db $D checkin $ELDER ok::$B --db $D summary" >"$WORK/after"
RSS_WARM=$(rss)

say "in process: 30 writers at once (cargo bench --bench shared)"
QIAOMEN_BENCH_DB=$DB cargo bench --quiet --bench shared 2>/dev/null | grep '^QM ' | sed 's/^QM //' >"$WORK/qm" || true
qm() { grep "^$1 " "$WORK/qm" | cut -d' ' -f2- ; }
RSS_AFTER=$(rss)

say "terminal UI: start to first frame in a pseudo-terminal (server warm)"
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
    r, _, _ = select.select([fd], [], [], 0.005)
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
print("%.0f" % (shown * 1e3) if shown is not None else "-1")
EOF
}
FRAMES=$(for _ in 1 2 3 4 5 6 7 8 9 10; do first_frame "$BIN" --db "$DB"; done | sort -n | tr '\n' ' ')

row "\`qiaomen find $QUERY\`" "$(pick find "$WORK/after")" "$(pick find "$WORK/before") (--no-server); grep -F: $(pick grep "$WORK/after")" "≤ 15 ms"
row "\`qiaomen roll\`" "$(pick roll "$WORK/after")" "$(pick roll "$WORK/before")" "≤ 20 ms"
row "\`qiaomen summary\`" "$(pick summary "$WORK/after")" "$(pick summary "$WORK/before")" "≤ 30 ms"
row "\`qiaomen summary\` right after a check-in" "$(pick summary_after_change "$WORK/after")" "" ""
row "\`qiaomen checkin $ELDER ok\`" "$(pick checkin "$WORK/after")" "$(pick checkin "$WORK/before")" "≤ 20 ms"
row "one check-in, 30 writers × 100 (in process)" "$(qm checkin_30_writers)" "$(qm checkin_30_writers_throughput)" "p99 ≤ 50 ms"
row "server RSS after warm-up / after the runs" "$RSS_WARM / $RSS_AFTER" "" "$([ "$SCALE" = district ] && echo "≤ 800 MB" || echo "≤ 250 MB")"
row "TUI first frame, real binary in a pty (10 runs, ms)" "$FRAMES" "" "≤ 100 ms"
for l in connect_hello request_find_wang_xiufang request_roll request_summary_warm request_get_household_per_elder request_checkin request_summary_after_change; do
    row "in process: $l" "$(qm "$l")" "" ""
done

echo
echo "qiaomen shared mode: $SCALE, ${SRC_DB:-$DAYS days}, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %s | %s | %s | %s |\n' "figure" "server warm" "before / peer, same run" "goal"
printf '| --- | --- | --- | --- |\n'
while IFS=$'\x1f' read -r a b c d; do printf '| %s | %s | %s | %s |\n' "$a" "$b" "$c" "$d"; done <"$ROWS"
