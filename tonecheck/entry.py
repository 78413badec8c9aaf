"""The `tonecheck` program's entry point: `check` at hook speed, Typer for the rest.

A pre-send hook runs `tonecheck check` on every message. Typer builds its whole parser on
each run, and the Typer in use validates every option through pydantic, which takes
longer to import than a whole check. So this module reads `check`'s own arguments when
they are plain -- files, --format/-f, --profile/-p, --config, --rules, --[no-]revision,
--now and `--` -- and calls the same function Typer's `check` calls. Anything else (another
command, --help, an unknown option, a bad value, a missing file argument) goes to Typer
untouched, so its help and its error messages are exactly what they were.
tests/test_entry.py holds this reading of the arguments to Typer's own.
"""

from __future__ import annotations

import os
import sys

#: Options taking a value, by spelling, and the parameter each sets.
VALUE_OPTIONS = {"--format": "fmt", "-f": "fmt", "--profile": "profile", "-p": "profile",
                 "--config": "config", "--rules": "rules", "--now": "now"}
FLAGS = {"--revision": ("revision", True), "--no-revision": ("revision", False)}
FORMATS = ("text", "json", "line")


def parse_check(args: list[str]) -> dict | None:
    """`check`'s parameters from the arguments after the program name, or None when they
    are not plain enough to be sure of reading them as Typer would."""
    if not args or args[0] != "check":
        return None
    params: dict = {"files": [], "profile": None, "config": None, "rules": [], "fmt": "text",
                    "revision": True, "now": None}
    rest, only_files = args[1:], False
    i = 0
    while i < len(rest):
        arg = rest[i]
        i += 1
        if only_files or arg == "-" or not arg.startswith("-"):
            params["files"].append(arg)
            continue
        if arg == "--":
            only_files = True
            continue
        if arg in FLAGS:
            key, flag = FLAGS[arg]
            params[key] = flag
            continue
        name, equals, value = arg.partition("=")
        if not (equals and name.startswith("--") and name in VALUE_OPTIONS):
            if arg not in VALUE_OPTIONS or i >= len(rest):
                return None
            name, value = arg, rest[i]
            i += 1
        key = VALUE_OPTIONS[name]
        if key == "rules":
            if not value:
                return None
            params["rules"].append(value)
        else:
            params[key] = value
    if not params["files"] or params["fmt"] not in FORMATS:
        return None
    if params["now"] is None:
        params["now"] = os.environ.get("TONECHECK_NOW") or None
    params["rules"] = params["rules"] or None
    return params


def main() -> None:
    """Run tonecheck: one line on stderr and exit 2 for any error, never a traceback."""
    params = parse_check(sys.argv[1:])
    if params is None:
        from .cli import main as typer_main

        typer_main()
        return
    from .check import fail, run
    from .errors import TonecheckError

    try:
        code = run(**params)
    except TonecheckError as exc:
        fail(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Typer's parser does, and keep
        # Python from complaining again when it flushes stdout on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the promise is one line, not a traceback
        if os.environ.get("TONECHECK_DEBUG"):
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (TONECHECK_DEBUG=1 shows more)")
        sys.exit(2)
    sys.exit(code)
