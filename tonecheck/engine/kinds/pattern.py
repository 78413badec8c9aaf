"""The pattern kind: regular expressions, with an optional replacement template, optionally
only in sentences that match a `sentence` expression."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...core.rule import Hit
from .base import Kind, RuleDataError, compile_regex, match_case, strings

if TYPE_CHECKING:
    from ...core.rule import Rule
    from ..context import Context


#: Regex pieces that see any distance, across sentences (a whole-draft lookahead).
_FAR_SIGHTED = re.compile(r"\\s\\S|\\S\\s|\\w\\W|\\W\\w|\\d\\D|\\D\\d|\(\?[a-zA-Z]*s")


class Pattern(Kind):
    #: `sentence`: a regular expression the whole sentence around a match must also match,
    #: e.g. only sentences that speak to the reader. Lookarounds cannot see back to the
    #: start of a sentence; this can.
    keys = {"patterns", "case_sensitive", "sentence"}

    @classmethod
    def is_local(cls, table: dict[str, Any]) -> bool:
        """Local unless one of its expressions can see across sentences."""
        regexes = [*table.get("patterns", []), table.get("sentence") or ""]
        return not any(_FAR_SIGHTED.search(r) for r in regexes if isinstance(r, str))

    def __init__(self, table: dict[str, Any], rule: Rule):
        flags = re.M | (0 if table.get("case_sensitive") else re.I)
        self.regexes = [
            compile_regex(p, f"patterns[{i}]", flags)
            for i, p in enumerate(strings(table, "patterns"))
        ]
        sentence = table.get("sentence")
        if sentence is not None and not (isinstance(sentence, str) and sentence.strip()):
            raise RuleDataError("sentence", "must be a non-empty regular expression")
        self.sentence = compile_regex(sentence, "sentence", flags) if sentence else None
        self.replace = rule.replace
        if self.replace is not None:
            for i, regex in enumerate(self.regexes):
                try:  # a template naming a missing group must fail at load, not mid-run
                    _check_template(regex, self.replace)
                except (re.error, IndexError) as exc:
                    raise RuleDataError("replace", f"does not fit patterns[{i}]: {exc}") from None

    def find(self, ctx: Context) -> Iterator[Hit]:
        # Each sentence is searched once however many matches it holds: a long run with no
        # punctuation is one sentence, and searching it per match would be quadratic.
        fits: dict[int, bool] = {}
        for regex in self.regexes:
            for m in ctx.finditer(regex):
                if m.end() == m.start():
                    continue
                if self.sentence and not self._in_sentence(ctx, m, fits):
                    continue
                repl = None
                if self.replace is not None:
                    repl = _expand(m, self.replace)
                yield Hit(m.start(), m.end(), repl)

    def _in_sentence(self, ctx: Context, m: re.Match[str], fits: dict[int, bool]) -> bool:
        # A match may take in the space or comma before its words; its sentence is the one
        # its first word is in.
        i = ctx.sentence_at(m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t,")))
        if i is None:
            return False
        if i not in fits:
            fits[i] = bool(self.sentence.search(ctx.sentences[i].text))  # type: ignore[union-attr]
        return fits[i]


_CASE_FN = re.compile(r"\\(lower|upper|cap)\{([^}]*)\}")


def _expand(m: re.Match[str], template: str) -> str:
    """re's template expansion plus \\lower{..}, \\upper{..} and \\cap{..} wrappers."""
    plain = _CASE_FN.sub(lambda c: "\x00" + c.group(1) + "\x01" + c.group(2) + "\x02", template)
    expanded = m.expand(plain)

    def case(c: re.Match[str]) -> str:
        fn, text = c.group(1), c.group(2)
        if fn == "lower":
            return text.lower()
        if fn == "upper":
            return text.upper()
        return text[:1].upper() + text[1:]

    result = re.sub("\x00(lower|upper|cap)\x01(.*?)\x02", case, expanded, flags=re.S)
    return match_case(m.group(0), result)


def _check_template(regex: re.Pattern[str], template: str) -> None:
    groups = set(regex.groupindex) | {str(i) for i in range(regex.groups + 1)}
    for ref in re.findall(r"\\g<(\w+)>|\\(\d+)", template):
        name = ref[0] or ref[1]
        if name not in groups:
            raise re.error(f"unknown group {name!r}")
