"""The calmer version: rule-based, local, and every edit is one a careful friend would make.

Edits come only from rules that carry a replacement (or `drop = true`), so nothing is
invented: words are removed, softened or swapped for gentler ones. The revision promises
that every edit is safe, and says so when it cannot calm a sentence:

- Protected text is never touched (revision.protect): quotes, '>' lines, code, the
  greeting and the sign-off. Nor is text that an earlier edit wrote: a pass may add
  after a rewrite ("? Thank you.") but never rewrite it again.
- Edits are planned per sentence. A sentence with a firm charge that has no rewrite (an
  insult, criticism of the person, a guilt trip) stays as written and is listed as
  needing the writer's own words. A threat sentence goes, but the request it wraps
  stays (revision.clauses). An edit that would leave a fragment is not made
  (revision.fragments), and a message is never cut down to nothing.
- Courtesy is added at most once a message and only to a genuine request; a request
  that names a real deadline does not also get "when you have a moment".

The passes repeat until nothing changes, so revising a revision gives the same text back.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from itertools import groupby
from typing import NamedTuple

from ..core.draft import Draft
from ..core.report import Edit, Unrevised
from ..core.rule import Charge
from ..core.settings import Settings
from ..drafts.load import rewritten
from ..engine.charges import charges, settle
from ..engine.context import Context
from . import casing, clauses, protect
from .edits import Change, apply_edits
from .fragments import defect
from .recheck import Shift, recheck

MAX_PASSES = 6

# Edit classes, in the order they win when they overlap: a sentence dropped whole beats
# an edit inside it, cutting a threat beats rewriting the request around it, and a
# courtesy added after a request comes last.
DROP, CUT_FIRM, CUT, SWAP, ADD = range(5)
#: Marks in `added` that "when you have a moment" is in the message already.
SOON = "(when you have a moment)"


class _Edit(NamedTuple):
    start: int
    end: int
    replacement: str
    charge: Charge
    order: int
    sentence: int | None


class Revised(NamedTuple):
    text: str
    edits: list[Edit]
    #: The charges on the revised text when the last pass made them, else None.
    charges: list[Charge] | None
    sentences: int
    #: Sentences left for the writer, as they stand in the revised text.
    unrevised: tuple[Unrevised, ...] = ()


class _Pass:
    """One pass's view of the draft: its text, sentences and the spans no edit may touch."""

    def __init__(self, ctx: Context, guard: list[tuple[int, int]], written: list[tuple[int, int]]):
        self.ctx, self.source = ctx, ctx.draft.source
        self.guard, self.written = guard, written

    def span(self, k: int) -> tuple[int, int]:
        """Sentence k with the spaces after it: what dropping it removes."""
        s = self.ctx.sentences[k]
        end = s.end
        while end < len(self.source) and self.source[end] in " \t":
            end += 1
        return s.start, end

    def sentence(self, k: int) -> str:
        s = self.ctx.sentences[k]
        return self.source[s.start:s.end]

    def content(self) -> Iterator[int]:
        """The sentences that are the writer's own words, not quotes or frame, in order
        (made as asked for: a long draft has hundreds of thousands)."""
        for k, s in enumerate(self.ctx.sentences):
            if not self.source[s.start:s.end].strip():
                continue
            if not _covered(self.guard, s.start, s.end):
                yield k


def _covered(guard: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one guard span holds all of [start, end)."""
    i = bisect.bisect_right(guard, (start, float("inf"))) - 1
    return i >= 0 and guard[i][0] <= start and guard[i][1] >= end


def _is_addition(matched: str, replacement: str) -> bool:
    """An edit that keeps what it matched and only adds words before or after it."""
    return len(replacement) > len(matched) and (
        replacement.startswith(matched) or replacement.lower().endswith(matched.lower()))


def _plan(p: _Pass, found: list[Charge], dims: set[str] | None,
          added: set[str], held: dict[str, Charge], rebuked: bool = False) -> list[_Edit]:
    """The edits this pass would make, before overlaps are settled. `rebuked`: an earlier
    pass rewrote a reproach into a request, so no courtesy is added after it."""
    ctx, source = p.ctx, p.source
    # The charges come settled (engine.charges.settle), in order of place, so a sentence's
    # charges stand together: taken a sentence at a time, not put in a list for each of a
    # long draft's sentences at once.
    by_sentence = groupby(found, key=lambda c: ctx.sentence_at(c.hit.start))
    planned: list[_Edit] = []
    hostile = any(c.rule.firm for c in found)  # once: a long draft has many sentences
    unhurried = SOON in added  # "when you have a moment" goes in once a message
    for k, group in by_sentence:
        if k is None:  # between sentences: nothing to plan by
            continue
        cs = list(group)
        wanted = [c for c in cs if dims is None or c.rule.dimension in dims]
        a, b = ctx.sentences[k].start, ctx.sentences[k].end
        sentence = source[a:b]
        hold = next((c for c in cs if c.rule.hold), None)
        if hold is not None:
            # Despair and the like wait for the writer: no rule edits around them. Listed
            # only where its dimension is not fine: "I'm devastated for you" in a
            # condolence is left alone without a word.
            if dims is None or hold.rule.dimension in dims:
                held.setdefault(sentence.strip(), hold)
            continue
        drops = [c for c in wanted if c.rule.drop]
        # A firm cut that takes the whole sentence is a drop too.
        drops += [c for c in wanted if c.hit.replacement == "" and not source[a:c.hit.start].strip()
                  and not source[c.hit.end:b].strip(" \t.!?,")]
        if drops:
            c = drops[0]
            if protect.overlaps(p.guard, a, b) or protect.overlaps(p.written, a, b):
                held.setdefault(sentence.strip(), c)
                continue
            ask = clauses.request_in(sentence) if c.rule.firm else None
            lead = clauses.lead_in_end(sentence, max(d.hit.end for d in drops) - a)
            if ask:
                planned.append(_Edit(a, b, ask, c, CUT_FIRM, k))
            elif lead:
                # "This is your final warning: return the laptop by Monday." keeps what
                # follows the colon; the next pass reads it as the request it is.
                planned.append(_Edit(a, a + lead, "", c, CUT_FIRM, k))
            else:
                start, end = _line_span(source, *p.span(k))
                planned.append(_Edit(start, end, "", c, DROP, k))
            continue
        # A firm charge with no rewrite of its own, unless another rule rewrites its words
        # ("you people": one pack flags it, another writes "you").
        stuck = [c for c in cs if c.rule.firm and not c.rule.drop and c.hit.replacement is None
                 and not any(o.hit.replacement is not None and o.hit.start <= c.hit.start
                             and o.hit.end >= c.hit.end for o in cs)]
        if stuck:
            # Nothing here is rewritten: a swap next to an insult changes its meaning
            # ("you should" -> "you might"), and the insult is what needs the writer.
            held.setdefault(sentence.strip(), stuck[0])
            continue
        requirement = clauses.REQUIREMENT.search(sentence)
        for c in wanted:
            replacement = c.hit.replacement
            if replacement is None:
                continue
            start, end = c.hit.start, c.hit.end
            matched = source[start:end]
            pieces = protect.outside(p.guard, start, end)
            recased = len(replacement) == len(matched) and all(
                replacement[i - start:j - start].lower() == source[i:j].lower() for i, j in pieces)
            if recased:
                replacement = casing.keep_names(matched, replacement)
            if matched == replacement:
                continue
            if protect.overlaps(p.guard, start, end):
                if recased:
                    # Calming capitals around a quote or code: only the words outside it.
                    planned += [_Edit(i, j, replacement[i - start:j - start], c, SWAP, k)
                                for i, j in pieces if replacement[i - start:j - start] != source[i:j]]
                continue
            if clauses.NOW.fullmatch(matched.strip(" \t,")) and clauses.STATEMENT.match(sentence):
                # "everything passes now" says when, not how fast.
                continue
            obligation = clauses.OBLIGATION.match(matched.strip(" \t,"))
            if obligation and requirement:
                # "You need to show proof of insurance before you move in" states a
                # condition of the reader's own plan, not pressure: it stays as written.
                continue
            if clauses.RULE_OF_THUMB.search(source, max(a, start - 12), min(b, end + 20)):
                # "you always have to bump the version" is an instruction, not blame.
                continue
            if obligation and not source[a:start].strip() and not protect.overlaps(p.written, a, b):
                ask = clauses.obligation_request(sentence)
                if ask:
                    planned.append(_Edit(a, b, ask, c, SWAP, k))
                    continue
            addition = _is_addition(matched, replacement)
            if addition and not _welcome(p, k, c, cs, hostile or rebuked or bool(held), added):
                continue
            if not replacement.startswith(matched) and protect.overlaps(p.written, start, end):
                # Never rewrite what an earlier edit wrote; words may only follow it.
                continue
            if clauses.UNHURRIED.search(replacement) and (
                    unhurried or clauses.DEADLINE.search(sentence)
                    or clauses.COURTESY.search(replacement) or clauses.IMMEDIATE.search(replacement)):
                # Once a message; a real deadline stays as the writer set it, a request
                # that already says "please" needs no second courtesy, and a ringing phone
                # cannot wait for a moment.
                replacement = clauses.UNHURRIED.sub("", replacement)
            elif clauses.UNHURRIED.search(replacement):
                unhurried = True
            if replacement.startswith("Could you "):
                replacement = clauses.reason_apart(replacement)
            if replacement == "" and c.rule.firm and not source[c.hit.end:b].strip(" \t.!?"):
                ask = clauses.either_request(sentence, start - a)
                if ask and not protect.overlaps(p.written, a, b):
                    # "Either you come on the 14th or don't come back" asks one thing.
                    planned.append(_Edit(a, b, ask, c, CUT_FIRM, k))
                    continue
            if replacement == "":
                end = _with_dangling_clause(source, a, start, end, b)
                if source[start - 1:start] == "\n" and source[end:end + 1] in ("\n", ""):
                    start, end = _line_span(source, start, end)
                if source[end:end + 1] == "," and source[a:start].rstrip(" \t").endswith(","):
                    # "Please, I'm begging you, reconsider": one comma goes with the words.
                    end += 1
            order = ADD if addition else CUT_FIRM if c.rule.firm and not replacement else (
                CUT if not replacement else SWAP)
            planned.append(_Edit(start, end, replacement, c, order, k))
    return planned


def _line_span(source: str, start: int, end: int) -> tuple[int, int]:
    """What dropping a sentence removes when it is a whole line between other lines
    ("pls answer / pls / pls answer me"): its line break too, so no blank line is left
    where none was."""
    if start == 0 or source[start - 1] != "\n" or source[start - 2:start] == "\n\n":
        return start, end
    if source[end:end + 1] == "\n" and source[end + 1:end + 2] not in ("\n", ""):
        return start, end + 1
    if end == len(source.rstrip("\n")):
        return start - 1, end
    return start, end


def _welcome(p: _Pass, k: int, c: Charge, cs: list[Charge], hostile: bool,
             added: set[str]) -> bool:
    """Whether courtesy may be added here: once a message for each rule, in a sentence
    that nothing else charges, outside brackets; words after a question only when it is a
    genuine request, and in a message still hostile (a sentence left for the writer, a
    threat) no words at all: "Thank you." under an insult reads as sarcasm."""
    others = [o for o in cs if o is not c and o.points > 0]
    if c.rule.id in added or others or hostile:
        return False
    sentence = p.sentence(k)
    before = p.source[p.ctx.sentences[k].start:c.hit.start]
    if before.count("(") > before.count(")") or "?!" in sentence or "!?" in sentence:
        return False
    if c.hit.replacement.startswith(p.source[c.hit.start:c.hit.end]):
        # Words after the sentence (thanks): only for a request, not a remark or a
        # rhetorical question, and not for one that already says "please".
        return bool(clauses.REQUEST.search(sentence)) and not clauses.COURTESY.search(sentence)
    return True


def _with_dangling_clause(source: str, a: int, start: int, end: int, b: int) -> int:
    """Where a cut at the start of a sentence should end: a relative clause that hung on
    the words cut goes with them ("Per my last email, which you didn't read, the ...")."""
    if source[a:start].strip():
        return end
    m = clauses.DANGLING_CLAUSE.match(source, end, b)
    return m.end() if m else end


def _choose(p: _Pass, planned: list[_Edit], held: dict[str, Charge]) -> list[_Edit]:
    """The planned edits that do not overlap, that leave every sentence whole, and that
    leave the message something to say."""
    planned.sort(key=lambda e: (e.order, e.start, -(e.end - e.start)))
    chosen: list[_Edit] = []
    taken: list[tuple[int, int]] = []
    for e in planned:
        i = bisect.bisect_left(taken, (e.start, e.end))
        if (i > 0 and taken[i - 1][1] > e.start) or (i < len(taken) and taken[i][0] < e.end):
            continue
        if e.start == e.end and i > 0 and taken[i - 1][1] == e.start:
            continue
        taken.insert(i, (e.start, e.end))
        chosen.append(e)

    # Each edited sentence must still be a sentence.
    by_sentence: dict[int | None, list[_Edit]] = defaultdict(list)
    for e in chosen:
        by_sentence[e.sentence].append(e)
    broken: set[int | None] = set()
    emptied: list[_Edit] = []
    for k, es in by_sentence.items():
        if k is None or any(e.order == DROP for e in es):
            continue
        a, b = p.ctx.sentences[k].start, p.ctx.sentences[k].end
        inside = [(max(e.start, a) - a, min(e.end, b) - a, e.replacement) for e in es]
        after, _ = apply_edits(p.source[a:b], inside)
        if not after.strip():
            # Cuts that together empty the sentence drop it whole, spaces and all, so the
            # seam is tidied as for any dropped sentence ("Hi Alex.. Can we" otherwise).
            start, end = p.span(k)
            emptied.append(_Edit(start, end, "", es[0].charge, DROP, k))
            broken.add(k)
        elif defect(p.source[a:b], after):
            broken.add(k)
            firm = next((e.charge for e in es if e.charge.rule.firm), None)
            if firm is not None:
                held.setdefault(p.sentence(k).strip(), firm)
    chosen = [e for e in chosen if e.sentence not in broken] + emptied

    # Never cut a message down to nothing: if every sentence of the writer's own would
    # go, none goes, and they wait for the writer.
    dropped = {e.sentence for e in chosen if e.order == DROP}
    content = p.content()
    first = next(content, None)
    if first is not None and first in dropped and all(k in dropped for k in content):
        for e in chosen:
            if e.order == DROP:
                held.setdefault(p.sentence(e.sentence).strip(), e.charge)
        chosen = [e for e in chosen if e.order != DROP]
    return chosen


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
    guard = protect.spans(draft)
    written: list[tuple[int, int]] = []  # what earlier passes wrote, in today's offsets
    added: set[str] = set()  # courtesy rules that have added their words once
    held: dict[str, Charge] = {}  # sentence -> the charge that keeps it for the writer
    # A reproach rewritten as a request ("How hard is it to read it?" -> "Could you read
    # it?") keeps its edge: "Thank you." after it would read as sarcasm.
    rebuked = False
    for done in range(1, max_passes + 1):
        if ctx is None:
            ctx = Context(current, settings)
            found = charges(ctx)
        p = _Pass(ctx, guard, written)
        chosen = _choose(p, _plan(p, found, dimensions, added, held, rebuked), held)
        if not chosen:
            edits.sort(key=lambda e: e.line)
            return Revised(current.source, edits, found, len(ctx.sentences),
                           _unrevised(current, held))
        text = current.source
        for e in chosen:
            charge = e.charge
            if e.order == ADD:
                added.add(charge.rule.id)
            if clauses.UNHURRIED.search(e.replacement):
                added.add(SOON)
            elif e.order == SWAP and charge.rule.firm and e.replacement:
                rebuked = True
            # The line the report's finding for this charge would show.
            line = current.position(charge.hit.start + charge.lead)[0]
            edits.append(Edit(rule=charge.rule.id, before=text[e.start:e.end].strip(),
                              after=e.replacement, reason=charge.rule.message, line=line))
        old = text
        text, changes = apply_edits(text, [(e.start, e.end, e.replacement) for e in chosen])
        guard, written = _moved(guard, written, changes, [
            (e.start, piece) for e in chosen for piece in _brought(old[e.start:e.end], e.replacement)])
        revised = rewritten(current, text)
        if incremental and done < max_passes:
            found = chosen = p = None  # only the context's charges go on
            ctx = recheck(ctx, revised, changes)
            found = settle(ctx.raw)
        else:
            found, ctx = None, None
        current = revised
    edits.sort(key=lambda e: e.line)
    return Revised(current.source, edits, None, 0, _unrevised(current, held))


def _moved(guard: list[tuple[int, int]], written: list[tuple[int, int]],
           changes: list[Change], brought: list[tuple[int, tuple[int, int]]]
           ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The protected and the written spans at their places after a pass: protected text
    only moves (no edit touches it), and what the pass wrote joins what earlier ones did."""
    shift = Shift(changes)

    def move(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(shift.forward(a, left=True), shift.forward(b)) for a, b in spans]

    new = [(shift.forward(at, left=True) + a, shift.forward(at, left=True) + b)
           for at, (a, b) in brought]
    return move(guard), protect.merged(move(written) + new)


def _brought(matched: str, replacement: str) -> list[tuple[int, int]]:
    """The stretches of `replacement` that an edit brought in, not copied from what it
    matched: "Could you answer YOUR PHONE when you have a moment?" brings in "Could you"
    and "when you have a moment", and the writer's own words between stay open to edits
    ("!!!" cut to "!" brings in nothing)."""
    if not replacement or replacement in matched:
        return []
    import difflib  # only a draft that is rewritten needs it, not every check's cold start

    blocks = difflib.SequenceMatcher(None, matched.lower(), replacement.lower(),
                                     autojunk=False).get_matching_blocks()
    out, pos = [], 0
    for block in blocks:
        if block.size >= 4 or block.size == 0:  # short matches are chance letters
            if block.b > pos:
                out.append((pos, block.b))
            pos = max(pos, block.b + block.size)
    return out


def _unrevised(draft: Draft, held: dict[str, Charge]) -> tuple[Unrevised, ...]:
    """The held sentences still in the revised text, in reading order."""
    out = []
    source = draft.source
    cursor = 0  # held in reading order, so each is looked for after the one before
    for sentence, charge in held.items():
        at = source.find(sentence, cursor) if sentence else -1
        if at < 0:
            continue
        cursor = at + len(sentence)
        rule = charge.rule
        out.append(Unrevised(line=draft.position(at)[0], text=sentence, rule=rule.id,
                             suggestion=rule.suggestion or rule.message))
    return tuple(sorted(out, key=lambda u: u.line))
