"""Every error reaches the user as one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import io

import pytest

from tonecheck.core.draft import Draft
from tonecheck.core.errors import ConfigError, InputError, exit_after, fail


def test_fail_writes_one_tonecheck_line() -> None:
    stream = io.StringIO()
    fail("draft.txt: no such file", stream)
    assert stream.getvalue() == "tonecheck: draft.txt: no such file\n"


def test_an_error_names_its_file() -> None:
    assert str(InputError("the draft is empty", "a.txt")) == "a.txt: the draft is empty"
    assert str(ConfigError("broken TOML")) == "broken TOML"


def _exit_of(command, capsys) -> tuple[int, str]:  # noqa: ANN001
    with pytest.raises(SystemExit) as stop:
        exit_after(command)
    return stop.value.code, capsys.readouterr().err


def test_exit_after_passes_the_status_on(capsys) -> None:
    assert _exit_of(lambda: 1, capsys) == (1, "")


def test_our_errors_are_one_line_and_exit_2(capsys) -> None:
    def broken() -> int:
        raise ConfigError("rule 'x': key 'weight': must be a number", "pack.toml")

    code, err = _exit_of(broken, capsys)
    assert code == 2
    assert err == "tonecheck: pack.toml: rule 'x': key 'weight': must be a number\n"


def test_a_bug_is_one_line_too_unless_debugging(capsys, monkeypatch) -> None:
    def bug() -> int:
        raise KeyError("oops")

    monkeypatch.delenv("TONECHECK_DEBUG", raising=False)
    code, err = _exit_of(bug, capsys)
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("tonecheck: internal error: KeyError") and "TONECHECK_DEBUG=1" in err
    monkeypatch.setenv("TONECHECK_DEBUG", "1")
    with pytest.raises(KeyError):
        exit_after(bug)


def test_positions_are_the_files_own_lines_and_columns() -> None:
    # An email draft's first line is its subject, which stands on the file's line 3 after
    # "Subject: "; its body begins on line 6.
    source = "Hello\n\nFirst line\nSecond"
    draft = Draft(source, source, "email", "m.eml",
                  line_map=[(3, len("Subject: ")), (3, 0), (6, 0), (7, 0)])
    assert draft.position(0) == (3, 10)
    assert draft.position(source.index("Second") + 2) == (7, 3)
