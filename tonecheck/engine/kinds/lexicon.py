"""The lexicon kind: a table of words, each with a weight of its own.

    words = { furious = 1.4, thrilled = 0.5 }

Every occurrence of a listed word (whole word, any case) is a hit whose strength is that
word's weight, so each word's part in a score shows as a finding of its own. The tables
of the bundled packs are fitted, not written by hand (bench/fit.py --lexicon).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...core.rule import Hit
from ...text.sentences import WORD, pieces
from .base import Kind, RuleDataError

if TYPE_CHECKING:
    from ...core.rule import Rule
    from ..context import Context


class Lexicon(Kind):
    keys = {"words"}

    def __init__(self, table: dict[str, Any], rule: Rule):
        words = table.get("words")
        if not isinstance(words, dict) or not words:
            raise RuleDataError("words", "must be a table of word = weight")
        self.weights: dict[str, float] = {}
        for word, weight in words.items():
            if not WORD.fullmatch(word):
                raise RuleDataError("words", f"{word!r} is not one word")
            if isinstance(weight, bool) or not isinstance(weight, int | float) or not math.isfinite(
                    weight) or not -10 <= weight <= 10:
                raise RuleDataError("words", f"the weight of {word!r} must be a number from -10 to 10")
            if weight:
                self.weights[word.lower()] = float(weight)

    def find(self, ctx: Context) -> Iterator[Hit]:
        # A dict lookup per word of the text rather than one alternation of every word: a
        # fitted table holds hundreds, and most texts hold none of them.
        # The words are gathered a piece of the text at a time: a pasted log's list of
        # every word would be many times its size.
        text, weights = ctx.text, self.weights
        found: set[str] = set()
        for piece in pieces(text):
            found |= weights.keys() & map(str.lower, WORD.findall(piece))
        if not found:
            return
        details: dict[str, str] = {}  # one string per word, shared by its hits
        for m in WORD.finditer(text):
            word = m.group(0).lower()
            if word in found:
                detail = details.get(word)
                if detail is None:
                    detail = details[word] = f"{word} {weights[word]:+.2f}"
                yield Hit(m.start(), m.end(), scale=weights[word], detail=detail)
