"""The pre-commit framework, for real: `pre-commit try-repo` on this repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sendkit import CALM_BODY, HOT_BODY, Env, git, write

ROOT = Path(__file__).resolve().parents[2]


def _pre_commit() -> str | None:
    beside = Path(sys.executable).parent / "pre-commit"
    return str(beside) if beside.exists() else shutil.which("pre-commit")


@pytest.mark.skipif(_pre_commit() is None,
                    reason="the pre-commit package is not installed (pip install pre-commit)")
@pytest.mark.skipif(not (ROOT / ".git").exists(),
                    reason="try-repo needs this project as a git checkout")
def test_try_repo_fails_a_hot_draft_and_passes_a_calm_one(env: Env, repo: Path) -> None:
    write(repo / "hot.md", HOT_BODY)
    write(repo / "calm.txt", CALM_BODY)
    git(repo, "add", ".", env=env)
    env.vars["PRE_COMMIT_HOME"] = str(env.root / "pre-commit-home")  # not the user's cache

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run([_pre_commit(), "try-repo", str(ROOT), "tonecheck", "--files", *files],
                              capture_output=True, env=env.vars, cwd=repo, timeout=600)

    calm = try_repo("calm.txt")
    assert calm.returncode == 0, calm.stdout.decode()[-3000:]
    assert b"Passed" in calm.stdout

    hot = try_repo("hot.md", "calm.txt")
    out = hot.stdout.decode()
    assert hot.returncode == 1, out[-3000:]
    assert "Failed" in out and "hot.md" in out and "Verdict: WAIT" in out
