#!/usr/bin/env python3
"""Two releases side by side, whole process, alternating: OLD, NEW, OLD, NEW, ... so that the
machine's drift falls on both alike. Run by hand (a 2-core VM's walls vary by a third).

    python3 benches/alternate.py OLD_BIN OLD_DB NEW_BIN NEW_DB RUNS 'summary' 'roll' ...

Each command runs with --no-server on its own database, after 2 warm-ups; prints the median,
min and 90th percentile of the wall time in milliseconds. QIAOMEN_NOW and QIAOMEN_LANG are
taken from the environment (the figures in README.md used 2026-11-30T09:40 at the subdistrict,
2026-12-01T09:40 at the district, and zh).
"""
import math
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 7:
        sys.exit(__doc__)
    old_bin, old_db, new_bin, new_db, runs = sys.argv[1:6]
    sides = [("OLD", old_bin, old_db), ("NEW", new_bin, new_db)]
    for cmd in sys.argv[6:]:
        walls = {name: [] for name, _, _ in sides}
        for i in range(int(runs) + 2):
            for name, binary, db in sides:
                start = time.perf_counter()
                subprocess.run(
                    [binary, "--db", db, "--no-server", *cmd.split()],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=True,
                )
                if i >= 2:
                    walls[name].append((time.perf_counter() - start) * 1000)
        line = f"{cmd:16}"
        for name, v in walls.items():
            v.sort()
            p90 = v[math.ceil(len(v) * 0.9) - 1]  # nearest rank
            line += f"  {name} median {statistics.median(v):6.1f} ms (min {v[0]:6.1f}, p90 {p90:6.1f})"
        print(line, flush=True)


if __name__ == "__main__":
    main()
