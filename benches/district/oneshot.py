#!/usr/bin/env python3
"""One-shot (`--no-server`) whole-process timings, BEFORE and AFTER in one pass.

usage: oneshot.py LABEL=BINARY:DB ...   (each binary on its own copy of the database)
Per command, 3 runs: wall (fork to wait4), CPU (user + sys from wait4), peak RSS, load.
Time `grep -F` into a file, not /dev/null (GNU grep stops at the first match there).
`grid list` reads almost nothing: its time is sled's open and the process, the floor of every
one-shot command (issue 12: "leave that, fix what is ours"); ours = a command minus it.
"""
import os, sys, time, subprocess

ENV = dict(os.environ, QIAOMEN_NOW="2026-12-01T09:40", QIAOMEN_LANG="en",
           QIAOMEN_OPERATOR="bench")
CMDS = [["grid", "list"], ["household", "list"], ["find", "王秀芳"], ["summary"], ["roll"]]


def run(argv):
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env=ENV, stdin=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return (time.perf_counter() - t) * 1000, (ru.ru_utime + ru.ru_stime) * 1000, \
        ru.ru_maxrss // 1024, status


for arg in sys.argv[1:]:
    label, rest = arg.split("=", 1)
    binary, db = rest.split(":", 1)
    for c in CMDS:
        rs = [run([binary, "--no-server", "--db", db] + c) for _ in range(3)]
        print(label, " ".join(c), "wall", [round(r[0]) for r in rs],
              "cpu", [round(r[1]) for r in rs], "rss", max(r[2] for r in rs),
              "exit", sorted({r[3] for r in rs}), "load", round(os.getloadavg()[0], 2),
              flush=True)
