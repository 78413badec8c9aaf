"""From findings to three 0-100 scores.

Each finding carries points (its rule's weight times the hit's strength), negative for
redress (thanks, hedges, a greeting). A dimension's signed points are pooled over the
draft's length into its level, and the level is squashed onto 0-100:

    level = (pressure + redress) / sentences ** pooling
    score = 100 * (1 - exp(-max(level, 0) / scale))

where redress (the negative points) pays back mild pressure but never the points of a
firm rule (`firm = true` in its pack: threats, insults, reproach): courtesy softens a
request, but a threat with a "thanks" still scores in full.

The report carries the points and levels too ("points", "levels" in the JSON): where two
drafts both score 0, the level still says which one redresses more, so rankings (the
benches, a mailbox report) keep that order.

Pooling by a power of the sentence count keeps the scale meaning the same thing for a
one-line text and a long email: one hot sentence in twenty reads cooler than one in one,
while twenty hot sentences still read hotter than one. Pooling and scale come from the
profile, so calibration changes data, not code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

from .core.report import Scores


class Scored(Protocol):
    """A report's Finding, or the reviser's lighter core.rule.Charge: both carry these."""

    dimension: str
    points: float
    firm: bool


DEFAULT_POOLING = {"intensity": 0.5, "pushiness": 0.5, "length": 0.0}
DEFAULT_SCALE = {"intensity": 3.0, "pushiness": 3.0, "length": 3.0}
DIMENSIONS = ("intensity", "pushiness", "length")


def level(firm: float, mild: float, redress: float, sentences: int, pooling: float) -> float:
    """Signed points pooled over the draft's length: what the score squashes.

    `firm` is the points of firm rules (threats, insults, reproach), `mild` of the other
    charges, `redress` (negative) of thanks, hedges and greetings. Redress pays back mild
    pressure, and below zero it still orders drafts that press for nothing; it never pays
    back firm points."""
    if firm > 0:
        return (firm + max(0.0, mild + redress)) / max(1, sentences) ** pooling
    return (mild + redress) / max(1, sentences) ** pooling


def squash(pooled: float, scale: float) -> int:
    """0-100, rising with the pooled points; 0 when there is no pressure."""
    return round(100 * (1 - math.exp(-max(0.0, pooled) / scale)))


def score(findings: Iterable[Scored], sentences: int, scoring: dict) -> Scores:
    parts = {d: [0.0, 0.0, 0.0] for d in DIMENSIONS}  # firm, mild, redress
    for f in findings:
        parts[f.dimension][0 if f.firm and f.points > 0 else 1 if f.points > 0 else 2] += f.points
    pooling = {**DEFAULT_POOLING, **scoring.get("pooling", {})}
    scale = {**DEFAULT_SCALE, **scoring.get("scale", {})}
    levels = {d: level(*parts[d], sentences, pooling[d]) for d in DIMENSIONS}
    return Scores(**{d: squash(levels[d], scale[d]) for d in DIMENSIONS},
                  points={d: sum(parts[d]) for d in DIMENSIONS}, levels=levels)
