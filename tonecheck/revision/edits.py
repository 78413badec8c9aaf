"""Applying a revision pass's edits to a text, and tidying the seams they leave.

An edit is (start, end, replacement). `apply_edits` makes them all in one sweep, tidies each
seam (a deleted lead-in takes its comma along, the next word gets its capital) and returns
every stretch that changed, so the next pass reads again only that (revision.recheck).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..engine.fast import regexcache

_BOUNDARY = regexcache.compile(r"(^|[.!?…]\s+|\n\s*)$")
#: Pieces of a rewritten text joined into one as the sweep goes (a long draft's revision
#: makes a hundred thousand edits, two pieces each).
_JOIN_EVERY = 4096


def _tidy(lead: str, before: str, replacement: str, after: str, peek: str = "",
          removed: str = "") -> tuple[str, str]:
    """Tidy the seam where `replacement` goes between `before` and `after`.

    `lead` is the output just before `before` (for finding sentence starts); `peek` is
    what comes after `after` when `after` is empty because the next edit touches this one;
    `removed` is the text the edit deletes: a writer who starts lines in lowercase keeps
    them so ("pls" deleted before "pls answer me").
    Only the tail of `before` and the head of `after` change, so edits can be applied in
    one sweep.
    """
    if replacement:
        return before, after
    if _BOUNDARY.search(lead[-2:] + before):
        # Deleted at a sentence start. What is left of an emptied sentence goes too
        # ("Yes. I'm begging you. No" -> "Yes. No"), and what follows gets a capital.
        after = re.sub(r"^[ \t]*[,;:.!?…]+[ \t]*", "", after)
        ahead = after or peek
        if not ahead or ahead[0] == "\n" or not (lead + before) or (lead + before).endswith("\n"):
            before, after = before.rstrip(" \t"), after.lstrip(" \t")
        first = next((ch for ch in removed if ch.isalpha()), "")
        if first.islower():
            return before, after
        return before, after[:1].upper() + after[1:]
    ahead = after or peek
    if before.endswith((" ", "\t")) and (not ahead or ahead[0] in " \t\n,.;:!?)"):
        before = before.rstrip(" \t")
    if before.endswith(",") and ahead[:1] in ".!?":
        before = before[:-1]
    return before, after


class Change(NamedTuple):
    """A stretch that a revision pass rewrote: [old_start, old_end) of the text before it
    became [new_start, new_end) of the text after."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[Change]]:
    """Apply non-overlapping (start, end, replacement) edits in one linear sweep. Returns
    the new text and every stretch that changed, seams tidied by _tidy included, so that
    the next pass can read again only what changed (revision.recheck)."""
    edits = sorted(edits)
    bounds = [0] + [b for s, e, _ in edits for b in (s, e)] + [len(text)]
    # Segment k (the text between edits) is text[lo[k]:hi[k]], its first character
    # replaced by head[k] when a seam recased it; _tidy only ever trims a segment's ends.
    lo, hi = bounds[0::2], bounds[1::2]
    head: list[str | None] = [None] * len(lo)

    def segment(k: int) -> str:
        body = text[lo[k]:hi[k]]
        return body if head[k] is None else head[k] + body[1:]

    # ahead[j]: the first text at or after edit j, its replacement or the segment after
    # it; made backwards in one sweep, since a run of dropped sentences leaves many empty
    # segments in a row (a scan forward from every seam would be quadratic). The segments
    # it reads are not yet trimmed when they are peeked at.
    ahead = [""] * (len(edits) + 1)
    for j in range(len(edits) - 1, -1, -1):
        # Only its first character: all a seam looks at (_tidy), and a copy of every
        # segment of a long draft's revision would be the whole text over again.
        ahead[j] = edits[j][2][:1] or (text[lo[j + 1]] if hi[j + 1] > lo[j + 1] else "") or ahead[j + 1]

    out: list[str] = []
    joined: list[str] = []
    changes: list[Change] = []
    lead, size = "", 0
    for i, (cut_from, cut_to, replacement) in enumerate(edits):
        # What follows this seam when the next edit touches it: the first text after it.
        after_text = segment(i + 1)
        peek = ahead[i + 1] if not after_text else ""
        before_text = segment(i)
        before, after = _tidy(lead, before_text, replacement, after_text, peek,
                              text[cut_from:cut_to])
        if replacement and _BOUNDARY.search(lead[-2:] + before):
            # A rewrite that now opens a sentence (its lead-in was deleted) needs a capital.
            replacement = replacement[:1].upper() + replacement[1:]
        hi[i] = lo[i] + len(before)  # _tidy trims the tail of what stands before
        cut = len(after_text) - len(after)  # ... and the head of what follows
        if cut:
            head[i + 1] = None
        lo[i + 1] += cut
        if after and (head[i + 1] or text[lo[i + 1]]) != after[0]:
            head[i + 1] = after[0]
        new_start = size + len(before)
        size = new_start + len(replacement)
        old_end = lo[i + 1] + (1 if head[i + 1] is not None else 0)
        new_end = size + (1 if head[i + 1] is not None else 0)
        changes.append(Change(hi[i], old_end, new_start, new_end))
        out += [before, replacement]
        if len(out) >= _JOIN_EVERY:  # joined as it goes: not a string per seam all at once
            joined.append("".join(out))
            out.clear()
        lead = (lead + before + replacement)[-2:]
    out.append(segment(len(lo) - 1))
    joined.append("".join(out))
    del out
    return "".join(joined), _merged(changes)


def _merged(changes: list[Change]) -> list[Change]:
    """Touching or overlapping changes as one."""
    merged: list[Change] = []
    for c in changes:
        if merged and c.old_start <= merged[-1].old_end:
            last = merged[-1]
            merged[-1] = Change(last.old_start, max(last.old_end, c.old_end), last.new_start,
                                max(last.new_end, c.new_end))
        else:
            merged.append(c)
    return merged
