"""The revision against the gold set (tests/revision/gold.py, issue 12).

What holds today and must keep holding: fine drafts come back as written (but for the
known failures, listed by id), revising a revision changes nothing, no revision is empty,
and the share of hot drafts whose revision is sendable does not fall below today's.
bench/revision.py prints the full picture; these tests use its checks, so the two agree.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from email import message_from_string
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _load("bench_revision", REPO / "bench" / "revision.py")
GOLD = bench.load_gold()

#: Fine drafts that the engine changes today. Each is a bug to fix, not a choice: fixing
#: one makes test_fine_drafts_come_back_unchanged fail until its id leaves this set.
KNOWN_CHANGED_FINE: set[str] = set()

#: Gold drafts whose revision changes again when revised (none today).
KNOWN_NOT_IDEMPOTENT: set[str] = set()

#: The share of hot drafts whose revision is sendable, measured on this gold set today
#: (110 of 117). The floor rises as the engine improves; issue 12's target is 85%.
SENDABLE_FLOOR = 0.940

#: The issue's own examples, which the gold set must hold.
ISSUE_EXAMPLES = {"invoice-or-cancel", "per-my-last-email", "callback-done-forever",
                  "customer-unacceptable", "you-are-an-idiot", "coffee-sam"}


@pytest.fixture(scope="module")
def outcomes() -> dict:
    return {o.id: o for o in bench.evaluate_all(GOLD)}


# --- the gold set itself ------------------------------------------------------------

def test_gold_set_is_well_formed() -> None:
    ids = [g.id for g in GOLD]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids)
    assert len(GOLD) >= 80
    assert sum(not g.hot for g in GOLD) >= 20
    assert sum(g.hot for g in GOLD) >= 60
    assert ISSUE_EXAMPLES <= set(ids)
    for g in GOLD:
        assert g.kind in ("text", "markdown", "email"), g.id
        assert g.profile in ("default", "work", "reconnect"), g.id
        assert g.category and g.text.strip(), g.id
        for k in g.keep:
            assert k and k in g.text, f"{g.id}: keep {k!r} is not in the draft"
        for d in g.drop:
            assert bench.contains(d, g.text), f"{g.id}: drop {d!r} is not in the draft"
        for m in g.must_not:
            assert m, g.id
        if g.needs_writer:
            assert g.hot and not g.drop and g.keep, f"{g.id}: a writer's draft keeps, drops nothing"
        if not g.hot:
            assert not g.drop, f"{g.id}: a fine draft has nothing to drop"


def test_emails_are_whole_messages() -> None:
    for g in GOLD:
        if g.kind == "email":
            head, blank, body = g.text.partition("\n\n")
            assert blank and body.strip(), g.id
            msg = message_from_string(g.text)
            assert msg["Subject"] and msg["From"] and msg["To"], g.id


# --- what holds today ---------------------------------------------------------------

def test_fine_drafts_come_back_unchanged(outcomes) -> None:
    changed = {i for i, o in outcomes.items() if not o.hot and o.changed}
    assert changed == KNOWN_CHANGED_FINE, (
        f"newly changed: {sorted(changed - KNOWN_CHANGED_FINE)}; "
        f"fixed (remove from KNOWN_CHANGED_FINE): {sorted(KNOWN_CHANGED_FINE - changed)}")


def test_revising_twice_gives_the_same_text(outcomes) -> None:
    unsettled = {i for i, o in outcomes.items() if not o.idempotent}
    assert unsettled == KNOWN_NOT_IDEMPOTENT, {i: outcomes[i].second for i in unsettled}


def test_no_revision_is_empty(outcomes) -> None:
    assert [i for i, o in outcomes.items() if not o.revision.strip()] == []


def test_sendable_share_does_not_fall(outcomes) -> None:
    share = bench.sendable_share(list(outcomes.values()))
    failing = sorted(i for i, o in outcomes.items() if o.hot and not o.sendable)
    assert share >= SENDABLE_FLOOR, f"sendable {share:.3f} < {SENDABLE_FLOOR}; failing: {failing}"


# --- the bench's checks, on hand-made pairs -------------------------------------------

def test_checks_catch_the_known_failure_shapes() -> None:
    draft = "Per my last email, which you clearly didn't read, the report was due yesterday."
    assert any("relative pronoun" in f for f in
               bench.fragments(draft, "Which you didn't read, the report was due yesterday."))
    assert bench.fragments("Hi Alex. I'm begging you. Can we talk?", "Hi Alex.. Can we talk?")
    assert not bench.fragments(draft, draft)
    assert bench.double_insertions("Do you have to go?", "Do it would help if you could go?")
    assert bench.double_insertions("Thanks! Send it.", "Thanks! Could you send it? Thank you.")
    assert bench.double_insertions("Send it. (Why?)", "Could you send it? (Why? Thank you.)")
    assert not bench.double_insertions("Send it.", "Could you send it? Thank you.")
    quoted = 'She wrote "STOP NOW!!!" to me.'
    assert bench.protected_edits(quoted, 'She wrote "stop now!" to me.')[1] == ['"STOP NOW!!!"']
    assert bench.protected_edits("> Why?\n\nOK.", "> Why? Thank you.\n\nOK.")[1] == ["> Why?"]
    assert bench.protected_edits(quoted, quoted) == (1, [])
    assert bench.softened_deadlines("Send it by 5pm.", "Could you send it by 5pm when you have a moment?")
    assert not bench.softened_deadlines("Send it.", "Could you send it when you have a moment?")
    assert bench.missing_facts("Meet Sam at 7:40 on the 3rd.", "Meet at 7:40.")[1] == ["3rd", "Sam"]
    assert bench.kept("the report was due", "The report was due yesterday.")
    assert not bench.kept("DAVE", "-- dave")
    assert bench.contains("AGAIN", "down again") and not bench.contains("now", "I know")
