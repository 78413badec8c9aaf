"""The commands for holding and hooks: hold, sendmail, queue ..., hook ...

Each is a few lines over holding, holdqueue, sendmail and githooks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .check import fail, now_from
from .errors import TonecheckError
from .options import ConfigOpt, NowOpt, ProfileOpt

queue_app = typer.Typer(help="The hold queue: list, show, release, drop, flush.",
                        no_args_is_help=True, rich_markup_mode=None)
hook_app = typer.Typer(help="Install tonecheck as a git hook (pre-commit, sendemail-validate).",
                       no_args_is_help=True, rich_markup_mode=None)

IdArg = Annotated[str, typer.Argument(help="The message's id (or the start of it).")]
RepoOpt = Annotated[Path, typer.Option("--repo", help="The git repository (default: here).")]
HookArg = Annotated[str, typer.Argument(help="pre-commit or sendemail-validate.")]


def register(app: typer.Typer) -> None:
    app.command()(hold)
    app.command(
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                          "help_option_names": []},
    )(sendmail)
    app.add_typer(queue_app, name="queue")
    app.add_typer(hook_app, name="hook")


def hold(
    file: Annotated[str, typer.Argument(help="The draft to hold.")],
    for_: Annotated[str | None, typer.Option(
        "--for", help="Hold at least this long (e.g. 2h, 1d; default: the grace period, "
        "15m), whatever the verdict.")] = None,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    now: NowOpt = None,
) -> None:
    """Put any draft in the hold queue until its cool-off has passed."""
    from datetime import timedelta

    from . import drafts
    from .analysis import analyze_draft
    from .config import load_settings, parse_duration
    from .holding import not_before, sendmail_config, when
    from .holdqueue import HoldQueue

    moment = now_from(now)
    if file == "-":
        raise TonecheckError("hold needs a file, not stdin")
    data = drafts.read_bytes(file)
    draft = drafts.load(file, data)
    start = Path(file).resolve().parent
    settings = load_settings(profile, config, None, start)
    report = analyze_draft(draft, settings, moment)
    # Held on purpose, so held for a while even when the draft is fine to send.
    grace = sendmail_config(settings).grace
    until = moment + timedelta(seconds=parse_duration(for_, "--for") if for_ else grace)
    may_go = not_before(report, moment, grace, until)
    entry, new = HoldQueue().add(
        data, origin="hold", verdict=report.verdict, reason=report.delay.reason, now=moment,
        not_before=may_go, path=str(Path(file).resolve()), start_dir=str(start),
        # Only a profile chosen here is pinned; one from the config follows the config.
        profile=profile, config=str(settings.config_path) if settings.config_path else None,
        report=report.to_dict(), hold_until=until,
    )
    typer.echo(f"{file}: {'held' if new else 'already held'} as {entry.id} until "
               f"{when(entry.not_before)} ({report.verdict}: {report.delay.reason})")


def sendmail(ctx: typer.Context) -> None:
    """Use as your mail client's sendmail: sends calm mail on, holds the rest (exit 75)."""
    from . import sendmail as wrapper

    raise typer.Exit(wrapper.main(list(ctx.args)))


@queue_app.command("list")
def queue_list(
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Every held message: id, state, when it may go, and what it is."""
    from .holding import when
    from .holdqueue import HoldQueue

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


@queue_app.command("show")
def queue_show(
    ident: IdArg,
    raw: Annotated[bool, typer.Option("--raw", help="Write the message's exact bytes.")] = False,
) -> None:
    """One held message: why it was held, until when, and the message itself."""
    from .holding import when
    from .holdqueue import HoldQueue

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


@queue_app.command("release")
def queue_release(
    ident: IdArg,
    force: Annotated[bool, typer.Option(
        "--force", help="Send even before its time, unchecked, or after an unknown outcome.")] = False,
    now: NowOpt = None,
) -> None:
    """Re-check one held message and send it if its time has come."""
    from .holding import release
    from .holdqueue import HoldQueue

    outcome = release(HoldQueue(), ident, now_from(now), force)
    _report(outcome)
    raise typer.Exit(0 if outcome.status in ("sent", "released") else 1)


@queue_app.command("drop")
def queue_drop(ident: IdArg) -> None:
    """Delete a held message without sending it."""
    from .holdqueue import HoldQueue

    entry = HoldQueue().drop(ident)
    typer.echo(f"dropped {entry.id} ({entry.summary()}); it was not sent")


@queue_app.command("flush")
def queue_flush(now: NowOpt = None) -> None:
    """Send every message whose time has come (for cron or a systemd timer)."""
    from .holding import flush
    from .holdqueue import HoldQueue

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


@hook_app.command("install")
def hook_install(
    name: HookArg,
    repo: RepoOpt = Path("."),
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing hook (kept as a backup).")] = False,
    chain: Annotated[bool, typer.Option(
        "--chain", help="Keep an existing hook and run it first.")] = False,
) -> None:
    """Write .git/hooks/NAME so that git runs tonecheck first."""
    from .githooks import install

    typer.echo(install(name, repo, force=force, chain=chain))


@hook_app.command("uninstall")
def hook_uninstall(name: HookArg, repo: RepoOpt = Path(".")) -> None:
    """Remove tonecheck's hook, and put back the one it replaced."""
    from .githooks import uninstall

    typer.echo(uninstall(name, repo))


@hook_app.command("run", hidden=True)
def hook_run(
    name: HookArg,
    args: Annotated[list[str] | None, typer.Argument()] = None,
    now: NowOpt = None,
) -> None:
    """What an installed hook runs."""
    from . import githooks

    moment = now_from(now)
    if name == "pre-commit":
        raise typer.Exit(githooks.run_pre_commit(moment))
    if name == "sendemail-validate":
        if not args:
            raise TonecheckError("sendemail-validate needs the patch file")
        raise typer.Exit(githooks.run_sendemail_validate(args[0], moment))
    raise TonecheckError(f"unknown hook '{name}'")
