"""Where a cold `tonecheck check --format json` spends its time, as cProfile sees it.

    python bench/profile_cold.py [DRAFT]     # default: bench/out/draft-250.txt (speed.py writes it)

Profiles one fresh process from the first import to the exit, so module imports show
up beside the check itself; prints the functions with the most cumulative time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRAFT = sys.argv[1] if len(sys.argv) > 1 else str(HERE / "out" / "draft-250.txt")

CODE = r"""
import cProfile, io, pstats, sys, time
start = time.perf_counter()
profile = cProfile.Profile()
profile.enable()
sys.argv = ["tonecheck", "check", "--format", "json", sys.argv[1]]
try:
    from tonecheck.cli.quick import main
    main()
except SystemExit:
    pass
profile.disable()
wall = time.perf_counter() - start
out = io.StringIO()
stats = pstats.Stats(profile, stream=out)
stats.sort_stats("cumulative").print_stats(45)
sys.stderr.write(f"wall time in process (profiled): {wall * 1000:.1f} ms\n" + out.getvalue())
"""

proc = subprocess.run([sys.executable, "-c", CODE, DRAFT], capture_output=True, text=True)
print(proc.stderr)
