"""The reviser's passes: what they hand back must be what a fresh look at the revision
finds, and a revision must be settled (revising it again changes nothing), on drafts
whose edits cascade over several passes, in every profile and for every choice of
dimensions to rewrite.
"""

from __future__ import annotations

import random

import pytest
from samples import EXAMPLES

from tonecheck import delay, scoring
from tonecheck.analysis import analyze_draft
from tonecheck.config import load_settings
from tonecheck.core.draft import Draft
from tonecheck.drafts.load import load, rewritten
from tonecheck.revision.revise import revise_fully


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


def _load(name: str, text: str) -> Draft:
    return load(name, text.encode("utf-8"))


def _draft(name: str) -> Draft:
    if name == "work-email.eml":
        return load(str(EXAMPLES / name))
    return _load(name, dict(DRAFTS)[name])


@pytest.mark.parametrize("profile", ["default", "work", "reconnect"])
@pytest.mark.parametrize("name", [n for n, _ in DRAFTS] + ["work-email.eml"])
def test_revision_is_settled_and_scored_as_a_fresh_check_would(name: str, profile: str) -> None:
    draft = _draft(name)
    settings = load_settings(profile=profile, use_config=False)
    for dims in (None, {"intensity"}, {"pushiness"}, {"intensity", "pushiness"}):
        done = revise_fully(draft, settings, dimensions=dims)
        assert done.charges is not None  # every draft here settles within MAX_PASSES
        again = revise_fully(rewritten(draft, done.text), settings, dimensions=dims)
        assert (again.text, again.edits) == (done.text, [])
        if done.edits:
            fresh = analyze_draft(rewritten(draft, done.text), settings, revise=False)
            assert scoring.score(done.charges, done.sentences, settings.scoring) == fresh.scores
    # Through the front door too, where the first pass is handed over.
    report = analyze_draft(draft, settings)
    dims = delay.rewritten(report.scores, settings)
    if dims:
        done = revise_fully(draft, settings, dimensions=dims)
        assert (report.revision.text, report.revision.edits) == (done.text, done.edits)
        fresh = analyze_draft(rewritten(draft, done.text), settings, revise=False)
        assert report.revision.scores == fresh.scores


@pytest.mark.parametrize("name", ["a.txt", "c.txt", "heated.txt", "e.txt"])
def test_drafts_here_cascade(name: str) -> None:
    """These drafts have edits that appear only after an earlier pass (so the checks above
    reach the later passes): one pass alone leaves something to revise."""
    settings = load_settings(use_config=False)
    draft = _load(name, dict(DRAFTS)[name])
    one = revise_fully(draft, settings, max_passes=1)
    assert one.edits
    assert revise_fully(rewritten(draft, one.text), settings).edits
