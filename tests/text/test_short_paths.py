"""Shortcuts taken on short drafts give exactly what the plain computations give."""

from __future__ import annotations

import random
import re
from collections import Counter

from samples import BEGGING, COFFEE, SHOUTING, ULTIMATUM

from tonecheck.config import load_settings
from tonecheck.drafts.load import from_text
from tonecheck.engine.context import Context
from tonecheck.text import readability, sentences, syllables
from tonecheck.text.language import ENGLISH, warning

PIECES = ["the", "The", "THE", "and", "Sam", "café", "Ünïcode", "ΑΒΓ", "δέλτα", "日本語", "x2",
          "don't", "DON’T", "İf", "ſo", "3.14", "_", "--", "!", "?", ".", ",", " ", "  ", "\n",
          "\t", "\x1c", "\u00a0", "\u2003", "quarterly", "report", "ni", "hao", "ma", "le"]


def texts() -> list[str]:
    rng = random.Random(8)
    made = ["".join(rng.choice(PIECES) + rng.choice(["", " "]) for _ in range(rng.randint(1, 60)))
            for _ in range(800)]
    long = " ".join(made) * 3  # past the size where the plain counts are kept
    return [COFFEE, SHOUTING, BEGGING, ULTIMATUM, *made, long, long.encode("ascii", "ignore").decode()]


def plain_language_warning(text: str) -> str | None:
    letters = sum(map(str.isalpha, text))
    latin = len(re.findall(r"[A-Za-z]", text))
    counts = Counter(map(str.lower, sentences.WORD.findall(text)))
    words = sum(counts.values())
    english = sum(n for w, n in counts.items() if w in ENGLISH)
    if (letters and latin / letters < 0.6) or (words >= 8 and english / words < 0.08):
        return "this draft may not be English; scoring is tuned for English"
    return None


def test_language_warning_is_the_plain_count() -> None:
    settings = load_settings(use_config=False)
    warned = 0
    for text in texts():
        if not text.strip():
            continue
        ctx = Context(from_text(text, "text", "<t>"), settings)
        assert warning(ctx.text) == plain_language_warning(ctx.text), text
        warned += warning(ctx.text) is not None
    assert warned > 10


def test_reading_time_and_syllables_are_the_plain_counts() -> None:
    for text in texts():
        assert readability.reading_time(text) == (
            readability.MS_PER_CHAR * len(re.sub(r"\s", "", text)) / 1000), text
        words = readability._bare(text).lower().split()
        table = syllables.table()
        expected = sum(table.syllables(w) for w in words)
        assert syllables.count(words) == expected
        assert syllables.count(iter(words)) == expected
