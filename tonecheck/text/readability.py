"""Length and readability figures: words, sentences, reading grade, reading time.

The grade is textstat's Flesch-Kincaid, computed here the way textstat 0.7.8 computes it
(its word, sentence and syllable rules) instead of by calling it: importing textstat and
letting it load its dictionaries costs about a second, ten times a whole check. The
syllables come from the same dictionaries through text.syllables.

Speed: the plain twin is textstat 0.7.8 itself; tests/text/test_readability.py holds the
two to the same grades and reading times.
"""

from __future__ import annotations

import re

from ..core.report import Stats
from .sentences import Sentence, count_words, pieces

#: textstat keeps an apostrophe only where it starts a contraction's ending ('t 's 'd
#: 've 'll 're); every other apostrophe and punctuation mark goes before words are split.
_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_SPACE = re.compile(r"\s")
#: The ASCII characters _SPACE matches, to delete from ASCII text in one step.
_ASCII_SPACES = bytes(c for c in range(128) if _SPACE.match(chr(c)))
MS_PER_CHAR = 14.69



def _bare(text: str) -> str:
    return _PUNCTUATION.sub("", _APOSTROPHE.sub("", text))


def _sentence_count(text: str) -> int:
    """textstat's count: stretches ending in . ! or ?, leaving out any of two words or less."""
    found = short = 0
    for m in _SENTENCE.finditer(text):  # one at a time: a long paste has a million
        found += 1
        short += len(_bare(m.group()).split()) <= 2
    return max(1, found - short)


def flesch_kincaid_grade(text: str) -> float:
    """0.39 x words per sentence + 11.8 x syllables per word - 15.59, as textstat has it.
    Words and syllables are counted a piece of the text at a time (sentences.pieces: no
    word straddles a cut, nor does an apostrophe's lookahead)."""
    if not text:
        return 0.0
    from . import syllables

    words = counted = 0
    for piece in pieces(text):
        bare = _bare(piece)
        words += len(bare.split())
        counted += syllables.count(bare.lower().split())
    per_sentence = words / _sentence_count(text)
    per_word = counted / words if words else 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return (0.39 * per_sentence) + (11.8 * per_word) - 15.59


def reading_time(text: str) -> float:
    """Seconds to read, at textstat's default of 14.69 ms per non-space character."""
    solid = 0
    for piece in pieces(text):
        if piece.isascii():
            solid += len(piece.encode("ascii").translate(None, _ASCII_SPACES))
        else:
            solid += len(piece) - _SPACE.subn("", piece)[1]
    return MS_PER_CHAR * solid / 1000


def measure(text: str, sentences: list[Sentence]) -> Stats:
    prose = " ".join(s.text for s in sentences)
    return Stats(
        words=count_words(text),
        sentences=len(sentences),
        grade=round(float(flesch_kincaid_grade(prose)), 1) if prose else 0.0,
        reading_seconds=round(float(reading_time(prose)), 1),
    )
