"""The metric kind: a rule that runs one named measurement in code (tonecheck.engine.kinds.metrics)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...core.rule import Hit
from .base import Kind, RuleDataError
from .metrics import LOCAL_METRICS, METRICS

if TYPE_CHECKING:
    from ...core.rule import Rule
    from ..context import Context


class Metric(Kind):
    keys = {"metric"}
    # Metrics are code, tested in their own right: no regex of theirs is anchored or timed,
    # so `regexes` stays empty.

    @classmethod
    def keys_of(cls, table: dict[str, Any]) -> set[str]:
        """`metric`, and the parameters the named metric takes."""
        found = METRICS.get(table.get("metric"))  # type: ignore[arg-type]
        return cls.keys | set(found[1]) if found else cls.keys

    @classmethod
    def is_local(cls, table: dict[str, Any]) -> bool:
        """As the metric said when it was registered."""
        return table.get("metric") in LOCAL_METRICS

    def __init__(self, table: dict[str, Any], rule: Rule):
        name = table.get("metric")
        if name not in METRICS:
            raise RuleDataError("metric", f"unknown metric {name!r}; known: {', '.join(METRICS)}")
        self.fn, self.param_types = METRICS[name]
        self.rule = rule
        for key, typ in self.param_types.items():
            if key in table:
                value = table[key]
                if typ is float and isinstance(value, int):
                    value = float(value)
                if not isinstance(value, typ) or (typ is float and not math.isfinite(value)):
                    raise RuleDataError(key, f"must be {typ.__name__}")
                rule.params[key] = value

    def find(self, ctx: Context) -> Iterator[Hit]:
        yield from self.fn(ctx, self.rule)
