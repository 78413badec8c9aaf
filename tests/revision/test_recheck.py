"""A revision pass re-reads only what it changed (tonecheck.recheck); these hold that to
reading the whole revised draft again, on long mixed drafts and on gates that flip."""

from __future__ import annotations

import random

import pytest
from samples import pack_toml, rule_toml

from tonecheck.config import load_settings
from tonecheck.core.draft import Draft
from tonecheck.drafts.load import from_text, load, rewritten
from tonecheck.engine.charges import charges, settle
from tonecheck.engine.context import Context
from tonecheck.revision.edits import apply_edits
from tonecheck.revision.revise import revise_fully

CALM = [
    "Thanks for the notes from Tuesday.", "I read the plan twice and it looks good.",
    "The train was late, so I walked.", "Maybe we could meet for coffee next week?",
    "How are you doing?", "Hello Sam,", "The report is attached.", "Best,\nAlex",
]
HOT = [
    "ANSWER ME RIGHT NOW!!!", "Please, please talk to me.", "I'm begging you.",
    "Why are you ignoring me???", "You never listen to me.", "Call me tonight or we are done.",
    "As I already said, per my last email, you need to send the numbers ASAP.",
    "This is your last chance.", "Send me the spreadsheet by EOD!!", "I am so, so angry.",
    "Honestly this is a terrible, awful mess!", "Stop.", "I saw you were online at 2am.",
    "Reply when you can.", "What is wrong with you?", "Look at me. Listen to me!",
    "I can't live without you.", "Answer me!", "with all due respect, fix it now.",
]


def _draft_text(seed: int, sentences: int, heat: float) -> str:
    rng = random.Random(seed)
    paragraphs, para = [], []
    for _ in range(sentences):
        para.append(rng.choice(HOT if rng.random() < heat else CALM))
        if rng.random() < 0.25:
            joiner = "\n" if rng.random() < 0.3 else " "
            paragraphs.append(joiner.join(para))
            para = []
    if rng.random() < 0.5:
        paragraphs.append("- " + "\n- ".join(rng.sample(HOT + CALM, 3)))
    paragraphs.append(" ".join(para) or "Talk soon.")
    return "\n\n".join(paragraphs) + "\n"


def _key(found: list, source: str) -> list[tuple]:
    """What a charge is, with its words as they stand in `source` (the text it is on)."""
    return [(c.rule.id, c.start, c.hit.end, round(c.points, 9), c.hit.replacement, c.lead,
             c.words(source)) for c in found]


def _same_as_a_full_reread(draft: Draft, settings) -> None:
    fast = revise_fully(draft, settings)
    slow = revise_fully(draft, settings, incremental=False)
    assert (fast.text, fast.edits) == (slow.text, slow.edits)
    assert fast.edits, "the draft should need revising"
    if fast.charges is not None:
        fresh = charges(Context(rewritten(draft, fast.text), settings))
        assert _key(settle(fast.charges), fast.text) == _key(fresh, fast.text)
        assert fast.sentences == slow.sentences


@pytest.mark.parametrize("profile", ["default", "work", "reconnect"])
@pytest.mark.parametrize("seed", range(6))
def test_a_pass_that_rereads_only_its_changes_finds_what_a_full_pass_finds(
        seed: int, profile: str) -> None:
    settings = load_settings(profile=profile, use_config=False)
    text = _draft_text(seed, sentences=40 + 15 * seed, heat=0.1 + 0.08 * seed)
    _same_as_a_full_reread(from_text(text), settings)


def test_the_same_holds_in_markdown_with_quotes_and_code() -> None:
    text = ("# Notes\n\nYou never listen. ANSWER ME!!!\n\n> Why are you ignoring me???\n\n"
            "```\nSEND IT NOW!!!\n```\n\n" + _draft_text(11, 60, 0.3))
    _same_as_a_full_reread(load("notes.md", text.encode()), load_settings(use_config=False))


def test_a_gate_that_an_edit_flips_is_read_again_in_full(tmp_path) -> None:
    # "sorry" counts only in a draft without thanks; the revision adds thanks after the
    # last question of a pushy draft, so the rule's charges must go on the next pass.
    pack = tmp_path / "gate.toml"
    pack.write_text(pack_toml(rule_toml(
        "phrases", 'phrases = ["sorry"]\nunless = \'\\bthank you\\b\'\n', "sorry", "intensity")),
        encoding="utf-8")
    settings = load_settings(use_config=False, rules=[str(pack)])
    draft = from_text("Sorry to ask again. Why are you ignoring me? Answer me now!\n")
    first = charges(Context(draft, settings))
    assert any(c.rule.id == "mine.sorry" for c in first)
    done = revise_fully(draft, settings)
    assert "Thank you." in done.text
    assert not any(c.rule.id == "mine.sorry" for c in done.charges)
    _same_as_a_full_reread(draft, settings)


def test_changes_tell_exactly_what_an_edit_sweep_rewrote() -> None:
    rng = random.Random(3)
    words = "Please, please call me now! why are you. I am so sorry, really. ok? yes\nNo , ;".split(" ")
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 14)))
        cuts = sorted(rng.sample(range(len(text) + 1), min(2 * rng.randint(0, 4), len(text) + 1)))
        edits = [(cuts[i], cuts[i + 1], rng.choice(["", "x", "Could you"]))
                 for i in range(0, len(cuts) - 1, 2)]
        new, changes = apply_edits(text, edits)
        rebuilt, pos = [], 0
        for c in changes:
            assert pos <= c.old_start <= c.old_end and c.new_start <= c.new_end
            rebuilt += [text[pos:c.old_start], new[c.new_start:c.new_end]]
            pos = c.old_end
        assert "".join(rebuilt) + text[pos:] == new


def test_masking_that_moves_outside_the_edits_means_a_full_reread() -> None:
    from tonecheck.engine.context import Context as Ctx
    from tonecheck.revision.edits import Change
    from tonecheck.revision.recheck import recheck

    settings = load_settings(use_config=False)
    calm = "\n\n".join(CALM[:3] * 4)
    old = load("a.md", f"Hi Sam.\n\n```\n{calm}\n\nSend it now!\n\n{calm}\n```\n".encode())
    ctx = Ctx(old, settings)
    assert not any(c.rule.id == "pressure.demand" for c in charges(ctx))  # code, not text
    # Take the opening fence away: the whole block is text now, far past the edit.
    new = load("a.md", f"Hi Sam.\n\n{calm}\n\nSend it now!\n\n{calm}\n```\n".encode())
    again = recheck(ctx, new, [Change(9, 13, 9, 9)])
    fresh = charges(Context(new, settings))
    assert any(c.rule.id == "pressure.demand" for c in fresh)
    assert _key(settle(again.raw), new.source) == _key(fresh, new.source)
