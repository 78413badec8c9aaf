"""Batch input built to crash, hang or exhaust a run: each is one error record and the run
goes on (issue 14)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from samples import SHOUTING, email_bytes


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_hostile_jsonl_lines_are_error_records_and_the_run_goes_on(tmp_path: Path, run) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        '{"id": NaN, "text": "hello"}',
        '{"id": "s", "text": "half a pair \\ud800 here"}',
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "last", "text": SHOUTING}),
    ]) + "\n")
    result = run("batch", str(src))
    assert result.code == 2, result.err  # some records were bad; the rest were scored
    # Every line is strict JSON: no NaN or Infinity written back.
    out = [json.loads(line, parse_constant=lambda c: pytest.fail(f"{c} in output"))
           for line in result.out.splitlines()]
    assert [r.get("error", "")[:20] for r in out[:3]] == [
        "line 1 is not JSON (", "line 2 holds a lone ", "line 3 is nested too"]
    assert out[3]["id"] == "last" and out[3]["verdict"] != "send"


def test_a_fifo_and_a_dev_zero_link_in_a_maildir_are_skipped(tmp_path: Path, run) -> None:
    box = tmp_path / "box"
    for sub in ("new", "cur", "tmp"):
        (box / sub).mkdir(parents=True)
    (box / "new" / "1").write_bytes(email_bytes("How are you doing?"))
    os.mkfifo(box / "new" / "2")
    (box / "new" / "3").symlink_to("/dev/zero")
    (box / "new" / "4").write_bytes(email_bytes(SHOUTING))
    result = run("batch", str(box), "--input", "maildir")
    assert result.code == 2, result.err  # some records were bad; the rest were scored
    out = records(result.out)
    assert [r.get("error") for r in out] == [
        None, "not a regular file; skipped", "not a regular file; skipped", None]
    assert out[3]["verdict"] != "send"
