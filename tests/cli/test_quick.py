"""The quick entry reads `check`'s arguments exactly as Typer does, or leaves them to Typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from samples import DAYTIME, REPO

from tonecheck.cli.app import app
from tonecheck.cli.quick import parse_batch, parse_check

HEATED = str(REPO / "examples" / "heated.txt")
COFFEE = str(REPO / "examples" / "coffee.txt")

PLAIN = [
    ["check", HEATED],
    ["check", "-f", "json", HEATED, COFFEE],
    ["check", "--format=line", "--profile", "work", HEATED],
    ["check", HEATED, "--format", "json", "-p", "reconnect"],
    ["check", "--no-revision", "--revision", "--no-revision", HEATED],
    ["check", "--rules", "a.toml", "--rules=b.toml", "--config", "c.toml", HEATED],
    ["check", "--now", "2026-01-01T10:00", "-", HEATED],
    ["check", "--format", "json", "--format", "line", HEATED],
    ["check", "--", "-f", HEATED],
    ["check", "--fail-on", "wait", "--max-findings=3", HEATED],
    ["check", "--max-findings", "0", "--fail-on=revise", HEATED],
    ["check", "--profile", "-x", HEATED],
]

NOT_PLAIN = [
    [], ["--help"], ["check"], ["check", "--help"], ["check", "-h", HEATED], ["revise", HEATED],
    ["check", "-fjson", HEATED], ["check", "--format", "yaml", HEATED], ["check", "--unknown", HEATED],
    ["check", HEATED, "--format"], ["check", "--revision=no", HEATED], ["check", "--rules=", HEATED],
    ["check", "-f=json", HEATED], ["batch", HEATED],
    ["check", "--fail-on", "never", HEATED], ["check", "--max-findings", "-1", HEATED],
    ["check", "--max-findings", "many", HEATED],
]

BATCH_PLAIN = [
    ["batch", HEATED],
    ["batch", "-j", "1", HEATED],
    ["batch", "--jobs=2", "--input", "folder", "--no-revision", HEATED],
    ["batch", "--profile", "work", "--rules", "a.toml", "--config", "c.toml", "-"],
    ["batch", "--now", "2026-01-01T10:00", "--", "-x"],
]

BATCH_NOT_PLAIN = [
    ["batch"], ["batch", "--help"], ["batch", HEATED, COFFEE], ["batch", "-j", "0", HEATED],
    ["batch", "--jobs", "two", HEATED], ["batch", "--input", "csv", HEATED],
    ["batch", "-f", "json", HEATED], ["batch", HEATED, "--jobs"], ["check", HEATED],
]


def typer_params(args: list[str]) -> dict:
    command = typer.main.get_command(app)
    ctx = command.make_context("tonecheck", list(args))
    sub = command.get_command(ctx, args[0])
    params = sub.make_context(args[0], list(args[1:]), parent=ctx).params
    for key in ("fmt", "fail_on"):
        if key in params:
            params[key] = params[key].value
    params["rules"] = [str(r) for r in params["rules"]] if params["rules"] else None
    return params


@pytest.mark.parametrize("args", PLAIN)
def test_plain_arguments_read_as_typer_reads_them(args: list[str], monkeypatch) -> None:
    monkeypatch.delenv("TONECHECK_NOW", raising=False)
    assert parse_check(args) == typer_params(args)


def test_the_clock_comes_from_the_environment_as_with_typer(monkeypatch) -> None:
    monkeypatch.setenv("TONECHECK_NOW", DAYTIME)
    assert parse_check(["check", HEATED]) == typer_params(["check", HEATED])
    assert parse_check(["check", HEATED])["now"] == DAYTIME
    assert parse_check(["check", "--now", "2026-01-01", HEATED])["now"] == "2026-01-01"


@pytest.mark.parametrize("args", NOT_PLAIN)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert parse_check(args) is None


@pytest.mark.parametrize("args", BATCH_PLAIN)
def test_plain_batch_arguments_read_as_typer_reads_them(args: list[str], monkeypatch) -> None:
    monkeypatch.delenv("TONECHECK_NOW", raising=False)
    assert parse_batch(args) == typer_params(args)


@pytest.mark.parametrize("args", BATCH_NOT_PLAIN)
def test_any_other_batch_line_is_left_to_typer(args: list[str]) -> None:
    assert parse_batch(args) is None


@pytest.mark.parametrize("name", ["check", "batch"])
def test_every_option_is_known_to_the_quick_entry(name: str) -> None:
    # A new option on `check` or `batch` must be taught to tonecheck.entry, or every hook
    # that uses it pays for Typer's start-up (the quick entry sends unknown options to Typer).
    from tonecheck.cli.quick import BATCH_VALUE_OPTIONS, FLAGS, VALUE_OPTIONS

    command = typer.main.get_command(app)
    ctx = command.make_context("tonecheck", [name, HEATED])
    sub = command.get_command(ctx, name)
    spellings = {o for p in sub.params for o in (*p.opts, *p.secondary_opts) if o.startswith("-")}
    known = VALUE_OPTIONS if name == "check" else BATCH_VALUE_OPTIONS
    assert spellings - {"--help"} == set(known) | set(FLAGS)


def run_both(tmp_path: Path, args: list[str], stdin: bytes | None = None) -> tuple:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONECHECK_")}
    env.update(HOME=str(tmp_path), PYTHONPATH=str(REPO), TONECHECK_NOW=DAYTIME)
    results = []
    for code in ("from tonecheck.cli.quick import main; main()",
                 "from tonecheck.cli.app import main; main()"):
        proc = subprocess.run([sys.executable, "-c", f"import sys; sys.argv[0] = 'tonecheck'; {code}",
                               *args], input=stdin, capture_output=True, env=env, cwd=tmp_path)
        results.append((proc.returncode, proc.stdout, proc.stderr))
    return tuple(results)


@pytest.mark.parametrize("args", [
    ["check", "-f", "json", HEATED, COFFEE],
    ["check", "-f", "line", HEATED],
    ["check", "--no-revision", HEATED],
    ["check", "-f", "json", "missing.txt", COFFEE],
    ["check", "--now", "yesterday", HEATED],
    ["check", "-p", "nosuchprofile", HEATED],
    ["check", "-f", "json", "-"],
    ["check", "--fail-on", "wait", "-f", "line", "--max-findings", "2", HEATED, COFFEE],
    ["check", HEATED, COFFEE],
])
def test_quick_entry_and_typer_print_the_same(tmp_path: Path, args: list[str]) -> None:
    quick, full = run_both(tmp_path, args, stdin=b"ANSWER ME NOW!!!\n")
    assert quick == full


@pytest.mark.parametrize("args", [
    ["batch", "-j", "1", "-"],
    ["batch", "--jobs", "2", "--no-revision", "-"],
    ["batch", "missing.jsonl"],
    ["batch", "--input", "maildir", HEATED],
])
def test_quick_batch_and_typer_batch_print_the_same(tmp_path: Path, args: list[str]) -> None:
    lines = b'{"id": 1, "text": "ANSWER ME NOW!!!"}\nnot json\n{"id": "b", "text": "Coffee soon?"}\n'
    quick, full = run_both(tmp_path, args, stdin=lines)
    assert quick == full
    assert quick[0] in (1, 2)


@pytest.mark.parametrize("env", [
    {}, {"TONECHECK_HOME": "~/tc"}, {"XDG_DATA_HOME": "/srv/data"},
    {"TONECHECK_HOME": "/opt/tc", "XDG_DATA_HOME": "/srv/data"},
])
def test_check_looks_for_the_hold_queue_where_the_queue_keeps_it(env: dict, monkeypatch) -> None:
    from tonecheck.send.holdqueue import HoldQueue
    from tonecheck.send.lookup import queue_database

    for name in ("TONECHECK_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert queue_database() == HoldQueue().db


def test_a_reader_that_stops_early_gets_the_same_quiet_exit(tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_text(Path(HEATED).read_text(encoding="utf-8") * 300, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONECHECK_")}
    env.update(HOME=str(tmp_path), PYTHONPATH=str(REPO), TONECHECK_NOW=DAYTIME)
    outcomes = []
    for code in ("from tonecheck.cli.quick import main; main()",
                 "from tonecheck.cli.app import main; main()"):
        proc = subprocess.Popen([sys.executable, "-c", code, "check", "-f", "json", str(long)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(100)  # like `| head -c 100`: the output is far longer than a pipe holds
        proc.stdout.close()
        outcomes.append((proc.wait(), proc.stderr.read()))
    assert outcomes[0] == outcomes[1] == (1, b"")
