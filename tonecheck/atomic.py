"""Writing files so that a crash never leaves half a file: temp file, fsync, rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


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
