"""The report: plain dataclasses, and their stable JSON form.

`to_dict` is the versioned schema that `--format json`, batch and the hooks share.
Add keys freely; never rename or remove one without bumping SCHEMA.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime

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
    findings: list[Finding]
    revision: Revision | None
    warnings: list[str] = field(default_factory=list)
    kind: str = "text"
    #: Until when the hold queue keeps this draft (`tonecheck hold`, the sendmail wrapper);
    #: None when it is not held. Set by the check, not the analysis: holding is not tone.
    held_until: datetime | None = None

    def to_dict(self) -> dict:
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
            "findings": [f.to_dict() for f in self.findings],
            "revision": None if self.revision is None else {
                "text": self.revision.text,
                "edits": [e.to_dict() for e in self.revision.edits],
                "needs_writer": len(self.revision.unrevised),
                "unrevised": [u.to_dict() for u in self.revision.unrevised],
                "scores": self.revision.scores.as_dict(),
                **self.revision.scores.detail(),
            },
            "warnings": list(self.warnings),
            "held_until": self.held_until.isoformat(timespec="seconds")
            if self.held_until else None,
        }
