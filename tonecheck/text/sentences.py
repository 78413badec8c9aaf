"""Splitting text into sentences and words, keeping offsets.

Regex-based and linear: a multi-megabyte paste must split in well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")

# A sentence ends at . ! ? (or a run of them, maybe with closing quotes) before space,
# at a blank line, or at a line break that starts something new (chat-style drafts
# often have no punctuation at all).
_END = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s|$)"  # punctuation
    r"|\n[ \t]*\n\s*"  # blank line
    r"|\n(?=[ \t]*(?:[-*•]|\d+[.)]|[A-Z]))"  # new line that starts a bullet or a capital
)

#: VADER is quadratic in sentence length; a "sentence" with no punctuation in a huge
#: paste is cut into pieces of this many words for sentiment scoring.
MAX_SENTENCE_WORDS = 60


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


def split(text: str) -> list[Sentence]:
    """Sentences of `text` with their offsets; blank stretches are skipped."""
    out: list[Sentence] = []
    pos = 0
    for m in _END.finditer(text):
        _add(text, pos, m.end() if m.group(0)[0] in ".!?…" else m.start(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped or not WORD.search(stripped):
        if stripped and out:  # stray punctuation joins the sentence before it
            prev = out[-1]
            out[-1] = Sentence(prev.start, end, text[prev.start : end].rstrip())
        return
    lead = len(chunk) - len(chunk.lstrip())
    out.append(Sentence(start + lead, start + lead + len(stripped), stripped))


def chunks(text: str) -> list[str]:
    """A sentence's text in pieces short enough for VADER (most are one piece: the text)."""
    words = text.split()
    if len(words) <= MAX_SENTENCE_WORDS:
        return [text]
    return [
        " ".join(words[i : i + MAX_SENTENCE_WORDS])
        for i in range(0, len(words), MAX_SENTENCE_WORDS)
    ]


#: Characters per piece when a long text is read a piece at a time (pieces()).
PIECE = 1 << 18
_SPACE = re.compile(r"\s")


def pieces(text: str, size: int = PIECE) -> Iterator[str]:
    """`text` in consecutive pieces of about `size` characters, each cut just after a
    whitespace character (or at the end). A WORD, a run of \\S, or anything else that
    holds no whitespace never straddles a cut, so counting or collecting such things
    piece by piece gives what the whole text gives, without a list of every word of a
    pasted log in memory at once. A short text is one piece: itself."""
    n, start = len(text), 0
    if n <= size:
        if n:
            yield text
        return
    while start < n:
        m = _SPACE.search(text, start + size) if start + size < n else None
        end = m.end() if m else n
        yield text[start:end]
        start = end


def count_words(text: str) -> int:
    # subn counts in C, without building a match object (or a string) per word; a piece
    # at a time, as the string it builds is as long as the text.
    return sum(WORD.subn("", piece)[1] for piece in pieces(text))


def last_word(text: str) -> re.Match[str] | None:
    """The last WORD match in `text`, found without matching from the start.

    A word never contains whitespace, so a scan started just after a whitespace character
    finds exactly the matches a scan from the start finds beyond it, and a scan may stop
    at a whitespace character without cutting a word short. Look in the stretch after the
    last space, and step back a stretch at a time while it holds no word.
    """
    end = len(text)
    while True:
        cut = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end), text.rfind("\t", 0, end))
        found = None
        for found in WORD.finditer(text, cut + 1, end):  # noqa: B007 - the last one is wanted
            pass
        if found is not None or cut < 0:
            return found
        end = cut
