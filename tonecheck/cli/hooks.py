"""The `tonecheck hook ...` commands: install, uninstall, and what an installed hook runs.

Each is a few lines over send.githooks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..core.errors import TonecheckError
from ..delay import now_from
from .options import NowOpt, examples

hook_app = typer.Typer(help="Install tonecheck as a git hook (pre-commit, sendemail-validate).",
                       no_args_is_help=True, rich_markup_mode=None)

RepoOpt = Annotated[Path, typer.Option("--repo", help="The git repository (default: here).")]
HookArg = Annotated[str, typer.Argument(metavar="HOOK", help="pre-commit or sendemail-validate.")]


def register(app: typer.Typer) -> None:
    app.add_typer(hook_app, name="hook")


@hook_app.command("install", epilog=examples(
    "tonecheck hook install pre-commit", "tonecheck hook install sendemail-validate --chain"))
def hook_install(
    name: HookArg,
    repo: RepoOpt = Path("."),
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing hook (kept as a backup).")] = False,
    chain: Annotated[bool, typer.Option(
        "--chain", help="Keep an existing hook and run it first.")] = False,
) -> None:
    """Write .git/hooks/NAME so that git runs tonecheck first."""
    from ..send.githooks import install

    typer.echo(install(name, repo, force=force, chain=chain))


@hook_app.command("uninstall", epilog=examples("tonecheck hook uninstall pre-commit"))
def hook_uninstall(name: HookArg, repo: RepoOpt = Path(".")) -> None:
    """Remove tonecheck's hook, and put back the one it replaced."""
    from ..send.githooks import uninstall

    typer.echo(uninstall(name, repo))


@hook_app.command("run", hidden=True)
def hook_run(
    name: HookArg,
    args: Annotated[list[str] | None, typer.Argument()] = None,
    now: NowOpt = None,
) -> None:
    """What an installed hook runs."""
    from ..send import githooks

    moment = now_from(now)
    if name == "pre-commit":
        raise typer.Exit(githooks.run_pre_commit(moment))
    if name == "sendemail-validate":
        if not args:
            raise TonecheckError("sendemail-validate needs the patch file")
        raise typer.Exit(githooks.run_sendemail_validate(args[0], moment))
    raise TonecheckError(f"unknown hook '{name}'")
