"""Is this draft English? The scores are tuned for English, so say when it may not be."""

from __future__ import annotations

import re

from .sentences import WORD, pieces

#: Function words that make up a large share of any English text.
ENGLISH = set(
    "the a an and or but to of in on at for with is are was were be been am i you he she it "
    "we they me my your our this that not no do does did have has had will would can could "
    "should just so if what how when why there here all about".split()
)

_ASCII_LETTER = re.compile(r"[A-Za-z]")

#: The ASCII characters that are not letters, to delete from ASCII text in one step.
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not _ASCII_LETTER.match(chr(c)))


def warning(text: str) -> str | None:
    """A warning when `text` may not be English, else None. Read a piece at a time
    (sentences.pieces): a pasted log's list of words would be many times its size."""
    letters = latin = words = english = 0
    for piece in pieces(text):
        if piece.isascii():
            n = len(piece.encode("ascii").translate(None, _ASCII_NON_LETTERS))
            letters, latin = letters + n, latin + n
            # WORD does not care about case, so in ASCII text the words of the lowercased
            # text are the text's words lowercased.
            found = WORD.findall(piece.lower())
        else:
            letters += sum(map(str.isalpha, piece))
            latin += _ASCII_LETTER.subn("", piece)[1]
            found = list(map(str.lower, WORD.findall(piece)))
        words += len(found)
        english += sum(map(ENGLISH.__contains__, found))
    if (letters and latin / letters < 0.6) or (words >= 8 and english / words < 0.08):
        return "this draft may not be English; scoring is tuned for English"
    return None
