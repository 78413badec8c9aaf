"""Scoring a long draft's sentences ahead on a second core gives the same scores."""

from __future__ import annotations

import os
import random

import pytest

from tonecheck.config import load_settings
from tonecheck.drafts.load import from_text
from tonecheck.engine.context import SCORE_AHEAD_FROM, Context
from tonecheck.text import prescore, sentiment

WORDS = ("I am furious and hurt . Thanks so much , this is wonderful ! Why do you always "
         "ignore me ? The report is fine . Honestly a terrible awful mess").split()

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def _long_text(sentences: int) -> str:
    rng = random.Random(4)
    return " ".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))) + "."
                    for _ in range(sentences))


def test_a_long_draft_is_scored_ahead_and_gets_the_same_scores() -> None:
    ctx = Context(from_text(_long_text(SCORE_AHEAD_FROM + 500)), load_settings(use_config=False))
    sentiment._MEMO.clear()
    ctx.score_ahead()
    assert ctx._pending is not None, "a draft this long should fork a scorer"
    ahead = ctx.sentiment()
    assert [(v, list(c)) for _, v, c in ahead] == [
        (v, list(c)) for v, c in map(sentiment._score_text, (s.text for s in ctx.sentences))]


def test_a_short_draft_is_not_forked_for() -> None:
    ctx = Context(from_text(_long_text(200)), load_settings(use_config=False))
    assert len(ctx.sentences) < SCORE_AHEAD_FROM
    ctx.score_ahead()
    assert ctx._pending is None


def test_a_child_that_dies_leaves_the_scoring_to_this_process() -> None:
    texts = ["I am furious.", "Thanks so much!"]
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os._exit(3)  # dies without sending anything
    os.close(write_fd)
    sentiment._MEMO.clear()
    prescore.Pending(pid, read_fd, texts).collect()
    assert not sentiment._MEMO  # nothing half-made was taken in
    assert sentiment.score_text("I am furious.")[0] < 0


def test_a_process_with_other_threads_is_not_forked() -> None:
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert prescore.start(["A sentence."] * (SCORE_AHEAD_FROM + 1)) is None
    finally:
        release.set()
        other.join()
