"""Where a big check and a batch spend their time, stage by stage, as multiples of VADER.

    python bench/stages.py                # inputs that bench/speed.py writes (made if missing)
    python bench/stages.py --batch-size 500 --runs 5

speed.py says whether each goal is met; this says why not. In one warm process it runs
the real pipeline (analyze_draft, and the batch's per-record path) with a timer around
each stage's entry point. Each stage is charged only its own time: a stage called from
inside another (VADER from inside a rule, a sentence split from inside a revision pass)
is taken out of the caller's share, so the stages add up to the total. Everything runs in
this one process (no scoring ahead on a second core), so the figures are CPU work, the
thing two cores can at best halve.

Each figure is set against bare VADER scoring the same text sentence by sentence, timed
in the same run: the floor the speed goals are ratios to.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402  (the inputs and the table live there)

from tonecheck import analysis  # noqa: E402
from tonecheck.batch import run as batch  # noqa: E402
from tonecheck.config import load_settings  # noqa: E402
from tonecheck.core.report import Report  # noqa: E402
from tonecheck.drafts import load as drafts  # noqa: E402
from tonecheck.engine import charges, context  # noqa: E402
from tonecheck.render import json as render  # noqa: E402
from tonecheck.revision import recheck, revise  # noqa: E402
from tonecheck.text import language, sentences, sentiment  # noqa: E402

#: stage label -> seconds of its own (callees that are stages themselves taken out).
SPENT: dict[str, float] = defaultdict(float)
_STACK: list[list[float]] = []  # per open stage: [time it started, time its callees took]


def timed(label: str, fn: Callable) -> Callable:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _STACK.append([time.perf_counter(), 0.0])
        try:
            return fn(*args, **kwargs)
        finally:
            started, inner = _STACK.pop()
            took = time.perf_counter() - started
            SPENT[label] += took - inner
            if _STACK:
                _STACK[-1][1] += took
    return wrapper


def _stages() -> list[tuple[Any, str, str]]:
    """(module, name, stage): each place a stage is looked up from when it is called."""
    return [
        (drafts, "from_text", "read and mask the draft"),
        (drafts, "load", "read and mask the draft"),
        (sentences, "split", "split into sentences"),
        (sentiment, "_score_text", "VADER, via tonecheck"),
        (charges, "raw_charges", "rules, first pass"),
        (recheck, "raw_charges", "rules, revision passes"),
        (revise, "revise_fully", "revision: the rest of it"),
        (charges, "settle", "findings, scores, delay"),
        (revise, "settle", "findings, scores, delay"),
        (analysis, "analyze_draft", "findings, scores, delay"),
        (language, "warning", "language check"),
        (analysis, "measure", "readability"),
        (render, "to_json", "report to JSON"),
        (batch, "as_json_line", "report to JSON"),
        (Report, "to_dict", "report to JSON"),
    ]


def instrument() -> list[str]:
    """Put a timer on every stage; the stage labels, in order."""
    # No fork for scoring ahead: every stage runs here, where it is timed.
    context.SCORE_AHEAD_FROM = sys.maxsize
    stages = _stages()
    for holder, name, label in stages:
        setattr(holder, name, timed(label, getattr(holder, name)))
    return list(dict.fromkeys(label for _, _, label in stages))


SPLIT = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def bare_vader(texts: list[str]) -> float:
    """speed.py's floor, in this process: VADER on each sentence of each text."""
    vader = sentiment.analyzer()
    start = time.perf_counter()
    for text in texts:
        for s in SPLIT.split(text):
            if s.strip():
                vader.polarity_scores(s)
    return time.perf_counter() - start


def measure(run: Callable[[], None]) -> tuple[dict[str, float], float]:
    SPENT.clear()
    sentiment._MEMO.clear()
    start = time.perf_counter()
    run()
    total = time.perf_counter() - start
    spent = dict(SPENT)
    spent["everything else"] = total - sum(spent.values())
    return spent, total


def medians(runs: int, floor: Callable[[], float], run: Callable[[], None]
            ) -> tuple[float, dict[str, float], float]:
    """Bare VADER, each stage and the total, each the median of `runs` alternating runs."""
    floors, stages, totals = [], defaultdict(list), []
    for _ in range(runs):
        floors.append(floor())
        spent, total = measure(run)
        totals.append(total)
        for label, seconds in spent.items():
            stages[label].append(seconds)
    return (statistics.median(floors), {k: statistics.median(v) for k, v in stages.items()},
            statistics.median(totals))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="runs per median")
    args = parser.parse_args()
    paths = speed.make_inputs(args.batch_size)
    big_text = paths["big"].read_text(encoding="utf-8")
    batch_texts = [json.loads(line)["text"] for line in paths["batch"].open(encoding="utf-8")]

    settings = load_settings(use_config=False)
    sentiment.analyzer()
    analysis.analyze_draft(drafts.load(str(paths["warm"])), settings)  # load packs and caches
    labels = instrument() + ["everything else"]

    def big() -> None:
        report = analysis.analyze_draft(drafts.load(str(paths["big"])), settings)
        render.to_json([report])

    def many() -> None:
        batch.run(str(paths["batch"]), jobs=1, out=io.StringIO())

    vader_big, big_spent, big_total = medians(args.runs, lambda: bare_vader([big_text]), big)
    vader_batch, batch_spent, batch_total = medians(args.runs, lambda: bare_vader(batch_texts), many)

    print(f"{len(big_text) / 1e6:.1f} MB draft: bare VADER {vader_big:.3f} s; "
          f"{len(batch_texts)} drafts: bare VADER {vader_batch:.3f} s "
          f"(medians of {args.runs} runs; the total is the median total)\n")
    head = ("stage (CPU, one process)", "1 MB draft", "x VADER", "batch", "x VADER")
    rows = [(label, f"{big_spent.get(label, 0):.3f} s", f"{big_spent.get(label, 0) / vader_big:.2f}",
             f"{batch_spent.get(label, 0):.3f} s", f"{batch_spent.get(label, 0) / vader_batch:.2f}")
            for label in labels]
    rows.append(("total", f"{big_total:.3f} s", f"{big_total / vader_big:.2f}",
                 f"{batch_total:.3f} s", f"{batch_total / vader_batch:.2f}"))
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, tuple("-" * w for w in widths), *rows]:
        cells = zip(r, widths, strict=True)
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(cells)))
    print("\nThe goals allow 1.5x (big draft) and 2x (batch) VADER in wall time on two cores,")
    print("so at most 3x and 4x VADER of CPU work even if every stage split perfectly.")


if __name__ == "__main__":
    main()
