"""The commands for holding: hold, sendmail, queue list/show/release/drop/flush.

Each is a few lines over send.holding, send.holdqueue and send.sendmail.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..core.errors import TonecheckError, fail
from ..delay import now_from
from .options import ConfigOpt, NowOpt, ProfileOpt, examples

queue_app = typer.Typer(help="The hold queue: list, show, release, drop, flush.",
                        no_args_is_help=True, rich_markup_mode=None)

IdArg = Annotated[str, typer.Argument(metavar="ID", help="The message's id (or the start of it).")]


def register(app: typer.Typer) -> None:
    app.command(epilog=examples("tonecheck hold draft.txt", "tonecheck hold --for 1d letter.md"))(hold)
    app.command(
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                          "help_option_names": []},
        epilog=examples("tonecheck sendmail -oi -t < message.eml",
                        "set sendmail=\"tonecheck sendmail -oi\"   (in muttrc or neomuttrc)"),
    )(sendmail)
    app.add_typer(queue_app, name="queue")


def hold(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The draft to hold.")],
    for_: Annotated[str | None, typer.Option(
        "--for", metavar="DURATION", help="Hold at least this long (e.g. 2h, 1d; default: the grace period, "
        "15m), whatever the verdict.")] = None,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    now: NowOpt = None,
) -> None:
    """Put any draft in the hold queue until its cool-off has passed."""
    from datetime import timedelta

    from ..analysis import analyze_draft
    from ..config import load_settings
    from ..core.settings import parse_duration
    from ..delay import when
    from ..drafts.load import load, read_bytes
    from ..send.holding import hold as put_on_hold
    from ..send.holding import not_before, sendmail_config
    from ..send.holdqueue import HoldQueue

    moment = now_from(now)
    if file == "-":
        raise TonecheckError("hold needs a file, not stdin")
    data = read_bytes(file)
    draft = load(file, data)
    start = Path(file).resolve().parent
    settings = load_settings(profile, config, None, start)
    report = analyze_draft(draft, settings, moment)
    # Held on purpose, so held for a while even when the draft is fine to send.
    grace = sendmail_config(settings).grace
    until = moment + timedelta(seconds=parse_duration(for_, "--for") if for_ else grace)
    may_go = not_before(report, moment, grace, until)
    # Only a profile chosen here is pinned; one from the config follows the config.
    entry, new = put_on_hold(HoldQueue(), data, report, settings, origin="hold", now=moment,
                             not_before=may_go, start=start, path=str(Path(file).resolve()),
                             profile=profile, hold_until=until)
    typer.echo(f"{file}: {'held' if new else 'already held'} as {entry.id} until "
               f"{when(entry.not_before)} ({report.verdict}: {report.delay.reason})")


def sendmail(ctx: typer.Context) -> None:
    """Use as your mail client's sendmail: sends calm mail on, holds the rest (exit 75)."""
    from ..send import sendmail as wrapper

    raise typer.Exit(wrapper.main(list(ctx.args)))


@queue_app.command("list", epilog=examples("tonecheck queue list", "tonecheck queue list --format json"))
def queue_list(
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = "text",
) -> None:
    """Every held message: id, state, when it may go, and what it is."""
    from ..delay import when
    from ..send.holdqueue import HoldQueue

    if fmt not in ("text", "json"):
        raise TonecheckError(f"--format must be text or json, not '{fmt}'")
    entries = HoldQueue().entries()
    if fmt == "json":
        typer.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        typer.echo("The hold queue is empty.")
        return
    for e in entries:
        typer.echo(f"{e.id}  {e.state:<7}  {e.verdict:<6}  may go {when(e.not_before)}  "
                   f"{e.summary()}")
        if e.last_error:
            typer.echo(f"          last problem: {e.last_error}")


@queue_app.command("show", epilog=examples(
    "tonecheck queue show 3f2a", "tonecheck queue show 3f2a --raw > message.eml"))
def queue_show(
    ident: IdArg,
    raw: Annotated[bool, typer.Option("--raw", help="Write the message's exact bytes.")] = False,
) -> None:
    """One held message: why it was held, until when, and the message itself."""
    from ..delay import when
    from ..send.holdqueue import HoldQueue

    e = HoldQueue().get(ident)
    if raw:
        sys.stdout.buffer.write(e.message)
        sys.stdout.buffer.flush()
        return
    lines = [
        f"id:         {e.id}",
        f"state:      {e.state}",
        f"verdict:    {e.verdict}: {e.reason}",
        f"held at:    {when(e.held_at)}",
        f"may go:     {when(e.not_before)}",
        f"sends with: {' '.join(e.command) if e.command else '(held with `tonecheck hold`)'}",
    ]
    lines += [f"file:       {e.path}"] if e.path else []
    lines += [f"problem:    {e.last_error}"] if e.last_error else []
    if e.report:
        scores = ", ".join(f"{k} {v}" for k, v in e.report["scores"].items())
        lines.append(f"scores:     {scores}")
        for f in e.report["findings"]:
            if f["points"] > 0:
                lines.append(f"  {f['line']}:{f['column']}  {f['dimension']:<9}  \"{f['text']}\"  "
                             f"{f['rule']}")
    lines += ["", e.message.decode("utf-8", "replace").rstrip("\n")]
    typer.echo("\n".join(lines))


@queue_app.command("release", epilog=examples(
    "tonecheck queue release 3f2a", "tonecheck queue release 3f2a --via /usr/sbin/sendmail"))
def queue_release(
    ident: IdArg,
    force: Annotated[bool, typer.Option(
        "--force", help="Send even before its time, unchecked, or after an unknown outcome.")] = False,
    via: Annotated[str | None, typer.Option(
        "--via", metavar="COMMAND",
        help="Send with this sendmail command instead of the one stored with it.")] = None,
    now: NowOpt = None,
) -> None:
    """Re-check one held message and send it if its time has come."""
    import shlex

    from ..send.holding import release
    from ..send.holdqueue import HoldQueue

    command = shlex.split(via) if via is not None else None
    if via is not None and not command:
        raise TonecheckError("--via needs a command, e.g. --via '/usr/bin/msmtp -a work'")
    outcome = release(HoldQueue(), ident, now_from(now), force, command)
    _report(outcome)
    raise typer.Exit(0 if outcome.status in ("sent", "released") else 1)


@queue_app.command("drop", epilog=examples("tonecheck queue drop 3f2a"))
def queue_drop(ident: IdArg) -> None:
    """Delete a held message without sending it."""
    from ..send.holdqueue import HoldQueue

    entry = HoldQueue().drop(ident)
    typer.echo(f"dropped {entry.id} ({entry.summary()}); it was not sent")


@queue_app.command("flush", epilog=examples(
    "tonecheck queue flush", "*/15 * * * * tonecheck queue flush   (a crontab line)"))
def queue_flush(now: NowOpt = None) -> None:
    """Send every message whose time has come (for cron or a systemd timer)."""
    from ..send.holding import flush
    from ..send.holdqueue import HoldQueue

    outcomes = flush(HoldQueue(), now_from(now))
    for outcome in outcomes:
        _report(outcome)
    raise typer.Exit(1 if any(o.status in ("failed", "unknown") for o in outcomes) else 0)


def _report(outcome) -> None:  # noqa: ANN001 - holdqueue.Outcome
    line = f"{outcome.status} {outcome.id}" + (f": {outcome.detail}" if outcome.detail else "")
    if outcome.status in ("sent", "released", "waiting"):
        typer.echo(line)
    else:
        fail(line)
