"""Reading a batch's records: JSON Lines, an mbox, a Maildir or a folder, one at a time.

An mbox is split as it is read and a folder listed then read file by file, so memory
stays flat however big the input is. A record that cannot be read (a line that is not
JSON, a file that is not text) comes out as a Record with its error, in its place.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import InputError, TonecheckError
from ..core.settings import MAX_MESSAGE_BYTES

INPUT_FORMATS = ("auto", "jsonl", "mbox", "maildir", "folder")


@dataclass
class Record:
    """One draft to score, as read from the input (or why it could not be)."""

    #: What the output line carries as "id": the JSONL id, else filled in from the
    #: message's Message-ID, else the source.
    id: Any
    #: Where it came from, for messages: "<stdin>:3", "box.mbox#12", "Maildir/cur/...".
    source: str
    text: str | None = None
    data: bytes | None = None
    kind: str | None = None
    error: str | None = None
    has_id: bool = False


def detect(path: str) -> str:
    """Which kind of input `path` is: jsonl, mbox, maildir or folder."""
    if path == "-":
        return "jsonl"
    p = Path(path)
    if p.is_dir():
        return "maildir" if (p / "cur").is_dir() and (p / "new").is_dir() else "folder"
    if not p.exists():
        raise InputError("no such file or folder", path)
    if p.suffix.lower() in (".jsonl", ".ndjson"):
        return "jsonl"
    if p.suffix.lower() in (".mbox", ".mbx"):
        return "mbox"
    try:
        with p.open("rb") as fh:
            head = fh.read(512).lstrip(b"\xef\xbb\xbf")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if head.startswith(b"From "):
        return "mbox"
    if head.lstrip().startswith(b"{"):
        return "jsonl"
    raise InputError("not JSON Lines, an mbox, a Maildir or a folder (see --input)", path)


def read(path: str, fmt: str = "auto", stdin: Any = None) -> Iterator[Record]:
    """The records of an input, one at a time."""
    if fmt == "auto":
        fmt = detect(path)
    if fmt == "jsonl":
        return read_jsonl(path, stdin)
    if fmt == "mbox":
        return read_mbox(path)
    if fmt == "maildir":
        return read_maildir(path)
    if fmt == "folder":
        return read_folder(path)
    raise TonecheckError(f"--input must be one of {', '.join(INPUT_FORMATS)}")


def _lines(path: str, stdin: Any) -> Iterator[bytes]:
    if path == "-":
        yield from (stdin if stdin is not None else sys.stdin.buffer)
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the last line
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    with fh:
        yield from fh


def read_jsonl(path: str, stdin: Any = None) -> Iterator[Record]:
    """`{"id": ..., "text": ...}` per line; an optional "kind" is text, markdown or email."""
    name = "<stdin>" if path == "-" else path
    for number, raw in enumerate(_lines(path, stdin), 1):
        if not raw.strip():
            continue
        where = f"{name}:{number}"
        try:
            # NaN and Infinity are not JSON: refused here, they could not be written back.
            item = json.loads(raw, parse_constant=_no_constant)
        except (ValueError, UnicodeDecodeError) as exc:
            yield Record(id=None, source=where, error=f"line {number} is not JSON ({exc})")
            continue
        except RecursionError:
            yield Record(id=None, source=where, error=f"line {number} is nested too deeply")
            continue
        if not isinstance(item, dict):
            yield Record(id=None, source=where, error=f"line {number} is not a JSON object")
            continue
        rid = item.get("id")
        text, kind = item.get("text"), item.get("kind")
        if _has_lone_surrogate(rid) or _has_lone_surrogate(text):
            # Half of a UTF-16 pair is no character: it could be neither scored nor written.
            yield Record(id=None, source=where,
                         error=f"line {number} holds a lone surrogate (an invalid \\u escape)")
        elif not isinstance(text, str):
            yield Record(id=rid, source=where, has_id="id" in item,
                         error=f"line {number} has no \"text\" string")
        elif kind not in (None, "text", "markdown", "email"):
            yield Record(id=rid, source=where, has_id="id" in item,
                         error=f"line {number}: \"kind\" must be text, markdown or email")
        else:
            yield Record(id=rid, source=where, text=text, kind=kind, has_id="id" in item)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _has_lone_surrogate(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_mbox(path: str) -> Iterator[Record]:
    """Messages split at each line starting "From ", as Python's mailbox module splits
    them (the blank line before a "From " line belongs to neither message), one message
    in memory at a time."""
    number, lines = 0, None
    for line in _lines(path, None):
        if line.startswith(b"From "):
            if lines is not None:
                number += 1
                yield _message(path, number, lines)
            lines = []  # the envelope line itself is not part of the message
        elif lines is not None:
            lines.append(line)
    if lines is not None:
        yield _message(path, number + 1, lines)


def _message(path: str, number: int, lines: list[bytes]) -> Record:
    if lines and lines[-1] in (b"\n", b"\r\n"):
        lines.pop()
    return Record(id=None, source=f"{path}#{number}", data=b"".join(lines), kind="email")


def _file_record(path: Path, kind: str | None) -> Record:
    """One file as a record. Only regular files are read, and only up to the size cap: a
    FIFO would block the run and a link to /dev/zero would fill the memory."""
    too_big = Record(id=None, source=str(path), error=f"over {MAX_MESSAGE_BYTES // 2**20} MB; skipped")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Record(id=None, source=str(path), error="not a regular file; skipped")
        if info.st_size > MAX_MESSAGE_BYTES:
            return too_big
        with path.open("rb") as fh:
            data = fh.read(MAX_MESSAGE_BYTES + 1)
        if len(data) > MAX_MESSAGE_BYTES:  # it grew since the stat
            return too_big
        return Record(id=None, source=str(path), data=data, kind=kind)
    except OSError as exc:
        return Record(id=None, source=str(path), error=f"cannot read: {exc.strerror or exc}")


def _maildir_files(path: str) -> Iterator[Path]:
    # A Maildir name starts with its delivery time, so name order is arrival order.
    for sub in ("new", "cur"):
        folder = Path(path) / sub
        yield from (folder / n for n in sorted(os.listdir(folder)) if not n.startswith("."))


def _folder_files(path: str) -> Iterator[Path]:
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (Path(root) / n for n in sorted(files) if not n.startswith("."))


def read_maildir(path: str) -> Iterator[Record]:
    """Every message in new/ and cur/."""
    return (_file_record(p, "email") for p in _maildir_files(path))


def read_folder(path: str) -> Iterator[Record]:
    """Every file under the folder (hidden ones aside), in path order, each read as
    `tonecheck check` would read it."""
    return (_file_record(p, None) for p in _folder_files(path))


def count(path: str, fmt: str) -> int | None:
    """How many records an input holds, for the progress bar: listed for a folder or a
    Maildir, counted in one quick pass for an mbox or a JSON Lines file; None for stdin,
    a stream whose size nobody knows. Only asked for when a bar is drawn."""
    if fmt == "maildir":
        return sum(1 for _ in _maildir_files(path))
    if fmt == "folder":
        return sum(1 for _ in _folder_files(path))
    if path == "-" or fmt not in ("mbox", "jsonl"):
        return None
    try:
        if fmt == "jsonl":
            with open(path, "rb") as fh:
                return sum(1 for line in fh if line.strip())
        return _count_envelopes(path)
    except OSError:
        return None  # the run itself says what is wrong with the file


def _count_envelopes(path: str) -> int:
    """The "From " lines of an mbox, as read_mbox splits it, read in large blocks."""
    found, tail = 0, b"\n"  # the file's start counts as a line start
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            # The last bytes of a block come again in front of the next, so a "\nFrom "
            # split between two blocks is still seen, and none is seen twice.
            found += (tail + block).count(b"\nFrom ")
            tail = (tail + block)[-5:]
    return found
