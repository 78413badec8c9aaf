"""How well do tonecheck's scores agree with people?

Scores three human-rated corpora through the public API (`tonecheck.analyze`) and prints,
per corpus, the agreement metric from the data README next to plain VADER's, a confusion
view at the profile's own revise/wait thresholds, and what the revision does to requests.

    python bench/agreement.py --data ../shared/data

Every figure is given for all rows and for two fixed halves (A, B) picked by a hash of
each row's id, so a calibration tuned while looking at half A can be checked on half B.
The corpora are never copied into the project; the path is an argument.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Run from a clean checkout without installing: the package sits next to bench/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import tonecheck  # noqa: E402
from tonecheck.core.errors import InputError  # noqa: E402

# GoEmotions labels the data README counts as strongly emotional.
STRONG = {
    "anger", "annoyance", "disgust", "sadness", "grief", "fear", "excitement", "love",
    "remorse", "nervousness", "disappointment",
}


# --- statistics (small on purpose: no numpy or scipy in the project) -------------------

def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    if n < 2:
        return float("nan")
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return float("nan")
    return sxy / math.sqrt(sxx * syy)


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """P(random positive scores higher than random negative), ties counting half.

    Mann-Whitney U from mid-ranks, so it is O(n log n) and exact with many tied scores
    (tonecheck gives 0 to most calm texts)."""
    if not positives or not negatives:
        return float("nan")
    tagged = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    rank_sum, i = 0.0, 0
    while i < len(tagged):
        j = i
        while j < len(tagged) and tagged[j][0] == tagged[i][0]:
            j += 1
        mid_rank = (i + 1 + j) / 2  # ranks i+1..j share their mean
        rank_sum += mid_rank * sum(1 for _, pos in tagged[i:j] if pos)
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def half(row_id: str) -> str:
    """A fixed, content-blind split: the same row is always in the same half."""
    return "AB"[zlib.crc32(row_id.encode("utf-8")) % 2]


# --- scoring ---------------------------------------------------------------------------

@dataclass
class Row:
    id: str
    text: str
    label: object  # arousal (float) or group name (str)
    half: str = ""
    score: int = 0
    #: The signed pooled points the score squashes: it orders the rows the score ties.
    level: float = 0.0
    vader: float = 0.0
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.half = half(self.id)


_vader = None


def vader(text: str) -> float:
    """Plain VADER on the whole text: the baseline anyone could get for free."""
    global _vader
    if _vader is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _vader = SentimentIntensityAnalyzer()
    return _vader.polarity_scores(text)["compound"]


def score_rows(rows: list[Row], dimension: str, settings: tonecheck.Settings) -> None:
    for row in rows:
        try:
            report = tonecheck.analyze(row.text, settings=settings, revise=False)
            row.score = getattr(report.scores, dimension)
            row.level = report.scores.levels[dimension]
        except InputError:  # a blank row: nothing to score
            row.score, row.level = 0, 0.0
        row.vader = vader(row.text)


# --- corpora ---------------------------------------------------------------------------

# The corpora mask names and links. A mask is not what anyone would write: "[NAME]" reads
# as a shouted word and "<url>" as a word, so each goes back to what it stood for.
UNMASK = (("[NAME]", "Sam"), ("[RELIGION]", "Buddhist"), ("<person>", "Sam"),
          ("<url>", "https://example.org/page"))


def unmask(text: str) -> str:
    for mask, plain in UNMASK:
        text = text.replace(mask, plain)
    return text


def load_emobank(data: Path) -> list[Row]:
    with (data / "emobank-train-dev.csv").open(encoding="utf-8", newline="") as fh:
        return [Row(r["id"], r["text"], float(r["A"])) for r in csv.DictReader(fh)]


def load_politeness(data: Path) -> list[Row]:
    """The least polite quarter ('impolite') and the most polite quarter ('polite')."""
    with (data / "politeness-wikipedia.csv").open(encoding="utf-8", newline="") as fh:
        rows = [(float(r["politeness"]), r["id"], r["request"]) for r in csv.DictReader(fh)]
    rows.sort()
    q = len(rows) // 4
    return ([Row(i, unmask(t), "impolite", extra={"politeness": p}) for p, i, t in rows[:q]]
            + [Row(i, unmask(t), "polite", extra={"politeness": p}) for p, i, t in rows[-q:]])


def read_goemotions(data: Path, name: str = "goemotions-dev.tsv") -> list[tuple[str, str, bool]]:
    """(id, text, emotional) for the comments of one GoEmotions split labelled only with
    strong emotions (True) or only 'neutral' (False); the rest are left out."""
    names = (data / "goemotions-labels.txt").read_text(encoding="utf-8").split()
    out = []
    with (data / name).open(encoding="utf-8", newline="") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            text, ids, cid = parts[0], parts[1], parts[2]
            labels = {names[int(i)] for i in ids.split(",") if i.strip()}
            if labels == {"neutral"}:
                out.append((cid, unmask(text), False))
            elif labels and labels <= STRONG:
                out.append((cid, unmask(text), True))
    return out


def load_goemotions(data: Path) -> list[Row]:
    """Comments labelled only with strong emotions ('emotional') or only 'neutral'."""
    return [Row(cid, text, "emotional" if emotional else "neutral")
            for cid, text, emotional in read_goemotions(data)]


# --- printing --------------------------------------------------------------------------

HALVES = (("all", None), ("half A", "A"), ("half B", "B"))


def fmt(x: float) -> str:
    return "  n/a" if math.isnan(x) else f"{x:5.3f}"


def separation(positive: str, negative: str,
               vader: Callable[[float], float]) -> Callable[[list[Row], bool], float]:
    """A measure for metric_table: the AUC of rows labelled `positive` over those labelled
    `negative`, by tonecheck's level (the signed points its score squashes, so the order
    among rows that all score 0 counts too), or by `vader` of VADER's compound for the
    baseline."""
    def measure(part: list[Row], use_vader: bool) -> float:
        def value(r: Row) -> float:
            return vader(r.vader) if use_vader else r.level

        return auc([value(r) for r in part if r.label == positive],
                   [value(r) for r in part if r.label == negative])

    return measure


def metric_table(name: str, rows: list[Row], measure: Callable[[list[Row], bool], float],
                 baseline: str, goal: str) -> None:
    counts = "  ".join(f"{label}: {sum(1 for r in rows if key is None or r.half == key)}"
                       for label, key in HALVES)
    print(f"  rows  {counts}")
    print(f"  {'':34}" + "".join(f"{label:>9}" for label, _ in HALVES))
    for label, use_vader in ((name, False), (baseline, True)):
        cells = []
        for _, key in HALVES:
            part = [r for r in rows if key is None or r.half == key]
            cells.append(fmt(measure(part, use_vader)))
        print(f"  {label:34}" + "".join(f"{c:>9}" for c in cells))
    print(f"  goal: {goal}")


def band(score: int, revise: float, wait: float | None) -> str:
    if wait is not None and score >= wait:
        return "wait"
    return "revise" if score >= revise else "send"


def confusion(rows: list[Row], groups: list[tuple[str, Callable[[Row], bool]]], dimension: str,
              settings: tonecheck.Settings) -> None:
    revise = settings.thresholds.get("revise", {}).get(dimension, 30)
    wait = settings.thresholds.get("wait", {}).get(dimension)
    cols = [f"send <{revise}", f"revise {revise}+"] + ([f"wait {wait}+"] if wait else [])
    keys = ["send", "revise", "wait"][: len(cols)]
    print(f"  confusion at the '{settings.profile}' profile's {dimension} thresholds "
          f"(share of each group):")
    print(f"  {'':24}{'n':>6}" + "".join(f"{c:>13}" for c in cols))
    for label, member in groups:
        part = [r for r in rows if member(r)]
        tally = {k: 0 for k in keys}
        for r in part:
            tally[band(r.score, revise, wait)] += 1
        n = max(1, len(part))
        print(f"  {label:24}{len(part):>6}" + "".join(f"{100 * tally[k] / n:12.1f}%" for k in keys))


def revision_figures(rows: list[Row], settings: tonecheck.Settings) -> None:
    """Does the calmer version help the impolite and leave the polite alone?"""
    lowered = pushy = unchanged = polite = 0
    per_half: dict[str, list[int]] = {"A": [0, 0, 0, 0], "B": [0, 0, 0, 0]}
    for row in rows:
        report = tonecheck.analyze(row.text, settings=settings, revise=True)
        tally = per_half[row.half]
        if row.label == "impolite" and report.scores.pushiness > 0:
            pushy += 1
            tally[1] += 1
            if report.revision.scores.pushiness < report.scores.pushiness:
                lowered += 1
                tally[0] += 1
        elif row.label == "polite":
            polite += 1
            tally[3] += 1
            if not report.revision.changed:
                unchanged += 1
                tally[2] += 1

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:5.1f}% ({a}/{b})" if b else "  n/a"

    print("  revision (re-scored):")
    print(f"    impolite with pushiness > 0, revision lowers it: {pct(lowered, pushy)}"
          f"   [A {pct(*per_half['A'][:2])}, B {pct(*per_half['B'][:2])}]   goal >= 90%")
    print(f"    polite, revision leaves unchanged:             {pct(unchanged, polite)}"
          f"   [A {pct(*per_half['A'][2:])}, B {pct(*per_half['B'][2:])}]   goal >= 80%")


def dump(path: Path, rows: list[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "half", "label", "score", "vader", "text"])
        for r in rows:
            out.writerow([r.id, r.half, r.label, r.score, f"{r.vader:.4f}", r.text])


# --- main ------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path,
                        help="folder with the corpora (e.g. ../shared/data)")
    parser.add_argument("--profile", default="default", help="tonecheck profile to score with")
    parser.add_argument("--rules", action="append", default=[], metavar="PACK",
                        help="an extra rule pack on top of the profile (repeatable), e.g. to "
                             "measure a candidate rule before it goes into rules/")
    parser.add_argument("--dump", type=Path, default=None,
                        help="write per-row scores and texts as CSV into this folder, for error "
                             "analysis; keep it outside the project, the rows are corpus text")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"no such folder: {args.data}")
    settings = tonecheck.load_settings(profile=args.profile, rules=args.rules, use_config=False)
    started = time.perf_counter()
    extra = "".join(f" + {Path(p).name}" for p in args.rules)
    print(f"tonecheck {tonecheck.__version__}, profile '{args.profile}'{extra}: agreement with "
          "human ratings")
    print("halves A and B are fixed by a hash of each row's id\n")

    # EmoBank: intensity should rise with arousal.
    emobank = load_emobank(args.data)
    score_rows(emobank, "intensity", settings)
    print("EmoBank, arousal (Pearson r with intensity)")
    metric_table(
        "tonecheck intensity", emobank,
        lambda part, v: pearson([abs(r.vader) if v else r.score for r in part],
                                [r.label for r in part]),
        "VADER |compound|", "r >= 0.40 (VADER alone about 0.20)",
    )
    by_a = sorted(r.label for r in emobank)
    low, high = by_a[len(by_a) // 4], by_a[3 * len(by_a) // 4]
    confusion(emobank, [
        (f"calm quarter (A<={low:.2f})", lambda r: r.label <= low),
        ("middle half", lambda r: low < r.label < high),
        (f"aroused quarter (A>={high:.2f})", lambda r: r.label >= high),
    ], "intensity", settings)
    print()

    # Stanford Politeness (Wikipedia): pushiness should separate impolite from polite.
    politeness = load_politeness(args.data)
    score_rows(politeness, "pushiness", settings)
    print("Stanford Politeness, Wikipedia requests (AUC impolite vs polite quarter, pushiness)")
    metric_table(
        "tonecheck pushiness", politeness,
        separation("impolite", "polite", lambda compound: -compound),
        "VADER negated compound", "AUC >= 0.85 (VADER alone about 0.74)",
    )
    confusion(politeness, [
        ("impolite quarter", lambda r: r.label == "impolite"),
        ("polite quarter", lambda r: r.label == "polite"),
    ], "pushiness", settings)
    revision_figures(politeness, settings)
    print()

    # GoEmotions (Reddit): intensity should separate strong emotion from neutral.
    goemotions = load_goemotions(args.data)
    score_rows(goemotions, "intensity", settings)
    print("GoEmotions, Reddit comments (AUC strong emotion vs neutral, intensity)")
    metric_table(
        "tonecheck intensity", goemotions,
        separation("emotional", "neutral", abs),
        "VADER |compound|", "AUC >= 0.85 (VADER alone about 0.72)",
    )
    confusion(goemotions, [
        ("strong emotion", lambda r: r.label == "emotional"),
        ("neutral", lambda r: r.label == "neutral"),
    ], "intensity", settings)

    if args.dump:
        dump(args.dump / "emobank.csv", emobank)
        dump(args.dump / "politeness.csv", politeness)
        dump(args.dump / "goemotions.csv", goemotions)
    print(f"\nscored {len(emobank) + len(politeness) + len(goemotions)} texts in "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
