"""Reports as text for people: score bars, findings, the verdict and the revision, in
colour (Rich markup) on a terminal and plain otherwise.

Lines are wrapped to the terminal's width ($COLUMNS, else the terminal, else 80), and
every column is padded before it is coloured, so markup never shifts one.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from datetime import datetime
from typing import TextIO

from ..core.report import Report, helping, listed
from ..delay import human

BAR_WIDTH = 20
VERDICT_STYLE = {"send": "bold green", "revise": "bold yellow", "wait": "bold red"}
#: Lines of a revision shown while findings are capped: the rest is `tonecheck revise`'s job.
REVISION_LINES = 60
#: Narrower than this, wrapping makes things worse, not better.
MIN_WIDTH = 40


def use_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def width() -> int:
    """The width to wrap to: $COLUMNS, else the terminal's, else 80."""
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def one_line(text: str) -> str:
    """An excerpt on one line: a line break inside it is shown as ⏎, tabs as a space."""
    return text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ")


def _bar(score: int, color: bool) -> str:
    filled = round(score / 100 * BAR_WIDTH)
    if color:
        style = "red" if score >= 55 else "yellow" if score >= 30 else "green"
        return f"[{style}]{'█' * filled}[/][dim]{'░' * (BAR_WIDTH - filled)}[/]"
    return "[" + "#" * filled + "." * (BAR_WIDTH - filled) + "]"


def _when(moment: datetime, now: datetime) -> str:
    fmt = "%H:%M" if moment.date() == now.date() else "%a %d %b, %H:%M"
    return moment.strftime(fmt) + (f" ({moment.strftime('%Z')})" if moment.tzname() else "")


def _wrap(text: str, cols: int, first: int, rest: int | None = None) -> list[str]:
    """`text` in lines of at most `cols`, the first indented by `first` spaces (already
    written by the caller), the rest by `rest`. Words are never split: a long link
    runs over rather than breaking in two."""
    rest = first if rest is None else rest
    if len(text) <= cols - first:
        return [text]  # as it is: wrapping would also tidy its spaces
    lines = textwrap.wrap(text, max(MIN_WIDTH // 2, cols - first), break_long_words=False,
                          break_on_hyphens=False) or [""]
    if len(lines) > 1:
        tail = textwrap.wrap(" ".join(lines[1:]), max(MIN_WIDTH // 2, cols - rest),
                             break_long_words=False, break_on_hyphens=False)
        lines = lines[:1] + [" " * rest + line for line in tail]
    return lines


def _shorten(text: str, room: int) -> str:
    return text if len(text) <= room else text[:max(1, room - 1)].rstrip() + "…"


def to_text(report: Report, color: bool, now: datetime | None = None,
            show_revision: bool = True, max_findings: int | None = None,
            cols: int | None = None) -> str:
    """The human report, with Rich markup when `color` is on and plain text otherwise.
    At most `max_findings` findings are listed (None or 0: all), and while they are capped
    a long revision is cut short too."""
    if color:  # Rich costs a check's cold start 15 ms; plain text has no markup to escape
        from rich.markup import escape
    else:
        def escape(text: str) -> str:
            return text

    cols = cols or width()

    def style(text: str, spec: str) -> str:
        return f"[{spec}]{escape(text)}[/]" if color else text

    def plain(text: str) -> str:
        return escape(text) if color else text

    now = now or datetime.now().astimezone()
    out = [style(report.source, "bold") + style(f"  (profile: {report.profile})", "dim")]
    s = report.stats
    # A score is its findings' points, squashed: say the sum, which may be below zero.
    details = {dim: f"{points:+.1f} points" for dim, points in report.scores.points.items()}
    details["length"] = (f"{plural(s.words, 'word')}, {plural(s.sentences, 'sentence')}, "
                         f"grade {s.grade:g}, about {max(1, round(s.reading_seconds))} s to read")
    lead = 2 + 10 + 1 + BAR_WIDTH + 2 + 1 + 3 + 2
    for dim, value in report.scores.as_dict().items():
        detail = details.get(dim, "")
        if cols - lead >= 24:
            parts = _wrap(detail, cols, lead)
        else:  # too narrow beside the bar: under it
            parts = ["", *(" " * 4 + p.lstrip() for p in _wrap(detail, cols, 4))]
        out.append(f"  {dim:<10} {_bar(value, color)} {value:>3}  {style(parts[0], 'dim')}".rstrip())
        out += [style(p, "dim") for p in parts[1:]]
    for warning in report.warnings:
        out += [style(p, "yellow") for p in _wrap(f"  warning: {warning}", cols, 0, 4)]

    # Only the findings listed are made: a long paste has hundreds of thousands.
    shown, problems = listed(report.findings, max_findings)
    # Words that are also flagged ("Please, please" is warm to VADER, and a plea) are not
    # shown as helping.
    good = helping(report.findings)
    capped = len(shown) < problems
    if problems:
        out.append("")
        out.append(style("Findings", "bold"))
    for f in shown:
        where = f"{f.line}:{f.column}".ljust(7)
        # 27 columns before the excerpt, then its quotes and two spaces before the rule;
        # where the rule leaves too little room, it goes on a line of its own.
        room = cols - 27 - 4 - len(f.rule)
        excerpt = _shorten(one_line(f.text), room if room >= 16 else cols - 27 - 2)
        head = (f"  {style(where, 'cyan')} {style(f.dimension.ljust(9), 'magenta')} "
                f"{f.points:+5.1f}  \"{plain(excerpt)}\"")
        out += [head + "  " + style(f.rule, "dim")] if room >= 16 else [
            head, " " * 10 + style(f.rule, "dim")]
        message = one_line(f.message)
        suggestion = "→ " + one_line(f.suggestion) if f.suggestion else ""
        if 10 + len(message) + 1 + len(suggestion) <= cols:
            out.append(" " * 10 + plain(message) + (" " + style(suggestion, "green") if suggestion else ""))
        else:
            out += [" " * 10 + plain(p.lstrip()) if i == 0 else plain(p)
                    for i, p in enumerate(_wrap(message, cols, 10))]
            if suggestion:
                out += [" " * 10 + style(p.lstrip(), "green") if i == 0 else style(p, "green")
                        for i, p in enumerate(_wrap(suggestion, cols, 10, 12))]
    if capped:
        out.append(style(f"  … and {plural(problems - len(shown), 'more finding')} "
                         "(--max-findings 0 lists them all)", "dim"))
    if good:
        words = ", ".join(f'"{one_line(f.text)}" ({f.points:+.1f})' for f in good)
        out += [style(p, "dim") for p in _wrap(f"  softeners that help: {words}", cols, 0, 4)]

    out.append("")
    verdict, look, why = report.verdict.upper(), VERDICT_STYLE[report.verdict], report.delay.reason
    if report.verdict == "send" and report.held_until is not None:
        # Calm now, but the queue still holds it: "SEND" would read as "send it now".
        verdict, look, why = "HELD", VERDICT_STYLE["wait"], "it reads fine now, but it is still held"
    reason = _wrap(why, cols, len("Verdict: ") + len(verdict) + 2, 2)
    out.append(f"Verdict: {style(verdict, look)}  {plain(reason[0])}")
    out += [plain(p) for p in reason[1:]]
    if report.delay.seconds > 0:
        wait, moment = f"  Wait {human(report.delay.seconds)}; ", _when(report.delay.not_before, now)
        sep = "" if len(wait) + 21 + len(moment) <= cols else "\n  "
        out.append(f"{wait}{sep}send no earlier than {style(moment, 'bold')}".replace("; \n", ";\n"))
    if report.held_until is not None:
        # The hold queue has it: say so in the verdict, or "SEND" reads as "send it now".
        out.append(f"  Held in the queue until {style(_when(report.held_until, now), 'bold')}; "
                   "`tonecheck queue list` shows it")

    rev = report.revision
    cmd = "tonecheck revise " + (report.source if report.source != "<stdin>" else "-")
    if rev is not None and rev.changed:
        out.append("")
        before, after = report.scores, rev.scores
        change = ", ".join(
            f"{d} {getattr(before, d)} → {getattr(after, d)}"
            for d in ("intensity", "pushiness", "length")
            if getattr(before, d) != getattr(after, d)
        )
        sep = "  " if len("Suggested revision") + len(change) + 4 <= cols else "\n  "
        out.append(style("Suggested revision", "bold") + (style(f"{sep}({change})", "dim") if change else ""))
        if show_revision:
            lines = rev.text.split("\n")
            cut = capped and len(lines) > REVISION_LINES
            for line in lines[:REVISION_LINES] if cut else lines:
                # A wrapped line goes on indented a little more, so the draft's own line
                # breaks stay visible.
                out += [("  │ " if i == 0 else "  │   ") + plain(p.lstrip() if i else p)
                        for i, p in enumerate(_wrap(line, cols, 4, 6))] if line else ["  │"]
            if cut:
                out.append(style(f"  │ … and {plural(len(lines) - REVISION_LINES, 'more line')}; "
                                 f"`{cmd}` prints it all", "dim"))
        n = len(rev.edits)
        note = (f"  {plural(n, 'edit')}; `{cmd} --diff` shows " + ("it" if n == 1 else "each one")
                + ", --in-place applies " + ("it" if n == 1 else "them"))
        out += [style(p, "dim") for p in _wrap(note, cols, 0, 4)]
    if rev is not None and rev.unrevised:
        # Said outright: the revision's scores still count these, and only the writer can
        # calm them (issue 12).
        out.append("")
        out.append(style(f"Needs your own words ({plural(len(rev.unrevised), 'sentence')} left "
                         "as written)", "bold"))
        for u in rev.unrevised:
            out += [plain(p) for p in _wrap(f"  {u.line}: \"{one_line(u.text)}\"", cols, 0, 6)]
            out += [style(p, "dim") for p in _wrap(f"      → {u.suggestion}", cols, 0, 8)]
    if report.verdict != "send" and not (rev is not None and (rev.changed or rev.unrevised)):
        # Said outright, or the missing "Suggested revision" reads as "nothing to fix".
        note = ("  No automatic revision: none of these findings has a rewrite. Edit the "
                f"lines listed above by hand, then run `{cmd.replace(' revise ', ' check ')}` again.")
        out.append("")
        out += [style(p, "yellow") for p in _wrap(note, cols, 0, 2)]
    return "\n".join(out)


def summary(files: int, verdicts: list[str], unreadable: int = 0, held: int = 0) -> str:
    """One line for a check of several files: "3 files: 1 wait, 1 revise, 1 send"."""
    counts = [f"{verdicts.count(v)} {v}" for v in ("wait", "revise", "send") if v in verdicts]
    if held:
        counts.append(f"{held} held")
    if unreadable:
        counts.append(f"{unreadable} unreadable")
    return f"{plural(files, 'file')}: {', '.join(counts)}"


def print_text(text: str, color: bool, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if not color:
        stream.write(text + "\n")
        return
    from rich.console import Console

    Console(file=stream, highlight=False, soft_wrap=True).print(text)
