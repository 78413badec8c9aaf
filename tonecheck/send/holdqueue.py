"""The hold queue: messages that may not go yet, kept in SQLite until their time comes.

What it promises, and how:

- A message is committed to disk (WAL, synchronous=FULL) before anyone is told it is
  held, so a crash after "held" never loses it.
- Sending is claimed in the database (state `sending`) while an flock on the message's
  own lock file is held, for exactly as long as the real sendmail runs. The kernel drops
  that lock when the process dies, however it dies, so a `sending` row whose lock is free
  belongs to a delivery that crashed. Its outcome is unknown: the row is marked `unknown`
  and nothing resends it without an explicit --force.
- A sent message is deleted, so the queue only ever holds what has not gone.
- Every write runs in BEGIN IMMEDIATE with a long busy timeout, so any number of wrappers
  and flushes can run at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import signal
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from ..core.errors import TonecheckError
from .lookup import BUSY_TIMEOUT, held_id, queue_dir

#: Set in the real sendmail's environment, so a command that points back at tonecheck
#: is caught instead of looping.
LOOP_GUARD = "TONECHECK_DELIVERING"
#: Fault injection for the crash tests: the process SIGKILLs itself at the named point.
KILL_AT = "TONECHECK_TEST_KILL_AT"

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS held (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('held', 'sending', 'unknown')),
    origin TEXT NOT NULL CHECK (origin IN ('sendmail', 'hold')),
    message BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    -- The same message whatever its Date and Message-ID: a mail client that retries
    -- after tonecheck was killed makes those anew, and must not get a second copy held.
    same_as TEXT NOT NULL,
    -- The real sendmail command (JSON list, program resolved to an absolute path when
    -- held) and the arguments the mail client gave: a release from cron needs nothing
    -- from the caller's environment. sendmail is NULL only when the config that names it
    -- could not be read, and then the release that re-reads the config fills it in.
    sendmail TEXT,
    args TEXT,
    path TEXT,
    start_dir TEXT,
    -- A profile chosen on the command line, and the config file that applied: a release
    -- re-checks with that file as it is then.
    profile TEXT,
    config TEXT,
    report TEXT,
    verdict TEXT NOT NULL,
    reason TEXT NOT NULL,
    held_at TEXT NOT NULL,
    held_ts REAL NOT NULL,
    not_before TEXT NOT NULL,
    not_before_ts REAL NOT NULL,
    hold_until_ts REAL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    claimed_by INTEGER,
    claimed_at TEXT
);
CREATE INDEX IF NOT EXISTS held_sha256 ON held (sha256);
CREATE INDEX IF NOT EXISTS held_same_as ON held (same_as);
"""


def check_owner(*paths: Path) -> None:
    """Refuse a queue that is not the caller's: it holds the commands its owner chose, and
    root flushing another user's queue would run them as root."""
    me = os.geteuid()
    for path in paths:
        try:
            owner = path.lstat().st_uid
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise TonecheckError(f"cannot open the hold queue: {exc}", str(path)) from None
        if owner != me:
            raise TonecheckError(
                f"the hold queue belongs to uid {owner}, not to you (uid {me}); tonecheck "
                "will not send another user's mail. Run it as that user", str(path))


@contextmanager
def message_file(message: bytes) -> Iterator[BinaryIO]:
    """The message whole in an unlinked temp file, for the real sendmail's stdin. Written
    before the child starts: a pipe fed as it reads would leave it a truncated message if
    tonecheck were killed mid-way, and sendmail would send that."""
    import tempfile

    with tempfile.TemporaryFile() as fh:
        fh.write(message)
        fh.flush()
        fh.seek(0)
        yield fh


def _fault(point: str) -> None:
    if os.environ.get(KILL_AT) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _from_ts(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC).astimezone()


@dataclass
class Entry:
    id: str
    state: str  # held | sending | unknown
    origin: str  # sendmail | hold
    message: bytes
    sha256: str
    sendmail: list[str] | None
    args: list[str] | None
    path: str | None
    start_dir: str | None
    profile: str | None
    config: str | None
    report: dict[str, Any] | None
    verdict: str  # send | revise | wait | error
    reason: str
    held_at: datetime
    not_before: datetime
    hold_until: datetime | None
    attempts: int
    last_error: str | None
    claimed_by: int | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Entry:
        return cls(
            id=row["id"], state=row["state"], origin=row["origin"], message=bytes(row["message"]),
            sha256=row["sha256"],
            sendmail=json.loads(row["sendmail"]) if row["sendmail"] is not None else None,
            args=json.loads(row["args"]) if row["args"] is not None else None,
            path=row["path"], start_dir=row["start_dir"], profile=row["profile"],
            config=row["config"], report=json.loads(row["report"]) if row["report"] else None,
            verdict=row["verdict"], reason=row["reason"],
            held_at=datetime.fromisoformat(row["held_at"]),
            not_before=datetime.fromisoformat(row["not_before"]),
            hold_until=_from_ts(row["hold_until_ts"]) if row["hold_until_ts"] else None,
            attempts=row["attempts"], last_error=row["last_error"], claimed_by=row["claimed_by"],
        )

    @property
    def command(self) -> list[str] | None:
        """What a release runs, or None for a draft held with `tonecheck hold`."""
        if self.origin != "sendmail" or not self.sendmail:
            return None
        return [*self.sendmail, *(self.args or [])]

    def headers(self) -> dict[str, str]:
        if self.origin != "sendmail" and not (self.path or "").endswith(".eml"):
            return {}
        # Imported here: `tonecheck check` opens the queue on every run and never needs it.
        import email.parser
        import email.policy

        parsed = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(
            self.message)
        out = {}
        for name in ("From", "To", "Cc", "Subject"):
            try:
                value = parsed.get(name)
            except (ValueError, TypeError, LookupError):
                value = None
            if value:
                out[name.lower()] = " ".join(str(value).split())
        return out

    def summary(self) -> str:
        h = self.headers()
        if h:
            return f"to {h.get('to', '?')}: {h.get('subject', '(no subject)')}"
        return self.path or "(draft)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "origin": self.origin,
            "verdict": self.verdict,
            "reason": self.reason,
            "held_at": _iso(self.held_at),
            "not_before": _iso(self.not_before),
            "command": self.command,
            "path": self.path,
            "headers": self.headers(),
            "bytes": len(self.message),
            "sha256": self.sha256,
            "attempts": self.attempts,
            "last_error": self.last_error,
        }


@dataclass
class Outcome:
    """What one release or flush step did to one message."""

    id: str
    status: str  # sent | failed | unknown | waiting | refused | released | busy | gone
    detail: str = ""


class HoldQueue:
    """The queue on disk. Each method opens, uses and closes its own connection, so a
    queue object is safe to keep around and cheap to make."""

    def __init__(self, directory: Path | None = None):
        self.dir = directory or queue_dir()
        self.db = self.dir / "queue.sqlite3"
        self.locks = self.dir / "locks"

    # -- storage ---------------------------------------------------------------------

    def _prepare(self) -> None:
        """The directory (0700) and the database file (0600), before SQLite touches them.

        SQLite gives its -wal and -shm files the database's own mode."""
        self.dir.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        check_owner(self.dir, self.db)
        for folder in (self.dir, self.locks):
            folder.mkdir(mode=0o700, exist_ok=True)
        for folder in (self.dir, self.locks):
            if folder.stat().st_mode & 0o777 != 0o700:
                folder.chmod(0o700)
        if not self.db.exists():
            fd = os.open(self.db, os.O_CREAT | os.O_RDWR, 0o600)
            os.close(fd)
            _fsync_dir(self.dir)
        if self.db.stat().st_mode & 0o777 != 0o600:
            self.db.chmod(0o600)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self._prepare()
            conn = sqlite3.connect(self.db, timeout=BUSY_TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise TonecheckError(f"cannot open the hold queue: {exc}", str(self.db)) from None
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                with _transaction(conn):
                    for statement in filter(str.strip, SCHEMA.split(";")):
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            yield conn
        except sqlite3.DatabaseError as exc:
            raise TonecheckError(f"the hold queue failed: {exc}", str(self.db)) from None
        finally:
            conn.close()

    def add(
        self,
        message: bytes,
        *,
        origin: str,
        verdict: str,
        reason: str,
        now: datetime,
        not_before: datetime,
        sendmail: list[str] | None = None,
        args: list[str] | None = None,
        path: str | None = None,
        start_dir: str | None = None,
        profile: str | None = None,
        config: str | None = None,
        report: dict[str, Any] | None = None,
        hold_until: datetime | None = None,
        error: str | None = None,
    ) -> tuple[Entry, bool]:
        """Store a message durably. Returns its entry, and False when the very same bytes
        were already held for the same delivery (a client retrying after a crash): the
        queue keeps one copy, never two."""
        digest = hashlib.sha256(message).hexdigest()
        args_json = json.dumps(args) if args is not None else None
        same_as = retry_key(message, origin, args_json)
        with self._connect() as conn:
            with _transaction(conn):
                row = conn.execute("SELECT * FROM held WHERE same_as = ? ORDER BY held_ts LIMIT 1",
                                   (same_as,)).fetchone()
                if row is not None:
                    return Entry.from_row(row), False
                if origin == "hold" and path:
                    row = conn.execute("SELECT * FROM held WHERE origin = 'hold' AND path = ?",
                                       (path,)).fetchone()
                if row is not None:
                    # The same draft, edited since: one entry, now holding the new text,
                    # and never for less time than it already was.
                    until = max(row["not_before_ts"], not_before.timestamp())
                    conn.execute(
                        "UPDATE held SET message = ?, sha256 = ?, same_as = ?, report = ?,"
                        " verdict = ?, reason = ?, not_before = ?, not_before_ts = ?"
                        " WHERE id = ?",
                        (message, digest, same_as, json.dumps(report) if report else None,
                         verdict, reason, _iso(_from_ts(until)), until, row["id"]))
                    return Entry.from_row(conn.execute("SELECT * FROM held WHERE id = ?",
                                                       (row["id"],)).fetchone()), False
                ident = self._new_id(conn)
                conn.execute(
                    "INSERT INTO held (id, state, origin, message, sha256, same_as, sendmail, args,"
                    " path, start_dir, profile, config, report, verdict, reason, held_at, held_ts,"
                    " not_before, not_before_ts, hold_until_ts, last_error)"
                    " VALUES (?, 'held', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (ident, origin, message, digest, same_as,
                     json.dumps(sendmail) if sendmail else None,
                     args_json, path, start_dir,
                     profile, config, json.dumps(report) if report else None, verdict, reason,
                     _iso(now), now.timestamp(), _iso(not_before), not_before.timestamp(),
                     hold_until.timestamp() if hold_until else None, error),
                )
                _fault("insert")
            entry = Entry.from_row(conn.execute("SELECT * FROM held WHERE id = ?",
                                                (ident,)).fetchone())
        _fsync_dir(self.dir)
        return entry, True

    def add_large(self, spool: BinaryIO, *, origin: str, reason: str, now: datetime,
                  sendmail: list[str] | None, args: list[str] | None,
                  start_dir: str | None) -> str:
        """Store a message too big to check, unchecked, copied from `spool` in chunks so
        that it is never whole in memory here; returns its id. It may go at once, but only
        with --force: a release cannot re-check it either."""
        digest = hashlib.sha256()
        size = 0
        while chunk := spool.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
        args_json = json.dumps(args) if args is not None else None
        same_as = hashlib.sha256(f"large\0{origin}\0{args_json}\0{digest.hexdigest()}"
                                 .encode()).hexdigest()
        with self._connect() as conn:
            with _transaction(conn):
                row = conn.execute("SELECT id FROM held WHERE same_as = ?", (same_as,)).fetchone()
                if row is not None:
                    return row[0]
                ident = self._new_id(conn)
                conn.execute(
                    "INSERT INTO held (id, state, origin, message, sha256, same_as, sendmail, args,"
                    " start_dir, verdict, reason, held_at, held_ts, not_before, not_before_ts,"
                    " last_error) VALUES (?, 'unknown', ?, zeroblob(?), ?, ?, ?, ?, ?, 'error', ?,"
                    " ?, ?, ?, ?, ?)",
                    (ident, origin, size, digest.hexdigest(), same_as,
                     json.dumps(sendmail) if sendmail else None, args_json, start_dir, reason,
                     _iso(now), now.timestamp(), _iso(now), now.timestamp(),
                     f"{reason}; only --force sends it"))
                rowid = conn.execute("SELECT rowid FROM held WHERE id = ?", (ident,)).fetchone()[0]
                spool.seek(0)
                with conn.blobopen("held", "message", rowid) as blob:
                    while chunk := spool.read(1 << 20):
                        blob.write(chunk)
        _fsync_dir(self.dir)
        return ident

    @staticmethod
    def _new_id(conn: sqlite3.Connection) -> str:
        while True:
            ident = secrets.token_hex(4)
            if not conn.execute("SELECT 1 FROM held WHERE id = ?", (ident,)).fetchone():
                return ident

    def entries(self) -> list[Entry]:
        self.reap()
        with self._connect() as conn:
            rows = conn.execute("SELECT * FROM held ORDER BY not_before_ts, held_ts").fetchall()
        return [Entry.from_row(r) for r in rows]

    def get(self, ident: str) -> Entry:
        """One entry by its id, or by a prefix of it that names only one."""
        ident = ident.strip().lower()
        if not ident or not all(c in "0123456789abcdef" for c in ident):
            raise TonecheckError(f"'{ident}' is not a queue id (ids look like 3f2a9c1e)")
        self.reap(ident)
        with self._connect() as conn:
            rows = conn.execute("SELECT * FROM held WHERE id LIKE ? || '%'", (ident,)).fetchall()
        if not rows:
            raise TonecheckError(f"no held message '{ident}' (`tonecheck queue list` shows them)")
        if len(rows) > 1:
            raise TonecheckError(f"'{ident}' matches {len(rows)} held messages; give more of the id")
        return Entry.from_row(rows[0])

    def held_copy(self, data: bytes, now: datetime) -> Entry | None:
        """The entry holding these exact bytes until after `now`, if there is one
        (send.lookup.held_id, which `tonecheck check` uses without this module)."""
        ident = held_id(self.db, data, now)
        return self.get(ident) if ident else None

    def drop(self, ident: str) -> Entry:
        entry = self.get(ident)
        with self._claim_lock(entry.id) as locked:
            if not locked:
                raise TonecheckError(f"{entry.id} is being sent right now; it cannot be dropped")
            with self._connect() as conn, _transaction(conn):
                conn.execute("DELETE FROM held WHERE id = ?", (entry.id,))
            self._lock_path(entry.id).unlink(missing_ok=True)
        return entry

    def update(self, ident: str, **fields: Any) -> None:
        allowed = {"not_before", "last_error", "verdict", "reason", "report", "sendmail"}
        if not set(fields) <= allowed:
            raise ValueError(f"cannot update {sorted(set(fields) - allowed)}")
        values = dict(fields)
        if "not_before" in values:
            moment = values.pop("not_before")
            values["not_before"] = _iso(moment)
            values["not_before_ts"] = moment.timestamp()
        for key in ("report", "sendmail"):
            if values.get(key) is not None:
                values[key] = json.dumps(values[key])
        sets = ", ".join(f"{k} = ?" for k in values)
        with self._connect() as conn, _transaction(conn):
            conn.execute(f"UPDATE held SET {sets} WHERE id = ? AND state != 'sending'",
                         (*values.values(), ident))

    # -- delivery --------------------------------------------------------------------

    def _lock_path(self, ident: str) -> Path:
        return self.locks / f"{ident}.lock"

    @contextmanager
    def _claim_lock(self, ident: str) -> Iterator[bool]:
        """Hold the message's delivery lock, if nobody else does (yields False then)."""
        self._prepare()
        fd = os.open(self._lock_path(ident), os.O_CREAT | os.O_RDWR, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def reap(self, ident: str | None = None) -> list[str]:
        """Mark `sending` rows whose delivering process has died as `unknown`."""
        if not self.db.exists():
            return []
        with self._connect() as conn:
            query = "SELECT id FROM held WHERE state = 'sending'"
            rows = conn.execute(query + (" AND id LIKE ? || '%'" if ident else ""),
                                (ident,) if ident else ()).fetchall()
        reaped = []
        for (rid,) in rows:
            with self._claim_lock(rid) as locked:
                if not locked:
                    continue  # a live delivery
                # The deliverer records its result before it lets go of the lock, so a row
                # still `sending` now was left by a process that died mid-delivery.
                with self._connect() as conn, _transaction(conn):
                    changed = conn.execute(
                        "UPDATE held SET state = 'unknown', last_error = ? WHERE id = ?"
                        " AND state = 'sending'",
                        ("the delivering process died while sendmail ran: the message may or"
                         " may not have gone", rid)).rowcount
                if changed:
                    reaped.append(rid)
        return reaped

    def deliver(self, ident: str, now: datetime, *, force: bool = False,
                timeout: float = 300.0) -> Outcome:
        """Hand one held message to its real sendmail, exactly once.

        The caller has already re-checked it and decided it may go."""
        with self._claim_lock(ident) as locked:
            if not locked:
                return Outcome(ident, "busy", "another tonecheck is sending it right now")
            with self._connect() as conn, _transaction(conn):
                row = conn.execute("SELECT * FROM held WHERE id = ?", (ident,)).fetchone()
                if row is None:
                    return Outcome(ident, "gone", "no longer in the queue")
                entry = Entry.from_row(row)
                if entry.state == "sending":
                    # We hold its lock, so whoever claimed it is dead.
                    conn.execute("UPDATE held SET state = 'unknown' WHERE id = ?", (ident,))
                    entry.state = "unknown"
                if entry.state == "unknown" and not force:
                    return Outcome(ident, "refused", "its last delivery may or may not have gone;"
                                   " --force sends it again")
                command = entry.command
                if command is None:
                    return Outcome(ident, "refused", "no sendmail to deliver it with")
                conn.execute(
                    "UPDATE held SET state = 'sending', attempts = attempts + 1, claimed_by = ?,"
                    " claimed_at = ? WHERE id = ?", (os.getpid(), _iso(now), ident))
            _fault("claimed")
            status, detail = run_sendmail(command, entry.message, timeout)
            _fault("delivered")
            with self._connect() as conn, _transaction(conn):
                if status == "sent":
                    conn.execute("DELETE FROM held WHERE id = ?", (ident,))
                else:
                    state = "unknown" if status == "unknown" else "held"
                    conn.execute(
                        "UPDATE held SET state = ?, last_error = ?, claimed_by = NULL"
                        " WHERE id = ?", (state, detail, ident))
            if status == "sent":
                self._lock_path(ident).unlink(missing_ok=True)
        return Outcome(ident, status, detail)


_VOLATILE = re.compile(rb"^(?:date|message-id):[^\n]*\n(?:[ \t][^\n]*\n)*", re.I | re.M)


def retry_key(message: bytes, origin: str, args_json: str | None) -> str:
    """What makes two held messages the same one: origin, sendmail arguments, and the bytes
    without the Date and Message-ID headers that a mail client makes anew on each try."""
    head, sep, body = message.replace(b"\r\n", b"\n").partition(b"\n\n")
    if origin == "sendmail" and sep:
        message = _VOLATILE.sub(b"", head + b"\n") + b"\n" + body
    digest = hashlib.sha256()
    for part in (origin.encode(), (args_json or "").encode(), message):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def run_sendmail(command: list[str], message: bytes, timeout: float) -> tuple[str, str]:
    """Run the real sendmail with the message on stdin: ('sent' | 'failed' | 'unknown', detail).

    'failed' means the message certainly did not go (the program could not start, or it
    said no with an exit status); 'unknown' means it may have (killed, or timed out)."""
    import subprocess  # only a release runs anything

    env = {**os.environ, LOOP_GUARD: "1"}
    try:
        with message_file(message) as fh:
            proc = subprocess.run(command, stdin=fh, capture_output=True, timeout=timeout,
                                  env=env)
    except subprocess.TimeoutExpired:
        return "unknown", f"{command[0]} ran for over {timeout:g} s and was stopped"
    except OSError as exc:
        return "failed", f"could not run {command[0]}: {exc.strerror or exc}"
    said = " ".join((proc.stderr or proc.stdout).decode("utf-8", "replace").split())[-300:]
    if proc.returncode == 0:
        return "sent", f"via {command[0]}"
    if proc.returncode < 0:
        return "unknown", f"{command[0]} was killed by signal {-proc.returncode}"
    return "failed", f"{command[0]} exited {proc.returncode}" + (f": {said}" if said else "")


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, retried while another process holds the write lock."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
