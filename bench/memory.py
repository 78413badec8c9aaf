"""Peak memory of checking a 10 MB paste, for issue 13: every figure beside a floor taken in
the same run.

    python bench/memory.py                 # the tonecheck installed beside this interpreter
    python bench/memory.py --size 2        # a 2 MB draft, for a quicker look
    python bench/memory.py --venv DIR      # another installation (e.g. an older checkout)

It writes its own draft under bench/out/ (deterministic, seeded; nothing from outside the
repository): paragraphs of bench/speed.py's varied prose, the bundled example drafts, and
heated sentences (shouting, pleas, ultimatums), mixed at random up to the size asked for.
A 10 MB draft of that mix gives some 500,000 findings. Then it runs `tonecheck check` in
text, line and JSON output (JSON with the default cap and with --max-findings 0, every
finding), and `tonecheck revise`, each in a fresh process, and reports each one's peak
resident memory (the largest of it and its children, which include the core that scores
sentiment ahead), its time and how much it printed.

The floor is a Python process that reads the same draft into a string and runs bare VADER
(the analyzer loaded, its lexicon in memory) over the first 100 KB sentence by sentence:
the interpreter, the one library a check cannot do without, and the draft itself, which
any tool that reads it must hold. It is measured the same way, in the same run, so the
ratios hold on a machine with a different allocator or Python. (A bare `import tonecheck`
would be lower still, but says nothing about the draft's own size.)

The goal: every run well under 500 MB at 10 MB of input (aimed at 350 MB or less).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

import speed  # noqa: E402  (its sentence generator)

GOAL_MB = 350
LIMIT_MB = 500

HEATED = [
    "ANSWER ME RIGHT NOW!!! THIS IS RIDICULOUS!!!",
    "Please, please talk to me. I'm begging you. I can't live without you.",
    "Call me tonight or we are done. This is your last chance.",
    "Per my last email, you need to send it ASAP. You never listen!!",
]

FLOOR = r"""
import re, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
text = open(sys.argv[1], encoding="utf-8").read()
vader = SentimentIntensityAnalyzer()
for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", text[:100_000]):
    if s.strip():
        vader.polarity_scores(s)
"""

# Runs `cmd` and prints the peak RSS (KiB) of it and its descendants: a fresh wrapper per
# run, since RUSAGE_CHILDREN keeps the largest child a process has ever waited for.
MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    code = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - start, code)
"""


def draft(size: int) -> str:
    """About `size` bytes of varied text: prose, the example drafts and heated lines."""
    rng = random.Random(13)
    examples = REPO / "examples"
    heated = (examples / "heated.txt").read_text(encoding="utf-8").strip()
    coffee = (examples / "coffee.txt").read_text(encoding="utf-8").strip()
    mail = (examples / "work-email.eml").read_text(encoding="utf-8")
    body = mail.split("\n\n", 1)[1].split("\nOn ")[0].strip()  # without headers and quote
    parts, total = [], 0
    while total < size:
        r = rng.random()
        if r < 0.55:
            part = " ".join(speed.sentence(rng) for _ in range(5))
        elif r < 0.7:
            part = heated
        elif r < 0.8:
            part = coffee
        elif r < 0.9:
            part = body
        else:
            part = " ".join(rng.choice(HEATED) for _ in range(3))
        parts.append(part)
        total += len(part.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def measure(python: str, cmd: list[str], out: Path) -> tuple[float, float, int]:
    """(peak MB, seconds, exit status) of `cmd`, its output written to `out`."""
    proc = subprocess.run([python, "-c", MEASURE, str(out), *cmd], capture_output=True,
                          text=True, check=True)
    kib, seconds, code = proc.stdout.split()
    return int(kib) / 1024, float(seconds), int(code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=float, default=10, help="draft size in MB (default 10)")
    parser.add_argument("--venv", type=Path, help="installation to measure (default: this interpreter's)")
    args = parser.parse_args()

    python = str(args.venv / "bin" / "python") if args.venv else sys.executable
    tonecheck = [python, "-m", "tonecheck"]
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"memory-{args.size:g}mb.txt"
    path.write_text(draft(int(args.size * 1_000_000)), encoding="utf-8")
    size_mb = path.stat().st_size / 1_000_000
    now = "--now=2026-11-26T14:00+00:00"
    runs = {
        "floor: read the draft, VADER on 100 KB": [python, "-c", FLOOR, str(path)],
        "check (text)": [*tonecheck, "check", now, str(path)],
        "check --format line": [*tonecheck, "check", "-f", "line", now, str(path)],
        "check --format json": [*tonecheck, "check", "-f", "json", now, str(path)],
        "check --format json --max-findings 0": [*tonecheck, "check", "-f", "json",
                                                 "--max-findings", "0", now, str(path)],
        "revise": [*tonecheck, "revise", str(path)],
    }
    env_note = f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores"
    print(f"Peak resident memory for a {size_mb:.1f} MB draft ({path.name}); {env_note}")
    print(f"goal: under {LIMIT_MB} MB, aimed at {GOAL_MB} MB or less\n")
    print(f"  {'run':<40} {'peak MB':>8} {'x floor':>8} {'seconds':>8} {'printed':>10}")
    floor = None
    worst = 0.0
    for label, cmd in runs.items():
        out = OUT / "memory-out.txt"
        peak, seconds, code = measure(python, cmd, out)
        printed = out.stat().st_size
        if floor is None:
            floor = peak
        else:
            worst = max(worst, peak)
        ratio = peak / floor
        shown = f"{printed / 1e6:.1f} MB" if printed >= 1e5 else f"{printed / 1e3:.0f} KB"
        print(f"  {label:<40} {peak:>8.0f} {ratio:>7.1f}x {seconds:>8.1f} {shown:>10}"
              + ("" if code in (0, 1) else f"  (exit {code})"), flush=True)
    out.unlink(missing_ok=True)
    verdict = "met" if worst <= GOAL_MB else "under the limit" if worst < LIMIT_MB else "MISSED"
    print(f"\nworst run: {worst:.0f} MB ({worst / floor:.1f}x the floor): goal {verdict}")
    sys.exit(0 if worst < LIMIT_MB else 1)


if __name__ == "__main__":
    main()
