"""`tonecheck sendmail`: a drop-in sendmail for mutt, neomutt, aerc and friends.

A message whose verdict is `send` goes straight on to the real sendmail, byte for byte,
with the client's own arguments, and the wrapper exits with that program's status. Any
other message is stored in the hold queue and the wrapper exits 75 (EX_TEMPFAIL), which
mail clients show as "Deferred".

The one rule above all others: a message is never dropped and never sent unchecked. If
anything goes wrong here, from a bad config to a bug, the message is held if it can be,
and if it cannot, the wrapper still exits 75 so that the mail client keeps it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, TextIO

from ..core.errors import TonecheckError, fail
from ..core.settings import MAX_MESSAGE_BYTES
from .holdqueue import LOOP_GUARD, HoldQueue, _fault, message_file

EX_USAGE = 64
EX_TEMPFAIL = 75
#: sendmail modes that carry no message, passed through untouched (-bp lists the MTA's
#: queue, -bv verifies addresses, -bi rebuilds aliases).
PASSTHROUGH_MODES = {"-bp", "-bv", "-bi", "-bt", "-bP"}
_CHUNK = 1 << 20

HELP = """\
Usage: tonecheck sendmail [SENDMAIL ARGUMENTS...] < message
       tonecheck-sendmail [SENDMAIL ARGUMENTS...] < message

A drop-in sendmail for mutt, neomutt, aerc and friends. The message is read from stdin
and checked: a calm one goes on at once, byte for byte and with the same arguments, to
the real sendmail ($TONECHECK_SENDMAIL, else [sendmail] command in your own config, else
/usr/sbin/sendmail). Anything else is held in the queue and the exit status is 75
(EX_TEMPFAIL, "Deferred"); `tonecheck queue list` shows what is held.

Messages over 20 MB are held unchecked. -bp, -bv, -bi, -bt and -bP pass straight through.

Examples:
  set sendmail="tonecheck sendmail -oi"           (muttrc, neomuttrc)
  outgoing = /path/to/tonecheck-sendmail          (aerc's accounts.conf)
  tonecheck-sendmail -oi -t < message.eml
"""


def main(args: list[str], stdin: BinaryIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the wrapper with sendmail's own arguments; returns the exit status."""
    stderr = stderr or sys.stderr

    def say(line: str) -> None:
        fail(line, stderr)

    if os.environ.get(LOOP_GUARD):
        say("the sendmail that tonecheck delivers to is tonecheck itself; point "
            "TONECHECK_SENDMAIL or [sendmail] command at the real one. The message was not sent.")
        return EX_TEMPFAIL
    options = args[: args.index("--")] if "--" in args else args
    if "--help" in options:
        # sendmail has no --help of its own, so this can only be a person asking.
        sys.stdout.write(HELP)
        sys.stdout.flush()
        return 0
    modes = [a for a in options if len(a) == 3 and a.startswith("-b")]
    if "-bs" in modes:
        say("-bs (SMTP on stdin) cannot be checked; use the plain sendmail mode. Nothing was sent.")
        return EX_USAGE
    if modes and set(modes) <= PASSTHROUGH_MODES:
        return _passthrough(args, say)

    source = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if source is None:  # started with stdin closed (`<&-`): Python leaves sys.stdin None
        say("stdin is closed, so there is no message to check; nothing was sent")
        return EX_TEMPFAIL
    try:
        data = source.read(MAX_MESSAGE_BYTES + 1)
    except (OSError, ValueError) as exc:
        say(f"could not read the message from stdin ({exc}); nothing was sent")
        return EX_TEMPFAIL
    _fault("read")
    if len(data) > MAX_MESSAGE_BYTES:
        return _hold_oversized(args, data, source, say)
    progress: dict[str, object] = {}
    try:
        return _check_and_route(args, data, say, progress)
    except BaseException as exc:  # noqa: BLE001 - whatever broke, the message must survive
        if isinstance(exc, SystemExit | KeyboardInterrupt):
            problem = "interrupted"
        else:
            problem = f"{type(exc).__name__}: {exc}"
        if progress.get("handed_over"):
            # The real sendmail had the message: holding it now could send it twice.
            say(f"{problem} while {progress.get('sendmail_name', 'sendmail')} ran; the message "
                "may or may not have gone, so tonecheck keeps no copy to send again")
            return EX_TEMPFAIL
        return _hold_unchecked(args, data, problem, say)


def _passthrough(args: list[str], say: object) -> int:
    from ..config import load_settings
    from .holding import resolve_sendmail

    try:
        settings = load_settings(start=Path.cwd(), strict=True)
    except Exception:  # noqa: BLE001 - no message is at stake; use the default sendmail
        settings = None
    command = [*resolve_sendmail(_sendmail_config(settings)), *args]
    try:
        return subprocess.run(command, env={**os.environ, LOOP_GUARD: "1"}).returncode
    except OSError as exc:
        say(f"could not run {command[0]}: {exc.strerror or exc}")  # type: ignore[operator]
        return EX_TEMPFAIL


def _sendmail_config(settings: object):  # noqa: ANN202 - SendmailConfig, imported lazily
    from .holding import sendmail_config

    try:
        return sendmail_config(settings)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a broken [sendmail] table falls back to defaults
        return sendmail_config(None)


def _now() -> datetime:
    # A mail client gives no way to report a bad TONECHECK_NOW: fall back to the clock.
    from ..delay import now_from

    try:
        return now_from(os.environ.get("TONECHECK_NOW"))
    except TonecheckError:
        return now_from(None)


def _check_and_route(args: list[str], data: bytes, say,  # noqa: ANN001
                     progress: dict) -> int:
    from ..analysis import analyze_draft
    from ..config import load_settings
    from ..delay import when
    from ..drafts.load import load
    from .holding import hold, not_before, resolve_sendmail, sendmail_config

    now = _now()
    start = Path.cwd()
    settings = config = sendmail = report = error = None
    try:
        settings = load_settings(start=start, strict=True)
        config = sendmail_config(settings)
        sendmail = resolve_sendmail(config)
        draft = load("<message>", data, kind="email")
        report = analyze_draft(draft, settings, now)
    except TonecheckError as exc:
        error = str(exc)
        # Without a readable config the real sendmail is only known from the environment;
        # otherwise it stays unset until a release re-reads the config, rather than guessed.
        if sendmail is None and os.environ.get("TONECHECK_SENDMAIL"):
            sendmail = resolve_sendmail(None)
    _fault("checked")

    if report is not None and report.verdict == "send":
        assert sendmail is not None
        command = [*sendmail, *args]
        progress["sendmail_name"] = command[0]
        progress["handed_over"] = True
        try:
            with message_file(data) as fh:
                proc = subprocess.run(command, stdin=fh, env={**os.environ, LOOP_GUARD: "1"})
        except OSError as exc:  # it never started, so it certainly has not sent anything
            progress["handed_over"] = False
            error = f"could not run {command[0]}: {exc.strerror or exc}"
        else:
            return proc.returncode if proc.returncode >= 0 else 128 - proc.returncode

    queue = HoldQueue()
    if error:
        # A report here said "send": only the hand-over failed.
        entry, new = hold(queue, data, report, settings, origin="sendmail", now=now,
                          not_before=now, start=start, error=error, sendmail=sendmail, args=args)
        _fault("committed")
        say(f"{error}; the message is held as {entry.id}, not sent.")
        say(f"Fix that, then `tonecheck queue release {entry.id}` (or `queue flush`) sends it.")
        return EX_TEMPFAIL

    assert report is not None and settings is not None and config is not None
    may_go = not_before(report, now, config.grace)
    entry, new = hold(queue, data, report, settings, origin="sendmail", now=now,
                      not_before=may_go, start=start, sendmail=sendmail, args=args)
    _fault("committed")
    verdict = report.verdict.upper()
    scores = ", ".join(f"{k} {v}" for k, v in report.scores.as_dict().items())
    again = "" if new else " (already held: this is the same message)"
    say(f"held as {entry.id}, not sent{again}. {verdict}: {report.delay.reason} ({scores}).")
    say(f"It may go after {when(entry.not_before)}: `tonecheck queue flush` sends it then; "
        f"`tonecheck queue show {entry.id}` shows why, `tonecheck queue drop {entry.id}` cancels it.")
    return EX_TEMPFAIL


def _hold_unchecked(args: list[str], data: bytes, problem: str, say) -> int:  # noqa: ANN001
    """Last resort after a failure inside tonecheck: keep the message, unsent. It stores the
    message through the queue alone, not holding.hold: whatever broke may be in the code
    that would bring in (the config, the check)."""
    try:
        now = _now()
        sendmail = None
        if os.environ.get("TONECHECK_SENDMAIL"):
            from .holding import resolve_sendmail

            sendmail = resolve_sendmail(None)
        entry, _ = HoldQueue().add(
            data, origin="sendmail", verdict="error", reason=f"not checked: {problem}",
            now=now, not_before=now, sendmail=sendmail, args=args, start_dir=str(Path.cwd()),
            error=f"tonecheck failed: {problem}",
        )
    except BaseException as exc:  # noqa: BLE001
        say(f"internal error ({problem}) and the hold queue failed too ({exc}); nothing was "
            "sent and your mail client keeps the message")
        return EX_TEMPFAIL
    say(f"internal error ({problem}); the message is held as {entry.id}, unchecked and unsent")
    return EX_TEMPFAIL


def _hold_oversized(args: list[str], head: bytes, rest: BinaryIO, say) -> int:  # noqa: ANN001
    """A message over the cap: spooled to the queue in chunks, never checked, never whole in
    memory, and never sent without `queue release ID --force`."""
    import tempfile

    mb = MAX_MESSAGE_BYTES // (1024 * 1024)
    try:
        with tempfile.TemporaryFile() as spool:
            spool.write(head)
            while chunk := rest.read(_CHUNK):
                spool.write(chunk)
            spool.seek(0)
            now = _now()
            ident = HoldQueue().add_large(
                spool, origin="sendmail", reason=f"not checked: over {mb} MB", now=now,
                sendmail=_trusted_sendmail(), args=args, start_dir=str(Path.cwd()))
    except BaseException as exc:  # noqa: BLE001 - the mail client must keep it, then
        say(f"the message is over {mb} MB and could not be held ({exc}); nothing was sent "
            "and your mail client keeps it")
        return EX_TEMPFAIL
    say(f"the message is over {mb} MB, too big to check; it is held as {ident}, unchecked "
        f"and unsent. `tonecheck queue release {ident} --force` sends it as it is.")
    return EX_TEMPFAIL


def _trusted_sendmail() -> list[str] | None:
    """The real sendmail from the environment or the user's own config, without a check."""
    from ..config import load_settings
    from .holding import resolve_sendmail, sendmail_config

    try:
        return resolve_sendmail(sendmail_config(load_settings(start=Path.cwd(), strict=True)))
    except TonecheckError:
        return resolve_sendmail(None) if os.environ.get("TONECHECK_SENDMAIL") else None


def entry() -> None:
    """The `tonecheck-sendmail` program: the wrapper under a name of its own, for clients
    whose sendmail setting takes a path but no arguments (aerc's `outgoing`)."""
    sys.exit(main(sys.argv[1:]))
