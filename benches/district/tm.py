#!/usr/bin/env python3
"""tm.py OUT -- argv...: wall (fork to wait4), CPU user+sys of the child, peak RSS."""
import os, sys, time, resource
out = sys.argv[1]
argv = sys.argv[3:]
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(fd, 1)
    os.execvp(argv[0], argv)
_, status, ru = os.wait4(pid, 0)
wall = (time.monotonic() - t0) * 1000
cpu = (ru.ru_utime + ru.ru_stime) * 1000
print(f"wall {wall:.0f} ms  cpu {cpu:.0f} ms  rss {ru.ru_maxrss/1024:.0f} MB  exit {os.waitstatus_to_exitcode(status)}  load {os.getloadavg()[0]:.1f}")
