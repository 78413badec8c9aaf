"""Scoring a long draft's sentences on a second core while the rules run.

VADER, sentence by sentence, is the biggest single cost of checking a long paste, and
each sentence is scored on its own. So for a long draft a forked child scores the later
share of the sentences while this process runs the regex rules and then scores the
earlier share; the child's scores go into the same memo (text.sentiment) as if
they had been computed here. Nothing is shared but the results, which come back through
a pipe. Where fork is missing or fails, or the child dies, this process scores every
sentence itself: the results are the same either way.

Speed: the plain twin is scoring every sentence in this process (text.sentiment);
tests/text/test_prescore.py holds a draft scored ahead to the same scores, and a child
that dies to this process scoring everything itself.
"""

from __future__ import annotations

import os
import sys

#: The child's share: the parent has the rules to run before it scores its part.
CHILD_SHARE = 0.6


class Pending:
    """Scores being made by a child process, for `texts`."""

    def __init__(self, pid: int, fd: int, texts: list[str]):
        self.pid, self.fd, self.texts = pid, fd, texts

    def collect(self) -> None:
        """Wait for the child and put its scores in the memo (nothing, if it failed)."""
        import pickle

        from . import sentiment

        with os.fdopen(self.fd, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self.pid, 0)
        try:
            results = pickle.loads(data)
        except Exception:  # a child that died half-way: this process scores them instead
            return
        if isinstance(results, list) and len(results) == len(self.texts):
            sentiment.remember(zip(self.texts, results, strict=True))


def start(texts: list[str]) -> Pending | None:
    """Fork a child to score the later share of `texts` (the caller judges whether there
    are enough to pay for it); None where forking is not safe or fails."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return None  # (macOS: forking a process that may have loaded system frameworks is unsafe)
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return None  # a library caller's other threads may hold locks the child would need
    import pickle  # only here: a short draft's check never needs it

    share = texts[int(len(texts) * (1 - CHILD_SHARE)):]
    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: score, send, and leave without running any cleanup
        try:
            os.close(read_fd)
            from .sentiment import score_text

            data = pickle.dumps([score_text(t) for t in share], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)
    os.close(write_fd)
    return Pending(pid, read_fd, share)
