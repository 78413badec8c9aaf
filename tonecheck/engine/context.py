"""One draft as the rules see it: masked text, sentences, settings, sentiment.

A context is made once per draft (and per revision pass) and shared by every rule, so the
work all rules need (sentences, VADER's scores, the scan's word index) is done once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..core.draft import Draft
from ..core.rule import Charge
from ..core.settings import Settings
from ..text import sentences
from . import suppress
from .fast import scan

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
        self._raw: list[Charge] = []
        self._suppression: suppress.Suppression | None | bool = False  # False: not read yet
        self._pending = None

    @property
    def raw(self) -> list[Charge]:
        """The charges of the last charges() call, before settle(), without those that
        the draft's own directives silence (engine.suppress)."""
        return self._raw

    @raw.setter
    def raw(self, found: list[Charge]) -> None:
        # Filtered here, where every pass's charges land, rather than where rules run: a
        # revision pass (revision.recheck) reads its touched sentences as a separate short
        # text that no longer holds the directives around them.
        if self._suppression is False:
            self._suppression = suppress.find(self.draft.source, self.text, self.draft.path)
        self._raw = found if self._suppression is None else self._suppression.filter(found)

    def finditer(self, regex: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """regex.finditer over the text, sped up by fast.scan (same matches)."""
        if self._scan is None:
            self._scan = scan.Text(self.text)
        return self._scan.finditer(regex)

    def may_match(self, anchors: tuple) -> bool:
        """False when none of a regex's anchor literals occur, so it cannot match."""
        if self._scan is None:
            self._scan = scan.Text(self.text)
        return self._scan.contains_any(anchors)

    def done_scanning(self) -> None:
        """Let go of what only the rules read, once they have run: the scan's word index
        and the list of sentence scores (a long draft's are tens of megabytes; the scores
        stay in text.sentiment's memo)."""
        self._scan = None
        self._sentiment = None

    def release(self, charges: bool = True) -> None:
        """Let go of this pass's sentences, scores and (unless `charges` is false) its
        charges once a later pass has taken what it needs (revision.recheck)."""
        self.sentences, self._sentiment, self._starts = [], None, None
        self._scan = None
        if charges:
            self._raw = []

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
        """(sentence, compound, charged word spans) for every sentence, computed once. The
        spans are the memo's own tuple (text.sentiment), not a list made per sentence: a
        long paste has hundreds of thousands, and nothing changes them."""
        if self._sentiment is None:
            from ..text.sentiment import score_text

            if self._pending is not None:  # a child scores the later sentences meanwhile
                pending, self._pending = self._pending, None
                for s in self.sentences[:len(self.sentences) - len(pending.texts)]:
                    score_text(s.text)
                pending.collect()
            self._sentiment = [(s, *score_text(s.text)) for s in self.sentences]
        return self._sentiment

    def score_ahead(self) -> None:
        """On a long draft, start scoring sentences on a second core (text.prescore)
        so that it runs alongside the regex rules. A short one (every check a hook makes)
        neither imports that module nor lists its sentences for it."""
        if (len(self.sentences) >= SCORE_AHEAD_FROM and self._sentiment is None
                and self._pending is None):
            from ..text import prescore

            self._pending = prescore.start([s.text for s in self.sentences])
