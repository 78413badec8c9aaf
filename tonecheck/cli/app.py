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
from .check import FAIL_ON, MAX_FINDINGS, expand_rules
from .check import run as run_check
from .options import ConfigOpt, NowOpt, ProfileOpt, RulesOpt, examples

app = typer.Typer(
    add_completion=True,
    # Inherited by every command and group below, as ruff and git users expect.
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    help="Check a draft's tone before you send it: intensity, pushiness, length, a calmer "
    "revision and how long to wait.",
    epilog=examples("tonecheck check draft.txt", "tonecheck revise --diff draft.md",
                    "tonecheck hook install pre-commit", "tonecheck COMMAND --help"),
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
FailOn = StrEnum("FailOn", {name: name for name in FAIL_ON})
#: `rules`, `profiles` and `config` print a table for people or JSON for programs.
ListFormat = StrEnum("ListFormat", {"text": "text", "json": "json"})
ListFormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")]
LIST_TEXT = ListFormat("text")
FAIL_ON_REVISE = FailOn("revise")


# The check itself lives in cli.check, shared with the quick entry (cli.quick).


@app.command(epilog=examples(
    "tonecheck check draft.txt",
    "tonecheck check --profile work --format line drafts/*.md",
    "tonecheck check --fail-on wait --format json mail.eml",
    "pbpaste | tonecheck check -"))
def check(
    files: Annotated[list[str], typer.Argument(
        metavar="FILE", help="Drafts: text, Markdown or .eml; - for stdin.")],
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    rules: RulesOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text, json or line.")] = TEXT,
    revision: Annotated[bool, typer.Option(help="Show the suggested revision.")] = True,
    now: NowOpt = None,
    fail_on: Annotated[FailOn, typer.Option(
        "--fail-on", help="Exit 1 from this verdict on: revise (revise or wait) or wait "
        "(wait only).")] = FAIL_ON_REVISE,
    max_findings: Annotated[int, typer.Option(
        "--max-findings", metavar="N", min=0, help="List at most N findings per draft and count "
        "the rest (0: all; JSON counts them in findings_omitted).")] = MAX_FINDINGS,
) -> None:
    """Score drafts, list the findings, give a verdict and a send delay.

    Exit status: 0 when every draft may be sent, 1 when any reaches --fail-on's verdict
    (or is held), 2 when a draft or the config could not be read."""
    raise typer.Exit(run_check(files, profile, config, rules, fmt.value, revision, now,
                               fail_on.value, max_findings))


@app.command(epilog=examples(
    "tonecheck revise draft.txt",
    "tonecheck revise --diff draft.txt",
    "tonecheck revise --in-place --explain draft.md"))
def revise(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The draft to revise; - for stdin.")],
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
    from ..drafts.write import file_bytes, read_for_rewrite

    if in_place and file == "-":
        raise TonecheckError("--in-place needs a file, not stdin")
    # Kept to compare with just before the write: a change saved meanwhile is not lost.
    data = read_for_rewrite(file) if in_place else None
    draft = load(file, data)
    report = analyze_draft(draft, Session(profile, config, expand_rules(rules)).settings_for(file),
                           now_from(now))
    rev = report.revision
    assert rev is not None
    if in_place:
        if rev.changed:
            from ..drafts.write import write_atomic

            write_atomic(file, file_bytes(draft, rev.text), expected=data)
        n = len(rev.edits)
        if rev.changed or report.verdict == "send":
            fail(f"{draft.path}: {n} edit{'' if n == 1 else 's'} written" if rev.changed
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
    if report.verdict != "send" and not rev.changed:
        # Unchanged output with exit 0 would read as "nothing to fix".
        left = len(rev.unrevised)
        fail(f"{draft.path}: {report.verdict.upper()}, and no automatic revision: "
             + (f"{left} sentence{'' if left == 1 else 's'} need{'s' if left == 1 else ''} your own words"
                if left else "none of its findings has a rewrite")
             + f"; `tonecheck check {draft.path}` lists what to change by hand")


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Rows under a header, in columns as wide as their widest cell; the last column runs
    on, cut to a terminal's width so a row stays one line (in full when piped)."""
    from ..render.text import width

    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    cols = width() if sys.stdout.isatty() else 1 << 30
    for row in [header, tuple("-" * len(h) for h in header), *rows]:
        line = "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
        typer.echo(line if len(line) <= cols else line[:cols - 1] + "…")


def _json(value: object) -> None:
    import json

    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


@app.command(epilog=examples("tonecheck profiles", "tonecheck profiles --format json"))
def profiles(fmt: ListFormatOpt = LIST_TEXT) -> None:
    """List the bundled profiles."""
    from ..config import available_profiles, load_profile

    found = []
    for name in available_profiles():
        meta = load_profile(name).get("profile", {})
        found.append({"name": name, "description": meta.get("description", ""),
                      "extends": meta.get("extends"), "packs": meta.get("packs", [])})
    if fmt.value == "json":
        _json(found)
    else:
        _table(("PROFILE", "PACKS", "DESCRIPTION"),
               [(p["name"], ", ".join(p["packs"]), p["description"]) for p in found])


@app.command(name="rules", epilog=examples(
    "tonecheck rules", "tonecheck rules --profile work --format json",
    "tonecheck rules --rules team-rules/ drafts/"))
def list_rules(
    path: Annotated[str, typer.Argument(
        metavar="[PATH]", help="Find the config as a check of a draft here would "
        "(default: the current folder).")] = ".",
    profile: ProfileOpt = None, config: ConfigOpt = None, rules: RulesOpt = None,
    fmt: ListFormatOpt = LIST_TEXT,
) -> None:
    """List the rules a profile runs, with their dimension and weight."""
    settings = Session(profile, config, expand_rules(rules)).settings_for(_draft_in(path))
    found = [{"id": r.id, "kind": r.kind, "dimension": r.dimension,
              "weight": round(r.weight * settings.weights.get(r.id, 1.0), 3),
              "message": r.message, "pack": r.path} for r in settings.rules]
    if fmt.value == "json":
        _json({"profile": settings.profile,
               "config": str(settings.config_path) if settings.config_path else None,
               "rules": found})
        return
    _table(("RULE", "KIND", "DIMENSION", "WEIGHT", "MESSAGE"),
           [(r["id"], r["kind"], r["dimension"], f"{r['weight']:.2f}", r["message"]) for r in found])


def _draft_in(path: str) -> str:
    """A path whose folder is where config discovery starts: Session looks in a draft's
    folder, so a folder given here stands in for a draft inside it."""
    return str(Path(path) / "draft") if Path(path).is_dir() else path


@app.command(name="config", epilog=examples(
    "tonecheck config", "tonecheck config drafts/note.txt --format json"))
def show_config(
    path: Annotated[str, typer.Argument(
        metavar="[PATH]", help="Find the config as a check of this draft (or of a draft in "
        "this folder) would (default: the current folder).")] = ".",
    profile: ProfileOpt = None, config: ConfigOpt = None, rules: RulesOpt = None,
    fmt: ListFormatOpt = LIST_TEXT,
) -> None:
    """Show the config file in effect and the settings merged from it and the profile."""
    from ..config import find_config

    where = _draft_in(path)
    settings = Session(profile, config, expand_rules(rules)).settings_for(where)
    found = find_config(config, Path(where).resolve().parent)
    table = found[1] if found else {}
    merged = {
        "config": str(settings.config_path) if settings.config_path else None,
        "profile": settings.profile,
        "rules": len(settings.rules),
        "packs": sorted({r.path for r in settings.rules}),
        "allow": sorted(settings.allow),
        "disable": list(table.get("disable", [])),
        "thresholds": settings.thresholds, "length": settings.length,
        "delay": settings.delay, "weights": settings.weights, "scoring": settings.scoring,
        **settings.extra,
    }
    if fmt.value == "json":
        _json(merged)
        return
    typer.echo(f"# config: {merged['config'] or 'none found (the bundled profile as it is)'}")
    typer.echo(f"# profile: {settings.profile}, {len(settings.rules)} rules")
    typer.echo(_toml({k: v for k, v in merged.items() if k not in ("config", "rules")}).strip())


def _toml(table: dict, prefix: str = "") -> str:
    """Settings as TOML, the way the config file itself is written: scalars and lists
    first, then each table under its [header] (a header only where it holds values)."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in table.items() if not isinstance(v, dict)]
    for k, v in table.items():
        if isinstance(v, dict):
            name = prefix + _key(k)
            if any(not isinstance(x, dict) for x in v.values()):
                lines += ["", f"[{name}]"]
            if body := _toml(v, name + "."):
                lines.append(body)
    return "\n".join(lines)


def _value(value: object) -> str:
    import json

    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def _key(key: str) -> str:
    import re

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'


queue.register(app)
hooks.register(app)


JobsOpt = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, metavar="N", help="Worker processes (default: one per core).")]


@app.command(epilog=examples(
    "tonecheck batch drafts.jsonl > reports.jsonl",
    "tonecheck batch ~/Mail/Sent --input maildir --no-revision",
    "cat drafts.jsonl | tonecheck batch - --jobs 2"))
def batch(
    source: Annotated[str, typer.Argument(
        metavar="INPUT", help="JSON Lines ({\"id\", \"text\"} per line; - for stdin), an mbox, "
        "a Maildir or a folder of drafts.")],
    input_format: Annotated[str, typer.Option(
        "--input", metavar="KIND", help="auto, jsonl, mbox, maildir or folder.")] = "auto",
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
                         expand_rules(rules) or [], now, revision))


@app.command(epilog=examples(
    "tonecheck report ~/Mail/Sent -o sent.html",
    "tonecheck report archive.mbox --profile work"))
def report(
    mailbox: Annotated[str, typer.Argument(metavar="MAILBOX", help="An mbox file or a Maildir.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE", help="Where to write the HTML page.")
    ] = Path("tonecheck-report.html"),
    jobs: JobsOpt = None,
    profile: ProfileOpt = None,
    config: ConfigOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Summarise a sent-mail archive: a self-contained HTML page and a short summary."""
    from ..batch.mailbox_report import run

    raise typer.Exit(run(mailbox, output, jobs, profile, config, expand_rules(rules) or []))


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
