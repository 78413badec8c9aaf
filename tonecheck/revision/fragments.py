"""Whether an edited sentence is still one a careful person could send.

Rules edit words, not grammar: deleting a lead-in can leave "Which you didn't read, the
report was due yesterday.", and deleting a clause can strand a comma or leave only "I
mean it.". The revision checks every sentence it edited with `defect` and keeps the
sentence as written when the edit broke it; a sentence that came back whole is the
only kind it shows.
"""

from __future__ import annotations

import re

from ..engine.fast import regexcache

# Words that cannot open a sentence once what they hung on was cut away.
_DANGLING_START = regexcache.compile(
    r"^(?:which|who|whom|whose|that|and|or|but|nor|because|since|so that|although|though|"
    r"whereas|while|unless|than|as well|too|either|also|even|again|then|instead|yet)\b",
    re.I)
_BROKEN_PUNCTUATION = regexcache.compile(
    r" [,.;:!?]|[,;:][.!?]|[.!?][,;]|,,|\?\.|\.\.(?!\.)|  |\( ?\)|^[,;:.]")
_WORD = regexcache.compile(r"[^\W\d_][\w’'-]*")


def defect(before: str, after: str) -> str | None:
    """What is wrong with `after`, the edited form of the sentence `before` (None: it is
    sound). An empty `after` is a sentence dropped whole, which is always sound."""
    new, old = after.strip(), before.strip()
    if not new:
        return None
    if _BROKEN_PUNCTUATION.search(new) and not _BROKEN_PUNCTUATION.search(old):
        return "broken punctuation"
    m = _DANGLING_START.match(new)
    if m and not _DANGLING_START.match(old):
        return f"starts with a dangling '{m.group(0)}'"
    first = _WORD.search(new)
    if first and first.group(0)[0].islower() and old[:1].isupper():
        return "starts in lowercase"
    words = _WORD.findall(new)
    if len(words) < 2 and len(_WORD.findall(old)) >= 2:
        return "too short to stand alone"
    if new.count("(") != new.count(")") and old.count("(") == old.count(")"):
        return "unbalanced brackets"
    if new.count('"') % 2 and not old.count('"') % 2:
        return "unbalanced quotes"
    return None
