"""The calmer version: rule-based, local, and every edit says why.

Edits come only from rules that carry a replacement (or `drop = true`), so nothing is
invented: words are removed, softened or swapped for gentler ones. Masked parts (quotes,
code, signatures) are never touched, and neither are greetings or sign-offs, which no
rule rewrites. The passes repeat until nothing changes, so revising a revision gives
the same text back.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, NamedTuple

from .report import Edit

if TYPE_CHECKING:
    from .config import Settings
    from .drafts import Draft

MAX_PASSES = 6
_BOUNDARY = re.compile(r"(^|[.!?…]\s+|\n\s*)$")


def splice(text: str, start: int, end: int, replacement: str) -> str:
    """Put `replacement` in place of text[start:end], tidying the seams a deletion leaves."""
    before, after = text[:start], text[end:]
    if replacement:
        return before + replacement + after
    if _BOUNDARY.search(before):
        # Deleted at a sentence start. What is left of an emptied sentence goes too
        # ("Yes. I'm begging you. No" -> "Yes. No"), and what follows gets a capital.
        after = re.sub(r"^[ \t]*[,;:.!?…]+[ \t]*", "", after)
        if not after or after[0] == "\n" or not before or before.endswith("\n"):
            before, after = before.rstrip(" \t"), after.lstrip(" \t")
        return before + after[:1].upper() + after[1:]
    if before.endswith((" ", "\t")) and (not after or after[0] in " \t\n,.;:!?)"):
        before = before.rstrip(" \t")
    if before.endswith(",") and after[:1] in ".!?":
        before = before[:-1]
    return before + after


def _sentence_span(ctx: object, start: int, end: int) -> tuple[int, int] | None:
    sentences = ctx.sentences  # type: ignore[attr-defined]
    starts = ctx.sentence_starts()  # type: ignore[attr-defined]
    # The sentence holding `start` is the last one starting at or before it.
    k = bisect_right(starts, start) - 1
    if k >= 0 and start < sentences[k].end:
        s = sentences[k]
        tail = end_of_space = s.end
        while end_of_space < len(ctx.text) and ctx.text[end_of_space] in " \t":  # type: ignore[attr-defined]
            end_of_space += 1
        return s.start, max(tail, end_of_space)
    return None


#: What splice() may strip from the front of the text after a deletion, before the
#: character it capitalises.
_SEAM = frozenset(" \t,;:.!?…")


def apply_edits(text: str, chosen: list[tuple]) -> tuple[str, list[tuple[str, tuple]]]:
    """Splice every chosen (start, end, replacement, ...) into `text`, right to left, and
    return the result with each edit's original wording.

    The same as calling splice() on the whole text once per edit, which copies the text
    each time (quadratic on a long draft with many edits). splice() only looks at the
    whitespace and one character before an edit and at the punctuation and one character
    after it, so each edit is spliced into that small window and the pieces are joined
    once at the end. The untouched prefix is the original text; what follows the current
    edit is kept as pieces, newest first.
    """
    cut = len(text)  # text[:cut] is untouched
    pieces: list[str] = []  # what follows text[:cut], in reverse order
    befores: list[tuple[str, tuple]] = []
    for item in sorted(chosen, key=lambda c: -c[0]):
        start, end, replacement = item[0], item[1], item[2]
        if end > cut:
            # An edit reaching into one already made (it never happens with well-formed
            # rules, but the result must still be what splice() alone would give).
            text = text[:cut] + "".join(reversed(pieces))
            cut, pieces = len(text), []
        befores.append((text[start:end].strip(), item))
        w = start
        while w > 0 and text[w - 1].isspace():
            w -= 1
        w = max(0, w - 1)
        j = end
        while j < cut and text[j] in _SEAM:
            j += 1
        if j < cut:
            head, rest = text[end:j + 1], text[j + 1:cut]
        else:
            head, rest = text[end:cut], ""
            while pieces and not any(ch not in _SEAM for ch in head):
                head += pieces.pop()
        window = text[w:start]
        spliced = splice(window + text[start:end] + head, len(window), len(window) + end - start,
                         replacement)
        if rest:
            pieces.append(rest)
        pieces.append(spliced)
        cut = w
    return text[:cut] + "".join(reversed(pieces)), befores


class Revised(NamedTuple):
    text: str
    edits: list[Edit]
    #: The findings on the revised text, when the last pass made them (else None).
    pairs: list | None
    sentences: int


def revise(draft: Draft, settings: Settings, first: list | None = None) -> tuple[str, list[Edit]]:
    """The revised source text and the edits that made it."""
    done = revise_fully(draft, settings, first)
    return done.text, done.edits


def revise_fully(draft: Draft, settings: Settings, first: list | None = None,
                 first_ctx: object | None = None) -> Revised:
    """Revise until nothing changes; also hand back the final pass's findings, so the
    revision's scores need no further pass over the text."""
    from .analysis import Context, collect

    edits: list[Edit] = []
    current = draft
    pairs = first
    ctx = first_ctx if first is not None else None
    for _ in range(MAX_PASSES):
        if ctx is None:
            ctx = Context(current, settings)
        if pairs is None:
            pairs = collect(ctx)
        planned = []
        for finding, (rule, hit) in pairs:
            if rule.drop:
                span = _sentence_span(ctx, hit.start, hit.end)
                if span and len(ctx.sentences) > 1:
                    planned.append((span[0], span[1], "", finding, rule))
            elif hit.replacement is not None:
                planned.append((hit.start, hit.end, hit.replacement, finding, rule))
        # Whole-sentence drops win over edits inside them; then leftmost, then longest.
        planned.sort(key=lambda p: (not p[4].drop, p[0], -(p[1] - p[0])))
        chosen: list[tuple] = []
        # `taken` holds the chosen spans sorted by start; they never overlap, so one
        # neighbour on each side settles whether a new span fits.
        taken: list[tuple[int, int]] = []
        for item in planned:
            if current.source[item[0]:item[1]] == item[2]:
                continue
            k = bisect_left(taken, (item[0], item[1]))
            if (k == 0 or taken[k - 1][1] <= item[0]) and (k == len(taken) or item[1] <= taken[k][0]):
                taken.insert(k, (item[0], item[1]))
                chosen.append(item)
        if not chosen:
            edits.sort(key=lambda e: e.line)
            return Revised(current.source, edits, pairs, len(ctx.sentences))
        text, befores = apply_edits(current.source, chosen)
        for before, (_, _, replacement, finding, rule) in befores:
            edits.append(Edit(rule=rule.id, before=before, after=replacement, reason=rule.message,
                              line=finding.line))
        current = current.with_source(text)
        pairs, ctx = None, None
    edits.sort(key=lambda e: e.line)
    return Revised(current.source, edits, None, 0)
