"""Running a rule's regex over a draft without trying it at every character.

`re.finditer` attempts a match at each position of the text, and a profile has some forty
regexes, so on a big draft that is most of a check. But nearly every rule's matches must
contain one of a few literal strings ("asap", "owe me", "demand"). This module reads a
regex's own parse tree and works out its *anchors*: literals that every match contains,
each with what may stand between the match's start and the literal (which characters, and
how many at most). A scan finds the literals with `str.find`, walks back over what may
precede each, and tries the regex only there, left to right, skipping overlaps, exactly
as finditer would: the same matches in the same order. tests/test_scan.py holds the two
to that on every bundled rule.

The same anchors let a short draft skip a rule outright (and never compile its regex)
when none of its literals occur. A regex the analysis cannot vouch for (back-references,
conditionals, a match that could start anywhere before its literal) gets plain finditer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from re import _constants as sre
from re import _parser as sre_parse
from typing import NamedTuple

#: Below this many characters a plain finditer is as quick as any analysis.
BIG_TEXT = 20_000
#: A literal this short is common enough that a longer one further on is worth finding.
SHORT_LITERAL = 3

_SPACES = " \t\n\r\f\v\x1c\x1d\x1e\x1f"
_DIGITS = "0123456789"
_WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
_LINEBREAKS = "\n\r\v\f\x1c\x1d\x1e"
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
#: Characters that re's IGNORECASE matches to an ASCII letter although str.lower() does
#: not map them to it (or maps them to two characters).
_FOLD_SPECIAL = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_WORDS = re.compile(r"\w+")


class Anchor(NamedTuple):
    """Every match contains `literal` (lowercased and searched in folded text when
    `folded`); between the match's start and it stand at most `width` characters (-1: no
    limit), each in `chars`, or non-ASCII when `nonascii`, or anything when `anychar`."""

    literal: str
    folded: bool
    chars: str
    nonascii: bool
    anychar: bool
    width: int
    #: The literal starts a word in every match through this anchor: it starts with a word
    #: character, and what stands before it is not one (a \\b, the start of a line, a
    #: lookbehind or a character that is no part of a word).
    boundary: bool = False
    #: ... and the literal is a whole word: a word character never follows it.
    whole: bool = False


class _Unanalysable(Exception):
    pass


class _Span:
    """What a stretch of a regex can consume: which characters, and at most how many."""

    __slots__ = ("chars", "nonascii", "anychar", "width")

    def __init__(self, chars: frozenset[str] = frozenset(), nonascii: bool = False,
                 anychar: bool = False, width: int | None = 0):
        self.chars, self.nonascii, self.anychar, self.width = chars, nonascii, anychar, width

    def then(self, other: _Span) -> _Span:
        width = None if self.width is None or other.width is None else self.width + other.width
        return _Span(self.chars | other.chars, self.nonascii or other.nonascii,
                     self.anychar or other.anychar, width)

    def either(self, other: _Span) -> _Span:
        width = None if self.width is None or other.width is None else max(self.width, other.width)
        return _Span(self.chars | other.chars, self.nonascii or other.nonascii,
                     self.anychar or other.anychar, width)

    def times(self, most: int) -> _Span:
        if most == 0 or self.width == 0:
            width: int | None = 0
        elif most == sre.MAXREPEAT or self.width is None:
            width = None
        else:
            width = self.width * most
        return _Span(self.chars, self.nonascii, self.anychar, width)

    def anchor(self, literal: str, folded: bool, boundary: bool, whole: bool) -> Anchor:
        return Anchor(literal, folded, "".join(sorted(self.chars)), self.nonascii, self.anychar,
                      -1 if self.width is None else self.width, boundary, whole)


def _cased(chars: str, ignorecase: bool) -> frozenset[str]:
    if not ignorecase:
        return frozenset(chars)
    return frozenset(chars) | frozenset(chars.lower()) | frozenset(chars.upper())


def _char_span(op: object, av: object, ignorecase: bool) -> _Span:
    """One character matched by LITERAL, NOT_LITERAL, ANY or IN."""
    if op is sre.LITERAL:
        ch = chr(av)  # type: ignore[arg-type]
        return _Span(_cased(ch, ignorecase) if ch.isascii() else frozenset(),
                     nonascii=not ch.isascii() or ignorecase, width=1)
    if op in (sre.NOT_LITERAL, sre.ANY):
        return _Span(anychar=True, width=1)
    if op is not sre.IN:
        raise _Unanalysable(op)
    chars: set[str] = set()
    nonascii = ignorecase  # case folding can reach outside ASCII (K, ſ)
    for item, value in av:  # type: ignore[attr-defined]
        if item is sre.NEGATE:
            return _Span(anychar=True, width=1)
        if item is sre.LITERAL:
            ch = chr(value)
            nonascii |= not ch.isascii()
            chars |= _cased(ch, ignorecase) if ch.isascii() else set()
        elif item is sre.RANGE:
            low, high = value
            nonascii |= high > 127
            chars |= _cased("".join(chr(c) for c in range(low, min(high, 127) + 1)), ignorecase)
        elif item is sre.CATEGORY:
            name = getattr(value, "name", "")
            if "NOT" in name:
                return _Span(anychar=True, width=1)
            group = (_SPACES if "SPACE" in name else _DIGITS if "DIGIT" in name
                     else _WORD if "WORD" in name else _LINEBREAKS if "LINEBREAK" in name else None)
            if group is None:
                return _Span(anychar=True, width=1)
            chars |= set(group)
            nonascii = True
        else:
            return _Span(anychar=True, width=1)
    return _Span(frozenset(chars), nonascii=nonascii, width=1)


def _flags(av: tuple, ignorecase: bool) -> bool:
    _, add, remove, _ = av
    if add & sre.SRE_FLAG_IGNORECASE:
        return True
    if remove & sre.SRE_FLAG_IGNORECASE:
        return False
    return ignorecase


def _span(items: Sequence, ignorecase: bool) -> _Span:
    """Everything `items` (a sequence of parse-tree nodes) can consume."""
    total = _Span()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.SUBPATTERN:
            total = total.then(_span(av[3], _flags(av, ignorecase)))
        elif op is sre.ATOMIC_GROUP:
            total = total.then(_span(av, ignorecase))
        elif op is sre.BRANCH:
            alternatives = [_span(alt, ignorecase) for alt in av[1]]
            combined = alternatives[0]
            for alt in alternatives[1:]:
                combined = combined.either(alt)
            total = total.then(combined)
        elif op in _REPEATS:
            _, most, sub = av
            total = total.then(_span(sub, ignorecase).times(most))
        else:
            total = total.then(_char_span(op, av, ignorecase))
    return total


def _literal_at(items: Sequence, i: int, ignorecase: bool) -> int:
    """How many LITERAL nodes from i form a searchable literal (ASCII when case-folded)."""
    j = i
    while j < len(items) and items[j][0] is sre.LITERAL and (not ignorecase or items[j][1] < 128):
        j += 1
    return j - i


def _few_plain_chars(av: Sequence) -> bool:
    """An IN set of at most four literal characters that have no case."""
    return len(av) <= 4 and all(
        item is sre.LITERAL and chr(value).lower() == chr(value).upper() for item, value in av)


#: Words so common that a scan anchored on them would try the regex almost everywhere.
_COMMON = frozenset(
    "a an and are as at be but by can do for from had has have he her his i if in is it its "
    "me my no not of on or our she so that the their them they this to was we were what when "
    "will with you your".split())


def _rarity(anchors: list[Anchor]) -> int:
    """A rough measure of how seldom the commonest of these literals turns up: its length,
    1 for a very common word, 0 for a lone space or punctuation mark."""
    return min(_seldom(a.literal) for a in anchors)


def _seldom(literal: str) -> int:
    word = literal.strip()
    if not word or (len(word) == 1 and not word.isalnum()):
        return 0
    return 1 if word in _COMMON else len(literal)


def _usable(anchors: list[Anchor]) -> bool:
    return all(not (a.anychar and a.width < 0) for a in anchors)


def _nonword_class(av: Sequence) -> bool:
    """An IN set whose every member is a non-word character."""
    for item, value in av:
        if item is sre.LITERAL:
            if _is_word(chr(value)):
                return False
        elif item is sre.CATEGORY:
            if getattr(value, "name", "") not in ("CATEGORY_SPACE", "CATEGORY_NOT_WORD",
                                                  "CATEGORY_LINEBREAK", "CATEGORY_UNI_SPACE",
                                                  "CATEGORY_UNI_NOT_WORD", "CATEGORY_UNI_LINEBREAK"):
                return False
        elif item is sre.RANGE:
            low, high = value
            if high > 127 or any(_is_word(chr(c)) for c in range(low, high + 1)):
                return False
        else:
            return False
    return True


def _next_is_nonword(chain: tuple[Sequence, ...]) -> bool:
    """Whether whatever comes next (`chain`: the rest of this sequence, then the rest of
    each enclosing one) must be a non-word character or the end of the text."""
    for depth, items in enumerate(chain):
        for k, (op, av) in enumerate(items):
            if op in (sre.ASSERT, sre.ASSERT_NOT):
                continue
            if op is sre.AT:
                return av in (sre.AT_BOUNDARY, sre.AT_END, sre.AT_END_STRING)
            rest = (items[k + 1:], *chain[depth + 1:])
            if op is sre.LITERAL:
                return not _is_word(chr(av))
            if op is sre.IN:
                return _nonword_class(av)
            if op is sre.SUBPATTERN:
                return _next_is_nonword((av[3], *rest))
            if op is sre.BRANCH:
                return all(_next_is_nonword((alt, *rest)) for alt in av[1])
            if op in _REPEATS and av[0] >= 1:
                return _next_is_nonword((av[2],))
            return False
    return False


def _anchors(items: Sequence, before: _Span, ignorecase: bool, boundary: bool = False,
             follow: tuple[Sequence, ...] = ()) -> list[Anchor] | None:
    """Anchors every match of `items` contains, given `before` consumed ahead of it, or
    None when some way through `items` passes no literal. `boundary`: a word character
    could come next here only where none comes before (see _boundary_after). `follow`:
    what comes after `items`, when known."""
    i = 0
    while i < len(items):
        op, av = items[i]
        run = _literal_at(items, i, ignorecase) if op is sre.LITERAL else 0
        if run:
            literal = "".join(chr(c) for _, c in items[i:i + run])
            # What a boundary tells of the character before a literal (not a word
            # character, or none) is only what \\b says when the literal starts a word.
            boundary = boundary and _is_word(literal[0])
            whole = (boundary and all(_is_word(c) for c in literal)
                     and _next_is_nonword((items[i + run:], *follow)))
            here = [before.anchor(literal.lower() if ignorecase else literal, ignorecase,
                                  boundary, whole)]
            # A rarer literal further on means far fewer places to try.
            after = before.then(_span(items[i:i + run], ignorecase))
            rest = _anchors(items[i + run:], after, ignorecase, not _is_word(literal[-1]), follow)
            if rest is not None and _usable(rest) and _rarity(rest) > _rarity(here):
                return rest
            return here
        if op is sre.IN and _few_plain_chars(av):
            # A class of a few caseless characters ([!?]) anchors like a one-letter literal.
            return [before.anchor(chr(c), False, False, False) for _, c in av]
        if op in _ZERO_WIDTH:
            boundary = _boundary_after(op, av, boundary)
            i += 1
            continue
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            raise _Unanalysable(op)
        found = None
        then = (items[i + 1:], *follow)
        if op is sre.SUBPATTERN:
            found = _anchors(av[3], before, _flags(av, ignorecase), boundary, then)
        elif op is sre.ATOMIC_GROUP:
            found = _anchors(av, before, ignorecase, boundary, then)
        elif op is sre.BRANCH:
            each = [_anchors(alt, before, ignorecase, boundary, then) for alt in av[1]]
            if all(e is not None for e in each):
                found = [a for e in each for a in e]  # type: ignore[union-attr]
        elif op in _REPEATS:
            least, _, sub = av
            inside = _anchors(sub, before, ignorecase, boundary)
            if inside is not None:
                if least >= 1:
                    found = inside
                else:
                    skipped = _anchors(items[i + 1:], before, ignorecase, boundary, follow)
                    found = None if skipped is None else inside + skipped
                    # An optional comma makes a poor anchor: try it as part of the lead-in.
                    lead_in = _anchors(items[i + 1:], before.then(_span([items[i]], ignorecase)),
                                       ignorecase, _boundary_after(op, av, boundary), follow)
                    if lead_in is not None and _usable(lead_in) and (
                            found is None or _rarity(lead_in) > _rarity(found)):
                        return lead_in
        if found is not None:
            return found
        before = before.then(_span([items[i]], ignorecase))
        # After a character that cannot be part of a word, a word starts as after a \\b.
        boundary = _boundary_after(op, av, boundary)
        i += 1
    return None


_AT_START = (sre.AT_BEGINNING, sre.AT_BEGINNING_LINE, sre.AT_BEGINNING_STRING)


def _boundary_after(op: object, av: object, boundary: bool) -> bool:
    """Whether, after this node, a word character could come next only where none comes
    before (as right after a \\b, the start of a line, or a non-word character), given
    whether that held before it (`boundary`)."""
    if op is sre.AT:
        return boundary or av is sre.AT_BOUNDARY or av in _AT_START
    if op is sre.ASSERT:
        direction, sub = av  # type: ignore[misc]
        # A lookbehind whose last character is never a word character.
        return boundary or (direction < 0 and _sequence_ends_nonword(sub))
    if op is sre.ASSERT_NOT:
        return boundary
    if op is sre.SUBPATTERN:
        return _boundary_through(av[3], boundary)  # type: ignore[index]
    if op is sre.ATOMIC_GROUP:
        return _boundary_through(av, boundary)  # type: ignore[arg-type]
    if op is sre.BRANCH:
        return all(_boundary_through(alt, boundary) for alt in av[1])  # type: ignore[index]
    if op in _REPEATS:
        least, most, sub = av  # type: ignore[misc]
        if most == 0:
            return boundary
        once_from_false = _boundary_through(sub, False)
        if once_from_false:  # one pass or more always leaves a boundary
            return True if least >= 1 else boundary
        # Passes that keep a boundary (and only those) leave it as it was.
        return boundary and _boundary_through(sub, True)
    if op is sre.LITERAL:
        return not _is_word(chr(av))  # type: ignore[arg-type]
    if op is sre.IN:
        return _nonword_class(av)  # type: ignore[arg-type]
    return False


def _boundary_through(items: Sequence, boundary: bool) -> bool:
    for op, av in items:
        boundary = _boundary_after(op, av, boundary)
    return boundary


def _ends_nonword(op: object, av: object) -> bool:
    """Whether the last character this node consumes is always a non-word character."""
    if op is sre.LITERAL:
        return not _is_word(chr(av))  # type: ignore[arg-type]
    if op is sre.IN:
        return _nonword_class(av)  # type: ignore[arg-type]
    if op in _REPEATS:
        return av[0] >= 1 and _sequence_ends_nonword(av[2])  # type: ignore[index]
    if op is sre.SUBPATTERN:
        return _sequence_ends_nonword(av[3])  # type: ignore[index]
    if op is sre.BRANCH:
        return all(_sequence_ends_nonword(alt) for alt in av[1])  # type: ignore[index]
    return False


def _sequence_ends_nonword(items: Sequence) -> bool:
    consuming = [(op, av) for op, av in items if op not in _ZERO_WIDTH]
    return bool(consuming) and _ends_nonword(*consuming[-1])


def analyse(pattern: str, flags: int) -> tuple[Anchor, ...] | None:
    """The anchors of a regex, or None when it must be scanned the plain way."""
    found = anchors_in(pattern, flags)
    if found is None or _rarity(list(found)) == 0:
        # Anchored on a lone punctuation mark, the candidates come so thick that one plain
        # pass is quicker.
        return None
    return found


def anchors_in(pattern: str, flags: int) -> tuple[Anchor, ...] | None:
    """Every anchor the analysis can vouch for, however common; None if it cannot."""
    try:
        tree = sre_parse.parse(pattern, flags)
        ignorecase = bool(tree.state.flags & sre.SRE_FLAG_IGNORECASE)
        found = _anchors(tree, _Span(), ignorecase)
    except (_Unanalysable, re.error, RecursionError, TypeError, ValueError, AttributeError):
        return None
    if not found or not _usable(found):
        return None
    return tuple(dict.fromkeys(found))


_known: dict[tuple[str, int], tuple[Anchor, ...] | None] = {}


def remember(pattern: str, flags: int, anchors: tuple[Anchor, ...] | None) -> None:
    """Seed the analysis of a regex (from the rule-pack cache)."""
    _known[(pattern, flags)] = anchors
    _sieves.pop((pattern, flags), None)


def anchors_of(pattern: str, flags: int) -> tuple[Anchor, ...] | None:
    key = (pattern, flags)
    if key not in _known:
        _known[key] = analyse(pattern, flags)
    return _known[key]


def _is_word(ch: str) -> bool:
    """re's \\w for str patterns: alphanumeric (str.isalnum) or the underscore."""
    return ch.isalnum() or ch == "_"


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
                word_lead = _is_word(a.literal[0]) if a.boundary else None
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
#: Every plan's whole-word anchors by (folded, literal), so that one walk over a text's
#: words serves every regex at once.
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
            if a.whole and a.literal not in _COMMON:
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
        self._whole_starts: dict[tuple[str, int], set[int]] | None = None
        self._known_plans = 0
        self._word_sets: dict[bool, set[str]] = {}
        self._at: dict[tuple[str, bool, bool | str | None], list[int]] = {}

    @property
    def folded(self) -> str | None:
        if not self._fold_done:
            self._folded, self._fold_done = fold(self.text), True
        return self._folded

    def words(self, folded: bool) -> dict[str, list[int]]:
        """Where each word (a run of \\w) starts, in the folded text or the text itself:
        one pass that answers every whole-word anchor at once."""
        if folded not in self._words:
            index: dict[str, list[int]] = {}
            hay = self.folded if folded else self.text
            for m in _WORDS.finditer(hay or ""):
                index.setdefault(m.group(), []).append(m.start())
            self._words[folded] = index
        return self._words[folded]

    def word_set(self, folded: bool) -> set[str] | None:
        """The distinct words (runs of \\w) of the folded text or of the text itself, as
        words(folded) would index them; None if the text cannot be folded."""
        found = self._word_sets.get(folded)
        if found is None:
            hay = self.folded if folded else self.text
            if hay is None:
                return None
            found = self._word_sets[folded] = set(_WORDS.findall(hay))
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
                if (q == 0 or not _is_word(hay[q - 1])) and (q + n == end or not _is_word(hay[q + n])):
                    at.append(q)
            elif how is None or (q == 0 or not _is_word(text[q - 1])) == how:
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
        whole = self._whole
        if plan.serial < self._known_plans:
            starts = set(whole.get(plan.key, ()))
        else:
            # A regex first seen after this text's words were matched to every plan's.
            starts = set()
            for (folded, literal), anchors in plan.whole.items():
                found = self.words(folded).get(literal)
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
                word_lead = _is_word(a.literal[0])
                found = [q for q in found if (q == 0 or not _is_word(text[q - 1])) == word_lead]
            self._walk_back(a, found, starts)
        return sorted(starts)

    @property
    def _whole(self) -> dict[tuple[str, int], set[int]]:
        """For every plan known so far, where its whole-word anchors could start a match:
        from one walk over this text's distinct words (a word starts where \\b holds)."""
        if self._whole_starts is None:
            self._known_plans = len(_plans)
            starts: dict[tuple[str, int], set[int]] = {}
            for folded in (True, False) if _plain_words[0] else (True,):
                for word, found in self.words(folded).items():
                    for key, a in _by_word.get((folded, word), ()):
                        self._walk_back(a, found, starts.setdefault(key, set()))
            self._whole_starts = starts
        return self._whole_starts

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
