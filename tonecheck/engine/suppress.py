"""Inline suppression: directives in a draft that turn rules off for a stretch of it.

    <!-- tonecheck off -->  ...  <!-- tonecheck on -->
    <!-- tonecheck disable=pressure.begging,tone.shouting -->  ...  <!-- tonecheck enable=pressure.begging -->
    tonecheck: off          (a line of its own, for plain-text drafts; likewise on, disable=, enable=)

as Vale and alex have. A rule id may also name a whole pack (`disable=pressure`). A
directive holds from where it stands to the next one that undoes it, or to the end.

The HTML form is read from the draft's source (masking blanks HTML comments, so the rules
never see them); the plain form from the masked text, so a quoted reply or a code block
that mentions it changes nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from ..core.errors import InputError
from ..core.rule import Charge

_HTML = re.compile(r"<!--\s*tonecheck\b\s*(.*?)\s*-->", re.S | re.I)
_ACTION_RE = r"(off|on)|(disable|enable)(?:[ \t]*=[ \t]*([\w.\-]+(?:[ \t]*,[ \t]*[\w.\-]+)*))?"
_ACTION = re.compile(_ACTION_RE, re.I)
# Only a whole line in the directive's exact shape: prose that starts "Tonecheck: it
# said..." is a sentence, not a directive.
_PLAIN = re.compile(rf"^[ \t]*tonecheck:[ \t]*((?:{_ACTION_RE}))[ \t]*$", re.M | re.I)
#: Stands for every rule in a state change.
_ALL = "*"


class Suppression:
    """Which rules are off where: a sorted list of (offset, rules off from there on)."""

    def __init__(self, changes: list[tuple[int, frozenset[str]]]):
        self._at = [at for at, _ in changes]
        self._off = [off for _, off in changes]

    def silenced(self, rule: str, offset: int) -> bool:
        i = bisect.bisect_right(self._at, offset) - 1
        if i < 0:
            return False
        off = self._off[i]
        if _ALL in off:
            return True
        # Cheap for the common case of no per-rule directives: the set is empty.
        return bool(off) and (rule in off or any(rule.startswith(p + ".") for p in off))

    def filter(self, found: Iterable[Charge]) -> list[Charge]:
        return [c for c in found if not self.silenced(c.rule.id, c.start)]


def find(source: str, text: str, path: str = "<text>") -> Suppression | None:
    """The draft's directives, or None when it has none (the usual case, found at C speed)."""
    if "tonecheck" not in source.lower():
        return None
    marks = [(m.start(), m.group(1)) for m in _HTML.finditer(source)]
    marks += [(m.start(), m.group(1)) for m in _PLAIN.finditer(text)]
    if not marks:
        return None
    marks.sort()
    changes: list[tuple[int, frozenset[str]]] = []
    off: set[str] = set()
    for at, body in marks:
        m = _ACTION.fullmatch(body.strip())
        if not m:
            line = source.count("\n", 0, at) + 1
            raise InputError(f"line {line}: unknown tonecheck directive {body.strip()!r} "
                             "(use off, on, disable=RULE or enable=RULE)", path)
        toggle, verb, ids = m.groups()
        names = {n.strip() for n in ids.split(",")} if ids else {_ALL}
        if (toggle or verb).lower() in ("off", "disable"):
            off |= names
        elif ids:
            off -= names  # inside an `off`, enabling one rule leaves the rest off
        else:
            off = set()
        # The directive takes effect from its own start, so a hit on the directive line
        # of the plain form (the words "tonecheck: off") is covered too.
        changes.append((at, frozenset(off)))
    return Suppression(changes)
