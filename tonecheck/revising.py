"""The calmer version: rule-based, local, and every edit says why.

Edits come only from rules that carry a replacement (or `drop = true`), so nothing is
invented: words are removed, softened or swapped for gentler ones. Masked parts (quotes,
code, signatures) are never touched, and neither are greetings or sign-offs, which no
rule rewrites. The passes repeat until nothing changes, so revising a revision gives
the same text back.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, NamedTuple

from .report import Edit

if TYPE_CHECKING:
    from .analysis import Charge, Context
    from .config import Settings
    from .drafts import Draft

MAX_PASSES = 6
_BOUNDARY = re.compile(r"(^|[.!?…]\s+|\n\s*)$")


def _tidy(lead: str, before: str, replacement: str, after: str, peek: str = "") -> tuple[str, str]:
    """Tidy the seam where `replacement` goes between `before` and `after`.

    `lead` is the output just before `before` (for finding sentence starts); `peek` is
    what comes after `after` when `after` is empty because the next edit touches this one.
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
    the next pass can read again only what changed (tonecheck.recheck)."""
    edits = sorted(edits)
    bounds = [0] + [b for s, e, _ in edits for b in (s, e)] + [len(text)]
    # Segment k (the text between edits) is text[lo[k]:hi[k]], its first character
    # replaced by head[k] when a seam recased it; _tidy only ever trims a segment's ends.
    lo, hi = bounds[0::2], bounds[1::2]
    head: list[str | None] = [None] * len(lo)

    def segment(k: int) -> str:
        body = text[lo[k]:hi[k]]
        return body if head[k] is None else head[k] + body[1:]

    out: list[str] = []
    changes: list[Change] = []
    lead, size = "", 0
    for i, (_, _, replacement) in enumerate(edits):
        # What follows this seam when the next edit touches it: the first text after it.
        later = (p for j in range(i + 1, len(edits)) for p in (edits[j][2], segment(j + 1)))
        after_text = segment(i + 1)
        peek = next((p for p in later if p), "") if not after_text else ""
        before_text = segment(i)
        before, after = _tidy(lead, before_text, replacement, after_text, peek)
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
        lead = (lead + before + replacement)[-2:]
    out.append(segment(len(lo) - 1))
    return "".join(out), _merged(changes)


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


def _sentence_span(ctx: Context, start: int) -> tuple[int, int] | None:
    """The sentence holding `start` with the spaces after it: what dropping it removes."""
    k = ctx.sentence_at(start)
    if k is None:
        return None
    s = ctx.sentences[k]
    end_of_space = s.end
    while end_of_space < len(ctx.text) and ctx.text[end_of_space] in " \t":
        end_of_space += 1
    return s.start, end_of_space


class Revised(NamedTuple):
    text: str
    edits: list[Edit]
    #: The charges on the revised text when the last pass made them, else None.
    charges: list[Charge] | None
    sentences: int


def revise_fully(draft: Draft, settings: Settings, dimensions: set[str] | None = None,
                 handover: list | None = None, max_passes: int = MAX_PASSES,
                 incremental: bool = True) -> Revised:
    """Revise until nothing changes, and hand back the last pass's charges too: they are
    the revision's own, so scoring it needs no further pass over the text.

    `handover`, a one-item list of (charges, context) that this empties, is the first
    pass, already made by the caller. Passes read charges, not findings: an edit needs the
    line of its spot, and only the few edited spots are looked up. Each later pass reads
    again only what the edits changed (tonecheck.recheck); `incremental=False` reads the
    whole draft every time, the reference that tests hold the fast way to."""
    from .analysis import Context, charges, settle
    from .recheck import recheck

    edits: list[Edit] = []
    current = draft
    found, ctx = handover.pop() if handover else (None, None)
    for done in range(1, max_passes + 1):
        if ctx is None:
            ctx = Context(current, settings)
            found = charges(ctx)
        planned = []
        for charge in found:
            rule, hit = charge.rule, charge.hit
            if dimensions is not None and rule.dimension not in dimensions:
                continue
            if rule.drop:
                span = _sentence_span(ctx, hit.start)
                if span and len(ctx.sentences) > 1:
                    planned.append((span[0], span[1], "", charge, rule))
            elif hit.replacement is not None:
                planned.append((hit.start, hit.end, hit.replacement, charge, rule))
        # Whole-sentence drops win over edits inside them; then leftmost, then longest.
        planned.sort(key=lambda p: (not p[4].drop, p[0], -(p[1] - p[0])))
        chosen: list[tuple] = []
        taken: list[tuple[int, int]] = []  # sorted spans already chosen
        for item in planned:
            start, end = item[0], item[1]
            if current.source[start:end] == item[2]:
                continue
            i = bisect.bisect_left(taken, (start, end))
            if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
                continue  # overlaps an edit already chosen
            taken.insert(i, (start, end))
            chosen.append(item)
        if not chosen:
            edits.sort(key=lambda e: e.line)
            return Revised(current.source, edits, found, len(ctx.sentences))
        text = current.source
        for start, end, replacement, charge, rule in chosen:
            # The line the report's finding for this charge would show.
            line = current.position(charge.hit.start + charge.lead)[0]
            edits.append(Edit(
                rule=rule.id, before=text[start:end].strip(), after=replacement,
                reason=rule.message, line=line,
            ))
        text, changes = apply_edits(text, [(c[0], c[1], c[2]) for c in chosen])
        revised = current.with_source(text)
        if incremental and done < max_passes:
            found = planned = chosen = taken = None  # only the context's charges go on
            ctx = recheck(ctx, revised, changes)
            found = settle(ctx.raw)
        else:
            found, ctx = None, None
        current = revised
    edits.sort(key=lambda e: e.line)
    return Revised(current.source, edits, None, 0)
