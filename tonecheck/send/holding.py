"""Hold policy: when a held message may go, how a release re-checks it, and flush.

A release re-checks the text against the settings as they are now, but as of the moment
it was held: the cool-off already served counts, so a hot draft held at 2 a.m. is not
pushed back another day by the check that releases it, while a stricter config can still
keep it longer.
"""

from __future__ import annotations

import os
import shlex
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..config import load_settings
from ..core.errors import ConfigError, TonecheckError
from ..core.report import Report
from ..core.settings import MAX_MESSAGE_BYTES, Settings, parse_duration
from ..delay import when
from .holdqueue import Entry, HoldQueue, Outcome

DEFAULT_SENDMAIL = "/usr/sbin/sendmail"
#: Even a draft that only needs revising is held this long, so that a flush from cron
#: cannot send it before its writer has read why it was stopped.
DEFAULT_GRACE = "15m"
DEFAULT_TIMEOUT = "5m"
SENDMAIL_KEYS = {"command", "grace", "timeout"}


@dataclass
class SendmailConfig:
    command: list[str] | None
    grace: int
    timeout: int


def sendmail_config(settings: Settings | None) -> SendmailConfig:
    """The [sendmail] table of the config: command, grace, timeout."""
    table: Any = (settings.extra.get("sendmail") if settings else None) or {}
    where = str(settings.config_path) if settings and settings.config_path else None
    if isinstance(table, str | list):
        table = {"command": table}  # `sendmail = "msmtp -a work"`: just the command
    if not isinstance(table, dict):
        raise ConfigError("'sendmail' must be a command or a table", where)
    unknown = sorted(set(table) - SENDMAIL_KEYS)
    if unknown:
        raise ConfigError(f"unknown key 'sendmail.{unknown[0]}' (known: "
                          f"{', '.join(sorted(SENDMAIL_KEYS))})", where)
    command = table.get("command")
    if isinstance(command, str):
        command = shlex.split(command)
    if command is not None and not (
        isinstance(command, list) and command and all(isinstance(c, str) for c in command)
    ):
        raise ConfigError("sendmail.command must be a command line or a list of strings", where)
    return SendmailConfig(
        command=command,
        grace=parse_duration(table.get("grace", DEFAULT_GRACE), where or ""),
        timeout=max(1, parse_duration(table.get("timeout", DEFAULT_TIMEOUT), where or "")),
    )


def resolve_sendmail(config: SendmailConfig | None, use_env: bool = True) -> list[str]:
    """$TONECHECK_SENDMAIL (unless not `env`), else the config's command, else
    /usr/sbin/sendmail; with the program made absolute so that a later release does not
    depend on $PATH."""
    env = os.environ.get("TONECHECK_SENDMAIL", "").strip() if use_env else ""
    command = shlex.split(env) if env else (config.command if config and config.command
                                            else [DEFAULT_SENDMAIL])
    program = command[0]
    if os.sep not in program:
        program = shutil.which(program) or program
    elif not os.path.isabs(program):
        program = os.path.abspath(program)
    return [program, *command[1:]]


def not_before(report: Report, held_at: datetime, grace: int,
               hold_until: datetime | None = None) -> datetime:
    """The earliest a held message may go: its cool-off, the grace period (for anything
    not fine to send), or the user's own hold, whichever ends last."""
    grace_end = held_at + timedelta(seconds=grace if report.verdict != "send" else 0)
    return max(report.delay.not_before, grace_end, hold_until or held_at)


def hold(queue: HoldQueue, data: bytes, report: Report | None, settings: Settings | None, *,
         origin: str, now: datetime, not_before: datetime, start: Path,
         error: str | None = None, **where: Any) -> tuple[Entry, bool]:
    """Put a message in the queue with what its check found: the verdict and report, and
    the config file that applied, so a release re-checks it the same way. Without a report
    (the check itself failed) it is held as an error, to be checked when released. `where`
    passes on how to deliver it (sendmail, args) or where it came from (path, profile,
    hold_until)."""
    return queue.add(
        data, origin=origin, verdict=report.verdict if report else "error",
        reason=report.delay.reason if report else f"not checked: {error}",
        now=now, not_before=not_before, start_dir=str(start),
        # A walk-up config is not stored: a release would load it as if given with --config,
        # trusted. The folder it was held from finds it again, as untrusted as before.
        config=str(settings.config_path) if settings and settings.config_path
        and settings.config_origin != "repo" else None,
        report=report.to_dict() if report else None, error=error, **where,
    )


def settings_for(entry: Entry) -> Settings:
    """The settings a held message was checked with: its config file and profile, and if
    that file has gone, whatever config the folder it was held from finds now."""
    config = entry.config if entry.config and Path(entry.config).is_file() else None
    start = Path(entry.start_dir) if entry.start_dir and Path(entry.start_dir).is_dir() else None
    return load_settings(profile=entry.profile, config=config, start=start,
                         strict=entry.origin == "sendmail")


def recheck(entry: Entry) -> tuple[Report | None, Settings | None, str | None, datetime]:
    """(report, settings, error, not_before) for a held message, re-checked as of when it
    was held."""
    from ..analysis import analyze_draft
    from ..drafts.load import load

    try:
        settings = settings_for(entry)
        kind = "email" if entry.origin == "sendmail" else None
        draft = load(entry.path or "<message>", entry.message, kind=kind)
        report = analyze_draft(draft, settings, entry.held_at)
        grace = sendmail_config(settings).grace
    except TonecheckError as exc:
        return None, None, str(exc), entry.not_before
    return report, settings, None, not_before(report, entry.held_at, grace, entry.hold_until)


def release(queue: HoldQueue, ident: str, now: datetime, force: bool = False,
            via: list[str] | None = None) -> Outcome:
    """Let one held message go: re-check it, then send it (or, for a draft held with
    `tonecheck hold`, take it off the queue). `via`: the sendmail to use instead of the
    stored one (`queue release --via`)."""
    entry = queue.get(ident)
    if entry.state == "sending":
        return Outcome(entry.id, "busy", "it is being sent right now")
    if entry.state == "unknown" and not force:
        return Outcome(entry.id, "refused", f"{entry.last_error or 'its last delivery died'};"
                       " check whether it arrived, then --force sends it again or"
                       " `tonecheck queue drop` forgets it")
    if len(entry.message) > MAX_MESSAGE_BYTES:
        # Too big to check when it was held, and still: only --force lets it go, as it is.
        return _deliver(queue, entry, None, now, force, via)
    report, settings, error, may_go = recheck(entry)
    if error:
        queue.update(entry.id, last_error=f"re-check failed: {error}")
        if not force:
            return Outcome(entry.id, "refused", f"cannot re-check it: {error};"
                           " --force sends it unchecked")
    else:
        assert report is not None
        _note_recheck(queue, entry, report, may_go)
        if may_go > now and not force:
            return Outcome(entry.id, "refused", f"held until {when(may_go)} "
                           f"({report.delay.reason}); --force lets it go now")
    if entry.origin == "hold":
        queue.drop(entry.id)
        return Outcome(entry.id, "released", f"{entry.path} may go now")
    return _deliver(queue, entry, settings, now, force, via)


def flush(queue: HoldQueue, now: datetime) -> list[Outcome]:
    """Send every held message whose time has come; leave the rest, and every message
    whose last delivery may or may not have gone."""
    outcomes = [Outcome(i, "unknown", "its delivery died mid-way; it is not resent")
                for i in queue.reap()]
    for entry in queue.entries():
        if entry.origin != "sendmail" or entry.state != "held" or entry.not_before > now:
            continue
        report, settings, error, may_go = recheck(entry)
        if error:
            queue.update(entry.id, last_error=f"re-check failed: {error}")
            outcomes.append(Outcome(entry.id, "failed", f"cannot re-check it: {error}"))
            continue
        assert report is not None
        _note_recheck(queue, entry, report, may_go)
        if may_go > now:
            outcomes.append(Outcome(entry.id, "waiting", f"now held until {when(may_go)}"))
            continue
        outcome = _deliver(queue, entry, settings, now)
        if outcome.status not in ("busy", "gone"):  # another flush got there first
            outcomes.append(outcome)
    return outcomes


def _note_recheck(queue: HoldQueue, entry: Entry, report: Report, may_go: datetime) -> None:
    """Keep what a re-check found with the message: its verdict, report and new time."""
    queue.update(entry.id, verdict=report.verdict, reason=report.delay.reason,
                 report=report.to_dict(), not_before=may_go)


def _deliver(queue: HoldQueue, entry: Entry, settings: Settings | None, now: datetime,
             force: bool = False, via: list[str] | None = None) -> Outcome:
    """Hand a held message to the real sendmail: the one stored when it was held, unless
    the user names another (`via`), or none was stored, or the stored program is gone (a
    message held because sendmail was missing goes once it is installed). The settings
    never carry a command from a repository's config (tonecheck.config)."""
    config = _config_or_default(settings)
    if via:
        queue.update(entry.id, sendmail=resolve_sendmail(SendmailConfig(via, 0, 1), use_env=False))
    elif entry.sendmail is None or not _runnable(entry.sendmail[0]):
        queue.update(entry.id, sendmail=resolve_sendmail(config))
    return queue.deliver(entry.id, now, force=force, timeout=config.timeout)


def _runnable(program: str) -> bool:
    return os.path.isfile(program) and os.access(program, os.X_OK)


def _config_or_default(settings: Settings | None) -> SendmailConfig:
    try:
        return sendmail_config(settings)
    except TonecheckError:
        return sendmail_config(None)
