"""The command-line options that several commands share (cli.app, cli.queue, cli.hooks)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ProfileOpt = Annotated[str | None, typer.Option(
    "--profile", "-p", help="default, work or reconnect (or the config's choice).")]
ConfigOpt = Annotated[str | None, typer.Option(
    "--config", help="Config file (else $TONECHECK_CONFIG, .tonecheck.toml, pyproject.toml, "
    "~/.config/tonecheck/config.toml).")]
RulesOpt = Annotated[list[Path] | None, typer.Option(
    "--rules", help="An extra rule pack (TOML); may be given more than once.")]
NowOpt = Annotated[str | None, typer.Option(
    "--now", hidden=True, envvar="TONECHECK_NOW", help="Pretend it is this ISO time.")]
