"""The command line: a thin layer over tonecheck.analyze.

Exit status: 0 when every draft may be sent, 1 when any should be revised or wait,
2 for a usage or input error. Hooks depend on it.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..config import Session
from ..core.errors import TonecheckError, exit_after, fail
from ..delay import now_from
from ..render import FORMATS
from . import hooks, queue
from .check import run as run_check
from .options import ConfigOpt, NowOpt, ProfileOpt, RulesOpt

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Check a draft's tone before you send it: intensity, pushiness, length, a calmer "
    "revision and how long to wait.",
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"tonecheck {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Check a draft's tone before you send it: intensity, pushiness, length, a calmer
    revision and how long to wait."""


Format = StrEnum("Format", {name: name for name in FORMATS})
TEXT = Format("text")


# The check itself lives in cli.check, shared with the quick entry (cli.quick).


@app.command()
def check(
    files: Annotated[list[str], typer.Argument(help="Drafts: text, Markdown or .eml; - for stdin.")],
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text, json or line.")] = TEXT,
    revision: Annotated[bool, typer.Option(help="Show the suggested revision.")] = True,
    now: NowOpt = None,
) -> None:
    """Score drafts, list the findings, give a verdict and a send delay."""
    raise typer.Exit(run_check(files, profile, config, rules, fmt.value, revision, now))


@app.command()
def revise(
    file: Annotated[str, typer.Argument(help="The draft to revise; - for stdin.")],
    diff: Annotated[bool, typer.Option("--diff", help="Show the changes as a unified diff.")] = False,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Rewrite the file.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="List each edit and why.")] = False,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    now: NowOpt = None,
) -> None:
    """Print the calmer version (or a diff, or write it back with --in-place)."""
    from ..analysis import analyze_draft
    from ..drafts.load import load
    from ..drafts.write import file_bytes

    if in_place and file == "-":
        raise TonecheckError("--in-place needs a file, not stdin")
    draft = load(file)
    report = analyze_draft(draft, Session(profile, config, rules).settings_for(file), now_from(now))
    rev = report.revision
    assert rev is not None
    if in_place:
        if rev.changed:
            from ..drafts.write import write_atomic

            write_atomic(file, file_bytes(draft, rev.text))
        fail(f"{draft.path}: {len(rev.edits)} edits written" if rev.changed
              else f"{draft.path}: nothing to change")
    elif diff:
        from ..render.diff import diff as unified_diff

        typer.echo(unified_diff(draft.source, rev.text, draft.path), nl=False)
    elif draft.kind == "email":
        # The calmer message as a whole email, headers and all, ready to save as .eml;
        # an HTML-only email can't be rebuilt, so its subject and text are shown instead.
        try:
            typer.echo(file_bytes(draft, rev.text).decode("utf-8", "replace"), nl=False)
        except TonecheckError:
            typer.echo("Subject: " + rev.text, nl=not rev.text.endswith("\n"))
    else:
        typer.echo(rev.text, nl=not rev.text.endswith("\n"))
    if explain:
        for e in rev.edits:
            fail(f"{draft.path}:{e.line}: {e.rule}: \"{e.before}\" → \"{e.after}\" ({e.reason})")


@app.command()
def profiles() -> None:
    """List the bundled profiles."""
    from ..config import available_profiles, load_profile

    for name in available_profiles():
        typer.echo(f"{name:<10} {load_profile(name).get('profile', {}).get('description', '')}")


@app.command(name="rules")
def list_rules(
    profile: ProfileOpt = None, config: ConfigOpt = None, rules: RulesOpt = None
) -> None:
    """List the rules a profile runs, with their dimension and weight."""
    settings = Session(profile, config, rules).settings_for(".")
    for rule in settings.rules:
        weight = rule.weight * settings.weights.get(rule.id, 1.0)
        typer.echo(f"{rule.id:<34} {rule.kind:<12} {rule.dimension:<10} {weight:>5.2f}  {rule.message}")


queue.register(app)
hooks.register(app)


JobsOpt = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, help="Worker processes (default: one per core).")]


@app.command()
def batch(
    source: Annotated[str, typer.Argument(
        metavar="INPUT", help="JSON Lines ({\"id\", \"text\"} per line; - for stdin), an mbox, "
        "a Maildir or a folder of drafts.")],
    input_format: Annotated[str, typer.Option(
        "--input", help="auto, jsonl, mbox, maildir or folder.")] = "auto",
    jobs: JobsOpt = None,
    revision: Annotated[bool, typer.Option(help="Include the suggested revision.")] = True,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    now: NowOpt = None,
) -> None:
    """Score many drafts: one JSON report per line (check's schema, plus "id"), in order."""
    from ..batch.run import run

    raise typer.Exit(run(source, input_format, jobs, profile, config,
                         [str(r) for r in rules or []], now, revision))


@app.command()
def report(
    mailbox: Annotated[str, typer.Argument(metavar="MAILBOX", help="An mbox file or a Maildir.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write the HTML page.")] = Path("tonecheck-report.html"),
    jobs: JobsOpt = None,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Summarise a sent-mail archive: a self-contained HTML page and a short summary."""
    from ..batch.mailbox_report import run

    raise typer.Exit(run(mailbox, output, jobs, profile, config, [str(r) for r in rules or []]))


def main() -> None:
    """Entry point: one line on stderr and exit 2 for any error, never a traceback."""
    if sys.argv[1:2] == ["sendmail"]:
        # Straight to the wrapper: sendmail's arguments (mutt passes "-oi -- rcpt") must
        # reach the real sendmail exactly, and click would eat the "--".
        from ..send.sendmail import main as wrapper

        sys.exit(wrapper(sys.argv[2:]))
    exit_after(_typer)


def _typer() -> int:
    """Typer's run of the command line, with its own ways of failing made ours."""
    try:
        # Outside standalone mode click returns a command's exit code instead of exiting.
        code = app(standalone_mode=False)
    except typer.Abort:
        raise KeyboardInterrupt from None
    except Exception as exc:
        if callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int):
            # A usage error from Typer's parser (its exception classes moved between
            # releases, so they are recognised by shape).
            exc.show()
            return 2
        raise
    return code if isinstance(code, int) else 0
