"""What a revision never touches: the writer's quotes, code, names and frame.

Scoring already blanks code, quoted replies and signatures (drafts.masking), but a
revision must be stricter than scoring: text in quotation marks is someone else's words
even when it is scored ("The customer wrote "THIS IS UNACCEPTABLE!!!""), a '>' line is a
quote in a text draft too, a fence or backticks mark code even when a draft piped in on
stdin was read as plain text, and the greeting and sign-off are the writer's own frame,
names in capitals included. Every span here is [start, end) of the draft's source.
"""

from __future__ import annotations

import bisect
import re

from ..core.draft import Draft
from ..drafts.masking import INLINE_CODE, QUOTE_LINE
from ..engine.fast import regexcache

_QUOTED = regexcache.compile(
    r'"[^"\n]{1,400}"'  # straight double quotes, within a line
    r"|“[^”\n]{1,400}”|‘[^’\n]{1,400}’|«[^»\n]{1,400}»"
    # straight single quotes only where they cannot be apostrophes: after a space or an
    # opening mark, and closed before a space or a mark
    r"|(?<![\w'])'[^'\n]{1,200}'(?![\w'])"
)
_SPACES = regexcache.compile(r" +")
# Looser than masking's fence: indented, or never closed (a draft cut short), since a
# revision that edits code is worse than one that leaves a few lines alone.
_FENCE = regexcache.compile(r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[^\n]*$|\Z)", re.M | re.S)
_GREETING = regexcache.compile(
    r"[ \t]*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hiya|yo)\b[^\n]{0,60}"
    r"|[A-Z][\w.'’ -]{0,40},)[ \t]*$", re.I | re.M)
_CLOSING = regexcache.compile(
    r"^[ \t]*(?:thanks|thank you|many thanks|best|best wishes|best regards|regards|kind regards|"
    r"warm regards|cheers|love|sincerely|yours|yours sincerely|take care|talk soon|xo|xx)"
    r"\b[^\n]{0,30}$", re.I | re.M)
# A name line under the body: one to four capitalised words (or initials), nothing else.
_NAME_LINE = regexcache.compile(r"^[ \t]*(?:--?[ \t]*|—[ \t]*)?(?:[A-Z][\w.'’-]*[ \t]*){1,4}$")


def spans(draft: Draft) -> list[tuple[int, int]]:
    """Sorted, merged spans of `draft.source` that no edit may touch."""
    source, text = draft.source, draft.text
    found: list[tuple[int, int]] = []
    # Whatever scoring blanked (code, quoted replies, links, signatures) is protected too.
    # Blanked characters are spaces in the masked text, so only runs of spaces are compared
    # (a long draft has no time for a loop over every character).
    if text != source:
        for run in _SPACES.finditer(text):
            a, b = run.span()
            if source[a:b] == run.group():
                continue
            part = source[a:b]
            found.append((a + len(part) - len(part.lstrip(" ")), b - len(part) + len(part.rstrip(" "))))
    for rx in (_QUOTED, QUOTE_LINE, _FENCE, INLINE_CODE):
        found += [(m.start(), m.end()) for m in rx.finditer(source)]
    # An email's source is its subject, a blank line, then the body, whose greeting is
    # the body's first line.
    body = source.find("\n\n") + 2 if draft.kind == "email" and "\n\n" in source else 0
    found += _frame(source, body)
    return merged(found)


def _frame(source: str, body_start: int) -> list[tuple[int, int]]:
    """The greeting line at the top of the body and the sign-off lines at the bottom."""
    out: list[tuple[int, int]] = []
    m = _GREETING.match(source, body_start)
    if m:
        out.append((m.start(), m.end()))
    lines = source.rstrip().split("\n")
    pos = len(source.rstrip())
    # Walk up from the end over name lines to a closing line ("Thanks,", "Best,"). Without
    # a closing line above them, only names in normal case count: "ANSWER ME" on the last
    # line is shouting, not a signature.
    names: list[tuple[int, int, str]] = []
    for line in reversed(lines[1:]):
        start = pos - len(line)
        stripped = line.strip()
        if _CLOSING.match(line):
            out += [(a, b) for a, b, _ in names] + [(start, pos)]
            return out
        if stripped and not (_NAME_LINE.match(line) and len(stripped) <= 40):
            break
        if stripped:
            names.append((start, pos, stripped))
        pos = start - 1
    out += [(a, b) for a, b, name in names if not any(mark in name for mark in "!?")]
    return out


def merged(spans_: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, with those that meet joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans_):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def overlaps(guard: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets a span of the sorted, disjoint `guard` (an empty
    [start, start) counts when it falls strictly inside one)."""
    i = bisect.bisect_right(guard, (start, float("inf"))) - 1
    if i >= 0 and guard[i][1] > start and (end > start or guard[i][0] < start):
        return True
    i += 1
    return i < len(guard) and guard[i][0] < end


def outside(guard: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of [start, end) that no span of the sorted, disjoint `guard` covers."""
    out, pos = [], start
    i = max(0, bisect.bisect_right(guard, (start, float("inf"))) - 1)
    for a, b in guard[i:]:
        if a >= end:
            break
        if b <= pos:
            continue
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        out.append((pos, end))
    return out
