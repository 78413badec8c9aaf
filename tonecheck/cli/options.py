"""The command-line options that several commands share (cli.app, cli.queue, cli.hooks)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ProfileOpt = Annotated[str | None, typer.Option(
    "--profile", "-p", metavar="NAME", help="default, work or reconnect (or the config's choice).")]
ConfigOpt = Annotated[str | None, typer.Option(
    "--config", metavar="FILE", help="Config file (else $TONECHECK_CONFIG, .tonecheck.toml, "
    "pyproject.toml, ~/.config/tonecheck/config.toml).")]
RulesOpt = Annotated[list[Path] | None, typer.Option(
    "--rules", metavar="PACK", help="An extra rule pack (TOML), or a folder of them; may be "
    "given more than once.")]
def examples(*lines: str) -> str:
    """A command's help epilog: its example command lines."""
    # "\b" keeps the help formatter from re-flowing the examples into one paragraph.
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


NowOpt = Annotated[str | None, typer.Option(
    "--now", metavar="TIME", envvar="TONECHECK_NOW",
    help="Check as if it were this time (ISO 8601, e.g. 2026-11-26T23:30+00:00): the delay "
    "and quiet hours count from it. For testing hooks and replaying old mail.")]
