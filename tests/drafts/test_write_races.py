"""Write-back never loses what the user saved meanwhile, and a folder sync that fails after
a whole write is a warning, not an error (issue 14)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tonecheck.core.errors import InputError
from tonecheck.drafts.write import write_atomic


def test_a_change_saved_while_revising_is_kept(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"SEND IT NOW!!!\n")
    read = draft.read_bytes()  # what revise read
    draft.write_bytes(b"I rewrote it myself.\n")  # the user saves meanwhile
    with pytest.raises(InputError, match="changed since tonecheck read it"):
        write_atomic(draft, b"Could you send it?\n", expected=read)
    assert draft.read_bytes() == b"I rewrote it myself.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]  # no temp file left


def test_a_failed_folder_sync_after_a_good_write_only_warns(tmp_path: Path, monkeypatch,
                                                            capsys) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(b"SEND IT NOW!!!\n")
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        # The OS refuses to sync a folder (some network file systems do); files sync.
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(22, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(draft, b"Could you send it?\n", expected=draft.read_bytes())
    assert draft.read_bytes() == b"Could you send it?\n"
    err = capsys.readouterr().err
    assert "warning: written, but its folder could not be synced" in err
    assert "internal error" not in err
