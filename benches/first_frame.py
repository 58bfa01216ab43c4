#!/usr/bin/env python3
"""Issue 12: the real binary's first frame in an 80x24 pseudo-terminal.

    python3 benches/first_frame.py MARKER qiaomen [--no-server] --db DIR

Prints the milliseconds from fork to the first frame (`first_frame_ms`: the opening frame,
which names "qiaomen" before the database is open, or else the first frame with MARKER) and to
the first output that holds MARKER (`marker_ms`: for example the community's name, on the
screen once the database answered), once CSI escape sequences are removed: ratatui moves the
cursor between wide characters, so the raw bytes never hold the name whole. The window size is
set in the child before exec, so the first frame is drawn at 80x24. Then `q`, and SIGTERM if still running.
"""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

marker = sys.argv[1].encode()
argv = sys.argv[2:]
t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.execvp(argv[0], argv)
buf = b""
first = None
opening = None
deadline = t0 + 15
while time.monotonic() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.02)
    if ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        buf += data
        text = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", buf)
        if opening is None and b"qiaomen" in text:
            opening = time.monotonic() - t0
        if marker in text:
            first = time.monotonic() - t0
            opening = opening or first
            break
os.write(fd, b"q")
time.sleep(0.3)
try:
    os.kill(pid, signal.SIGTERM)
except ProcessLookupError:
    pass
os.waitpid(pid, 0)
print(f"first_frame_ms {opening * 1000:.0f}" if opening else "no frame")
print(f"marker_ms {first * 1000:.0f}" if first else "no marker")
