"""Running a rule's regex over a draft without trying it at every character.

`re.finditer` attempts a match at each position of the text, and a profile has some forty
regexes, so on a big draft that is most of a check. But nearly every rule's matches must
contain one of a few literal strings ("asap", "owe me", "demand"): its anchors
(tonecheck.engine.fast.anchors). A scan finds the literals with `str.find`, walks back
over what may precede each, and tries the regex only there, left to right, skipping
overlaps, exactly as finditer would: the same matches in the same order.

Speed: the plain twin is `regex.finditer(text)`; tests/engine/test_scan.py holds the two
to the same matches on every bundled rule and on hand-made edge cases.

The same anchors let a short draft skip a rule outright (and never compile its regex)
when none of its literals occur. A regex the analysis cannot vouch for (back-references,
conditionals, a match that could start anywhere before its literal) gets plain finditer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ...text.sentences import pieces
from .anchors import COMMON, Anchor, analyse, is_word

#: Below this many characters a plain finditer is as quick as any analysis.
BIG_TEXT = 20_000
#: Characters that re's IGNORECASE matches to an ASCII letter although str.lower() does
#: not map them to it (or maps them to two characters).
_FOLD_SPECIAL = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_WORDS = re.compile(r"\w+")

_known: dict[tuple[str, int], tuple[Anchor, ...] | None] = {}


def reset() -> None:
    """Forget every regex's analysis, sieve and scan plan made in this process."""
    for table in (_known, _sieves, _plans, _by_word):
        table.clear()
    _plain_words[0] = False


def remember(pattern: str, flags: int, anchors: tuple[Anchor, ...] | None) -> None:
    """Seed the analysis of a regex (from the rule-pack cache)."""
    _known[(pattern, flags)] = anchors
    _sieves.pop((pattern, flags), None)


def anchors_of(pattern: str, flags: int) -> tuple[Anchor, ...] | None:
    key = (pattern, flags)
    if key not in _known:
        _known[key] = analyse(pattern, flags)
    return _known[key]


def fold(text: str) -> str | None:
    """`text` lowercased the way IGNORECASE compares ASCII letters, keeping every offset;
    None in the (theoretical) case where that cannot be done."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_FOLD_SPECIAL).lower()
    return folded if len(folded) == len(text) else None


def _lead(a: Anchor) -> tuple[int, frozenset[str], bool, bool] | None:
    """What may stand before an anchor's literal in a match, for _walk_back; None when
    nothing may (the match starts at the literal)."""
    return None if a.width == 0 else (a.width, frozenset(a.chars), a.nonascii, a.anychar)


class Sieve:
    """A regex's anchors sorted for a short text: whole-word literals as sets, to meet
    the text's set of words in one step (with what may lead up to each); the rest, as
    substrings to look for."""

    __slots__ = ("folded_words", "plain_words", "whole", "other")

    def __init__(self, anchors: Iterable[Anchor]):
        whole: dict[tuple[bool, str], list] = {}
        other: dict[tuple, None] = {}
        for a in anchors:
            if a.whole:
                leads = whole.setdefault((a.folded, a.literal), [])
                if _lead(a) not in leads:
                    leads.append(_lead(a))
            else:
                # With a \\b before the literal, an occurrence inside a word cannot start a
                # match: keep those whose lead character is a word one as the literal's is.
                word_lead = is_word(a.literal[0]) if a.boundary else None
                other[(a.literal, a.folded, word_lead, _lead(a))] = None
        #: Whole-word literals, lowercased, looked up among the folded text's words.
        self.folded_words = frozenset(lit for folded, lit in whole if folded)
        #: Whole-word literals matched case-sensitively, among the text's own words.
        self.plain_words = frozenset(lit for folded, lit in whole if not folded)
        #: (folded, literal) -> the leads of its anchors.
        self.whole = {k: tuple(v) for k, v in whole.items()}
        #: (literal, folded, word_lead, lead) of every other anchor.
        self.other = tuple(other)


_sieves: dict[tuple[str, int], Sieve] = {}


class AnchorSet(tuple):
    """A tuple of anchors that carries its sieve, for Text.contains_any to use."""

    sieve: Sieve

    def __new__(cls, anchors: Iterable[Anchor]) -> AnchorSet:
        self = super().__new__(cls, anchors)
        self.sieve = Sieve(self)
        return self


class _Plan(NamedTuple):
    """A regex's anchors sorted for scanning: whole-word literals by (folded, literal),
    looked up in the text's word index; the rest, searched for."""

    key: tuple[str, int]
    serial: int
    whole: dict[tuple[bool, str], list[Anchor]]
    other: list[Anchor]


_plans: dict[tuple[str, int], _Plan] = {}
#: Every plan's whole-word anchors by (folded, literal): the words a text's word index
#: holds (Text.words), so that one walk over the text finds the places of them all.
_by_word: dict[tuple[bool, str], list[tuple[tuple[str, int], Anchor]]] = {}
#: Whether any plan has a case-sensitive whole-word anchor (then the text's own words
#: are indexed too, not only the folded ones).
_plain_words = [False]


def _plan(key: tuple[str, int], anchors: tuple[Anchor, ...]) -> _Plan:
    plan = _plans.get(key)
    if plan is None:
        whole: dict[tuple[bool, str], list[Anchor]] = {}
        other = []
        for a in anchors:
            # A very common word ("and", "is") would fill every plan's share of the word
            # walk with its places at once; it is looked for with this plan alone instead.
            if a.whole and a.literal not in COMMON:
                whole.setdefault((a.folded, a.literal), []).append(a)
                _by_word.setdefault((a.folded, a.literal), []).append((key, a))
                _plain_words[0] |= not a.folded
            else:
                other.append(a)
        plan = _plans[key] = _Plan(key, len(_plans), whole, other)
    return plan


class Text:
    """A draft's text with its case-folded twin, made once and shared by every rule."""

    def __init__(self, text: str):
        self.text = text
        self._folded: str | None = None
        self._fold_done = False
        self._words: dict[bool, dict[str, list[int]]] = {}
        #: The words that words(folded) indexes.
        self._indexed: dict[bool, set[str]] = {}
        self._word_sets: dict[bool, set[str]] = {}
        self._at: dict[tuple[str, bool, bool | str | None], list[int]] = {}

    @property
    def folded(self) -> str | None:
        if not self._fold_done:
            self._folded, self._fold_done = fold(self.text), True
        return self._folded

    def words(self, folded: bool) -> dict[str, list[int]]:
        """Where each word (a run of \\w) that is a whole-word anchor of a plan known so
        far starts, in the folded text or the text itself: one pass that answers every
        such anchor at once. Only those words: the places of every word of a long paste
        were the biggest thing a check held. A literal of a later plan is looked for by
        itself (_at_word)."""
        if folded not in self._words:
            index: dict[str, list[int]] = {}
            wanted = self._indexed[folded] = {w for f, w in _by_word if f == folded}
            hay = self.folded if folded else self.text
            for m in _WORDS.finditer(hay or ""):
                word = m.group()
                if word in wanted:
                    index.setdefault(word, []).append(m.start())
            self._words[folded] = index
        return self._words[folded]

    def _at_word(self, literal: str, folded: bool) -> list[int] | None:
        """Where `literal` stands as a whole word (a whole run of \\w), as words(folded)
        has it; None where it does not occur."""
        index = self.words(folded)
        if literal in self._indexed[folded]:
            return index.get(literal)
        return self._occurrences(literal, folded, "word") or None

    def word_set(self, folded: bool) -> set[str] | None:
        """The distinct words (runs of \\w) of the folded text or of the text itself, as
        words(folded) would index them; None if the text cannot be folded."""
        found = self._word_sets.get(folded)
        if found is None:
            hay = self.folded if folded else self.text
            if hay is None:
                return None
            found = self._word_sets[folded] = set()
            for piece in pieces(hay):  # not a list of every word of a long paste at once
                found.update(_WORDS.findall(piece))
        return found

    def may_hold(self, sieve: Sieve) -> bool:
        """Whether any of the sieve's literals occurs (a whole-word literal as a whole
        word, as the scan's word index has it)."""
        words = self._word_sets.get(True) or self.word_set(True)
        if words is None:
            return True  # cannot happen (see fold), but saying so is always safe
        if not sieve.folded_words.isdisjoint(words):
            return True
        if sieve.plain_words and not sieve.plain_words.isdisjoint(self.word_set(False)):  # type: ignore[arg-type]
            return True
        if sieve.other:
            folded, text = self._folded, self.text
            for literal, is_folded, _, _ in sieve.other:
                if literal in (folded if is_folded else text):  # type: ignore[operator]
                    return True
        return False

    def contains_any(self, anchors: tuple[Anchor, ...]) -> bool:
        """Whether any anchor's literal occurs (if not, the regex cannot match). Given an
        AnchorSet, a whole-word literal must occur as a whole word."""
        if type(anchors) is AnchorSet:
            return self.may_hold(anchors.sieve)
        folded = None
        for a in anchors:
            if a.folded:
                folded = folded or self.folded
                if folded is None or a.literal in folded:
                    return True
            elif a.literal in self.text:
                return True
        return False

    def finditer(self, regex: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The same matches as regex.finditer(text), found from the anchors when it pays:
        always on a long text, and on a short one when the anchors are already known
        (from the pack cache), since working them out costs more than a short scan."""
        key = (regex.pattern, regex.flags)
        if len(self.text) < BIG_TEXT:
            return self._short(regex, key)
        if key in _known:
            anchors = _known[key]
        elif len(self.text) >= BIG_TEXT:
            anchors = anchors_of(*key)
        else:
            anchors = None
        if anchors is None:
            return regex.finditer(self.text)
        starts = self._starts(_plan(key, anchors))
        if starts is None:
            return regex.finditer(self.text)
        return self._matches(regex, starts)

    def _short(self, regex: re.Pattern[str], key: tuple[str, int]) -> Iterator[re.Match[str]]:
        """A short text: try the regex only where its anchors put a match, and not at all
        when none of them occurs."""
        found = _sieves.get(key)
        if found is None:
            anchors = _known.get(key)
            if anchors is None:
                return regex.finditer(self.text)
            found = _sieves[key] = Sieve(anchors)
        starts = self._sieve_starts(found)
        if starts is None:
            return regex.finditer(self.text)
        if not starts:
            return iter(())
        return self._matches(regex, starts)

    def _sieve_starts(self, sieve: Sieve) -> list[int] | None:
        """Where a match through the sieve's anchors could start: the whole-word literals
        among the text's words, where they stand as whole words; the others wherever they
        occur (after a \\b, only where one can hold)."""
        words = self._word_sets.get(True) or self.word_set(True)
        if words is None:
            return None
        starts: set[int] = set()
        walk = self._walk_lead
        if sieve.folded_words:
            for literal in sieve.folded_words.intersection(words):
                at = self._occurrences(literal, True, "word")
                for lead in sieve.whole[(True, literal)]:
                    walk(lead, at, starts)
        if sieve.plain_words:
            for literal in sieve.plain_words.intersection(self.word_set(False)):  # type: ignore[arg-type]
                at = self._occurrences(literal, False, "word")
                for lead in sieve.whole[(False, literal)]:
                    walk(lead, at, starts)
        folded, text = self._folded, self.text
        for literal, is_folded, word_lead, lead in sieve.other:
            if literal in (folded if is_folded else text):  # type: ignore[operator]
                walk(lead, self._occurrences(literal, is_folded, word_lead), starts)
        return sorted(starts)

    def _occurrences(self, literal: str, folded: bool, how: bool | None | str) -> list[int]:
        """Where `literal` occurs in the folded text or the text, shared by every regex:
        how="word" (a whole-word literal): where it is a whole run of \\w, as words(folded)
        has it; None: everywhere; a bool word_lead (for a literal after \\b): where the
        character before it is not a word character exactly when the literal's first is."""
        key = (literal, folded, how)
        at = self._at.get(key)
        if at is not None:
            return at
        hay: str = self._folded if folded else self.text  # type: ignore[assignment]
        text = self.text
        n, end, at = len(literal), len(hay), []
        whole = how == "word"
        q = hay.find(literal)
        while q != -1:
            if whole:
                if (q == 0 or not is_word(hay[q - 1])) and (q + n == end or not is_word(hay[q + n])):
                    at.append(q)
            elif how is None or (q == 0 or not is_word(text[q - 1])) == how:
                at.append(q)
            q = hay.find(literal, q + 1)
        self._at[key] = at
        return at

    def _walk_lead(self, lead: tuple[int, frozenset[str], bool, bool] | None, found: list[int],
                   starts: set[int]) -> None:
        """_walk_back, for a Sieve's lead."""
        if lead is None:
            starts.update(found)
            return
        width, allowed, nonascii, anychar = lead
        text = self.text
        for q in found:
            floor = 0 if width < 0 else max(0, q - width)
            if anychar:
                p = floor
            else:
                p = q
                while p > floor and (text[p - 1] in allowed
                                     or (nonascii and not text[p - 1].isascii())):
                    p -= 1
            starts.update(range(p, q + 1))

    def _starts(self, plan: _Plan) -> list[int] | None:
        text = self.text
        if self.folded is None:
            return None  # cannot happen (see fold), but the plain scan is always right
        # The places of this plan's whole-word anchors, walked back, for this regex alone:
        # made when it is scanned and let go after, not kept for every plan at once (on a
        # long draft the candidate places of all plans together ran to tens of megabytes).
        starts: set[int] = set()
        for (folded, literal), anchors in plan.whole.items():
            found = self._at_word(literal, folded)
            for a in anchors if found else ():
                self._walk_back(a, found, starts)
        for a in plan.other:
            hay = self.folded if a.folded else text
            if hay is None:
                return None
            if a.literal not in hay:
                continue
            found = self._find(hay, a.literal)
            if a.boundary:
                # With a \\b before the literal, an occurrence inside a word cannot start one.
                word_lead = is_word(a.literal[0])
                found = [q for q in found if (q == 0 or not is_word(text[q - 1])) == word_lead]
            self._walk_back(a, found, starts)
        return sorted(starts)

    def _walk_back(self, a: Anchor, found: Iterable[int], starts: set[int]) -> None:
        """Add every position a match through `a` could start at, for each literal at q."""
        if a.width == 0:
            starts.update(found)
            return
        text = self.text
        allowed = frozenset(a.chars)
        for q in found:
            floor = 0 if a.width < 0 else max(0, q - a.width)
            if a.anychar:
                p = floor
            else:
                p = q
                while p > floor and (text[p - 1] in allowed
                                     or (a.nonascii and not text[p - 1].isascii())):
                    p -= 1
            starts.update(range(p, q + 1))

    @staticmethod
    def _find(hay: str, literal: str) -> Iterator[int]:
        q = hay.find(literal)
        while q != -1:
            yield q
            q = hay.find(literal, q + 1)

    def _matches(self, regex: re.Pattern[str], starts: list[int]) -> Iterator[re.Match[str]]:
        text, pos = self.text, 0
        for p in starts:
            if p < pos:
                continue
            m = regex.match(text, p)
            if m is not None:
                if m.end() == p:  # cannot happen (every match holds a literal); stay exact
                    yield from regex.finditer(text, p)
                    return
                yield m
                pos = m.end()
