"""Length and readability figures: words, sentences, reading grade, reading time."""

from __future__ import annotations

from dataclasses import dataclass

from .sentences import Sentence, count_words


@dataclass
class Stats:
    words: int
    sentences: int
    grade: float
    reading_seconds: float


def measure(text: str, sentences: list[Sentence]) -> Stats:
    import textstat  # slow to import; only a check that gets this far pays for it

    prose = " ".join(s.text for s in sentences)
    return Stats(
        words=count_words(text),
        sentences=len(sentences),
        grade=round(float(textstat.flesch_kincaid_grade(prose)), 1) if prose else 0.0,
        reading_seconds=round(float(textstat.reading_time(prose, ms_per_char=14.69)), 1),
    )
