"""The `check` command's work, without the command-line framework.

Typer's `check` (cli.app) and the quick entry a pre-send hook goes through (cli.quick)
both call `run`, so a check prints the same whichever parsed its arguments. Nothing here
imports Typer or Rich: JSON and line output never need them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import TonecheckError, fail

#: What --fail-on takes: the verdicts from which a check exits 1.
FAIL_ON = ("revise", "wait")
#: Findings printed per draft (text, line and JSON) unless --max-findings says otherwise: a
#: pasted log of megabytes has hundreds of thousands, and nobody reads past the first few.
MAX_FINDINGS = 50


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def expand_rules(rules: list[Path] | list[str] | None) -> list[str] | None:
    """--rules values as pack files: a folder stands for every *.toml in it, in name order."""
    if not rules:
        return None
    out = []
    for value in map(str, rules):
        path = Path(value)
        if path.is_dir():
            packs = sorted(str(p) for p in path.glob("*.toml") if p.is_file())
            if not packs:
                raise TonecheckError("no rule packs (*.toml) in this folder", value)
            out += packs
        else:
            out.append(value)
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def run(files: list[str], profile: str | None = None, config: str | None = None,
        rules: list[Path] | list[str] | None = None, fmt: str = "text", revision: bool = True,
        now: str | None = None, fail_on: str = "revise",
        max_findings: int | None = MAX_FINDINGS) -> int:
    """Score drafts, print them in `fmt`, and return the exit status: 0 when every one may
    be sent, 1 when any reaches `fail_on` (revise: revise or wait; wait: wait only) or is
    already in the hold queue, 2 when a draft could not be read. `max_findings` caps the
    findings printed per draft (0 or None: all of them); JSON counts the rest in
    "findings_omitted", as text and line output say how many more there are."""
    from ..analysis import analyze_draft
    from ..config import Session
    from ..delay import now_from, when
    from ..drafts.load import load, read_bytes
    from ..send.lookup import held_id, queue_database

    if fail_on not in FAIL_ON:
        raise TonecheckError(f"--fail-on takes {' or '.join(FAIL_ON)}, not {fail_on!r}")
    session = Session(profile, config, expand_rules(rules))
    moment = now_from(now)
    # One entry per argument, in order: a report, or the error that stopped it.
    results: list = []
    held: dict[int, str] = {}  # index in results -> why it may not go yet
    db = queue_database()
    for path in files:
        try:
            data = read_bytes(path)
            draft = load(path, data)
            # Looked up before the analysis, so the file's bytes are not held through it.
            where = None if path == "-" else str(Path(path).resolve())
            ident = held_id(db, data, moment, where)
            del data
            results.append(analyze_draft(draft, session.settings_for(path), moment))
            if ident:
                from ..send.holdqueue import HoldQueue

                entry = HoldQueue().get(ident)
                results[-1].held_until = entry.not_before
                why = f"held as {entry.id} until {when(entry.not_before)}; it may not go before then"
                fail(f"{draft.path}: {why}")
                held[len(results) - 1] = why
        except TonecheckError as exc:
            fail(str(exc))
            results.append(exc)
    reports = [r for r in results if not isinstance(r, TonecheckError)]
    errors = len(results) - len(reports)
    failing = {"revise", "wait"} if fail_on == "revise" else {"wait"}

    if fmt == "json":
        from ..render.json import error_dict, write_json

        # Several paths always give a list, one item per path in argument order, so a
        # program can zip it with its arguments even when a draft could not be read.
        if len(files) > 1:
            write_json([error_dict(r.path or "", str(r)) if isinstance(r, TonecheckError) else r
                        for r in results],
                       sys.stdout, as_list=True, max_findings=max_findings)
        elif reports:
            write_json(reports, sys.stdout, max_findings=max_findings)
        sys.stdout.flush()
    elif fmt == "line":
        from ..render.line import to_lines

        for i, report in enumerate(results):
            if isinstance(report, TonecheckError):
                continue
            if lines := to_lines(report, max_findings, held.get(i)):
                _out(lines)
            for warning in report.warnings:
                fail(f"{report.source}: warning: {warning}")
    else:
        from ..render.text import print_text, summary, to_text, use_color

        color = use_color(sys.stdout)
        for i, report in enumerate(reports):
            if i:
                _out("")
            print_text(to_text(report, color, moment, revision, max_findings), color)
        if len(files) > 1:
            _out("")
            print_text(summary(len(files), [r.verdict for r in reports], errors, len(held)), color)
    if errors:
        return 2
    return 1 if held or any(r.verdict in failing for r in reports) else 0
