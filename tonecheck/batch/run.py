"""Scoring many drafts: JSON Lines, an mbox, a Maildir or a folder (`tonecheck batch`).

Records are read one at a time (batch.read), handed to worker processes in small
chunks with only a few chunks in flight, and written back in input order as they
finish. So memory stays flat however big the input is, and the output is the same,
byte for byte, whatever the number of jobs.

A record that cannot be read (a line that is not JSON, a file that is not text, a
message that does not parse) becomes an error record in its place and the run goes on.
"""

from __future__ import annotations

import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from ..core.errors import InputError, TonecheckError
from .progress import Progress
from .read import INPUT_FORMATS, Record, count, detect, read

#: Records per task handed to a worker: enough to make the hand-over cheap.
CHUNK = 32
#: Chunks in flight per worker: enough to keep every worker busy, few enough to keep
#: memory flat.
WINDOW = 3


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
    from ..config import load_settings

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


def _addressing(message: Any) -> dict[str, str]:
    """A message's To and Subject, decoded, for the output line (the mailbox report
    shows them beside each hot message); a header the message lacks is left out."""
    from ..drafts.email import decode_header_value

    out = {}
    for name in ("To", "Subject"):
        value = message.get(name) if message is not None else None
        if value is not None:
            out[name.lower()] = " ".join(decode_header_value(value).split())
    return out


def score(record: Record) -> dict:
    """The output object for one record: its report with "id" first, or an error."""
    from ..analysis import analyze_draft
    from ..delay import now_from
    from ..drafts.load import from_string, load

    assert _job is not None, "prepare() first"
    out: dict = {"id": record.id}
    if record.error is None:
        try:
            if record.text is not None:
                if not record.text.strip():
                    raise InputError("the draft is empty", record.source)
                draft = from_string(record.text, record.kind or "text", record.source)
            else:
                draft = load(record.source, data=record.data, kind=record.kind)
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
            if draft.kind == "email":
                out.update(_addressing(draft.message))
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
    progress = Progress()
    if progress.enabled:  # counting costs a pass over the input: only for a bar
        progress.total = count(path, kind)
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
