"""`tonecheck report MAILBOX`: what a sent-mail archive would have looked like through tonecheck.

Every message in an mbox or a Maildir is scored (in parallel, through batch.run),
each at the moment it was sent, so quiet hours count as they would have. The result is a
single self-contained HTML page -- inline CSS and SVG charts, no scripts, nothing fetched
-- and a few lines of summary in the terminal: how many messages would have been held,
the findings that come up most, and intensity and pushiness over time.
"""

from __future__ import annotations

import html
import os
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from ..core.errors import InputError
from . import run as batch_run
from .progress import Progress
from .read import count, detect, read

TOP_FINDINGS = 10
HOTTEST = 10
#: How much of a recipient list and a subject the hottest messages show: a phone's line
#: or two, and a bounded summary to carry back from the workers.
TO_CHARS = 60
SUBJECT_CHARS = 90


@dataclass
class Message:
    id: str
    date: datetime | None
    verdict: str
    intensity: int
    pushiness: int
    length: int
    rules: list[str]
    to: str = ""
    subject: str = ""


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at a space where one is near, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 2 // 3 else cut).rstrip(" ,;") + "…"


def summarise(result: dict) -> tuple | None:
    """What the report keeps of one scored message (small, to cross process boundaries):
    None for a message that could not be read."""
    if "error" in result:
        return None
    scores = result["scores"]
    return (str(result["id"]), result.get("date"), result["verdict"], scores["intensity"],
            scores["pushiness"], scores["length"],
            [f["rule"] for f in result["findings"] if f["points"] > 0],
            clip(result.get("to", ""), TO_CHARS), clip(result.get("subject", ""), SUBJECT_CHARS))


@dataclass
class Summary:
    source: str
    profile: str
    messages: list[Message] = field(default_factory=list)
    unreadable: int = 0
    rule_messages: dict[str, str] = field(default_factory=dict)
    rule_dimensions: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.messages) + self.unreadable

    def count(self, verdict: str) -> int:
        return sum(1 for m in self.messages if m.verdict == verdict)

    def findings(self) -> list[tuple[str, int, int]]:
        """(rule, times found, messages it was found in), most frequent first."""
        times: Counter[str] = Counter()
        messages: Counter[str] = Counter()
        for m in self.messages:
            times.update(m.rules)
            messages.update(set(m.rules))
        return [(rule, n, messages[rule]) for rule, n in
                sorted(times.items(), key=lambda kv: (-kv[1], kv[0]))]

    def dated(self) -> list[Message]:
        return sorted((m for m in self.messages if m.date is not None), key=lambda m: m.date)

    def periods(self) -> tuple[str, list[tuple[str, list[Message]]]]:
        """Messages grouped by month, or by ISO week when they span under four months."""
        dated = self.dated()
        if not dated:
            return "month", []
        span = (dated[-1].date - dated[0].date).days  # type: ignore[operator]
        unit = "month" if span > 120 else "week"
        groups: dict[str, list[Message]] = defaultdict(list)
        for m in dated:
            d = m.date
            assert d is not None
            if unit == "month":
                key = f"{d.year:04d}-{d.month:02d}"
            else:
                year, week, _ = d.isocalendar()
                key = f"{year:04d}-W{week:02d}"
            groups[key].append(m)
        return unit, sorted(groups.items())


def collect(path: str, jobs: int | None = None, profile: str | None = None,
            config: str | None = None, rules: list[str] | None = None,
            progress: Progress | None = None) -> Summary:
    """Score every message of a mailbox and gather what the report shows."""
    kind = detect(path)
    if kind not in ("mbox", "maildir"):
        raise InputError("not an mbox file or a Maildir", path)
    start = Path(path) if Path(path).is_dir() else Path(path).parent
    # The report shows verdicts, scores and findings, never a revised text: skip writing one
    # (about a third of the time a message takes).
    job = batch_run.Job(profile, config, list(rules or []), str(start.resolve()),
                    datetime.now().astimezone().isoformat(), at_sent_time=True, revise=False)
    summary = Summary(source=path, profile="")
    for item in batch_run.results(read(path, kind), job, jobs or os.cpu_count() or 1, summarise):
        if item is None:
            summary.unreadable += 1
        else:
            mid, date, *rest = item
            when = datetime.fromisoformat(date) if date else None
            summary.messages.append(Message(mid, when, *rest))
        if progress:
            progress.step()
    settings = batch_run._settings
    summary.profile = settings.profile
    summary.rule_messages = {r.id: r.message for r in settings.rules}
    summary.rule_dimensions = {r.id: r.dimension for r in settings.rules}
    return summary


# --- terminal ----------------------------------------------------------------------------

def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def text_summary(s: Summary, output: Path | None = None) -> str:
    scored = len(s.messages)
    held, revise = s.count("wait"), s.count("revise")
    dated = s.dated()
    span = (f" from {dated[0].date:%Y-%m-%d} to {dated[-1].date:%Y-%m-%d}"  # type: ignore[union-attr]
            if dated else "")
    lines = [f"{s.source}: {s.total} messages{span} (profile: {s.profile})"]
    lines.append(f"  would have been held: {held} ({_pct(held, scored)}); to revise: {revise} "
                 f"({_pct(revise, scored)}); fine to send: {s.count('send')}")
    if s.unreadable:
        lines.append(f"  could not be read: {s.unreadable}")
    top = s.findings()[:3]
    if top:
        lines.append("  most frequent: " + ", ".join(f"{rule} ({n})" for rule, n, _ in top))
    if output is not None:
        lines.append(f"  report: {output}")
    return "\n".join(lines)


# --- HTML --------------------------------------------------------------------------------

INTENSITY, PUSHINESS, HELD, MUTED = "#c2410c", "#7c3aed", "#b91c1c", "#cbd5e1"

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1e293b;max-width:980px;
margin:2rem auto;padding:0 1rem;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2.2rem}
.sub{color:#64748b;margin-top:0}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1.2rem 0}
.card{border:1px solid #e2e8f0;border-radius:8px;padding:.7rem 1rem;min-width:8rem}
.card b{display:block;font-size:1.6rem}.card span{color:#64748b;font-size:.85rem}
.held b{color:#b91c1c}.revise b{color:#b45309}.send b{color:#15803d}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e2e8f0;vertical-align:top}
td{overflow-wrap:anywhere}td.subject{min-width:12rem}
td.n{text-align:right;font-variant-numeric:tabular-nums}
svg{max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif;fill:#475569}
.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:12px;
height:12px;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
footer{margin-top:3rem;color:#94a3b8;font-size:.8rem}
@media (max-width:600px){
body{margin:1rem auto;font-size:14px}h1{font-size:1.3rem}.card{flex:1 1 40%}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:auto}
table.stack thead{display:none}
table.stack tr{border:1px solid #e2e8f0;border-radius:8px;margin:0 0 .7rem;padding:.4rem .6rem}
table.stack td{border:0;padding:.1rem 0;text-align:left;min-width:0}
table.stack td::before{content:attr(data-label) ": ";color:#64748b;font-size:.8rem}
}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{_e(label)}">'
            + "".join(body) + "</svg>")


def _x_labels(labels: list[str], x: Any, y: float) -> list[str]:
    step = max(1, len(labels) // 12)  # at most a dozen labels, or they run together
    return [f'<text x="{x(i):.1f}" y="{y:.1f}" text-anchor="middle">{_e(lab)}</text>'
            for i, lab in enumerate(labels) if i % step == 0 or i == len(labels) - 1]


def line_chart(labels: list[str], series: list[tuple[str, str, list[float]]]) -> str:
    """Scores (0-100) per period, one polyline per series."""
    width, height, left, right, top, bottom = 900, 300, 40, 15, 15, 40
    plot_w, plot_h = width - left - right, height - top - bottom

    pad = 30  # keeps the first and last labels clear of the edges

    def x(i: int) -> float:
        inner = plot_w - 2 * pad
        return left + pad + (inner * i / (len(labels) - 1) if len(labels) > 1 else inner / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - v / 100)

    body = []
    for tick in (0, 25, 50, 75, 100):
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                    f'stroke="#e2e8f0"/><text x="{left - 6}" y="{y(tick) + 4:.1f}" '
                    f'text-anchor="end">{tick}</text>')
    for name, color, values in series:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        body.append(f'<polyline fill="none" stroke="{color}" stroke-width="2.5" points="{points}"/>')
        for i, v in enumerate(values):
            body.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{color}">'
                        f'<title>{_e(labels[i])}: {_e(name)} {v:.0f}</title></circle>')
    body += _x_labels(labels, x, height - bottom + 18)
    return _svg(width, height, body, "average " + " and ".join(n for n, _, _ in series) + " over time")


def bar_chart(labels: list[str], totals: list[int], held: list[int]) -> str:
    """Messages per period, with the held ones in front."""
    width, height, left, right, top, bottom = 900, 220, 40, 15, 15, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(totals) or 1
    slot = plot_w / max(len(labels), 1)
    bar = max(2.0, slot * 0.7)

    def x(i: int) -> float:
        return left + slot * (i + 0.5)

    body = [f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
            f'stroke="#94a3b8"/>', f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>']
    for i, (total, hot) in enumerate(zip(totals, held, strict=True)):
        for value, color in ((total, MUTED), (hot, HELD)):
            h = plot_h * value / peak
            body.append(f'<rect x="{x(i) - bar / 2:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                        f'height="{h:.1f}" fill="{color}"><title>{_e(labels[i])}: {total} messages, '
                        f'{hot} held</title></rect>')
    body += _x_labels(labels, x, height - bottom + 18)
    return _svg(width, height, body, "messages and held messages per period")


DIMENSION_COLORS = {"intensity": INTENSITY, "pushiness": PUSHINESS, "length": "#0f766e"}


def findings_chart(rows: list[tuple[str, int]], dimensions: dict[str, str]) -> str:
    """Horizontal bars: how often each of the most frequent findings came up, coloured
    by the score it counts towards."""
    width, row_h, label_w = 900, 26, 300
    height = row_h * len(rows) + 10
    peak = max((n for _, n in rows), default=1) or 1
    body = []
    for i, (rule, n) in enumerate(rows):
        y = 5 + i * row_h
        w = (width - label_w - 60) * n / peak
        body.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{_e(rule)}</text>'
                    f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                    f'fill="{DIMENSION_COLORS.get(dimensions.get(rule, ""), MUTED)}"/>'
                    f'<text x="{label_w + w + 6:.1f}" y="{y + 17}">{n}</text>')
    return _svg(width, height, body, "most frequent findings")


def _hot_row(m: Message) -> tuple[str, ...]:
    return (f"{m.date:%Y-%m-%d %H:%M}" if m.date else "", m.to, m.subject, m.id,
            str(m.intensity), str(m.pushiness), m.verdict)


def _cell(column: str, value: str) -> str:
    kind = ' class="n"' if column in ("intensity", "pushiness") else f' class="{column}"'
    return f'<td{kind} data-label="{column}">{_e(value)}</td>'


def to_html(s: Summary, generated: datetime | None = None) -> str:
    scored = len(s.messages)
    held, revise, send = s.count("wait"), s.count("revise"), s.count("send")
    unit, periods = s.periods()
    labels = [key for key, _ in periods]
    dated = s.dated()
    span = (f"{dated[0].date:%d %b %Y} to {dated[-1].date:%d %b %Y}"  # type: ignore[union-attr]
            if dated else "no dated messages")
    top = s.findings()[:TOP_FINDINGS]
    generated = generated or datetime.now().astimezone()

    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>tonecheck report: {_e(Path(s.source).name)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{_e(Path(s.source).name)} through tonecheck</h1>",
        f'<p class="sub">{s.total} messages, {_e(span)}; profile <b>{_e(s.profile)}</b>. '
        "Each message is scored as of the moment it was sent.</p>",
        '<div class="cards">',
        f'<div class="card held" id="held"><b>{held}</b><span>would have been held '
        f'({_pct(held, scored)})</span></div>',
        f'<div class="card revise" id="revise"><b>{revise}</b><span>would have been sent back '
        f'for revision ({_pct(revise, scored)})</span></div>',
        f'<div class="card send" id="send"><b>{send}</b><span>fine to send '
        f'({_pct(send, scored)})</span></div>',
        f'<div class="card" id="total"><b>{s.total}</b><span>messages</span></div>',
    ]
    if s.unreadable:
        parts.append(f'<div class="card" id="unreadable"><b>{s.unreadable}</b>'
                     "<span>could not be read</span></div>")
    parts.append("</div>")

    if periods:
        avg = [(sum(m.intensity for m in ms) / len(ms), sum(m.pushiness for m in ms) / len(ms))
               for _, ms in periods]
        parts += [
            f"<h2>Intensity and pushiness by {unit}</h2>",
            '<p class="legend">'
            f'<span><i style="background:{INTENSITY}"></i>intensity (average)</span>'
            f'<span><i style="background:{PUSHINESS}"></i>pushiness (average)</span></p>',
            line_chart(labels, [("intensity", INTENSITY, [a for a, _ in avg]),
                                ("pushiness", PUSHINESS, [b for _, b in avg])]),
            f"<h2>Messages by {unit}</h2>",
            '<p class="legend">'
            f'<span><i style="background:{MUTED}"></i>messages</span>'
            f'<span><i style="background:{HELD}"></i>would have been held</span></p>',
            bar_chart(labels, [len(ms) for _, ms in periods],
                      [sum(1 for m in ms if m.verdict == "wait") for _, ms in periods]),
        ]
    if top:
        parts += ["<h2>Most frequent findings</h2>",
                  findings_chart([(r, n) for r, n, _ in top], s.rule_dimensions),
                  '<div class="scroll"><table><thead><tr><th>rule</th><th>what it means</th>'
                  "<th>times</th><th>messages</th></tr></thead><tbody>"]
        parts += [f'<tr><td>{_e(rule)}</td><td>{_e(s.rule_messages.get(rule, ""))}</td>'
                  f'<td class="n">{n}</td><td class="n">{msgs}</td></tr>' for rule, n, msgs in top]
        parts.append("</tbody></table></div>")
    hottest = sorted(s.messages, key=lambda m: (-max(m.intensity, m.pushiness), m.id))[:HOTTEST]
    if hottest:
        # Under 600 px wide each row becomes a card of labelled lines (the CSS above).
        columns = ("date", "to", "subject", "message", "intensity", "pushiness", "verdict")
        parts += ['<h2>Hottest messages</h2><div class="scroll"><table class="stack" id="hottest">'
                  "<thead><tr>" + "".join(f"<th>{c}</th>" for c in columns)
                  + "</tr></thead><tbody>"]
        parts += ["<tr>" + "".join(_cell(c, v) for c, v in zip(columns, _hot_row(m), strict=True))
                  + "</tr>" for m in hottest]
        parts.append("</tbody></table></div>")
    parts.append(f"<footer>Made by tonecheck on {generated:%Y-%m-%d %H:%M} from {_e(s.source)}. "
                 "This page loads nothing from the network.</footer></body></html>")
    return "\n".join(parts) + "\n"


def run(path: str, output: Path, jobs: int | None = None, profile: str | None = None,
        config: str | None = None, rules: list[str] | None = None,
        stream: TextIO | None = None) -> int:
    """`tonecheck report`: write the page, print the summary. Exit 0, or 2 when the
    mailbox cannot be read or the page cannot be written."""
    kind = detect(path)
    progress = Progress()
    if progress.enabled:  # counting costs a pass over the mailbox: only for a bar
        progress.total = count(path, kind)
    try:
        summary = collect(path, jobs, profile, config, rules, progress)
    finally:
        progress.close()
    page = to_html(summary)
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror or exc}", str(output)) from None
    (stream or sys.stdout).write(text_summary(summary, output) + "\n")
    return 0
