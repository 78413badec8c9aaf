"""The wheel carries the rule packs, and a check never opens a socket."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from samples import GUARD, REPO

HEATED = REPO / "examples" / "heated.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    src = tmp_path_factory.mktemp("src") / "tonecheck"
    # Build from a copy, so nothing is written into the checkout.
    shutil.copytree(REPO, src, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
         str(src)], check=True, capture_output=True,
    )
    (path,) = out.glob("tonecheck-*.whl")
    return path


def test_wheel_contains_every_rule_pack_and_profile(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in (REPO / "rules").rglob("*.toml"):
        assert f"tonecheck/rules/{pack.relative_to(REPO / 'rules').as_posix()}" in names


def test_installed_wheel_finds_its_rules_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    "--target", str(site), str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(HEATED, elsewhere / "draft.txt")
    env = {**os.environ, "PYTHONPATH": str(site), "HOME": str(tmp_path)}
    env.pop("TONECHECK_CONFIG", None)
    proc = subprocess.run(
        [sys.executable, "-c",
         "import sys, tonecheck, tonecheck.rules as r; "
         "from tonecheck.engine.packs import packs_dir; print(tonecheck.__file__); print(packs_dir()); "
         "sys.argv=['tonecheck','check','-f','json','draft.txt']; "
         "from tonecheck.cli.app import main; main()"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    lines = proc.stdout.split("\n", 2)
    assert lines[0].startswith(str(site)) and lines[1].startswith(str(site)), proc.stdout + proc.stderr
    assert proc.returncode == 1 and json.loads(lines[2])["verdict"] == "wait"


def test_check_opens_no_socket_with_an_empty_home(tmp_path: Path) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    marker = tmp_path / "marker"
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TONECHECK_", "NLTK"))}
    env.update(PYTHONPATH=f"{guard}{os.pathsep}{REPO}", HOME=str(home), SOCKET_MARKER=str(marker),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".data"))
    proc = subprocess.run([sys.executable, "-m", "tonecheck", "check", "-f", "json", str(HEATED)],
                          env=env, capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["stats"]["grade"] != 0  # the readability formulas ran, offline
    assert not marker.exists(), marker.read_text()


@pytest.mark.skipif(not shutil.which("unshare"), reason="unshare is not installed")
def test_check_runs_in_a_network_namespace_with_no_network(tmp_path: Path) -> None:
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -n is not permitted here: {probe.stderr.decode().strip()}")
    env = {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(tmp_path)}
    proc = subprocess.run(["unshare", "-n", sys.executable, "-m", "tonecheck", "check", str(HEATED)],
                          env=env, capture_output=True, text=True)
    assert proc.returncode == 1 and "Verdict: WAIT" in proc.stdout, proc.stderr


def test_our_tests_are_not_the_stray_tests_package() -> None:
    # textstat wheels install a top-level `tests` package; ours must never be taken for it.
    import importlib.util

    spec = importlib.util.find_spec("tests")
    here = Path(__file__).resolve()
    if spec is not None and spec.origin:
        assert not here.is_relative_to(Path(spec.origin).parent)
    assert sys.modules[__name__].__file__ == str(here) or Path(sys.modules[__name__].__file__) == here
