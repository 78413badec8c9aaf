"""VADER, one sentence at a time.

Whole-text `polarity_scores` is quadratic in length (a 1 MB paste ran for over ten
minutes); per sentence it is linear. Scores are memoised per sentence text, so re-scoring
a revision only pays for the sentences it changed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .sentences import WORD, Sentence, chunks

#: Lexicon words at least this strong are shown as the words behind a sentence's score.
CHARGED = 1.0


@lru_cache(maxsize=1)
def analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=65536)
def compound(text: str) -> float:
    return analyzer().polarity_scores(text)["compound"]


def score(sentence: Sentence) -> tuple[float, list[tuple[int, int]]]:
    """The sentence's compound score (the strongest piece, for long ones) and the spans
    of its charged words."""
    value, charged = _score_text(sentence.text)
    return value, list(charged)


@lru_cache(maxsize=65536)
def _score_text(text: str) -> tuple[float, tuple[tuple[int, int], ...]]:
    """Memoised on the sentence's text: each revision pass re-reads every sentence, and
    only the edited ones have changed."""
    sentence = Sentence(0, len(text), text)
    pieces = chunks(sentence)
    value = max((compound(p) for p in pieces), key=abs)
    lexicon = analyzer().lexicon
    charged = tuple(
        (m.start(), m.end())
        for m in WORD.finditer(sentence.text)
        if abs(lexicon.get(m.group(0).lower(), 0.0)) >= CHARGED
    )
    return value, charged
