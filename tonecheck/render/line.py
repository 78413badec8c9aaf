"""Reports as one line per finding, `path:line:col: rule: message`, for editors and CI."""

from __future__ import annotations

from ..core.report import Report


def to_lines(report: Report) -> str:
    """`path:line:col: rule: message`, one finding per line (softeners are left out)."""
    return "\n".join(
        f"{report.source}:{f.line}:{f.column}: {f.rule}: {f.message}"
        for f in report.findings
        if f.points > 0 or f.suggestion and f.points == 0
    )
