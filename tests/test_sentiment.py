"""Sentiment: VADER's compound score per sentence, with a shortcut that must never differ."""

from __future__ import annotations

import random

from samples import BEGGING, COFFEE, SHOUTING, ULTIMATUM

from tonecheck import sentences, sentiment


def test_the_no_known_word_shortcut_gives_vaders_own_score() -> None:
    vader = sentiment.analyzer()
    rng = random.Random(1)
    words = sorted(vader.lexicon)[::5] + ["kind of", ":)", ":-(", "<3", "no", "NOT", "but", "...",
                                          "!!!", "ok.", "'", "--", "x", "hmm,", "(fine)", "😀", "café"]
    filler = ["the", "table", "Sam", "2024", "ran", "quarterly", "report", "", "   "]
    texts = [s.text for t in (COFFEE, SHOUTING, BEGGING, ULTIMATUM) for s in sentences.split(t)]
    texts += [" ".join(rng.choice(words + filler * 20) for _ in range(rng.randint(0, 10)))
              for _ in range(6000)]
    shortcut = 0
    for text in texts:
        assert sentiment.compound(text) == vader.polarity_scores(text)["compound"], text
        shortcut += text.isascii() and not sentiment._has_lexicon_word(text)
    assert shortcut > 300  # the shortcut was actually taken, many times
