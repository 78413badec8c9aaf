"""The substitution kind: a table of phrase -> gentler phrase."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...core.rule import Hit
from .base import Kind, RuleDataError, compile_regex, match_case, phrase_regex

if TYPE_CHECKING:
    from ...core.rule import Rule
    from ..context import Context


_CLAUSE_START = (r"(?:^|(?<=[.!?;:]\s)|(?<=[.!?;:]\s\s)|(?<=,\s)|(?<=\n)|(?<=\band\s)|(?<=\bbut\s)"
                 r"|(?<=\bso\s)|(?<=\bbecause\s))")


class Substitution(Kind):
    keys = {"swap", "case_sensitive", "clause_start"}

    def __init__(self, table: dict[str, Any], rule: Rule):
        swap = table.get("swap")
        if not isinstance(swap, dict) or not swap or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in swap.items()
        ):
            raise RuleDataError("swap", "must be a table of \"phrase\" = \"replacement\" strings")
        self.swap = {k.lower(): v for k, v in swap.items()}
        flags = 0 if table.get("case_sensitive") else re.I
        ordered = sorted(swap, key=len, reverse=True)
        body = "|".join(f"(?P<s{i}>{phrase_regex(p)})" for i, p in enumerate(ordered))
        clause_start = table.get("clause_start", False)
        if not isinstance(clause_start, bool):
            raise RuleDataError("clause_start", "must be true or false")
        if clause_start:
            # Swaps that are whole clauses ("you always" -> "it often feels like you") read
            # only where a clause begins; mid-clause ("what makes you always...", "do you
            # have to...?") they break the grammar.
            body = _CLAUSE_START + "(?:" + body + ")"
        self.regex = compile_regex(body, "swap", flags)
        self.targets = [swap[p] for p in ordered]
        self.regexes = [self.regex]

    def find(self, ctx: Context) -> Iterator[Hit]:
        for m in ctx.finditer(self.regex):
            index = int(m.lastgroup[1:]) if m.lastgroup else 0
            yield Hit(m.start(), m.end(), match_case(m.group(0), self.targets[index]))
