"""The front door: `analyze(text)` runs every rule, scores, decides and revises.

Everything else (the CLI, hooks, batch, the benches) goes through `analyze` or
`analyze_draft`, so a report means the same thing wherever it comes from.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from . import delay, scoring
from .config import load_settings
from .core.draft import Draft
from .core.report import Findings, Report, Revision
from .core.settings import Settings
from .drafts.load import from_string, rewritten
from .engine.charges import charges
from .engine.context import Context
from .text import language
from .text.readability import measure


def analyze_draft(
    draft: Draft, settings: Settings, now: datetime | None = None, revise: bool = True
) -> Report:
    now = now or datetime.now().astimezone()
    ctx = Context(draft, settings)
    first = charges(ctx)
    # Scored from the charges themselves; the report keeps them as compact rows, and
    # makes a Finding only of those it shows (a long paste has hundreds of thousands).
    scores = scoring.score(first, len(ctx.sentences), settings.scoring)
    findings = Findings(draft, first)
    verdict, wait = delay.decide(scores, settings, now)
    warnings = [w for w in (language.warning(ctx.text),) if w]

    stats = measure(draft.text, ctx.sentences)
    revision = None
    if revise:
        from .revision.revise import Revised, revise_fully

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
                final_ctx = Context(rewritten(draft, done.text), settings)
                final, count = charges(final_ctx), len(final_ctx.sentences)
            new_scores = scoring.score(final, count, settings.scoring)
        revision = Revision(text=done.text, edits=done.edits, scores=new_scores,
                            unrevised=list(done.unrevised))

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
    return analyze_draft(from_string(text, kind, source), settings or _bundled_settings(profile), now, revise)
