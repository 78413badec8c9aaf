"""The `check` command's work, without the command-line framework.

Typer's `check` (tonecheck.cli) and the quick entry a pre-send hook goes through
(tonecheck.entry) both call `run`, so a check prints the same whichever parsed its
arguments. Nothing here imports Typer or Rich: JSON and line output never need them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from .errors import TonecheckError

FORMATS = ("text", "json", "line")


def now_from(value: str | None) -> datetime:
    """The moment delays are measured from: --now/TONECHECK_NOW, else the clock."""
    if not value:
        return datetime.now().astimezone()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise TonecheckError(f"--now/TONECHECK_NOW {value!r} is not an ISO 8601 time") from None
    return moment if moment.tzinfo else moment.astimezone()


class Session:
    """Settings resolved once per folder (config is found walking up from each draft)."""

    def __init__(self, profile: str | None, config: str | None, rules: list[Path] | list[str] | None):
        self.profile, self.config, self.rules = profile, config, [str(r) for r in rules or []]
        self._cache: dict[Path, object] = {}

    def settings_for(self, path: str):  # noqa: ANN201 - tonecheck.Settings, imported lazily
        from .config import load_settings

        start = Path.cwd() if path == "-" else Path(path).resolve().parent
        if start not in self._cache:
            self._cache[start] = load_settings(self.profile, self.config, self.rules, start)
        return self._cache[start]


def fail(message: str) -> None:
    """One line on stderr, the way every tonecheck error and warning is shown."""
    sys.stderr.write(f"tonecheck: {message}\n")
    sys.stderr.flush()


def exit_after(command: Callable[[], int]) -> NoReturn:
    """Run a command and exit with its status. Any error is one line on stderr and exit
    status 2, never a traceback (TONECHECK_DEBUG=1 lets an unexpected one through)."""
    from .errors import TonecheckError

    try:
        code = command()
    except TonecheckError as exc:
        fail(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining
        # again when it flushes stdout on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the promise is one line, not a traceback
        if os.environ.get("TONECHECK_DEBUG"):
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (TONECHECK_DEBUG=1 shows more)")
        sys.exit(2)
    sys.exit(code)


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def run(files: list[str], profile: str | None = None, config: str | None = None,
        rules: list[Path] | list[str] | None = None, fmt: str = "text", revision: bool = True,
        now: str | None = None) -> int:
    """Score drafts, print them in `fmt`, and return the exit status: 0 when every one may
    be sent, 1 when any should be revised or wait (or is already in the hold queue), 2
    when a draft could not be read."""
    from . import drafts, render
    from .analysis import analyze_draft

    session = Session(profile, config, rules)
    moment = now_from(now)
    reports, errors, held = [], 0, 0
    queue = hold_queue()
    for path in files:
        try:
            data = drafts.read_bytes(path)
            draft = drafts.load(path, data)
            reports.append(analyze_draft(draft, session.settings_for(path), moment))
            if queue is not None and (entry := queue.held_copy(data, moment)):
                fail(f"{draft.path}: held as {entry.id} until "
                     f"{entry.not_before.astimezone():%a %d %b %H:%M}; it may not go before then")
                held += 1
        except TonecheckError as exc:
            fail(str(exc))
            errors += 1
    if fmt == "json" and reports:
        render.write_json(reports, sys.stdout)
        sys.stdout.flush()
    elif fmt == "line":
        for report in reports:
            if lines := render.to_lines(report):
                _out(lines)
            for warning in report.warnings:
                fail(f"{report.source}: warning: {warning}")
    elif fmt != "json":
        color = render.use_color(sys.stdout)
        for i, report in enumerate(reports):
            if i:
                _out("")
            render.print_text(render.to_text(report, color, moment, revision), color)
    if errors:
        return 2
    return 0 if not held and all(r.verdict == "send" for r in reports) else 1


def queue_database() -> Path:
    """Where the hold queue keeps its database: the path tonecheck.holdqueue uses
    (HoldQueue().db), worked out here because importing that module (SQLite, the email
    policies) costs more than a whole check, and most people have no queue at all.
    tests/test_entry.py holds the two to the same path."""
    home = os.environ.get("TONECHECK_HOME")
    if home:
        base = Path(home).expanduser()
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")) / "tonecheck"
    return base / "hold" / "queue.sqlite3"


def hold_queue() -> HeldLookup | None:
    """The hold queue, when it exists: a draft that is already held is not sent early."""
    db = queue_database()
    return HeldLookup(db) if db.exists() else None


class HeldLookup:
    """Asks the hold queue whether a draft is held, loading the queue's own code (SQLite
    handling, locks, the email policies) only for a draft that is."""

    def __init__(self, db: Path):
        self.db = db

    def held_copy(self, data: bytes, now: datetime):  # noqa: ANN201 - a holdqueue.Entry
        ident = held_id(self.db, data, now)
        if ident is None:
            return None
        from .holdqueue import HoldQueue

        return HoldQueue().get(ident)


#: The queue refuses to wait on a busy database for longer than this (and so does the
#: lookup here, which the queue shares).
BUSY_TIMEOUT = 60.0


def held_id(db: Path, data: bytes, now: datetime) -> str | None:
    """The id of the entry holding these exact bytes until after `now`, if any. Read-only
    and silent: `tonecheck check` asks this of every draft and must not create a database
    as a side effect, nor fail because the queue is busy or odd."""
    import hashlib
    import sqlite3

    if not db.exists():
        return None
    digest = hashlib.sha256(data).hexdigest()
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            row = conn.execute(
                "SELECT id FROM held WHERE sha256 = ? AND not_before_ts > ?"
                " ORDER BY not_before_ts DESC LIMIT 1", (digest, now.timestamp())).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
