"""Bad input: one clear line on stderr naming the problem and the file, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck.core.errors import InputError
from tonecheck.drafts.write import write_atomic


def one_line_error(result, *needles: str) -> None:
    assert result.code == 2, (result.code, result.err)
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.mark.parametrize("name, content, problem", [
    ("draft.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary"),
    ("latin1.txt", "Caf\xe9 au lait, d\xe9j\xe0 vu".encode("latin-1"), "not valid UTF-8"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\n   \n", "empty"),
    ("quoted-only.eml", b"Subject: \n\n> an old quote\n", "empty"),
])
def test_unreadable_drafts(run, tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    one_line_error(run("check", str(path)), problem, str(path))


def test_missing_file_and_directory(run, tmp_path: Path) -> None:
    one_line_error(run("check", str(tmp_path / "nope.txt")), "no such file", "nope.txt")
    one_line_error(run("check", str(tmp_path)), "directory", str(tmp_path))


def test_utf16_with_bom_is_decoded(run, tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Hello Sam, how are you doing?".encode("utf-16"))
    result = run("check", str(path))
    assert result.code == 0 and "Verdict: SEND" in result.out


def test_too_large_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"calm words here. " * (21 * 1024 * 1024 // 17 + 1))
    one_line_error(run("check", str(path)), "too large", str(path))


def test_multi_megabyte_paste_finishes(run, tmp_path: Path) -> None:
    sentence = "I am upset the report was late again. Could we talk tomorrow? "
    text = sentence * (2 * 1024 * 1024 // len(sentence))
    result = run("check", "--format", "json", "-", input=text)
    assert result.code == 1 and '"verdict"' in result.out


def test_broken_config_and_unknown_key(run, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Hello there.")
    config = tmp_path / ".tonecheck.toml"
    config.write_text("profile = 'work\n")
    one_line_error(run("check", str(draft)), "broken TOML", str(config))
    config.write_text("profil = 'work'\n")
    one_line_error(run("check", str(draft)), "unknown key 'profil'", str(config))
    config.write_text("quiet_hours = 'late'\n")
    one_line_error(run("check", str(draft)), "quiet_hours", str(config))


def test_unknown_profile(run, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Hello there.")
    one_line_error(run("check", "--profile", "angry", str(draft)), "unknown profile 'angry'", "reconnect")


def test_non_english_draft_warns(run, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Hola, ¿cómo estás? Pensé que podríamos tomar un café mañana por la tarde.")
    result = run("check", str(draft))
    assert result.code in (0, 1)
    assert "may not be English" in result.out
    assert "may not be English" in run("check", "-f", "line", str(draft)).err


def test_in_place_on_read_only_file_keeps_it(run, tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("SEND IT NOW!!!\n")
    path.chmod(0o444)
    one_line_error(run("revise", "--in-place", str(path)), "read-only", str(path))
    assert path.read_text() == "SEND IT NOW!!!\n"


def test_atomic_write_refuses_a_vanished_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    with pytest.raises(InputError, match="gone"):
        write_atomic(path, b"new")
    assert not path.exists()


def test_config_found_walking_up_from_the_draft(run, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.tonecheck]\nprofile = 'reconnect'\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "d.txt").write_text("Hello there.")
    assert "(profile: reconnect)" in run("check", str(sub / "d.txt")).out
    (tmp_path / "a" / ".tonecheck.toml").write_text("profile = 'work'\n")
    assert "(profile: work)" in run("check", str(sub / "d.txt")).out
    env_config = tmp_path / "env.toml"
    env_config.write_text("profile = 'default'\n")
    out = run("check", str(sub / "d.txt"), env={"TONECHECK_CONFIG": str(env_config)}).out
    assert "(profile: default)" in out
