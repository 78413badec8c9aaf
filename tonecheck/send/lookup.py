"""Is this draft already held? What `tonecheck check` asks of the hold queue, cheaply.

Where the queue lives is decided here, and the queue itself (send.holdqueue) takes its
path from here too. Every check asks, and most people have no queue at all, so this reads
the database only when it exists, read-only, with none of the queue's own code (SQLite
handling, locks, the email policies): a caller loads that only for a draft that is held.

Speed: the plain twin is asking the queue itself (HoldQueue().held_copy, which calls
held_id too, after opening the queue for writing); tests/send/test_hold_command.py holds
`tonecheck check` on a held draft to what the queue holds.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path


def home() -> Path:
    """$TONECHECK_HOME, else $XDG_DATA_HOME/tonecheck (~/.local/share/tonecheck)."""
    env = os.environ.get("TONECHECK_HOME")
    if env:
        return Path(env).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "tonecheck"


def queue_dir() -> Path:
    """The hold queue's folder: its database, and a lock file per message being sent."""
    return home() / "hold"


def queue_database() -> Path:
    return queue_dir() / "queue.sqlite3"


#: The queue refuses to wait on a busy database for longer than this (and so does the
#: lookup here, which the queue shares).
BUSY_TIMEOUT = 60.0


def held_id(db: Path, data: bytes, now: datetime, path: str | None = None) -> str | None:
    """The id of the entry holding these exact bytes, or the draft at `path` (an absolute
    path) put on hold with `tonecheck hold`, until after `now`, if any. By path too, so
    that editing a held draft does not escape its hold. Read-only and silent: `tonecheck
    check` asks this of every draft and must not create a database as a side effect, nor
    fail because the queue is busy or odd."""
    # Looked for before anything is imported: most people have no queue, and SQLite and
    # hashlib's OpenSSL would add a fifth to a check's memory.
    if not db.exists():
        return None
    import hashlib
    import sqlite3

    digest = hashlib.sha256(data).hexdigest()
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            row = conn.execute(
                "SELECT id FROM held WHERE (sha256 = ? OR (origin = 'hold' AND path = ?))"
                " AND not_before_ts > ? ORDER BY not_before_ts DESC LIMIT 1",
                (digest, path, now.timestamp())).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
