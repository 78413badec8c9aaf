"""The `check` command's work, without the command-line framework.

Typer's `check` (cli.app) and the quick entry a pre-send hook goes through (cli.quick)
both call `run`, so a check prints the same whichever parsed its arguments. Nothing here
imports Typer or Rich: JSON and line output never need them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import TonecheckError, fail


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def run(files: list[str], profile: str | None = None, config: str | None = None,
        rules: list[Path] | list[str] | None = None, fmt: str = "text", revision: bool = True,
        now: str | None = None) -> int:
    """Score drafts, print them in `fmt`, and return the exit status: 0 when every one may
    be sent, 1 when any should be revised or wait (or is already in the hold queue), 2
    when a draft could not be read."""
    from ..analysis import analyze_draft
    from ..config import Session
    from ..delay import now_from, when
    from ..drafts.load import load, read_bytes
    from ..send.lookup import held_id, queue_database

    session = Session(profile, config, rules)
    moment = now_from(now)
    reports, errors, held = [], 0, 0
    db = queue_database()
    for path in files:
        try:
            data = read_bytes(path)
            draft = load(path, data)
            reports.append(analyze_draft(draft, session.settings_for(path), moment))
            if ident := held_id(db, data, moment):
                from ..send.holdqueue import HoldQueue

                entry = HoldQueue().get(ident)
                fail(f"{draft.path}: held as {entry.id} until "
                     f"{when(entry.not_before)}; it may not go before then")
                held += 1
        except TonecheckError as exc:
            fail(str(exc))
            errors += 1
    if fmt == "json" and reports:
        from ..render.json import write_json

        write_json(reports, sys.stdout)
        sys.stdout.flush()
    elif fmt == "line":
        from ..render.line import to_lines

        for report in reports:
            if lines := to_lines(report):
                _out(lines)
            for warning in report.warnings:
                fail(f"{report.source}: warning: {warning}")
    elif fmt != "json":
        from ..render.text import print_text, to_text, use_color

        color = use_color(sys.stdout)
        for i, report in enumerate(reports):
            if i:
                _out("")
            print_text(to_text(report, color, moment, revision), color)
    if errors:
        return 2
    return 0 if not held and all(r.verdict == "send" for r in reports) else 1
