"""What the engine passes around: a rule, one hit of it, and the charge it lays on a draft.

These are plain data shared by the engine (which makes them), the revision (which edits
by them) and scoring (which adds them up), so they live below all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

DIMENSIONS = ("intensity", "pushiness", "length")


@dataclass
class Rule:
    id: str
    kind: str
    dimension: str
    weight: float
    message: str
    suggestion: str | None = None
    #: What a revision writes in place of a match ("" deletes it); None: no rewrite.
    replace: str | None = None
    #: A revision drops the whole sentence around a match.
    drop: bool = False
    #: A revision never edits the sentence around a match: it waits for the writer's own
    #: words (despair, an insult), whatever other rules would change in it.
    hold: bool = False
    #: Its points are never paid back by redress: thanks and a hedge soften a request,
    #: not a threat, an insult or a reproach (scoring.py).
    firm: bool = False
    path: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    #: The rule kind's object that finds its hits (tonecheck.engine.kinds).
    matcher: Any = None
    #: The rule fires only in drafts where `when` is found and `unless` is not: a feature
    #: that counts only in a draft that asks something, or a courtesy it already offers.
    when: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    #: Its hits depend only on their own sentence, once `when` and `unless` are settled
    #: (each kind's `is_local`).
    local: bool = False

    def find(self, ctx: Any) -> Any:
        if (self.when and not self.when.search(ctx.text)) or (
                self.unless and self.unless.search(ctx.text)):
            return iter(())
        return self.matcher.find(ctx)


@dataclass(slots=True)  # no per-instance dict: a long draft makes tens of thousands
class Hit:
    start: int
    end: int
    #: Text that a revision puts in place of the hit; None leaves it to the user.
    replacement: str | None = None
    #: Multiplies the rule's weight, for metrics whose hits differ in strength.
    scale: float = 1.0
    #: Extra words for the message, e.g. a sentence's sentiment.
    detail: str = ""


class Charge(NamedTuple):
    """One rule's hit with the points it adds: all that scoring and revising read. A
    Finding (with its line and column, message and shown text) is built from it only for
    the report, and only for the findings shown; the revision's passes make hundreds of
    thousands of these on a long draft and need the line of just the few they edit."""

    start: int
    points: float
    rule: Rule
    hit: Hit
    #: Characters of the hit before its words (a comma or space a pattern took in).
    lead: int

    # Read from the rule rather than kept per charge: a field less is 16 bytes less for
    # each of a long draft's hundreds of thousands of charges.
    @property
    def dimension(self) -> str:
        return self.rule.dimension

    @property
    def firm(self) -> bool:
        return self.rule.firm

    def words(self, source: str) -> str:
        """The hit's words in `source` (the text it was found in): without that lead or a
        trailing comma. Cut out when asked, not kept: a long draft has hundreds of
        thousands of charges, and the report shows a few."""
        return source[self.hit.start + self.lead:self.hit.end].rstrip(" \t,")
