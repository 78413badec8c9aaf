"""VADER, one sentence at a time.

Whole-text `polarity_scores` is quadratic in length (a 1 MB paste ran for over ten
minutes); per sentence it is linear. Scores are memoised per sentence text, so re-scoring
a revision only pays for the sentences it changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from string import punctuation
from typing import Any

from .sentences import WORD, Sentence, chunks

#: Lexicon words at least this strong are shown as the words behind a sentence's score.
CHARGED = 1.0


@lru_cache(maxsize=1)
def analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def charged_words() -> frozenset[str]:
    return frozenset(w for w, v in analyzer().lexicon.items() if abs(v) >= CHARGED)


@lru_cache(maxsize=1)
def _ascii_has_no_emoji() -> bool:
    """Whether no ASCII text is one of VADER's emoji (true of every VADER so far)."""
    return not any(emoji.isascii() for emoji in analyzer().emojis)


class _Whole(str):
    """A text that VADER's emoji pass walks over as one piece instead of character by
    character. That pass copies every character that is not an emoji and swaps each
    emoji for its description; for a text with no emoji it gives back the text itself, so
    handing it the whole text at once leaves the score exactly as it was."""

    __slots__ = ()

    def __iter__(self) -> Any:
        return iter((str.__str__(self),))


def compound(text: str) -> float:
    """VADER's compound score. Not memoised itself: _score_text is, per sentence, and a
    second cache keyed on the same strings would only double the memory a long draft needs."""
    if text.isascii():
        if not _has_lexicon_word(text):
            return 0.0  # what VADER gives a sentence none of whose words it knows, without asking it
        if text and _ascii_has_no_emoji():
            return analyzer().polarity_scores(_Whole(text))["compound"]
    return analyzer().polarity_scores(text)["compound"]


def _has_lexicon_word(text: str) -> bool:
    """Whether VADER would find any of its words in `text`: its tokens are the text split
    on whitespace, with leading and trailing punctuation stripped unless that leaves two
    characters or fewer (emoticons), looked up lowercased. Every valence VADER adds up
    starts from such a word, so with none the compound score is exactly 0. (Non-ASCII
    text may hold emoji, which VADER first turns into words; it is always asked.)"""
    lexicon = analyzer().lexicon
    for token in text.split():
        stripped = token.strip(punctuation)
        if (token if len(stripped) <= 2 else stripped).lower() in lexicon:
            return True
    return False


def score(sentence: Sentence) -> tuple[float, list[tuple[int, int]]]:
    """The sentence's compound score (the strongest piece, for long ones) and the spans
    of its charged words."""
    value, charged = score_text(sentence.text)
    return value, list(charged)


#: Scores by sentence text: each revision pass re-reads its sentences, and only the
#: edited ones have changed. Emptied when full, so a long batch stays flat.
_MEMO: dict[str, tuple[float, tuple[tuple[int, int], ...]]] = {}
MEMO_SIZE = 65536


def reset() -> None:
    """Forget every score and VADER's analyzer, as a new process would start."""
    _MEMO.clear()
    for cached in (analyzer, charged_words, _ascii_has_no_emoji):
        cached.cache_clear()


def score_text(text: str) -> tuple[float, tuple[tuple[int, int], ...]]:
    found = _MEMO.get(text)
    if found is None:
        found = _score_text(text)
        remember(((text, found),))
    return found


def remember(scored: Iterable[tuple[str, tuple[float, tuple[tuple[int, int], ...]]]]) -> None:
    """Add scores made elsewhere (text.prescore's child) to the memo."""
    for text, found in scored:
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.clear()
        _MEMO[text] = found


def _score_text(text: str) -> tuple[float, tuple[tuple[int, int], ...]]:
    pieces = chunks(text)
    value = compound(text) if len(pieces) == 1 else max(map(compound, pieces), key=abs)
    strong = charged_words()
    if strong.isdisjoint(map(str.lower, WORD.findall(text))):
        return value, ()  # no charged word: spare a match object per word
    charged = tuple((m.start(), m.end()) for m in WORD.finditer(text)
                    if m.group(0).lower() in strong)
    return value, charged
