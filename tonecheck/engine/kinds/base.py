"""What every rule kind shares: its error, its regex compiling, phrase matching and casing."""

from __future__ import annotations

import re
from typing import Any

from ..fast import regexcache


class RuleDataError(ValueError):
    """A rule's key has a bad value; tonecheck.engine.packs adds the file and rule id."""

    def __init__(self, key: str, problem: str):
        self.key = key
        super().__init__(problem)


def phrase_regex(phrase: str) -> str:
    """A phrase as a regex: whole words, flexible spaces, straight or curly apostrophes,
    and `*` as a word-character wildcard (e.g. "fuck*")."""
    parts = []
    for token in phrase.split():
        esc = re.escape(token).replace(r"\*", r"\w*").replace("'", "['’]?")
        parts.append(esc)
    body = r"\s+".join(parts)
    left = r"\b" if re.match(r"\w", phrase) else ""
    right = r"\b" if re.search(r"[\w*]$", phrase) else ""
    return left + body + right


def compile_regex(regex: str, key: str, flags: int) -> re.Pattern[str]:
    try:
        return regexcache.compile(regex, flags)  # re.compile, remembered across runs
    except re.error as exc:
        raise RuleDataError(key, f"bad regular expression {regex!r}: {exc}") from None


def backtracks(regex: str) -> bool:
    """Whether a regex repeats something that itself repeats without bound, like (a+)+ or
    (\\w+\\s?)*, or repeats alternatives that can start alike, like (a|aa)+: Python's re
    can take exponential time on those, and one such rule
    would hang every check. Bundled packs are trusted; a user's are asked this at load."""
    try:
        from re import _constants as sc
        from re import _parser as sp
    except ImportError:  # pragma: no cover - before Python 3.11
        import sre_constants as sc  # type: ignore[no-redef]
        import sre_parse as sp  # type: ignore[no-redef]

    repeats = {sc.MAX_REPEAT, sc.MIN_REPEAT, getattr(sc, "POSSESSIVE_REPEAT", None)}

    def ambiguous(items: Any) -> bool:
        """Alternatives that can start alike, as in (a|aa)+: repeated, each character can
        be taken by either, and a failing match tries every split."""
        for op, av in items:
            if op == sc.SUBPATTERN and ambiguous(av[-1]):
                return True
            if op == sc.BRANCH:
                firsts = [b[0] if len(b) else None for b in av[1]]
                if any(f is None or f[0] != sc.LITERAL for f in firsts):
                    return True
                if len({f[1] for f in firsts}) < len(firsts):
                    return True
        return False

    def nested(items: Any, inside: bool) -> bool:
        for op, av in items:
            if op in repeats:
                unbounded = av[1] == sc.MAXREPEAT or av[1] > 100
                if (unbounded and inside) or nested(av[2], inside or unbounded):
                    return True
                if unbounded and ambiguous(av[2]):
                    return True
            elif op == sc.SUBPATTERN and nested(av[-1], inside):
                return True
            elif op == sc.BRANCH and any(nested(b, inside) for b in av[1]):
                return True
            elif op in (sc.ASSERT, sc.ASSERT_NOT) and nested(av[1], inside):
                return True
        return False

    try:
        return nested(sp.parse(regex), False)
    except (re.error, RecursionError):
        return False  # compile_regex reports a broken one


def strings(table: dict[str, Any], key: str) -> list[str]:
    value = table.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip()
                                                           for v in value):
        raise RuleDataError(key, "must be a non-empty list of non-empty strings")
    return value


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.7


def match_case(original: str, replacement: str) -> str:
    """Give the replacement the original's leading capital; a shouted original gets a
    calm replacement, so a rewrite never carries the capitals along."""
    if _shouted(original):
        replacement = replacement.lower()
    if replacement and original[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


class Kind:
    """What every kind tells the engine about itself; a kind overrides what differs."""

    #: The keys a rule of this kind may carry, beyond the common ones (packs.COMMON_KEYS).
    keys: set[str] = set()
    #: The regexes it runs over a draft (set by each instance; a metric has none).
    regexes: list[re.Pattern[str]] = []

    @classmethod
    def keys_of(cls, table: dict[str, Any]) -> set[str]:
        return cls.keys

    @classmethod
    def is_local(cls, table: dict[str, Any]) -> bool:
        """Whether its hits depend only on their own sentence (and a few characters around
        it). Phrases and swaps are a few words in one sentence, so by default yes."""
        return True
