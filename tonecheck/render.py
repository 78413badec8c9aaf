"""Reports as text for people, JSON for programs, and one line per finding for editors."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from itertools import chain
from typing import TextIO

from .delay import human
from .report import Report

BAR_WIDTH = 20
VERDICT_STYLE = {"send": "bold green", "revise": "bold yellow", "wait": "bold red"}


def to_json(reports: list[Report]) -> str:
    """One object for one input, a list for several."""
    data = [r.to_dict() for r in reports]
    return indented_json(data[0] if len(data) == 1 else data)


def write_json(reports: list[Report], stream: TextIO) -> None:
    """to_json(reports) and a newline, written piece by piece: a long draft's report is
    several megabytes of JSON, and building it whole (then copying it to add the newline)
    would double the memory a check needs."""
    data = [r.to_dict() for r in reports]
    for piece in _pieces(data[0] if len(data) == 1 else data, 0):
        stream.write(piece)
    stream.write("\n")


_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)
#: Flat objects encoded per call when a list of them is written out in pieces.
_CHUNK = 1000


def _all_flat(values: list) -> bool:
    """Every item a non-empty object of string keys and scalar values (checked with C-level
    iteration: there can be thousands)."""
    if not all(type(v) is dict for v in values) or not all(values):
        return False
    keys = set(map(type, chain.from_iterable(values)))
    kinds = set(map(type, chain.from_iterable(map(dict.values, values))))
    return keys == {str} and kinds <= _SCALAR_TYPES


def indented_json(value: object, depth: int = 0) -> str:
    """Exactly json.dumps(value, ensure_ascii=False, indent=2), several times faster.

    With an indent, json falls back to its pure-Python encoder, and a long draft's report
    holds hundreds of thousands of values. Here each innermost object (a finding, an edit,
    the scores) goes through the C encoder, its separators carrying the line breaks and
    indentation, and a list of them goes through in one call; only the few containers
    above them are walked in Python.
    """
    return "".join(_pieces(value, depth))


def _pieces(value: object, depth: int) -> Iterator[str]:
    pad = "\n" + "  " * (depth + 1)
    if isinstance(value, dict) and value and all(type(k) is str for k in value):
        if all(isinstance(v, _SCALARS) for v in value.values()):
            yield "{" + pad + _flat_encoder(depth).encode(value)[1:-1] + pad[:-2] + "}"
            return
        for i, (k, v) in enumerate(value.items()):
            yield ("{" if not i else ",") + pad + _SCALAR.encode(k) + ": "
            yield from _pieces(v, depth + 1)
        yield pad[:-2] + "}"
    elif isinstance(value, list) and value:
        flat = _all_flat(value)
        yield "["
        for i in range(0, len(value), _CHUNK if flat else 1):
            yield ("," if i else "") + pad
            if flat:
                yield _flat_objects(value[i:i + _CHUNK], depth)
            else:
                yield from _pieces(value[i], depth + 1)
        yield pad[:-2] + "]"
    elif isinstance(value, (dict, list)):  # empty, or keys json must convert: its own way
        yield json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    else:
        yield _SCALAR.encode(value)


_SCALAR = json.JSONEncoder(ensure_ascii=False)
#: JSON escapes a NUL inside a string, so a raw one can only be a separator of ours.
_MARK = ",\x00"
_MARKED = json.JSONEncoder(ensure_ascii=False, separators=(_MARK, ": "))


def _flat_objects(objects: list[dict], depth: int) -> str:
    """Flat objects (findings) as items of a list at `depth`, in one C-encoder call, then
    re-indented: the marked separators between objects and between members are told
    apart by the braces around them."""
    outer, inner = "\n" + "  " * (depth + 1), "\n" + "  " * (depth + 2)
    body = _MARKED.encode(objects)[2:-2]  # without the outer "[{" and "}]"
    members = [part.replace(_MARK, "," + inner) for part in body.split("}" + _MARK + "{")]
    close = outer + "}"
    return "{" + inner + (close + "," + outer + "{" + inner).join(members) + close


@cache
def _flat_encoder(depth: int) -> json.JSONEncoder:
    """Encodes a flat object with each member on its own line at this depth's indent."""
    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + "  " * (depth + 1), ": "))


def to_lines(report: Report) -> str:
    """`path:line:col: rule: message`, one finding per line (softeners are left out)."""
    return "\n".join(
        f"{report.source}:{f.line}:{f.column}: {f.rule}: {f.message}"
        for f in report.findings
        if f.points > 0 or f.suggestion and f.points == 0
    )


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
    details = {
        "length": f"{s.words} words, {s.sentences} sentences, grade {s.grade:g}, "
                  f"about {max(1, round(s.reading_seconds))} s to read",
    }
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
        out.append(f"  {style(where, 'cyan'):<7} {style(f.dimension, 'magenta')}  "
                   f"\"{escape(f.text) if color else f.text}\"  {style(f.rule, 'dim')}")
        out.append(f"          {escape(f.message) if color else f.message}"
                   + (f" {style('→ ' + f.suggestion, 'green')}" if f.suggestion else ""))
    if good:
        words = ", ".join(f'"{f.text}"' for f in good[:5])
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


def diff(original: str, revised: str, path: str) -> str:
    import difflib  # only revise --diff needs it

    lines = difflib.unified_diff(
        original.splitlines(keepends=True), revised.splitlines(keepends=True),
        fromfile=path, tofile=f"{path} (revised)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
