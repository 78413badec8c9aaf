"""From findings to three 0-100 scores.

Each finding carries points (its rule's weight times the hit's strength). A dimension's
points are pooled over the draft's length and squashed onto 0-100:

    score = 100 * (1 - exp(-(points / sentences ** pooling) / scale))

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


def squash(points: float, sentences: int, pooling: float, scale: float) -> int:
    pooled = max(0.0, points) / max(1, sentences) ** pooling
    return round(100 * (1 - math.exp(-pooled / scale)))


def score(findings: Iterable[Scored], sentences: int, scoring: dict) -> Scores:
    totals = {"intensity": 0.0, "pushiness": 0.0, "length": 0.0}
    for f in findings:
        totals[f.dimension] += f.points
    pooling = {**DEFAULT_POOLING, **scoring.get("pooling", {})}
    scale = {**DEFAULT_SCALE, **scoring.get("scale", {})}
    return Scores(**{
        dim: squash(points, sentences, pooling[dim], scale[dim])
        for dim, points in totals.items()
    })
