"""The `tonecheck` program's entry point: `check` and `batch` quickly, Typer for the rest.

A pre-send hook runs `tonecheck check` on every message. Typer builds its whole parser on
each run, and the Typer in use validates every option through pydantic, which takes
longer to import than a whole check. So this module reads `check`'s own arguments when
they are plain -- files, --format/-f, --profile/-p, --config, --rules, --[no-]revision,
--now, --fail-on, --max-findings and `--` -- and calls the same function Typer's `check`
calls; `batch`'s likewise (INPUT, --input, --jobs/-j and the shared options), since that
start-up is paid on every batch too. Anything else (another command, --help, an unknown option, a bad value, a
missing argument) goes to Typer untouched, so its help and its error messages are exactly
what they were.

Speed: the plain twin is Typer's own parsing (cli.app); tests/cli/test_quick.py holds this
reading of the arguments to Typer's own.
"""

from __future__ import annotations

import os
import sys

#: Options taking a value, by spelling, and the parameter each sets.
VALUE_OPTIONS = {"--format": "fmt", "-f": "fmt", "--profile": "profile", "-p": "profile",
                 "--config": "config", "--rules": "rules", "--now": "now",
                 "--fail-on": "fail_on", "--max-findings": "max_findings"}
FLAGS = {"--revision": ("revision", True), "--no-revision": ("revision", False)}
#: `batch`'s own: it shares --profile, --config, --rules, --now and --[no-]revision.
BATCH_VALUE_OPTIONS = {**{k: v for k, v in VALUE_OPTIONS.items()
                          if v not in ("fmt", "fail_on", "max_findings")},
                       "--input": "input_format", "--jobs": "jobs", "-j": "jobs"}


def parse_check(args: list[str]) -> dict | None:
    """`check`'s parameters from the arguments after the program name, or None when they
    are not plain enough to be sure of reading them as Typer would."""
    if not args or args[0] != "check":
        return None
    from ..render import FORMATS
    from .check import FAIL_ON, MAX_FINDINGS

    params = _parse(args[1:], VALUE_OPTIONS, {"files": [], "fmt": "text", "fail_on": "revise",
                                             "max_findings": MAX_FINDINGS}, "files")
    if (params is None or not params["files"] or params["fmt"] not in FORMATS
            or params["fail_on"] not in FAIL_ON):
        return None
    count = params["max_findings"]
    if isinstance(count, str):
        if not (count.isascii() and count.isdigit()):
            return None  # Typer says what is wrong with it
        params["max_findings"] = int(count)
    return params


def parse_batch(args: list[str]) -> dict | None:
    """`batch`'s parameters, likewise: one INPUT, and --jobs a whole number of at least 1."""
    if not args or args[0] != "batch":
        return None
    from ..batch.read import INPUT_FORMATS  # a batch is about to import it anyway

    params = _parse(args[1:], BATCH_VALUE_OPTIONS,
                    {"source": [], "input_format": "auto", "jobs": None}, "source")
    if params is None or len(params["source"]) != 1 or params["input_format"] not in INPUT_FORMATS:
        return None
    jobs = params["jobs"]
    if jobs is not None:
        if not (jobs.isascii() and jobs.isdigit() and int(jobs) >= 1):
            return None
        params["jobs"] = int(jobs)
    params["source"] = params["source"][0]
    return params


def _parse(rest: list[str], options: dict[str, str], own: dict, positional: str) -> dict | None:
    params: dict = {**own, "profile": None, "config": None, "rules": [], "revision": True,
                    "now": None}
    only_args = False
    i = 0
    while i < len(rest):
        arg = rest[i]
        i += 1
        if only_args or arg == "-" or not arg.startswith("-"):
            params[positional].append(arg)
            continue
        if arg == "--":
            only_args = True
            continue
        if arg in FLAGS:
            key, flag = FLAGS[arg]
            params[key] = flag
            continue
        name, equals, value = arg.partition("=")
        if not (equals and name.startswith("--") and name in options):
            if arg not in options or i >= len(rest):
                return None
            name, value = arg, rest[i]
            i += 1
        key = options[name]
        if key == "rules":
            if not value:
                return None
            params["rules"].append(value)
        else:
            params[key] = value
    if params["now"] is None:
        params["now"] = os.environ.get("TONECHECK_NOW") or None
    params["rules"] = params["rules"] or None
    return params


def main() -> None:
    """Run tonecheck: one line on stderr and exit 2 for any error, never a traceback."""
    args = sys.argv[1:]
    params, command = parse_check(args), "check"
    if params is None:
        params, command = parse_batch(args), "batch"
    if params is None:
        from .app import main as typer_main

        typer_main()
        return
    from ..core.errors import exit_after

    exit_after(lambda: _run(command, params))


def _run(command: str, params: dict) -> int:
    if command == "check":
        from .check import run

        return run(**params)
    from ..batch.run import run as run_batch
    from .check import expand_rules

    return run_batch(params["source"], params["input_format"], params["jobs"], params["profile"],
                     params["config"], expand_rules(params["rules"]), params["now"],
                     params["revision"])
