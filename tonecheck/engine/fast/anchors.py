"""What every match of a regex must contain: its anchors, read from the regex's parse tree.

An anchor is a literal string ("asap", "owe me") that every match holds, with what may
stand between the match's start and the literal (which characters, and how many at most).
tonecheck.engine.fast.scan uses them to try a regex only where one of its literals is, and
a short draft to skip a rule whose literals are all absent. A regex the analysis cannot
vouch for (back-references, conditionals, a match that could start anywhere before its
literal) has no anchors and is run the plain way. Pure functions of the pattern: no state.

Speed: the plain twin is running every regex at every position (`regex.finditer`);
tests/engine/test_scan.py holds each bundled regex's anchors to that: no match without
one of them, the same matches with them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as sre
from re import _parser as sre_parse
from typing import NamedTuple

#: A literal this short is common enough that a longer one further on is worth finding.
SHORT_LITERAL = 3

_SPACES = " \t\n\r\f\v\x1c\x1d\x1e\x1f"
_DIGITS = "0123456789"
_WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
_LINEBREAKS = "\n\r\v\f\x1c\x1d\x1e"
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def is_word(ch: str) -> bool:
    """re's \\w for str patterns: alphanumeric (str.isalnum) or the underscore."""
    return ch.isalnum() or ch == "_"


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
COMMON = frozenset(
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
    return 1 if word in COMMON else len(literal)


def _usable(anchors: list[Anchor]) -> bool:
    return all(not (a.anychar and a.width < 0) for a in anchors)


def _nonword_class(av: Sequence) -> bool:
    """An IN set whose every member is a non-word character."""
    for item, value in av:
        if item is sre.LITERAL:
            if is_word(chr(value)):
                return False
        elif item is sre.CATEGORY:
            if getattr(value, "name", "") not in ("CATEGORY_SPACE", "CATEGORY_NOT_WORD",
                                                  "CATEGORY_LINEBREAK", "CATEGORY_UNI_SPACE",
                                                  "CATEGORY_UNI_NOT_WORD", "CATEGORY_UNI_LINEBREAK"):
                return False
        elif item is sre.RANGE:
            low, high = value
            if high > 127 or any(is_word(chr(c)) for c in range(low, high + 1)):
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
                return not is_word(chr(av))
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
            boundary = boundary and is_word(literal[0])
            whole = (boundary and all(is_word(c) for c in literal)
                     and _next_is_nonword((items[i + run:], *follow)))
            here = [before.anchor(literal.lower() if ignorecase else literal, ignorecase,
                                  boundary, whole)]
            # A rarer literal further on means far fewer places to try.
            after = before.then(_span(items[i:i + run], ignorecase))
            rest = _anchors(items[i + run:], after, ignorecase, not is_word(literal[-1]), follow)
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
        return not is_word(chr(av))  # type: ignore[arg-type]
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
        return not is_word(chr(av))  # type: ignore[arg-type]
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
