"""Writing a revision back: the file's own bytes, written so a crash never leaves half a file.

`file_bytes` turns revised text into what the file should hold (an email keeps its headers
and parts; a text keeps its encoding and line endings); `write_atomic` puts it in place:
temp file, fsync, rename.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..core.draft import Draft
from ..core.errors import InputError


def file_bytes(draft: Draft, source: str) -> bytes:
    """The whole file with `source` as its text: for an email, the original message
    with its subject and plain body replaced; otherwise the text itself."""
    if draft.kind == "email":
        return _rewrite_email(draft, source)
    return draft.encode(source)


def _rewrite_email(draft: Draft, revised_source: str) -> bytes:
    """The original message with its subject and plain body replaced by the revision."""
    import email.policy
    from email.message import EmailMessage

    from .email import body_part

    msg = draft.message
    if not isinstance(msg, EmailMessage):
        raise InputError("not an email draft", draft.path)
    part, flavour = body_part(msg)
    if flavour != "plain" or part is None:
        raise InputError("only a plain-text email body can be revised in place", draft.path)
    subject, _, body = revised_source.partition("\n\n")
    if subject != str(msg.get("Subject", "")):
        del msg["Subject"]
        msg["Subject"] = subject
    charset = part.get_content_charset() or "utf-8"
    # 8bit keeps the body readable; only overlong lines need quoted-printable.
    cte = "8bit" if all(len(line) < 990 for line in body.split("\n")) else None
    part.set_content(body, charset=charset if charset != "us-ascii" else "utf-8", cte=cte)
    return msg.as_bytes(policy=email.policy.default)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Replace `path` with `data` in one step, keeping its permissions.

    Refuses a file that is read-only or has vanished since it was read: the user asked
    to revise that file, not to create a new one.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        raise InputError("the file has gone; nothing was written", str(path)) from None
    # The mode bits count even for root, who may write anything: read-only means read-only.
    if not os.access(target, os.W_OK) or not mode & 0o222:
        raise InputError("the file is read-only; nothing was written", str(path))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write: {exc.strerror or exc}; the original is intact",
                         str(path)) from None
    dir_fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
