"""The front door: `analyze(text)` runs every rule, scores, decides and revises.

Everything else (the CLI, hooks, batch, the benches) goes through `analyze` or
`analyze_draft`, so a report means the same thing wherever it comes from.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from . import delay, scoring, sentences
from .config import Settings, load_settings
from .drafts import Draft, from_text
from .errors import InputError
from .readability import measure
from .report import Finding, Report, Revision

#: Function words that make up a large share of any English text.
_ENGLISH = set(
    "the a an and or but to of in on at for with is are was were be been am i you he she it "
    "we they me my your our this that not no do does did have has had will would can could "
    "should just so if what how when why there here all about".split()
)


class Context:
    """One draft as the rules see it: masked text, sentences, settings, sentiment."""

    def __init__(self, draft: Draft, settings: Settings):
        self.draft = draft
        self.text = draft.text
        self.settings = settings
        self.sentences = sentences.split(draft.text)
        self.allow_upper = {w.upper() for w in settings.allow}
        self._sentiment: list | None = None

    def sentiment(self) -> list:
        """(sentence, compound, charged word spans) for every sentence, computed once."""
        if self._sentiment is None:
            from .sentiment import score

            self._sentiment = [(s, *score(s)) for s in self.sentences]
        return self._sentiment


def collect(ctx: Context) -> list[tuple[Finding, object]]:
    """Every rule's hits as findings, each with the hit that made it (for revising)."""
    out = []
    draft, settings = ctx.draft, ctx.settings
    for rule in settings.rules:
        multiplier = settings.weights.get(rule.id, 1.0)
        for hit in rule.find(ctx):
            raw = draft.source[hit.start:hit.end]
            text = raw.lstrip(" \t,")  # a pattern may take the comma before an ultimatum
            if settings.allow and text.lower().strip() in settings.allow:
                continue
            line, column = draft.position(hit.start + len(raw) - len(text))
            end_line, end_column = draft.position(hit.end)
            message = rule.message + (f" ({hit.detail})" if hit.detail else "")
            suggestion = rule.suggestion
            if suggestion is None and hit.replacement is not None:
                suggestion = f'Write "{hit.replacement}".' if hit.replacement else "Leave it out."
            shown = text if len(text) <= 80 else text[:77].rstrip() + "..."
            out.append((
                Finding(
                    rule=rule.id, dimension=rule.dimension, line=line, column=column,
                    end_line=end_line, end_column=end_column, text=shown, message=message,
                    suggestion=suggestion, points=rule.weight * multiplier * hit.scale,
                    start=hit.start, end=hit.end,
                ),
                (rule, hit),
            ))
    out.sort(key=lambda p: (p[0].start, -p[0].points, p[1][1].replacement is None, p[0].rule))
    # One charge per spot: where two rules of one dimension fire on the same words
    # ("Answer me!" is a command and a demand), only the heavier counts.
    seen: set[tuple[str, int]] = set()
    kept = []
    for finding, (rule, hit) in out:
        key = (finding.dimension, finding.start)
        if key in seen and finding.points > 0:
            if hit.replacement is None and not rule.drop:
                continue
            finding.points = 0.0  # still offers its rewrite to the revision
        seen.add(key)
        kept.append((finding, (rule, hit)))
    return kept


def language_warning(ctx: Context) -> str | None:
    letters = [c for c in ctx.text if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii())
    words = [w.lower() for s in ctx.sentences for w in s.words]
    english = sum(1 for w in words if w in _ENGLISH)
    if (letters and latin / len(letters) < 0.6) or (len(words) >= 8 and english / len(words) < 0.08):
        return "this draft may not be English; scoring is tuned for English"
    return None


def analyze_draft(
    draft: Draft, settings: Settings, now: datetime | None = None, revise: bool = True
) -> Report:
    now = now or datetime.now().astimezone()
    ctx = Context(draft, settings)
    pairs = collect(ctx)
    findings = [f for f, _ in pairs]
    scores = scoring.score(findings, len(ctx.sentences), settings.scoring)
    verdict, wait = delay.decide(scores, settings, now)
    warnings = [w for w in (language_warning(ctx),) if w]

    revision = None
    if revise:
        from .revising import revise as make_revision

        # Only dimensions that are not fine are rewritten (delay.rewritten); a draft whose
        # scores are all fine comes back as it is, whatever small findings it has.
        dims = delay.rewritten(scores, settings)
        text, edits = (make_revision(draft, settings, first=pairs, dimensions=dims) if dims
                       else (draft.source, []))
        new_scores = scores
        if edits:
            redraft = draft.with_source(text)
            new_findings = [f for f, _ in collect(Context(redraft, settings))]
            new_scores = scoring.score(
                new_findings, len(sentences.split(redraft.text)), settings.scoring
            )
        revision = Revision(text=text, edits=edits, scores=new_scores)

    return Report(
        source=draft.path, profile=settings.profile, scores=scores,
        stats=measure(draft.text, ctx.sentences), verdict=verdict, delay=wait,
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
