"""Errors that reach the user as one line and exit status 2, and the one way they are shown."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn, TextIO


class TonecheckError(Exception):
    """A problem with the user's input, config or rules: shown as one line, exit 2."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class InputError(TonecheckError):
    """A draft that cannot be read as text."""


class ConfigError(TonecheckError):
    """A config file, profile or rule pack that is broken."""


def fail(message: str, stream: TextIO | None = None) -> None:
    """One line on stderr (or `stream`), the way every tonecheck error and warning is shown."""
    stream = stream or sys.stderr
    stream.write(f"tonecheck: {message}\n")
    stream.flush()


def exit_after(command: Callable[[], int]) -> NoReturn:
    """Run a command and exit with its status. Any error is one line on stderr and exit
    status 2, never a traceback (TONECHECK_DEBUG=1 lets an unexpected one through)."""
    try:
        code = command()
    except TonecheckError as exc:
        fail(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining
        # again when it flushes stdout on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the promise is one line, not a traceback
        if os.environ.get("TONECHECK_DEBUG"):
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (TONECHECK_DEBUG=1 shows more)")
        sys.exit(2)
    sys.exit(code)
