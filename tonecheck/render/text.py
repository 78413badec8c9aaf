"""Reports as text for people: score bars, findings, the verdict and the revision, in
colour (Rich markup) on a terminal and plain otherwise."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from typing import TextIO

from ..core.report import Report
from ..delay import human

BAR_WIDTH = 20
VERDICT_STYLE = {"send": "bold green", "revise": "bold yellow", "wait": "bold red"}


def use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def _bar(score: int, color: bool) -> str:
    filled = round(score / 100 * BAR_WIDTH)
    if color:
        style = "red" if score >= 55 else "yellow" if score >= 30 else "green"
        return f"[{style}]{'█' * filled}[/][dim]{'░' * (BAR_WIDTH - filled)}[/]"
    return "[" + "#" * filled + "." * (BAR_WIDTH - filled) + "]"


def _when(moment: datetime, now: datetime) -> str:
    fmt = "%H:%M" if moment.date() == now.date() else "%a %d %b, %H:%M"
    return moment.strftime(fmt) + (f" ({moment.strftime('%Z')})" if moment.tzname() else "")


def to_text(report: Report, color: bool, now: datetime | None = None,
            show_revision: bool = True) -> str:
    """The human report, with Rich markup when `color` is on and plain text otherwise."""
    from rich.markup import escape

    def style(text: str, spec: str) -> str:
        return f"[{spec}]{escape(text)}[/]" if color else text

    now = now or datetime.now().astimezone()
    out = [style(report.source, "bold") + style(f"  (profile: {report.profile})", "dim")]
    s = report.stats
    # A score is its findings' points, squashed: say the sum, which may be below zero.
    details = {dim: f"{points:+.1f} points" for dim, points in report.scores.points.items()}
    details["length"] = (f"{s.words} words, {s.sentences} sentences, grade {s.grade:g}, "
                         f"about {max(1, round(s.reading_seconds))} s to read")
    for dim, value in report.scores.as_dict().items():
        out.append(f"  {dim:<10} {_bar(value, color)} {value:>3}  {style(details.get(dim, ''), 'dim')}")
    for warning in report.warnings:
        out.append(style(f"  warning: {warning}", "yellow"))

    problems = [f for f in report.findings if f.points > 0 or f.points == 0 and f.suggestion]
    # Words that are also flagged ("Please, please" is warm to VADER, and a plea) are not
    # shown as helping.
    flagged = {f.start for f in problems}
    good = [f for f in report.findings if f.points < 0 and f.start not in flagged]
    if problems:
        out.append("")
        out.append(style("Findings", "bold"))
    for f in problems:
        where = f"{f.line}:{f.column}"
        out.append(f"  {style(where, 'cyan'):<7} {style(f.dimension, 'magenta')} {f.points:+5.1f}  "
                   f"\"{escape(f.text) if color else f.text}\"  {style(f.rule, 'dim')}")
        out.append(f"          {escape(f.message) if color else f.message}"
                   + (f" {style('→ ' + f.suggestion, 'green')}" if f.suggestion else ""))
    if good:
        words = ", ".join(f'"{f.text}" ({f.points:+.1f})' for f in good[:5])
        out.append(style(f"  softeners that help: {words}", "dim"))

    out.append("")
    verdict = report.verdict.upper()
    out.append(f"Verdict: {style(verdict, VERDICT_STYLE[report.verdict])}  "
               f"{escape(report.delay.reason) if color else report.delay.reason}")
    if report.delay.seconds > 0:
        out.append(f"  Wait {human(report.delay.seconds)}; send no earlier than "
                   f"{style(_when(report.delay.not_before, now), 'bold')}")

    rev = report.revision
    if rev is not None and rev.changed:
        out.append("")
        before, after = report.scores, rev.scores
        change = ", ".join(
            f"{d} {getattr(before, d)} → {getattr(after, d)}"
            for d in ("intensity", "pushiness", "length")
            if getattr(before, d) != getattr(after, d)
        )
        out.append(style("Suggested revision", "bold") + style(f"  ({change})", "dim"))
        if show_revision:
            for line in rev.text.split("\n"):
                out.append("  │ " + (escape(line) if color else line))
        cmd = "tonecheck revise " + (report.source if report.source != "<stdin>" else "-")
        out.append(style(f"  {len(rev.edits)} edits; `{cmd} --diff` shows each one, "
                         "--in-place applies them", "dim"))
    return "\n".join(out)


def print_text(text: str, color: bool, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if not color:
        stream.write(text + "\n")
        return
    from rich.console import Console

    Console(file=stream, highlight=False, soft_wrap=True).print(text)
