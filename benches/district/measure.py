#!/usr/bin/env python3
"""Whole-process timings against a warm server, BEFORE and AFTER alternately.

usage: measure.py DB RUNS BIN_LABEL=PATH ...   (each binary gets its own server in turn)
Per command: wall (fork to wait4), client CPU (user+sys from wait4), server CPU per request
(utime+stime of the server process from /proc, delta over the command), load average.
"""
import os, sys, time, subprocess, statistics, json

DB = sys.argv[1]
RUNS = int(sys.argv[2])
ROUNDS = int(os.environ.get("ROUNDS", "2"))
BINS = [a.split("=", 1) for a in sys.argv[3:]]
ENV = dict(os.environ, QIAOMEN_NOW="2026-12-01T09:40", QIAOMEN_LANG="en",
           QIAOMEN_OPERATOR="bench")
TICK = os.sysconf("SC_CLK_TCK")
ELDER = os.environ.get("ELDER", "1803")


def server_pid():
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            cmd = open(f"/proc/{p}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        if b"serve" in cmd and DB.encode() in cmd:
            return int(p)
    return None


def server_cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / TICK


def rss(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(("VmRSS", "VmHWM")):
            yield line.split()[0], int(line.split()[1]) // 1024


def run(binpath, args):
    t = time.perf_counter()
    p = subprocess.Popen([binpath, "--db", DB] + args, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=ENV, stdin=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - t) * 1000
    err = p.stderr.read()
    p.stderr.close()
    if status != 0:
        raise SystemExit(f"{args} failed: {err.decode()}")
    return wall, (ru.ru_utime + ru.ru_stime) * 1000


def start(binpath):
    subprocess.run([binpath, "--db", DB, "serve", "--stop"], env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t = time.perf_counter()
    run(binpath, ["roll"])  # starts the server; waits for today's roll
    first = (time.perf_counter() - t) * 1000
    pid = server_pid()
    # warm: the index is built in the background; two finds, a summary
    for _ in range(3):
        run(binpath, ["find", "王秀芳"])
        run(binpath, ["summary"])
    time.sleep(float(os.environ.get("WARM_WAIT", "20")))
    for _ in range(2):
        run(binpath, ["find", "王秀芳"])
        run(binpath, ["roll"])
        run(binpath, ["summary"])
    return pid, first


CMDS = [
    ("find", ["find", "王秀芳"]),
    ("roll", ["roll"]),
    ("summary", ["summary"]),
    ("checkin", ["checkin", ELDER, "ok"]),
    ("summary_after_checkin", None),
    ("roll_after_checkin", None),
]

results = {}
for rnd in range(ROUNDS):
    for label, path in BINS:
        pid, first = start(path)
        r = results.setdefault(label, {})
        r.setdefault("first_roll_ms", []).append(first)
        r.setdefault("load", []).append(os.getloadavg()[0])
        r.setdefault("rss_warm", []).append(dict(rss(pid)))
        for name, args in CMDS:
            for _ in range(RUNS):
                if args is None:
                    run(path, ["checkin", ELDER, "ok"])
                    args_ = [name.split("_")[0]]
                else:
                    args_ = args
                c0 = server_cpu(pid)
                wall, cpu = run(path, args_)
                c1 = server_cpu(pid)
                d = r.setdefault(name, {"wall": [], "cpu": [], "srv": []})
                d["wall"].append(wall); d["cpu"].append(cpu); d["srv"].append(c1 - c0)
        r.setdefault("load_end", []).append(os.getloadavg()[0])
        r.setdefault("rss_end", []).append(dict(rss(pid)))
        subprocess.run([path, "--db", DB, "serve", "--stop"], env=ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)

for label, r in results.items():
    print(f"== {label}: load {r['load']} -> {r['load_end']}; first roll (server start) "
          f"{[round(x) for x in r['first_roll_ms']]} ms; rss warm {r['rss_warm']} end {r['rss_end']}")
    for name, _ in CMDS:
        d = r[name]
        med = lambda xs: statistics.median(xs)
        print(f"  {name:24} wall p50 {med(d['wall']):7.1f} min {min(d['wall']):7.1f} | "
              f"client cpu p50 {med(d['cpu']):6.1f} | server cpu mean {statistics.mean(d['srv']):6.1f} ms")
json.dump(results, open(os.environ.get("OUT", "last.json"), "w"))
