"""Capitals a calmed shout must keep: names of days and months, and acronyms.

Calming "READ THIS BEFORE MONDAY" to lowercase must give "before Monday", and "The NASA
and FBI files are LATE AGAIN" must keep "FBI": a name is not shouting, and a revision
that writes "monday" or "fbi" has made a mistake a careful friend would not. A short word
in capitals standing alone among words in normal case is an acronym ("open a PR"); one
next to other words in capitals is part of the shout ("ANSWER ME").
"""

from __future__ import annotations

import re

from ..engine.fast import regexcache

_NAMES = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april june
july august september october november december
""".split())
# Short words people shout: in capitals they are emphasis, not an acronym.
_SHOUTED = frozenset("""
a i am an as at be by do go he if in is it me my no of oh ok on or so to up us we
all and any are ask bad big but can did die end far for get got had has her hey him his
how its let lie lot may new not now off old one our out own pay put run sad say see she
the too two use was way who why yes yet you
""".split())
_WORD = regexcache.compile(r"[A-Za-z][A-Za-z'’]*")


def _acronym(word: str) -> bool:
    return word.isupper() and (
        (2 <= len(word) <= 3 and word.lower() not in _SHOUTED)
        or (len(word) == 4 and not re.search("[AEIOU]", word)))


def keep_names(matched: str, calmed: str) -> str:
    """`calmed` (`matched` with its case changed) with day and month names capitalised
    and lone acronyms in capitals, as the writer wrote them."""
    if len(matched) != len(calmed):
        return calmed
    words = list(_WORD.finditer(matched))
    out = list(calmed)
    for i, m in enumerate(words):
        word = m.group(0)
        if not word.isupper() or len(word) < 2:
            continue
        if word.lower() in _NAMES:
            fixed = word[0] + word[1:].lower()
        elif _acronym(word) and not any(
                n.group(0).isupper() and len(n.group(0)) > 1
                for n in words[max(0, i - 1):i] + words[i + 1:i + 2]):
            fixed = word
        else:
            continue
        out[m.start():m.end()] = fixed
    return "".join(out)
