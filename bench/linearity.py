"""Do a check and every regex of its rule packs take time in proportion to the text?

    python bench/linearity.py                          # the default profile's packs
    python bench/linearity.py --profile work --rules my-pack.toml

A check must grow linearly with the draft, and one careless regex is enough to break
that: a greedy `[\\s\\S]*` inside a lookahead runs to the end of the draft from every
place it is tried. This times each regex a pack holds (patterns, phrase lists, swap
tables and `when`/`unless` gates) over 0.1 MB and 1 MB of several shapes of text (prose,
prose with no punctuation, one long line, one sentence with no punctuation or line break
at all, a word per line, all questions, all capitals, no spaces), and lists the worst
growth. Anything that takes 10 times the text more than 11 times the time is flagged.
Then it times a whole check of each shape at both sizes, since code (metrics, syllable
counting, the revision) can fall off a cliff on one shape of text as well. It exits 1 if
anything grows faster than linear.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402  (its prose generator)

from tonecheck.analysis import analyze_draft  # noqa: E402
from tonecheck.config import load_settings  # noqa: E402
from tonecheck.drafts.load import from_text  # noqa: E402
from tonecheck.render.json import to_json  # noqa: E402

SMALL, BIG = 100_000, 1_000_000
#: Growth allowed for 10x the text, as in speed.py; below NOISE seconds at 1 MB a regex is
#: too quick for its growth to be told apart from timer noise.
LIMIT, NOISE = 11.0, 0.02
#: A whole check's growth is noisier (its findings and edits vary with the text), so it is
#: flagged only well past linear: a quadratic step shows up as 20x and more.
CHECK_LIMIT = 15.0


def shapes() -> dict[str, str]:
    prose = speed.prose(random.Random(5), BIG + 1000)
    return {
        "prose": prose,
        "no punctuation": re.sub(r"[.!?]", "", prose),
        "one line": prose.replace("\n", " "),
        "one sentence": re.sub(r"[.!?]", "", prose).replace("\n", " "),
        "word per line": prose.replace(" ", "\n"),
        "all questions": re.sub(r"[.!]", "?", prose),
        "all capitals": prose.upper(),
        "no spaces": prose.replace(" ", "") * 2,
    }


def regexes(profile: str, packs: list[str]) -> list[tuple[str, re.Pattern[str]]]:
    settings = load_settings(profile=profile, rules=packs, use_config=False)
    found = []
    for rule in settings.rules:
        found += [(rule.id, regex) for regex in rule.matcher.regexes]
        found += [(f"{rule.id} ({key})", gate) for key, gate in
                  (("when", rule.when), ("unless", rule.unless)) if gate is not None]
    return found


def seconds(regex: re.Pattern[str], text: str, runs: int = 5) -> float:
    """The quickest of a few runs: timer noise only ever adds. One run is enough for a
    regex slow enough for noise not to matter."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for _ in regex.finditer(text):
            pass
        best = min(best, time.perf_counter() - start)
        if best > 0.2:
            break
    return best


def growth(regex: re.Pattern[str], text: str, runs: int = 5) -> tuple[float, float]:
    """(time at 1 MB / time at 0.1 MB, time at 1 MB)."""
    small, big = seconds(regex, text[:SMALL], runs), seconds(regex, text[:BIG], runs)
    return big / max(small, 1e-6), big


def whole_check(text: str, settings: object) -> float:
    """Seconds for the check a user runs: analysis, revision and the JSON report."""
    start = time.perf_counter()
    to_json([analyze_draft(from_text(text), settings)])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", default="default")
    parser.add_argument("--rules", action="append", default=[], help="another rule pack (TOML)")
    parser.add_argument("--top", type=int, default=10, help="rows to list")
    parser.add_argument("--no-checks", action="store_true", help="time the regexes only")
    args = parser.parse_args()
    texts = shapes()
    found = regexes(args.profile, args.rules)
    rows = []
    for shape, text in texts.items():
        for rule_id, regex in found:
            ratio, big = growth(regex, text)
            if ratio > LIMIT and big >= NOISE:  # measure again before blaming it
                ratio, big = growth(regex, text, runs=15)
            rows.append((ratio, big, shape, rule_id))
    rows.sort(reverse=True)
    print(f"{len(found)} regexes, {len(texts)} shapes of text, 0.1 MB and 1 MB each\n")
    print(f"{'growth':>8}  {'at 1 MB':>9}  {'text':<15} rule")
    for ratio, big, shape, rule_id in rows[:args.top]:
        print(f"{ratio:7.1f}x  {big:7.3f} s  {shape:<15} {rule_id}")
    bad = sorted({rule_id for ratio, big, _, rule_id in rows if ratio > LIMIT and big >= NOISE})
    print(f"\nfaster than linear (over {LIMIT:g}x and {NOISE:g} s): {', '.join(bad) or 'none'}")

    if not args.no_checks:
        # The whole check too: code (metrics, syllables, the revision) can be superlinear
        # on a shape of text just as a regex can.
        settings = load_settings(profile=args.profile, rules=args.rules, use_config=False)
        whole_check("Thanks for the notes, see you at ten.\n", settings)  # load packs and caches
        print(f"\n{'growth':>8}  {'at 1 MB':>9}  text (a whole check: analysis, revision, JSON)")
        for shape, text in texts.items():
            small, big = whole_check(text[:SMALL], settings), whole_check(text[:BIG], settings)
            if big / small > CHECK_LIMIT:
                bad.append(f"check on {shape}")
            print(f"{big / small:7.1f}x  {big:7.3f} s  {shape}", flush=True)
        print(f"\nover {CHECK_LIMIT:g}x: {', '.join(b for b in bad if b.startswith('check')) or 'none'}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
