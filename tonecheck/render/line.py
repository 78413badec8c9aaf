"""Reports as one line per finding, `path:line:col: rule: message`, for editors and CI."""

from __future__ import annotations

from ..core.report import Report, listed


def to_lines(report: Report, max_findings: int | None = None, held: str | None = None) -> str:
    """`path:line:col: rule: message`, one finding per line (softeners are left out), at
    most `max_findings` of them (None or 0: all), then a `verdict` line unless the draft
    may be sent as it is, so a check that fails always says why, even with no finding
    to point at (a held draft, a draft that is only too long)."""
    shown, total = listed(report.findings, max_findings)
    more = total - len(shown)
    out = [f"{report.source}:{f.line}:{f.column}: {f.rule}: {f.message}" for f in shown]
    if more:
        out.append(f"{report.source}:1:1: more-findings: {more} more not shown "
                   "(--max-findings 0 shows all)")
    if report.verdict != "send":
        out.append(f"{report.source}:1:1: verdict: {report.verdict.upper()}: {report.delay.reason}")
    elif held:
        out.append(f"{report.source}:1:1: verdict: HELD: {held}")
    return "\n".join(out)
