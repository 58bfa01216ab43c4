#!/usr/bin/env python3
"""serve_rss.py BIN DB [WRAPPER...]: the server's memory after a warm-up (issue 10's RSS figure).

Starts `BIN --db DB serve --foreground` (under WRAPPER when given, e.g. `heaptrack -o FILE`),
warms it as measure.py does (a roll, finds and summaries, the index built by the second find,
WARM_WAIT seconds), prints VmRSS/VmHWM, makes three check-ins (ELDERS, ids on today's roll of
the district data) and reads again, then stops the server. HOLD=1 keeps it running (its pid in
/tmp/mem-hold.pid) until /tmp/mem-release exists, for gdb or /proc.
"""
import os, sys, time, subprocess
BIN, DB = sys.argv[1], sys.argv[2]
PREFIX = sys.argv[3:]
ENV = dict(os.environ, QIAOMEN_NOW="2026-12-01T09:40", QIAOMEN_LANG="en", QIAOMEN_OPERATOR="bench")
def server_pid():
    want = os.path.realpath(BIN)
    for p in os.listdir("/proc"):
        if not p.isdigit(): continue
        try:
            exe = os.readlink(f"/proc/{p}/exe")
            cmd = open(f"/proc/{p}/cmdline", "rb").read().split(b"\0")
        except OSError: continue
        if exe == want and b"serve" in cmd and DB.encode() in cmd:
            return int(p)
def rss(pid):
    d = {}
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(("VmRSS", "VmHWM")): d[line.split()[0]] = int(line.split()[1]) // 1024
    return d
def run(args):
    t = time.perf_counter()
    r = subprocess.run([BIN, "--db", DB] + args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if r.returncode: print("FAIL", args, r.stderr.decode()[:300])
    return (time.perf_counter() - t) * 1000
log = open(f"/tmp/serve-rss-{os.getpid()}.log", "w")
srv = subprocess.Popen(PREFIX + [BIN, "--db", DB, "serve", "--foreground", "--idle-minutes", "60"], env=ENV, stdout=log, stderr=log)
t0 = time.time()
while not any(f.endswith("sock") or "sock" in f for f in os.listdir(DB)) and time.time() - t0 < 120: time.sleep(0.2)
time.sleep(1)
pid = None
while pid is None and time.time() - t0 < 60:
    pid = server_pid(); time.sleep(0.2)
print("server pid", pid, "after", round(time.time() - t0, 1), "s")
print("roll", round(run(["roll"])))
for _ in range(3):
    print("find", round(run(["find", "王秀芳"])), "summary", round(run(["summary"])))
wait = float(os.environ.get("WARM_WAIT", "30"))
time.sleep(wait)
for _ in range(2):
    print("find", round(run(["find", "王秀芳"])), "roll", round(run(["roll"])), "summary", round(run(["summary"])))
print("warm", rss(pid))
for e in os.environ.get("ELDERS", "909 29060 39373").split():
    print("checkin", round(run(["checkin", e, "ok"])))
print("summary", round(run(["summary"])), "roll", round(run(["roll"])), "find", round(run(["find", "wxf"])))
print("end", rss(pid))
if os.environ.get("HOLD"):
    open("/tmp/mem-hold.pid","w").write(str(pid))
    while not os.path.exists("/tmp/mem-release"): time.sleep(1)
    os.remove("/tmp/mem-release")
run(["serve", "--stop"])
srv.wait()
print("stopped", srv.returncode)
