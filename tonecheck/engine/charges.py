"""Running the rules: every hit of every rule as a charge, settled into report order.

`charges(ctx)` is what a check and each revision pass call; `finding` turns one charge into
the report's view of it.
"""

from __future__ import annotations

from operator import itemgetter

from ..core.draft import Draft
from ..core.report import Finding, make_finding
from ..core.rule import Charge, Rule
from .context import Context


def charges(ctx: Context) -> list[Charge]:
    """Every rule's hits with their points, in report order, one charge per spot. The
    charges before that last step stay on the context (`ctx.raw`): a revision pass
    re-reads only what it changed and takes the rest from there (revision.recheck)."""
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
        base = rule.weight * settings.weights.get(rule.id, 1.0)
        for hit in rule.find(ctx):
            raw = draft.source[hit.start:hit.end]
            text = raw.lstrip(" \t,")  # a pattern may take the comma before an ultimatum
            lead = len(raw) - len(text)
            text = text.rstrip(" \t,")  # ... or the comma and space after a lead-in
            if settings.allow and text.lower().strip() in settings.allow:
                continue
            # One float for every hit at full scale: a long draft has hundreds of thousands
            # (a weight times 1.0 is the weight, exactly).
            points = base if hit.scale == 1.0 else base * hit.scale
            out.append(Charge(hit.start, points, rule, hit, lead))
    return out


def settle(found: list[Charge]) -> list[Charge]:
    """Charges in report order, one per spot: where two rules of one dimension fire on
    the same words ("Answer me!" is a command and a demand), only the heavier counts."""
    found = _in_order(found)
    # In start order, so only the dimensions charged at the current spot need keeping.
    seen: set[str] = set()
    at = None
    kept = []
    for c in found:
        if c.start != at:
            seen.clear()
            at = c.start
        if c.dimension in seen and c.points > 0:
            if c.hit.replacement is None and not c.rule.drop:
                continue
            c = c._replace(points=0.0)  # still offers its rewrite to the revision
        seen.add(c.dimension)
        kept.append(c)
    return kept


def _order(c: Charge) -> tuple:
    return (c.start, -c.points, c.hit.replacement is None, c.rule.id)


def _in_order(found: list[Charge]) -> list[Charge]:
    """sorted(found, key=_order), without a key tuple for every charge at once (a long
    draft has hundreds of thousands): sorted by start, then each run of charges at one
    spot by the whole key. Both sorts are stable, so ties keep their order as before."""
    found = sorted(found, key=itemgetter(0))  # Charge.start
    i, n = 0, len(found)
    while i < n:
        at, j = found[i].start, i + 1
        while j < n and found[j].start == at:
            j += 1
        if j - i > 1:
            found[i:j] = sorted(found[i:j], key=_order)
        i = j
    return found


def finding(draft: Draft, charge: Charge) -> Finding:
    """The report's view of a charge (core.report.Findings makes the same of its rows)."""
    hit = charge.hit
    return make_finding(draft, charge.rule, hit.start, hit.end, charge.lead, hit.detail,
                        hit.replacement, charge.points)
