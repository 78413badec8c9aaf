"""From findings to three 0-100 scores.

Each finding carries points (its rule's weight times the hit's strength), negative for
redress (thanks, hedges, a greeting). A dimension's signed points are pooled over the
draft's length into its level, and the level is squashed onto 0-100:

    level = points / sentences ** pooling
    score = 100 * (1 - exp(-max(level, 0) / scale))

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


DEFAULT_POOLING = {"intensity": 0.5, "pushiness": 0.5, "length": 0.0}
DEFAULT_SCALE = {"intensity": 3.0, "pushiness": 3.0, "length": 3.0}
DIMENSIONS = ("intensity", "pushiness", "length")


def level(points: float, sentences: int, pooling: float) -> float:
    """Signed points pooled over the draft's length: what the score squashes."""
    return points / max(1, sentences) ** pooling


def squash(pooled: float, scale: float) -> int:
    """0-100, rising with the pooled points; 0 for no pressure at all, or for pressure that
    redress (thanks, hedges, a greeting) pays back in full."""
    return round(100 * (1 - math.exp(-max(0.0, pooled) / scale)))


def score(findings: Iterable[Scored], sentences: int, scoring: dict) -> Scores:
    totals = dict.fromkeys(DIMENSIONS, 0.0)
    for f in findings:
        totals[f.dimension] += f.points
    pooling = {**DEFAULT_POOLING, **scoring.get("pooling", {})}
    scale = {**DEFAULT_SCALE, **scoring.get("scale", {})}
    levels = {dim: level(points, sentences, pooling[dim]) for dim, points in totals.items()}
    return Scores(**{dim: squash(levels[dim], scale[dim]) for dim in DIMENSIONS},
                  points=totals, levels=levels)
