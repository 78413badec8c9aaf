"""The reviser's passes read light charges instead of full findings; the revision must be
exactly what the passes made when each one built every finding, as they used to.

`reference` below is that earlier loop (and `full_collect` the collect it ran), kept
here verbatim in their logic, so any drift in text, edits (and their lines) or the
revision's scores shows up as a difference.
"""

from __future__ import annotations

import bisect
import random
from pathlib import Path

import pytest

from tonecheck import delay, drafts, scoring
from tonecheck.analysis import Context, analyze_draft
from tonecheck.config import Settings, load_settings
from tonecheck.report import Edit, Finding, Scores
from tonecheck.revising import MAX_PASSES, _sentence_span, apply_edits, revise_fully

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def full_collect(ctx: Context) -> list[tuple[Finding, object]]:
    """analysis.collect as it was before charges: every finding built on every pass."""
    out = []
    draft, settings = ctx.draft, ctx.settings
    for rule in settings.rules:
        multiplier = settings.weights.get(rule.id, 1.0)
        for hit in rule.find(ctx):
            raw = draft.source[hit.start:hit.end]
            text = raw.lstrip(" \t,")  # a pattern may take the comma before an ultimatum
            lead = len(raw) - len(text)
            text = text.rstrip(" \t,")  # ... or the comma and space after a lead-in
            if settings.allow and text.lower().strip() in settings.allow:
                continue
            line, column = draft.position(hit.start + lead)
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
    ctx.done_scanning()
    return kept



def reference(draft: drafts.Draft, settings: Settings, dimensions: set[str] | None,
              passes: list[int] | None = None) -> tuple[str, list[Edit], Scores]:
    """The revision as every pass used to make it: a full `collect`, findings and all.
    `passes`, if given, gets the number of passes that made edits."""
    edits: list[Edit] = []
    current = draft
    for n in range(MAX_PASSES):
        if passes is not None:
            passes[:] = [n]
        ctx = Context(current, settings)
        pairs = full_collect(ctx)
        planned = []
        for finding, (rule, hit) in pairs:
            if dimensions is not None and rule.dimension not in dimensions:
                continue
            if rule.drop:
                span = _sentence_span(ctx, hit.start, hit.end)
                if span and len(ctx.sentences) > 1:
                    planned.append((span[0], span[1], "", finding, rule))
            elif hit.replacement is not None:
                planned.append((hit.start, hit.end, hit.replacement, finding, rule))
        planned.sort(key=lambda p: (not p[4].drop, p[0], -(p[1] - p[0])))
        chosen: list[tuple] = []
        taken: list[tuple[int, int]] = []
        for item in planned:
            start, end = item[0], item[1]
            if current.source[start:end] == item[2]:
                continue
            i = bisect.bisect_left(taken, (start, end))
            if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
                continue
            taken.insert(i, (start, end))
            chosen.append(item)
        if not chosen:
            edits.sort(key=lambda e: e.line)
            scores = scoring.score([f for f, _ in pairs], len(ctx.sentences), settings.scoring)
            return current.source, edits, scores
        text = current.source
        for start, end, replacement, finding, rule in chosen:
            edits.append(Edit(rule=rule.id, before=text[start:end].strip(), after=replacement,
                              reason=rule.message, line=finding.line))
        text = apply_edits(text, [(c[0], c[1], c[2]) for c in chosen])
        current = current.with_source(text)
    ctx = Context(current, settings)
    scores = scoring.score([f for f, _ in full_collect(ctx)], len(ctx.sentences), settings.scoring)
    edits.sort(key=lambda e: e.line)
    return current.source, edits, scores


def _generated(seed: int) -> str:
    """A long mixed draft whose heated sentences are varied and some repeat."""
    rng = random.Random(seed)
    calm = ["We reviewed the budget on Friday.", "The launch plan looks fine.",
            "Sam finished the report yesterday.", "Could you send the notes?"]
    hot = ["ANSWER ME NOW!!!", "I need this done ASAP, no excuses!",
           "As I already said, per my last email, you need to send the numbers ASAP.",
           "Why do you always do this?", "Please, please reply as soon as possible.",
           "This is completely unacceptable!!!", "I'm begging you, just do it."]
    paragraphs = [" ".join(rng.choice(calm + hot) for _ in range(5)) for _ in range(30)]
    return "Hi Jordan,\n\n" + "\n\n".join(paragraphs) + "\n\nThanks,\nAlex\n"


MARKDOWN = """# Status

You MUST fix this NOW!!! Why do you always do this?

```python
print("ANSWER ME NOW!!!")
```

> As I already said, per my last email, send it ASAP.

Per my last email, obviously this is unacceptable!!! Per my last email, obviously this is unacceptable!!!

Thanks,
Alex
"""

DRAFTS = [
    ("a.txt", "ANSWER ME NOW!!!"),
    ("b.txt", "As I already said, per my last email, you need to send the numbers ASAP."),
    ("c.txt", "I am so sorry. I am so sorry. I am so sorry. Please please reply ASAP!!! "
              "Why? Why? Why? Why? WHY?\n"),
    ("d.md", MARKDOWN),
    ("e.txt", _generated(1)),
    ("f.txt", _generated(2)),
    ("heated.txt", (EXAMPLES / "heated.txt").read_text(encoding="utf-8")),
    ("coffee.txt", (EXAMPLES / "coffee.txt").read_text(encoding="utf-8")),
]


def _load(name: str, text: str) -> drafts.Draft:
    return drafts.load(name, text.encode("utf-8"))


@pytest.mark.parametrize("profile", ["default", "work", "reconnect"])
@pytest.mark.parametrize("name", [n for n, _ in DRAFTS] + ["work-email.eml"])
def test_revision_matches_full_passes(name: str, profile: str) -> None:
    if name == "work-email.eml":
        draft = drafts.load(str(EXAMPLES / name))
    else:
        draft = _load(name, dict(DRAFTS)[name])
    settings = load_settings(profile=profile, use_config=False)
    # All dimensions too, so that drafts the verdict would leave alone are revised as well.
    for dims in (None, {"intensity"}, {"pushiness"}, {"intensity", "pushiness"}):
        text, edits, scores = reference(draft, settings, dims)
        done = revise_fully(draft, settings, dimensions=dims)
        assert (done.text, done.edits) == (text, edits)
        assert done.charges is not None  # every draft here settles within MAX_PASSES
        if done.edits:
            assert scoring.score(done.charges, done.sentences, settings.scoring) == scores
    # Through the front door too, where the first pass is handed over.
    report = analyze_draft(draft, settings)
    assert report.revision is not None
    dims = delay.rewritten(report.scores, settings)
    if dims:
        text, edits, scores = reference(draft, settings, dims)
        assert (report.revision.text, report.revision.edits) == (text, edits)
        if edits:
            assert report.revision.scores == scores


@pytest.mark.parametrize("name", ["a.txt", "c.txt", "d.md", "heated.txt", "e.txt"])
def test_drafts_here_cascade(name: str) -> None:
    """These drafts have edits that appear only after an earlier pass, so the comparison
    above exercises the later passes, not just the first."""
    passes: list[int] = []
    reference(_load(name, dict(DRAFTS)[name]), load_settings(use_config=False), None, passes)
    assert passes[0] >= 2
