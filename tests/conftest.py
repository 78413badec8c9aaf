"""Shared fixtures: run the real CLI in a subprocess with a fixed clock and an empty home."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from samples import DAYTIME

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def run(home: Path):
    """Run `python -m tonecheck ARGS` as a user would, with no config of theirs."""

    def _run(*args: str, input: str | bytes | None = None, cwd: Path | None = None,
             env: dict[str, str] | None = None, now: str = DAYTIME) -> Result:
        full_env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("TONECHECK_", "XDG_")) and k not in ("NO_COLOR", "FORCE_COLOR")}
        full_env.update(HOME=str(home), TONECHECK_NOW=now, PYTHONPATH=str(REPO))
        full_env.update(env or {})
        data = input.encode() if isinstance(input, str) else input
        proc = subprocess.run(
            [sys.executable, "-m", "tonecheck", *args], input=data, capture_output=True,
            cwd=cwd or home, env=full_env, timeout=120,
        )
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                      proc.stderr.decode("utf-8", "replace"))

    return _run
