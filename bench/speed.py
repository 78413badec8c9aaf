"""Speed benchmark for issue 5: every goal as a ratio to a floor or peer timed in the same run.

    python bench/speed.py                 # the tonecheck installed beside this interpreter
    python bench/speed.py --venv DIR      # another installation (e.g. an older checkout)
    python bench/speed.py --quick         # fewer runs, for a smoke test

It writes its own inputs under bench/out/ (deterministic, seeded), times fresh processes
and prints a table. The machine is shared and noisy, so each figure is a median of several
runs and each goal is judged as a ratio against a peer measured in the same run, never as
an absolute time. proselint is installed into a throwaway venv under bench/out/ and timed
on the same files for reference.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

FLOOR = "import typer; from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as S; S()"

# The unavoidable work for a big draft or a batch: VADER, sentence by sentence, with a
# plain regex split. Run with the interpreter under test, so both sides share a Python.
VADER_TEXT = r"""
import re, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
text = open(sys.argv[1], encoding="utf-8").read()
vader = SentimentIntensityAnalyzer()
n = 0
for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
    if s.strip():
        vader.polarity_scores(s); n += 1
print(n)
"""

VADER_JSONL = r"""
import json, re, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
vader = SentimentIntensityAnalyzer()
n = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        text = json.loads(line)["text"]
        for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
            if s.strip():
                vader.polarity_scores(s); n += 1
print(n)
"""

# Time tonecheck's analysis of one file inside a warm process, for the growth goal, so
# interpreter start-up does not flatter the ratio. A small draft is checked first so that
# one-off loading (dictionaries, rule packs) is not counted against either size.
IN_PROCESS = r"""
import sys, time
from tonecheck.analysis import analyze_draft
from tonecheck.config import load_settings
from tonecheck.drafts.load import load
from tonecheck.render.json import to_json
settings = load_settings(use_config=False)
analyze_draft(load(sys.argv[2]), settings)
start = time.perf_counter()
report = analyze_draft(load(sys.argv[1]), settings)
to_json([report])
print(time.perf_counter() - start)
"""

# Before `tonecheck batch` existed, the nearest thing was a loop over the library.
LIBRARY_LOOP = r"""
import json, sys
from tonecheck.analysis import analyze_draft
from tonecheck.config import load_settings
from tonecheck.drafts.load import from_text
settings = load_settings(use_config=False)
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        rec = json.loads(line)
        report = analyze_draft(from_text(rec["text"], "text", str(rec["id"])), settings)
        sys.stdout.write(json.dumps({"id": rec["id"], **report.to_dict()}) + "\n")
"""

# --- inputs ------------------------------------------------------------------------------

OPENERS = ["I", "We", "You", "The team", "Sam", "Everyone", "My manager", "Our client", "Nobody",
           "The board", "Your sister", "The landlord", "This project", "The new intern"]
VERBS = ["missed", "reviewed", "ignored", "finished", "postponed", "questioned", "approved",
         "forgot", "rewrote", "cancelled", "praised", "criticised", "delivered", "abandoned",
         "explained", "complicated", "celebrated", "misunderstood", "scheduled", "rejected"]
OBJECTS = ["the quarterly report", "my last three emails", "the budget spreadsheet", "our agreement",
           "the meeting notes", "the launch plan", "the invoice", "the design review",
           "the holiday schedule", "the customer complaint", "the contract draft", "the roadmap",
           "the migration checklist", "the onboarding guide", "the dinner reservation"]
TAILS = ["yesterday", "again", "without telling anyone", "before the deadline", "this morning",
         "for the second time", "as promised", "in a hurry", "with remarkable care", "last week",
         "despite everything", "at the worst possible moment", "quite thoughtfully", "on Friday"]
# Heated sentences take a varied clause, so that a long draft does not repeat them word for
# word (tonecheck memoises per sentence; bare VADER does not).
HEAT = ["This is completely unacceptable, {c}!!!", "I am furious that {c}.", "ANSWER ME TODAY, {c}.",
        "Why do you always do this when {c}?", "Please, please reply as soon as possible, {c}.",
        "Honestly, this is a terrible, awful mess: {c}.", "I need this done ASAP, {c}, no excuses!",
        "Thank you so much, {c}, this is wonderful news!", "I'm sorry, {c}; I should have asked sooner."]
NAMES = ["Priya", "Tomasz", "Aoife", "Kwame", "Ingrid", "Mateo", "Yuki", "Dmitri", "Siobhan"]


def sentence(rng: random.Random) -> str:
    words = f"{rng.choice(OPENERS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    if rng.random() < 0.12:
        clause = words if words.startswith(("I ", "Sam ")) else words[0].lower() + words[1:]
        return rng.choice(HEAT).format(c=clause)
    if rng.random() < 0.3:
        words += f", and {rng.choice(NAMES)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.2:
        words += f" {rng.choice(TAILS)}"
    return words + rng.choice([".", ".", ".", "?", "!"])


def prose(rng: random.Random, target_bytes: int) -> str:
    """Paragraphs of five sentences up to `target_bytes`; a sentence repeats only by chance."""
    paragraphs, size = [], 0
    while size < target_bytes:
        para = " ".join(sentence(rng) for _ in range(5))
        paragraphs.append(para)
        size += len(para) + 2
    return "\n\n".join(paragraphs) + "\n"


def draft_250(rng: random.Random) -> str:
    body = []
    while sum(len(p.split()) for p in body) < 235:
        body.append(" ".join(sentence(rng) for _ in range(4)))
    return f"Hi {rng.choice(NAMES)},\n\n" + "\n\n".join(body) + "\n\nThanks,\nAlex\n"


def make_inputs(batch_size: int) -> dict[str, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    files = {
        "draft": (OUT / "draft-250.txt", lambda: draft_250(random.Random(250))),
        "small": (OUT / "draft-100k.txt", lambda: prose(random.Random(100), 100_000)),
        "big": (OUT / "draft-1m.txt", lambda: prose(random.Random(1000), 1_000_000)),
        "warm": (OUT / "warm.txt", lambda: "Thanks for the notes, see you at ten.\n"),
    }
    paths = {}
    for key, (path, make) in files.items():
        path.write_text(make(), encoding="utf-8")
        paths[key] = path
    rng = random.Random(7)
    batch = OUT / f"batch-{batch_size}.jsonl"
    with batch.open("w", encoding="utf-8") as fh:
        for i in range(batch_size):
            text = " ".join(sentence(rng) for _ in range(rng.randint(3, 9)))
            fh.write(json.dumps({"id": f"msg-{i:05d}", "text": text}) + "\n")
    paths["batch"] = batch
    return paths


# --- running -----------------------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    code: int


def run(cmd: list[str], timeout: float = 900.0) -> Run:
    """One fresh process: wall time, its own peak RSS, exit code."""
    err_file = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err_file, stdin=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return Run(float("inf"), 0.0, -9)
        time.sleep(0.002)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err_file.seek(0)
    err = err_file.read().decode(errors="replace")
    err_file.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode)


def output(cmd: list[str], timeout: float = 900.0) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True).stdout


def median(values: list[float]) -> float:
    return statistics.median(values)


def interleaved(cmds: dict[str, list[str]], runs: int, warmup: int = 2) -> dict[str, list[Run]]:
    """Alternate the commands so background load hits all of them alike."""
    results: dict[str, list[Run]] = {k: [] for k in cmds}
    for i in range(warmup + runs):
        for key, cmd in cmds.items():
            r = run(cmd)
            if i >= warmup:
                results[key].append(r)
    return results


def proselint_bin() -> Path | None:
    venv = OUT / "proselint-venv"
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"], check=True,
                           capture_output=True, timeout=600)
        except (subprocess.SubprocessError, OSError):
            shutil.rmtree(venv, ignore_errors=True)
            return None
    return exe


# --- the table ---------------------------------------------------------------------------

ROWS: list[tuple[str, str, str, str, str, str]] = []


def row(goal: str, ours: str, peer: str, ratio: str, target: str, ok: bool | None) -> None:
    ROWS.append((goal, ours, peer, ratio, target, "-" if ok is None else ("yes" if ok else "NO")))


def fmt_s(seconds: float) -> str:
    return ">timeout" if seconds == float("inf") else f"{seconds:.3f} s"


def print_table() -> None:
    head = ("goal", "tonecheck", "floor / peer", "ratio", "target", "met")
    widths = [max(len(r[i]) for r in [head, *ROWS]) for i in range(len(head))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print(line)
    for r in ROWS:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--venv", type=Path, help="installation to measure (default: this interpreter's)")
    parser.add_argument("--runs", type=int, default=15, help="runs per cold-start median")
    parser.add_argument("--big-runs", type=int, default=3, help="runs per big-input median")
    parser.add_argument("--batch-size", type=int, default=2000, help="drafts in the batch input")
    parser.add_argument("--quick", action="store_true", help="few runs: a smoke test, not a result")
    parser.add_argument("--no-proselint", action="store_true", help="skip the proselint reference")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.big_runs, args.batch_size = 5, 1, 300

    bindir = (args.venv / "bin") if args.venv else Path(sys.executable).parent
    python = str(bindir / "python")
    tonecheck = str(bindir / "tonecheck")
    if not Path(tonecheck).exists():
        raise SystemExit(f"bench: no tonecheck at {tonecheck}")
    env_note = f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, Python {platform.python_version()}"
    print(f"tonecheck bench: {tonecheck}\n{env_note}", flush=True)
    # An installed wheel carries compiled bytecode; an editable checkout run with
    # PYTHONDONTWRITEBYTECODE would recompile every module on every run instead. Compile
    # it, so both are measured as they would be deployed.
    package = output([python, "-c", "import os, tonecheck; print(os.path.dirname(tonecheck.__file__))"])
    subprocess.run([python, "-m", "compileall", "-q", package.strip()], check=True)

    paths = make_inputs(args.batch_size)
    big_mb = paths["big"].stat().st_size / 1e6
    draft_words = len(paths["draft"].read_text(encoding="utf-8").split())
    prose_exe = None if args.no_proselint else proselint_bin()

    # 1. Cold check of a ~250-word draft against the import floor, fresh processes.
    cold = interleaved({
        "floor": [python, "-c", FLOOR],
        "check": [tonecheck, "check", "--format", "json", str(paths["draft"])],
        **({"proselint": [str(prose_exe), "check", str(paths["draft"])]} if prose_exe else {}),
    }, args.runs)
    floor = median([r.seconds for r in cold["floor"]])
    check = median([r.seconds for r in cold["check"]])
    row(f"cold check, {draft_words}-word draft", fmt_s(check), f"{fmt_s(floor)} floor",
        f"{check / floor:.2f}x", "<= 1.30x", check / floor <= 1.3)
    row("  peak memory, cold check", f"{max(r.max_rss_mb for r in cold['check']):.0f} MB",
        f"{max(r.max_rss_mb for r in cold['floor']):.0f} MB floor", "", "", None)
    if prose_exe:
        pl = median([r.seconds for r in cold["proselint"]])
        row("  proselint, same draft (reference)", fmt_s(pl), f"{fmt_s(floor)} floor", f"{pl / floor:.2f}x",
            "", None)

    # 2. A 1 MB draft end to end, against bare VADER sentence by sentence on the same text.
    big = interleaved({
        "check": [tonecheck, "check", "--format", "json", str(paths["big"])],
        "vader": [python, "-c", VADER_TEXT, str(paths["big"])],
    }, args.big_runs, warmup=0)
    ours = median([r.seconds for r in big["check"]])
    vader = median([r.seconds for r in big["vader"]])
    row(f"{big_mb:.1f} MB draft, end to end", fmt_s(ours), f"{fmt_s(vader)} VADER",
        f"{ours / vader:.2f}x", "<= 1.50x", ours / vader <= 1.5)
    peak = max(r.max_rss_mb for r in big["check"])
    row(f"  peak memory, {big_mb:.1f} MB draft", f"{peak:.0f} MB",
        f"{max(r.max_rss_mb for r in big['vader']):.0f} MB VADER", "", "< 100 MB", peak < 100)

    # 3. Linear growth: 10x the text, analysis timed inside a warm process.
    growth = {"small": [], "big": []}
    for _ in range(args.big_runs):
        for key in growth:
            out = output([python, "-c", IN_PROCESS, str(paths[key]), str(paths["warm"])])
            growth[key].append(float(out.strip().splitlines()[-1]))
    g_small, g_big = median(growth["small"]), median(growth["big"])
    row("growth, 0.1 MB -> 1 MB (in process)", fmt_s(g_big), f"{fmt_s(g_small)} at 0.1 MB",
        f"{g_big / g_small:.2f}x", "<= 11x", g_big / g_small <= 11)

    if prose_exe:
        pl_big = run([str(prose_exe), "check", str(paths["big"])], timeout=900)
        row(f"  proselint, {big_mb:.1f} MB draft (reference)", fmt_s(pl_big.seconds),
            f"{fmt_s(vader)} VADER",
            "" if pl_big.seconds == float("inf") else f"{pl_big.seconds / vader:.2f}x", "", None)

    # 4. Batch throughput against bare VADER scoring the same sentences in one process.
    has_batch = subprocess.run([tonecheck, "batch", "--help"], capture_output=True).returncode == 0
    batch_cmds = {"vader": [python, "-c", VADER_JSONL, str(paths["batch"])]}
    if has_batch:
        batch_cmds["jobs"] = [tonecheck, "batch", str(paths["batch"])]
        batch_cmds["one"] = [tonecheck, "batch", "--jobs", "1", str(paths["batch"])]
    else:
        batch_cmds["one"] = [python, "-c", LIBRARY_LOOP, str(paths["batch"])]
    bres = interleaved(batch_cmds, args.big_runs, warmup=0)
    bv = median([r.seconds for r in bres["vader"]])
    n = args.batch_size
    if has_batch:
        bj = median([r.seconds for r in bres["jobs"]])
        row(f"batch, {n} drafts, --jobs {os.cpu_count()}", fmt_s(bj), f"{fmt_s(bv)} VADER",
            f"{bj / bv:.2f}x", "<= 2.00x", bj / bv <= 2)
        b1 = median([r.seconds for r in bres["one"]])
        row(f"  batch, {n} drafts, --jobs 1", fmt_s(b1), f"{fmt_s(bv)} VADER", f"{b1 / bv:.2f}x", "", None)
    else:
        b1 = median([r.seconds for r in bres["one"]])
        row(f"batch, {n} drafts (no batch command: library loop)", fmt_s(b1), f"{fmt_s(bv)} VADER",
            f"{b1 / bv:.2f}x", "<= 2.00x", b1 / bv <= 2)

    print()
    print_table()
    print(f"medians of {args.runs} cold runs and {args.big_runs} big runs; "
          f"load at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
