"""Scoring many drafts in one process: JSON Lines, an mbox, a Maildir or a folder.

Records are read one at a time (an mbox is split as it is read, a folder listed then
read file by file), handed to worker processes in small chunks with only a few chunks in
flight, and written back in input order as they finish. So memory stays flat however big
the input is, and the output is the same, byte for byte, whatever the number of jobs.

A record that cannot be read (a line that is not JSON, a file that is not text, a
message that does not parse) becomes an error record in its place and the run goes on.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from .errors import InputError, TonecheckError

INPUT_FORMATS = ("auto", "jsonl", "mbox", "maildir", "folder")
#: Records per task handed to a worker: enough to make the hand-over cheap.
CHUNK = 32
#: Chunks in flight per worker: enough to keep every worker busy, few enough to keep
#: memory flat.
WINDOW = 3


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


# --- reading -----------------------------------------------------------------------------

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
            item = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            yield Record(id=None, source=where, error=f"line {number} is not JSON ({exc})")
            continue
        if not isinstance(item, dict):
            yield Record(id=None, source=where, error=f"line {number} is not a JSON object")
            continue
        rid = item.get("id")
        text, kind = item.get("text"), item.get("kind")
        if not isinstance(text, str):
            yield Record(id=rid, source=where, has_id="id" in item,
                         error=f"line {number} has no \"text\" string")
        elif kind not in (None, "text", "markdown", "email"):
            yield Record(id=rid, source=where, has_id="id" in item,
                         error=f"line {number}: \"kind\" must be text, markdown or email")
        else:
            yield Record(id=rid, source=where, text=text, kind=kind, has_id="id" in item)


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
    try:
        return Record(id=None, source=str(path), data=path.read_bytes(), kind=kind)
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
    """How many records an input holds, when listing tells (for the progress bar)."""
    if fmt == "maildir":
        return sum(1 for _ in _maildir_files(path))
    if fmt == "folder":
        return sum(1 for _ in _folder_files(path))
    return None


# --- scoring -----------------------------------------------------------------------------

@dataclass
class Job:
    """What every worker needs to score a record; rebuilt in each worker process."""

    profile: str | None
    config: str | None
    rules: list[str]
    start: str
    now: str | None
    #: Measure each message's delay from its own Date header (what it would have been
    #: held for when it was sent), rather than from now.
    at_sent_time: bool = False
    revise: bool = True


_settings: Any = None
_job: Job | None = None


def prepare(job: Job) -> None:
    """Load the settings once per process (in a worker, or in this one for --jobs 1)."""
    global _settings, _job
    from .config import load_settings

    _settings = load_settings(job.profile, job.config, job.rules, Path(job.start))
    _job = job


def _sent(message: Any) -> datetime | None:
    from email.utils import parsedate_to_datetime

    value = message.get("Date") if message is not None else None
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.astimezone()


def score(record: Record) -> dict:
    """The output object for one record: its report with "id" first, or an error."""
    from . import drafts
    from .analysis import analyze_draft
    from .check import now_from

    assert _job is not None, "prepare() first"
    out: dict = {"id": record.id}
    if record.error is None:
        try:
            if record.text is not None:
                if not record.text.strip():
                    raise InputError("the draft is empty", record.source)
                if record.kind == "email":
                    draft = drafts.load(record.source, data=record.text.encode("utf-8"), kind="email")
                else:
                    draft = drafts.from_text(record.text, record.kind or "text", record.source)
            else:
                kind = record.kind
                draft = drafts.load(record.source, data=record.data, kind=kind)
            sent = _sent(draft.message) if draft.kind == "email" else None
            if draft.kind == "email" and not record.has_id:
                message_id = draft.message.get("Message-ID") if draft.message is not None else None
                out["id"] = str(message_id).strip() if message_id else record.source
            elif not record.has_id:
                out["id"] = record.source
            moment = sent if (_job.at_sent_time and sent) else now_from(_job.now)
            report = analyze_draft(draft, _settings, moment, revise=_job.revise)
            out.update(report.to_dict())
            if sent is not None:
                out["date"] = sent.isoformat(timespec="seconds")
            return out
        except TonecheckError as exc:
            record.error = str(exc)
        except (ValueError, LookupError, TypeError, AttributeError) as exc:
            # A message odd enough to trip the email parser is one bad record, not a crash.
            record.error = f"{record.source}: cannot read ({type(exc).__name__}: {exc})"
    if out["id"] is None and not record.has_id:
        out["id"] = record.source
    out.update({"source": record.source, "error": record.error})
    return out


def _score_chunk(records: list[Record], shape: Callable[[dict], Any]) -> list:
    return [shape(score(r)) for r in records]


def as_json_line(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False)


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pool(jobs: int, job: Job) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts workers with everything already imported and loaded; where it is not
    # available (or not safe, as on macOS), workers start fresh and load for themselves.
    method = "fork" if sys.platform.startswith("linux") else None
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=prepare, initargs=(job,))


def results(records: Iterable[Record], job: Job, jobs: int = 1,
            shape: Callable[[dict], Any] = as_json_line) -> Iterator[Any]:
    """Each record scored and passed through `shape`, in input order."""
    prepare(job)
    if jobs <= 1:
        for record in records:
            yield shape(score(record))
        return
    with _pool(jobs, job) as pool:
        pending: deque = deque()
        for chunk in _chunks(records, CHUNK):
            pending.append(pool.submit(_score_chunk, chunk, shape))
            if len(pending) >= WINDOW * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


# --- progress ----------------------------------------------------------------------------

class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, total: int | None, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.total, self.done, self.started = total, 0, time.monotonic()
        self._drawn = 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._drawn > 0.1 or self.done == self.total):
            self._drawn = now
            self.draw(now)

    def draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-6)
        if self.total:
            filled = round(self.WIDTH * self.done / self.total)
            bar = "#" * filled + "." * (self.WIDTH - filled)
            line = f"[{bar}] {self.done}/{self.total}  {rate:,.0f}/s"
        else:
            line = f"{self.done} scored  {rate:,.0f}/s"
        self.stream.write("\r" + line)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


# --- the command -------------------------------------------------------------------------

def with_status(result: dict) -> tuple[str, str]:
    """The JSON line, and what it means for the exit status: a verdict, or "error"."""
    return as_json_line(result), result.get("verdict") or "error"


def run(path: str, fmt: str = "auto", jobs: int | None = None, profile: str | None = None,
        config: str | None = None, rules: list[str] | None = None, now: str | None = None,
        revise: bool = True, out: TextIO | None = None, stdin: Any = None) -> int:
    """`tonecheck batch`: one JSON line per record on `out`; the exit status is 2 if any
    record could not be read, else 1 if any should be revised or wait, else 0."""
    out = out or sys.stdout
    if fmt not in INPUT_FORMATS:
        raise TonecheckError(f"--input must be one of {', '.join(INPUT_FORMATS)}")
    kind = detect(path) if fmt == "auto" else fmt
    if kind in ("maildir", "folder") and not Path(path).is_dir():
        raise InputError(f"not a folder, so not a {kind}", path)
    start = Path.cwd() if path == "-" else (Path(path) if Path(path).is_dir() else Path(path).parent)
    # One clock for the whole run, so every record (and every job count) sees the same now.
    moment = now or datetime.now().astimezone().isoformat()
    job = Job(profile, config, [str(r) for r in rules or []], str(start.resolve()), moment,
              revise=revise)
    progress = Progress(count(path, kind))
    statuses = {"send": 0, "revise": 0, "wait": 0, "error": 0}
    try:
        for line, status in results(read(path, kind, stdin), job, jobs or os.cpu_count() or 1,
                                    with_status):
            out.write(line + "\n")
            statuses[status] += 1
            progress.step()
    finally:
        progress.close()
    out.flush()
    if statuses["error"]:
        return 2
    return 1 if statuses["revise"] or statuses["wait"] else 0
