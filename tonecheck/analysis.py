"""The front door: `analyze(text)` runs every rule, scores, decides and revises.

Everything else (the CLI, hooks, batch, the benches) goes through `analyze` or
`analyze_draft`, so a report means the same thing wherever it comes from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from . import delay, scan, scoring, sentences
from .config import Settings, load_settings
from .drafts import Draft, from_text
from .errors import InputError
from .readability import measure
from .report import Finding, Report, Revision

if TYPE_CHECKING:
    from .kinds import Hit
    from .rules import Rule

#: Function words that make up a large share of any English text.
_ENGLISH = set(
    "the a an and or but to of in on at for with is are was were be been am i you he she it "
    "we they me my your our this that not no do does did have has had will would can could "
    "should just so if what how when why there here all about".split()
)


#: From this many sentences on, a second core scores ahead: below it, forking costs more
#: than it saves.
SCORE_AHEAD_FROM = 2000


class Context:
    """One draft as the rules see it: masked text, sentences, settings, sentiment."""

    def __init__(self, draft: Draft, settings: Settings):
        self.draft = draft
        self.text = draft.text
        self.settings = settings
        self.sentences = sentences.split(draft.text)
        self.allow_upper = {w.upper() for w in settings.allow}
        self._sentiment: list | None = None
        self._scan: scan.Text | None = None
        self._starts: list[int] | None = None
        #: The charges of the last charges() call, before settle().
        self.raw: list[Charge] = []
        self._pending = None

    def finditer(self, regex: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """regex.finditer over the text, sped up by tonecheck.scan (same matches)."""
        if self._scan is None:
            self._scan = scan.Text(self.text)
        return self._scan.finditer(regex)

    def may_match(self, anchors: tuple) -> bool:
        """False when none of a regex's anchor literals occur, so it cannot match."""
        if self._scan is None:
            self._scan = scan.Text(self.text)
        return self._scan.contains_any(anchors)

    def done_scanning(self) -> None:
        """Let go of the scan's word index: on a long draft it is the biggest thing held,
        and nothing reads it once the rules have run."""
        self._scan = None

    def release(self) -> None:
        """Let go of this pass's sentences, scores and charges once a later pass has
        taken what it needs (tonecheck.recheck)."""
        self.raw, self.sentences, self._sentiment, self._starts = [], [], None, None
        self._scan = None

    def sentence_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [s.start for s in self.sentences]
        return self._starts

    def sentence_at(self, offset: int) -> int | None:
        """The index of the sentence holding `offset`, or None between sentences. They are
        sorted and disjoint, so it is the last to begin at or before it (found by
        bisection: a long draft has thousands)."""
        k = bisect.bisect_right(self.sentence_starts(), offset) - 1
        return k if k >= 0 and offset < self.sentences[k].end else None

    def sentiment(self) -> list:
        """(sentence, compound, charged word spans) for every sentence, computed once."""
        if self._sentiment is None:
            from .sentiment import score

            if self._pending is not None:  # a child scores the later sentences meanwhile
                pending, self._pending = self._pending, None
                for s in self.sentences[:len(self.sentences) - len(pending.texts)]:
                    score(s)
                pending.collect()
            self._sentiment = [(s, *score(s)) for s in self.sentences]
        return self._sentiment

    def score_ahead(self) -> None:
        """On a long draft, start scoring sentences on a second core (tonecheck.prescore)
        so that it runs alongside the regex rules. A short one (every check a hook makes)
        neither imports that module nor lists its sentences for it."""
        if (len(self.sentences) >= SCORE_AHEAD_FROM and self._sentiment is None
                and self._pending is None):
            from . import prescore

            self._pending = prescore.start([s.text for s in self.sentences])


class Charge(NamedTuple):
    """One rule's hit with the points it adds: all that scoring and revising read. A
    Finding (with its line and column, message and shown text) is built from it only for
    the report; the revision's passes make tens of thousands of these on a long draft and
    need the line of just the few they edit."""

    start: int
    points: float
    dimension: str
    rule: Rule
    hit: Hit
    #: Characters of the hit before its words (a comma or space a pattern took in).
    lead: int
    #: The hit's words, without that lead or a trailing comma.
    text: str


def charges(ctx: Context) -> list[Charge]:
    """Every rule's hits with their points, in report order, one charge per spot. The
    charges before that last step stay on the context (`ctx.raw`): a revision pass
    re-reads only what it changed and takes the rest from there (tonecheck.recheck)."""
    ctx.score_ahead()
    ctx.raw = raw_charges(ctx, ctx.settings.rules)
    if ctx._pending is not None:  # no metric asked for them: still wait for the child
        ctx.sentiment()
    ctx.done_scanning()
    return settle(ctx.raw)


def raw_charges(ctx: Context, rules: list[Rule]) -> list[Charge]:
    """The hits of `rules` as charges, in no particular order, before settle()."""
    out = []
    draft, settings = ctx.draft, ctx.settings
    # Metrics last: sentiment is being scored ahead meanwhile (settle() sorts anyway).
    for rule in sorted(rules, key=lambda r: r.kind == "metric"):
        if rule.kind == "metric" and ctx._pending is not None:
            ctx.sentiment()  # take in the scores made ahead before any metric reads them
        multiplier = settings.weights.get(rule.id, 1.0)
        for hit in rule.find(ctx):
            raw = draft.source[hit.start:hit.end]
            text = raw.lstrip(" \t,")  # a pattern may take the comma before an ultimatum
            lead = len(raw) - len(text)
            text = text.rstrip(" \t,")  # ... or the comma and space after a lead-in
            if settings.allow and text.lower().strip() in settings.allow:
                continue
            out.append(Charge(hit.start, rule.weight * multiplier * hit.scale, rule.dimension,
                              rule, hit, lead, text))
    return out


def settle(found: list[Charge]) -> list[Charge]:
    """Charges in report order, one per spot: where two rules of one dimension fire on
    the same words ("Answer me!" is a command and a demand), only the heavier counts."""
    found = sorted(found, key=lambda c: (c.start, -c.points, c.hit.replacement is None, c.rule.id))
    seen: set[tuple[str, int]] = set()
    kept = []
    for c in found:
        key = (c.dimension, c.start)
        if key in seen and c.points > 0:
            if c.hit.replacement is None and not c.rule.drop:
                continue
            c = c._replace(points=0.0)  # still offers its rewrite to the revision
        seen.add(key)
        kept.append(c)
    return kept


def finding(draft: Draft, charge: Charge) -> Finding:
    """The report's view of a charge."""
    rule, hit, text = charge.rule, charge.hit, charge.text
    line, column = draft.position(hit.start + charge.lead)
    end_line, end_column = draft.position(hit.end)
    message = rule.message + (f" ({hit.detail})" if hit.detail else "")
    suggestion = rule.suggestion
    if suggestion is None and hit.replacement is not None:
        suggestion = f'Write "{hit.replacement}".' if hit.replacement else "Leave it out."
    shown = text if len(text) <= 80 else text[:77].rstrip() + "..."
    return Finding(
        rule=rule.id, dimension=rule.dimension, line=line, column=column,
        end_line=end_line, end_column=end_column, text=shown, message=message,
        suggestion=suggestion, points=charge.points, start=hit.start, end=hit.end,
    )


_ASCII_LETTER = re.compile(r"[A-Za-z]")


#: The ASCII characters that are not letters, to delete from ASCII text in one step.
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not _ASCII_LETTER.match(chr(c)))


def language_warning(ctx: Context) -> str | None:
    text = ctx.text
    if text.isascii():
        letters = latin = len(text.encode("ascii").translate(None, _ASCII_NON_LETTERS))
        # WORD does not care about case, so in ASCII text the words of the lowercased
        # text are the text's words lowercased.
        found = sentences.WORD.findall(text.lower())
    else:
        letters = sum(map(str.isalpha, text))
        latin = len(_ASCII_LETTER.findall(text))
        found = list(map(str.lower, sentences.WORD.findall(text)))
    # Every word of the text lies in exactly one sentence, so this is the sentences' words.
    words = len(found)
    english = sum(map(_ENGLISH.__contains__, found))
    if (letters and latin / letters < 0.6) or (words >= 8 and english / words < 0.08):
        return "this draft may not be English; scoring is tuned for English"
    return None


def analyze_draft(
    draft: Draft, settings: Settings, now: datetime | None = None, revise: bool = True
) -> Report:
    now = now or datetime.now().astimezone()
    ctx = Context(draft, settings)
    first = charges(ctx)
    findings = [finding(draft, c) for c in first]
    scores = scoring.score(findings, len(ctx.sentences), settings.scoring)
    verdict, wait = delay.decide(scores, settings, now)
    warnings = [w for w in (language_warning(ctx),) if w]

    stats = measure(draft.text, ctx.sentences)
    revision = None
    if revise:
        from .revising import Revised, revise_fully

        # Only dimensions that are not fine are rewritten (delay.rewritten); a draft whose
        # scores are all fine comes back as it is, whatever small findings it has.
        dims = delay.rewritten(scores, settings)
        if dims:
            # Handed over in a box the reviser empties, so that the first pass's charges and
            # context are freed once it moves on (a long draft's are tens of megabytes).
            handover = [(first, ctx)]
            del first, ctx
            done = revise_fully(draft, settings, handover=handover, dimensions=dims)
        else:
            done = Revised(draft.source, [], None, 0)
        new_scores = scores
        if done.edits:
            if done.charges is not None:  # the last pass already read the revised text
                final, count = done.charges, done.sentences
            else:
                final_ctx = Context(draft.with_source(done.text), settings)
                final, count = charges(final_ctx), len(final_ctx.sentences)
            new_scores = scoring.score(final, count, settings.scoring)
        revision = Revision(text=done.text, edits=done.edits, scores=new_scores)

    return Report(
        source=draft.path, profile=settings.profile, scores=scores,
        stats=stats, verdict=verdict, delay=wait,
        findings=findings, revision=revision, warnings=warnings, kind=draft.kind,
    )


@lru_cache(maxsize=16)
def _bundled_settings(profile: str) -> Settings:
    return load_settings(profile=profile, use_config=False)


def analyze(
    text: str,
    profile: str = "default",
    *,
    settings: Settings | None = None,
    kind: str = "text",
    source: str = "<text>",
    now: datetime | None = None,
    revise: bool = True,
) -> Report:
    """Score a draft and return its report.

    `profile` picks a bundled profile (default, work, reconnect); pass `settings` from
    `tonecheck.load_settings(...)` for a config file or your own rule packs. `now` fixes
    the clock that the delay and quiet hours are measured from.
    """
    if not isinstance(text, str):
        raise TypeError("analyze() takes the draft as a str")
    if not re.search(r"\S", text):
        raise InputError("the draft is empty", source)
    if kind == "email":
        from .emails import parse_email

        draft = parse_email(text.encode("utf-8"), source)
    else:
        draft = from_text(text, kind, source)
    return analyze_draft(draft, settings or _bundled_settings(profile), now, revise)
