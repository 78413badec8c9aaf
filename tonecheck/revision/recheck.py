"""Reading a revised draft again, but only where the revision changed it.

A revision pass edits a few sentences of a draft; the next pass must know every charge
on the new text. Most rules are local (each kind's is_local): their hits lie in one sentence
and depend only on it and a few characters around it. For those, the charges of the
sentences no edit touched are the old ones, moved by what the edits added or removed
before them. So each pass reads again only the *touched* stretches: the sentences an edit
overlaps, with one sentence either side (a lookbehind such as `(?<=[.!?]\\s)` sees the
end of the sentence before). Rules that read the whole draft (counts, repetition, when
and unless) run on the whole new text as always.

On a long paste this turns each pass from a full check into a few percent of one. A
charge belongs to the stretch its start lies in, so the old and the new charges never
overlap or leave a gap.

Speed: the plain twin is a full check of every pass (`revise_fully(..., incremental=False)`);
tests/revision/test_recheck.py holds the two to the same charges and revisions.
"""

from __future__ import annotations

import bisect
import math
from typing import NamedTuple

from ..core.draft import Draft
from ..core.rule import Charge
from ..engine.charges import raw_charges
from ..engine.context import Context
from .edits import Change

#: Characters of untouched text kept on each side of a touched stretch, for the rules'
#: lookarounds and for sentence splitting at its edges.
CONTEXT = 40


def recheck(old: Context, draft: Draft, changes: list[Change]) -> Context:
    """The context of `draft` (the text `changes` made of `old.draft`) with `raw` filled
    in as charges() would, reading again only around the changes."""
    # Only the old pass's text and charges are read from here on: its sentences and
    # scores go before the new text is split (on a long draft, tens of megabytes each).
    old.release(charges=False)
    ctx = Context(draft, old.settings)
    if not _masked_alike(old.text, ctx.text, changes):
        # Masking (quotes, code, signatures) moved outside the edits: read it all again.
        old.release()
        ctx.raw = raw_charges(ctx, old.settings.rules)
        ctx.done_scanning()
        return ctx
    touched = _touched(ctx, changes)
    shift = Shift(changes)
    old_spans = [(shift.back(a, left=True), shift.back(b)) for a, b in touched]

    # A rule gated by `when`/`unless` is local too while its gate reads the same.
    local, whole = [], []
    for rule in old.settings.rules:
        same_gate = all(bool(g.search(old.text)) == bool(g.search(ctx.text))
                        for g in (rule.when, rule.unless) if g is not None)
        (local if rule.local and same_gate else whole).append(rule)
    ids = {rule.id for rule in local}
    kept = [_moved(c, shift) for c in old.raw
            if c.rule.id in ids and not _inside(c.start, old_spans)]
    old.release()  # a long draft's old pass is tens of megabytes, and nothing reads it now
    del shift, old_spans  # nor these, while the touched stretches are read
    kept += _read_touched(ctx, touched, local)
    kept += raw_charges(ctx, whole)
    ctx.raw = kept
    ctx.done_scanning()
    return ctx


def _masked_alike(before: str, after: str, changes: list[Change]) -> bool:
    """Whether the masked texts agree everywhere the changes did not reach (a few string
    comparisons, at C speed)."""
    old_pos = new_pos = 0
    for c in changes:
        if before[old_pos:c.old_start] != after[new_pos:c.new_start]:
            return False
        old_pos, new_pos = c.old_end, c.new_end
    return before[old_pos:] == after[new_pos:]


def _touched(ctx: Context, changes: list[Change]) -> list[tuple[int, int]]:
    """Stretches [a, b) of the new text to read again, merged and in order: the sentences
    each change overlaps or touches, one more on each side, and the gaps between them."""
    sentences = ctx.sentences
    starts = ctx.sentence_starts()
    ends = [s.end for s in sentences]
    n, size = len(sentences), len(ctx.text)
    out: list[tuple[int, int]] = []
    for c in changes:
        first = bisect.bisect_left(ends, c.new_start)  # first sentence ending at or after it
        last = bisect.bisect_right(starts, c.new_end) - 1  # last one starting at or before it
        first, last = max(0, min(first, last) - 1), min(n - 1, max(first, last) + 1)
        # From the end of the sentence before `first` to the start of the one after `last`.
        a = ends[first - 1] if first > 0 else 0
        b = starts[last + 1] if last + 1 < n else size
        a, b = min(a, c.new_start), max(b, c.new_end)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` lies in one of the sorted, disjoint [a, b) `spans`."""
    i = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and pos < spans[i][1]


class _Window(NamedTuple):
    """text[lo:hi] of the whole text stands at `at` in the patch."""

    lo: int
    hi: int
    at: int

    def holds(self, pos: int) -> bool:  # pos in patch offsets
        return self.at <= pos < self.at + self.hi - self.lo

    def to_text(self, pos: int) -> int:
        return self.lo + pos - self.at


#: Between windows of the patch: a blank line ends any sentence, and no rule reads across.
_GAP = "\n\n\n"


def _read_touched(ctx: Context, touched: list[tuple[int, int]], rules: list) -> list[Charge]:
    """The charges of `rules` that start in the touched stretches. The stretches (with
    CONTEXT characters around each) are read as one short text, blank lines apart, and
    the hits moved back to their places in the whole text."""
    text, source = ctx.text, ctx.draft.source
    spans: list[list[int]] = []  # [lo, hi] of the whole text, context included
    for a, b in touched:
        lo, hi = max(0, a - CONTEXT), min(len(text), b + CONTEXT)
        if spans and lo <= spans[-1][1] + len(_GAP):  # contexts meet: one window
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    windows, at = [], 0
    for lo, hi in spans:
        windows.append(_Window(lo, hi, at))
        at += hi - lo + len(_GAP)
    draft = ctx.draft
    patch = Context(Draft(_GAP.join(source[lo:hi] for lo, hi in spans),
                          _GAP.join(text[lo:hi] for lo, hi in spans), draft.kind, draft.path,
                          draft.line_map, draft.message, draft.encoding, draft.newline),
                    ctx.settings)
    starts = [w.at for w in windows]

    def place(pos: int) -> tuple[_Window | None, int]:
        """The window holding `pos` of the patch (None in a gap), and pos in the text."""
        w = windows[bisect.bisect_right(starts, pos) - 1]
        return (w, w.to_text(pos)) if w.holds(pos) else (None, -1)

    def wanted(pos: int) -> bool:
        window, at_text = place(pos)
        return window is not None and _inside(at_text, touched)

    # The bits of sentences at a window's edges are only context: nobody scores them.
    patch.sentences = [s for s in patch.sentences if wanted(s.start)]
    out = []
    for c in raw_charges(patch, rules):
        window, start = place(c.start)
        # A hit that runs past its window into the gap is not a hit of the whole text.
        if (window is None or not window.holds(max(c.hit.start, c.hit.end - 1))
                or not _inside(start, touched)):
            continue
        hit = c.hit
        moved = type(hit)(start, start + hit.end - hit.start, hit.replacement, hit.scale, hit.detail)
        out.append(c._replace(start=start, hit=moved))
    return out


class Shift:
    """Maps offsets between the text before and after a pass. Outside the changes an
    offset moves by what the changes before it added or removed; the edge of a change
    maps to the same edge of it, its start (`left`) or its end."""

    def __init__(self, changes: list[Change]):
        # A Change is (old_start, old_end, new_start, new_end) already; the reverse map is
        # made only when asked for (a long draft's pass makes a hundred thousand changes).
        self.old: list = changes
        self._new: list | None = None

    @property
    def new(self) -> list[tuple[int, int, int, int]]:
        if self._new is None:
            self._new = [(c.new_start, c.new_end, c.old_start, c.old_end) for c in self.old]
        return self._new

    def forward(self, pos: int, left: bool = False) -> int:
        return _map(self.old, pos, left)

    def back(self, pos: int, left: bool = False) -> int:
        return _map(self.new, pos, left)


def _map(spans: list[tuple[int, int, int, int]], pos: int, left: bool) -> int:
    """`spans`: (from_start, from_end, to_start, to_end), sorted and disjoint."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1  # last starting at or before pos
    if i >= 0 and left and spans[i][0] == pos:
        return spans[i][2]
    if i >= 0 and spans[i][0] < pos < spans[i][1]:
        return spans[i][2] if left else spans[i][3]  # inside a change
    if i >= 0 and pos >= spans[i][1]:
        return pos + spans[i][3] - spans[i][1]
    # pos == start of change i but not left: an empty change there keeps pos at its end
    if i >= 0:
        return spans[i][3] if spans[i][0] == spans[i][1] else (
            pos + (spans[i - 1][3] - spans[i - 1][1] if i > 0 else 0))
    return pos


def _moved(charge: Charge, shift: Shift) -> Charge:
    """The charge at its place in the new text. Its hit is moved in place, not copied: a
    long draft has tens of thousands, and the old pass that shared them is let go."""
    hit = charge.hit
    start, end = shift.forward(hit.start, left=True), shift.forward(hit.end)
    if start == hit.start and end == hit.end:
        return charge
    hit.start, hit.end = start, end
    return charge._replace(start=start)
