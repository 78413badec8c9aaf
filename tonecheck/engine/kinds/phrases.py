"""The phrases kind: a list of words or phrases, matched as whole words, any case, any spacing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...core.rule import Hit
from .base import Kind, compile_regex, match_case, phrase_regex, strings

if TYPE_CHECKING:
    from ...core.rule import Rule
    from ..context import Context


class Phrases(Kind):
    keys = {"phrases", "case_sensitive"}

    def __init__(self, table: dict[str, Any], rule: Rule):
        phrases = sorted(strings(table, "phrases"), key=len, reverse=True)
        flags = 0 if table.get("case_sensitive") else re.I
        self.regex = compile_regex("|".join(phrase_regex(p) for p in phrases), "phrases", flags)
        self.regexes = [self.regex]
        self.replace = rule.replace

    def find(self, ctx: Context) -> Iterator[Hit]:
        for m in ctx.finditer(self.regex):
            repl = None if self.replace is None else match_case(m.group(0), self.replace)
            yield Hit(m.start(), m.end(), repl)
