"""Fixtures for the send-side tests; the helpers live in sendkit.py next to this file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sendkit import Env, InProcess, make_env, make_repo  # noqa: E402


@pytest.fixture
def env(tmp_path: Path) -> Env:
    return make_env(tmp_path)


@pytest.fixture
def repo(env: Env) -> Path:
    """A real git repository with one commit."""
    return make_repo(env)


@pytest.fixture
def inproc(env: Env, monkeypatch: pytest.MonkeyPatch) -> InProcess:
    """The isolated user, driven in this process."""
    return InProcess(env, monkeypatch)
