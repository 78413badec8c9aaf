"""The calmer version: rule-based, local, and every edit says why.

Edits come only from rules that carry a replacement (or `drop = true`), so nothing is
invented: words are removed, softened or swapped for gentler ones. Masked parts (quotes,
code, signatures) are never touched, and neither are greetings or sign-offs, which no
rule rewrites. The passes repeat until nothing changes, so revising a revision gives
the same text back.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from ..core.draft import Draft
from ..core.report import Edit
from ..core.rule import Charge
from ..core.settings import Settings
from ..drafts.load import rewritten
from ..engine.charges import charges, settle
from ..engine.context import Context
from .edits import apply_edits
from .recheck import recheck

MAX_PASSES = 6


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
    again only what the edits changed (revision.recheck); `incremental=False` reads the
    whole draft every time, the reference that tests hold the fast way to."""
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
        revised = rewritten(current, text)
        if incremental and done < max_passes:
            found = planned = chosen = taken = None  # only the context's charges go on
            ctx = recheck(ctx, revised, changes)
            found = settle(ctx.raw)
        else:
            found, ctx = None, None
        current = revised
    edits.sort(key=lambda e: e.line)
    return Revised(current.source, edits, None, 0)
