"""The report: plain dataclasses, and their stable JSON form.

`to_dict` is the versioned schema that `--format json`, batch and the hooks share.
Add keys freely; never rename or remove one without bumping SCHEMA.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from .draft import Draft
    from .rule import Charge

SCHEMA = "tonecheck.report/1"


@dataclass
class Stats:
    """How long a draft is and how hard it reads (tonecheck.text.readability measures it)."""

    words: int
    sentences: int
    grade: float
    reading_seconds: float


@dataclass(slots=True)  # no per-instance dict: a long draft makes tens of thousands
class Finding:
    rule: str
    dimension: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    message: str
    suggestion: str | None
    #: Points this finding adds to its dimension (negative for softeners).
    points: float = 0.0
    #: Offsets into the draft's text; not part of the JSON schema.
    start: int = 0
    end: int = 0
    #: Its rule is firm: redress never pays its points back (scoring.py); not in the JSON.
    firm: bool = False

    def to_dict(self) -> dict:
        # The fields in order, rather than dataclasses.asdict, which deep-copies each
        # value: a long draft has thousands of findings, and every field is a plain value.
        d = {k: getattr(self, k) for k in _FINDING_KEYS}
        d["points"] = round(self.points, 3)
        return d


@dataclass(slots=True)
class Scores:
    intensity: int
    pushiness: int
    length: int
    #: Per dimension, the sum of its findings' points, signed: redress (gratitude, hedges)
    #: counts against pressure here even where the score shows 0.
    points: dict[str, float] = field(default_factory=dict)
    #: Per dimension, the points pooled over the draft's length: the signed value the
    #: score squashes. It orders drafts where the scores tie (most calm drafts score 0).
    levels: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, int]:
        return {"intensity": self.intensity, "pushiness": self.pushiness, "length": self.length}

    def detail(self) -> dict[str, dict[str, float]]:
        """The points and levels, for the JSON report."""
        return {"points": {k: round(v, 3) for k, v in self.points.items()},
                "levels": {k: round(v, 4) for k, v in self.levels.items()}}


@dataclass
class Delay:
    seconds: int
    not_before: datetime
    reason: str

    def to_dict(self) -> dict:
        return {
            "seconds": self.seconds,
            "not_before": self.not_before.isoformat(timespec="seconds"),
            "reason": self.reason,
        }


@dataclass(slots=True)
class Edit:
    rule: str
    before: str
    after: str
    reason: str
    line: int

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in _EDIT_KEYS}


_FINDING_KEYS = [f.name for f in fields(Finding) if f.name not in ("start", "end", "firm")]
_EDIT_KEYS = [f.name for f in fields(Edit)]

#: What a finding is to the reports that list them (Findings.kinds): a problem is listed
#: (points, or a rewrite offered at no points), a softener is shown as helping.
OTHER, PROBLEM, SOFTENER = 0, 1, 2
#: Softeners shown as helping under the findings.
HELPING = 5


def kind_of(points: float, suggests: bool) -> int:
    """PROBLEM, SOFTENER or OTHER, for a finding's points and whether it suggests anything."""
    if points > 0 or points == 0 and suggests:
        return PROBLEM
    return SOFTENER if points < 0 else OTHER


class Findings(Sequence[Finding]):
    """A draft's findings, kept as a few compact columns and made into Finding objects
    only when one is read. A pasted log of megabytes has hundreds of thousands of
    findings and a report lists fifty: a Finding with its strings is some 300 bytes, a
    row here about 40. Reads like a list (len, index, slice, iteration), in report order.

    Built from charges in report order (engine.charges.charges); it keeps what a
    Finding is made of, not the charges, whose hits a revision moves in place."""

    __slots__ = ("_draft", "_rules", "_start", "_end", "_lead", "_points", "_rule",
                 "_detail", "_replacement", "kinds")

    def __init__(self, draft: Draft, charges: Iterable[Charge]):
        self._draft = draft
        self._rules: list[Any] = []
        seen: dict[int, int] = {}  # id(rule) -> its index in _rules
        # Offsets as 32-bit numbers where the draft is short enough (any file a check reads).
        offset = "I" if array("I").itemsize >= 4 and len(draft.source) < 2**32 else "q"
        self._start, self._end, self._lead = array(offset), array(offset), array(offset)
        self._points, self._rule = array("d"), array("I")
        #: Hit detail and replacement per row: mostly shared strings ("", None).
        self._detail: list[str] = []
        self._replacement: list[str | None] = []
        #: kind_of() per row, as bytes: counting and finding a kind runs at C speed.
        self.kinds = bytearray()
        for c in charges:
            rule, hit = c.rule, c.hit
            k = seen.get(id(rule))
            if k is None:
                k = seen[id(rule)] = len(self._rules)
                self._rules.append(rule)
            self._start.append(hit.start)
            self._end.append(hit.end)
            self._lead.append(c.lead)
            self._points.append(c.points)
            self._rule.append(k)
            self._detail.append(hit.detail)
            self._replacement.append(hit.replacement)
            suggests = bool(rule.suggestion) if rule.suggestion is not None else (
                hit.replacement is not None)
            self.kinds.append(kind_of(c.points, suggests))

    def __len__(self) -> int:
        return len(self.kinds)

    @overload
    def __getitem__(self, i: int) -> Finding: ...
    @overload
    def __getitem__(self, i: slice) -> list[Finding]: ...
    def __getitem__(self, i: int | slice) -> Finding | list[Finding]:
        if isinstance(i, slice):
            return [self._make(j) for j in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("finding index out of range")
        return self._make(i)

    def __iter__(self) -> Iterator[Finding]:
        return map(self._make, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __repr__(self) -> str:
        return f"<Findings: {len(self)}>"

    def where(self, kind: int) -> Iterator[int]:
        """The rows of one kind, in order (found with bytearray.find, not row by row)."""
        kinds, i = self.kinds, self.kinds.find(kind)
        while i != -1:
            yield i
            i = kinds.find(kind, i + 1)

    def start_of(self, i: int) -> int:
        return self._start[i]

    def _make(self, i: int) -> Finding:
        """Row i as the report's Finding."""
        return make_finding(self._draft, self._rules[self._rule[i]], self._start[i], self._end[i],
                            self._lead[i], self._detail[i], self._replacement[i], self._points[i])


def make_finding(draft: Draft, rule: Any, start: int, end: int, lead: int, detail: str,
                 replacement: str | None, points: float) -> Finding:
    """The report's view of one hit of `rule` in `draft`: its line and column, the words
    shown (without the lead a pattern took in or a trailing comma), the message with the
    hit's detail, and the rule's suggestion or else its rewrite."""
    line, column = draft.position(start + lead)
    end_line, end_column = draft.position(end)
    message = rule.message + (f" ({detail})" if detail else "")
    suggestion = rule.suggestion
    if suggestion is None and replacement is not None:
        suggestion = f'Write "{replacement}".' if replacement else "Leave it out."
    text = draft.source[start + lead:end].rstrip(" \t,")
    shown = text if len(text) <= 80 else text[:77].rstrip() + "..."
    return Finding(
        rule=rule.id, dimension=rule.dimension, line=line, column=column,
        end_line=end_line, end_column=end_column, text=shown, message=message,
        suggestion=suggestion, points=points, start=start, end=end, firm=rule.firm,
    )


def listed(findings: Sequence[Finding], limit: int | None = None) -> tuple[list[Finding], int]:
    """The findings a report lists (PROBLEM: points, or a rewrite at no points), at most
    `limit` of them (None or 0: all), and how many there are in all. From a Findings,
    only the ones listed are made."""
    if isinstance(findings, Findings):
        total = findings.kinds.count(PROBLEM)
        rows = findings.where(PROBLEM)
        if limit:
            rows = islice(rows, limit)
        return [findings[r] for r in rows], total
    problems = [f for f in findings if kind_of(f.points, bool(f.suggestion)) == PROBLEM]
    return (problems[:limit] if limit else problems), len(problems)


def helping(findings: Sequence[Finding], limit: int = HELPING) -> list[Finding]:
    """The first `limit` softeners (negative points) whose words are not also listed as
    a problem ("Please, please" is warm to VADER, and a plea)."""
    if isinstance(findings, Findings):
        out = []
        n = len(findings)
        for r in findings.where(SOFTENER):
            at = findings.start_of(r)
            # In report order, the findings at one spot stand side by side.
            j, flagged = r - 1, False
            while j >= 0 and findings.start_of(j) == at and not flagged:
                flagged, j = findings.kinds[j] == PROBLEM, j - 1
            j = r + 1
            while j < n and findings.start_of(j) == at and not flagged:
                flagged, j = findings.kinds[j] == PROBLEM, j + 1
            if not flagged:
                out.append(findings[r])
                if len(out) == limit:
                    break
        return out
    flagged = {f.start for f in findings if kind_of(f.points, bool(f.suggestion)) == PROBLEM}
    return [f for f in findings if f.points < 0 and f.start not in flagged][:limit]


@dataclass(slots=True)
class Unrevised:
    """A sentence the revision left as written because no safe edit calms it (an insult,
    criticism of the person, a guilt trip): it needs the writer's own words."""

    line: int
    text: str
    rule: str
    suggestion: str

    def to_dict(self) -> dict:
        return {"line": self.line, "text": self.text, "rule": self.rule,
                "suggestion": self.suggestion}


@dataclass
class Revision:
    text: str
    edits: list[Edit]
    scores: Scores
    #: What still needs the writer; the revision's scores count it as it stands.
    unrevised: list[Unrevised] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.edits)


@dataclass
class Report:
    source: str
    profile: str
    scores: Scores
    stats: Stats
    verdict: str  # send | revise | wait
    delay: Delay
    #: In report order; a list, or from the analysis a Findings (which reads like one).
    findings: Sequence[Finding]
    revision: Revision | None
    warnings: list[str] = field(default_factory=list)
    kind: str = "text"
    #: Until when the hold queue keeps this draft (`tonecheck hold`, the sendmail wrapper);
    #: None when it is not held. Set by the check, not the analysis: holding is not tone.
    held_until: datetime | None = None

    def to_dict(self, max_findings: int | None = None, *, lazy: bool = False) -> dict:
        """The JSON schema's object. `max_findings` keeps the first that many findings (None
        or 0: all), and "findings_omitted" says how many were left out. `lazy` leaves the
        long lists (findings, edits, unrevised) as Lazy sequences that make each item's
        dict when read, for render.json to write out piece by piece."""
        shown = self.findings
        if max_findings and len(shown) > max_findings:
            shown = shown[:max_findings]
        listing = Lazy if lazy else _dicts
        return {
            "schema": SCHEMA,
            "source": self.source,
            "profile": self.profile,
            "kind": self.kind,
            "scores": self.scores.as_dict(),
            **self.scores.detail(),
            "stats": dict(self.stats.__dict__),
            "verdict": self.verdict,
            "delay": self.delay.to_dict(),
            "findings": listing(shown),
            "findings_omitted": len(self.findings) - len(shown),
            "revision": None if self.revision is None else {
                "text": self.revision.text,
                "edits": listing(self.revision.edits),
                "needs_writer": len(self.revision.unrevised),
                "unrevised": listing(self.revision.unrevised),
                "scores": self.revision.scores.as_dict(),
                **self.revision.scores.detail(),
            },
            "warnings": list(self.warnings),
            "held_until": self.held_until.isoformat(timespec="seconds")
            if self.held_until else None,
        }


def _dicts(items: Sequence[Any]) -> list[dict]:
    return [item.to_dict() for item in items]


class Lazy(Sequence[dict]):
    """Items' to_dict() made when read: a long draft's report has hundreds of thousands
    of findings, and writing them out a chunk at a time never holds all their dicts."""

    __slots__ = ("items",)

    def __init__(self, items: Sequence[Any]):
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [item.to_dict() for item in self.items[i]]
        return self.items[i].to_dict()

    def __iter__(self) -> Iterator[dict]:
        return (item.to_dict() for item in self.items)
