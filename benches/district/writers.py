#!/usr/bin/env python3
"""30 concurrent CLI writers x N check-ins each against a warm server: per check-in wall."""
import os, sys, time, subprocess, threading, json, statistics
DB, N = sys.argv[1], int(sys.argv[2]); BINS = [a.split("=", 1) for a in sys.argv[3:]]
ENV = dict(os.environ, QIAOMEN_NOW="2026-12-01T09:40", QIAOMEN_LANG="en", QIAOMEN_OPERATOR="bench")
def ids(b):
    out = subprocess.run([b, "--db", DB, "roll", "--json"], env=ENV, capture_output=True, check=True).stdout
    return [e["id"] for e in json.loads(out)["elders"]]
for label, b in BINS:
    subprocess.run([b, "--db", DB, "serve", "--stop"], env=ENV, capture_output=True)
    elders = ids(b)
    for _ in range(3):
        subprocess.run([b, "--db", DB, "summary"], env=ENV, capture_output=True)
    time.sleep(float(os.environ.get("WAIT", "0")))
    times = []; lock = threading.Lock(); start = threading.Barrier(30)
    def writer(w):
        start.wait()
        for k in range(N):
            e = elders[(w + k * 30) * 7 % len(elders)]
            t = time.perf_counter()
            subprocess.run([b, "--db", DB, "checkin", str(e), "ok"], env=ENV, capture_output=True, check=True)
            with lock: times.append((time.perf_counter() - t) * 1000)
    t0 = time.perf_counter(); ths = [threading.Thread(target=writer, args=(w,)) for w in range(30)]
    [t.start() for t in ths]; [t.join() for t in ths]; wall = time.perf_counter() - t0
    times.sort(); q = lambda p: times[min(len(times) - 1, int(p * len(times)))]
    print(f"{label}: n={len(times)} p50 {q(.5):.0f} p95 {q(.95):.0f} p99 {q(.99):.0f} max {times[-1]:.0f} ms; {len(times)/wall:.0f}/s; load {os.getloadavg()[0]:.1f}")
    subprocess.run([b, "--db", DB, "serve", "--stop"], env=ENV, capture_output=True)
