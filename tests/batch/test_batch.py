"""tonecheck batch: every input format, ids carried through, bad records, jobs, streaming."""

from __future__ import annotations

import json
import mailbox
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from samples import BEGGING, COFFEE, DAYTIME, REPO, SHOUTING, ULTIMATUM, email_bytes

DRAFTS = [COFFEE, SHOUTING, BEGGING, ULTIMATUM]


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_reports_follow_the_check_schema_and_keep_ids(tmp_path: Path, run) -> None:
    src = write_jsonl(tmp_path / "drafts.jsonl", [
        {"id": 7, "text": COFFEE}, {"id": "b-2", "text": SHOUTING}, {"id": None, "text": BEGGING},
        {"text": ULTIMATUM},
    ])
    res = run("batch", str(src))
    got = lines(res.out)
    assert [r["id"] for r in got] == [7, "b-2", None, f"{src}:4"]
    assert res.code == 1  # some drafts should wait
    (tmp_path / "shouting.txt").write_text(SHOUTING, encoding="utf-8")
    single = json.loads(run("check", "-f", "json", str(tmp_path / "shouting.txt")).out)
    batched = dict(got[1])
    del batched["id"]
    assert set(batched) == set(single)
    for key in ("schema", "profile", "kind", "scores", "stats", "verdict", "delay", "findings",
                "revision", "warnings"):
        assert batched[key] == single[key], key


def test_stdin_jsonl(run) -> None:
    data = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(DRAFTS))
    res = run("batch", "-", input=data)
    got = lines(res.out)
    assert [r["id"] for r in got] == [0, 1, 2, 3]
    assert got[0]["verdict"] == "send" and got[1]["verdict"] == "wait"
    assert got[0]["source"] == "<stdin>:1"


def test_bad_records_become_error_records_and_the_run_goes_on(tmp_path: Path, run) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps({"id": "ok", "text": COFFEE}) + "\n"
                   "this is not json\n"
                   + json.dumps({"id": "no-text"}) + "\n"
                   + json.dumps({"id": "empty", "text": "   "}) + "\n"
                   + json.dumps(["not", "an", "object"]) + "\n"
                   + json.dumps({"id": "last", "text": COFFEE}) + "\n", encoding="utf-8")
    res = run("batch", str(src))
    got = lines(res.out)
    assert [r["id"] for r in got] == ["ok", f"{src}:2", "no-text", "empty", f"{src}:5", "last"]
    assert [("error" in r) for r in got] == [False, True, True, True, True, False]
    assert "not JSON" in got[1]["error"] and "empty" in got[3]["error"]
    assert res.code == 2  # like check: a draft that could not be read
    assert "Traceback" not in res.err


def test_mbox_ids_dates_and_message_boundaries(tmp_path: Path, run) -> None:
    path = tmp_path / "sent.mbox"
    box = mailbox.mbox(str(path), create=True)
    box.add(mailbox.mboxMessage(email_bytes(COFFEE, message_id="<one@example.com>")))
    # "From " at the start of a body line is quoted by the mbox writer, so it stays inside.
    box.add(mailbox.mboxMessage(email_bytes(SHOUTING + "\n\nFrom now on, answer me.")))
    box.add(mailbox.mboxMessage(email_bytes(ULTIMATUM, message_id="<three@example.com>",
                                            date="Fri, 27 Nov 2026 09:30:00 +0100")))
    box.close()
    got = lines(run("batch", str(path)).out)
    assert [r["id"] for r in got] == ["<one@example.com>", f"{path}#2", "<three@example.com>"]
    assert [r["kind"] for r in got] == ["email"] * 3
    assert got[2]["date"] == "2026-11-27T09:30:00+01:00"
    assert (got[2]["to"], got[2]["subject"]) == ("you@example.com", "Hello")
    assert got[0]["verdict"] == "send" and got[1]["verdict"] == "wait"


def test_maildir_and_an_unparseable_message(tmp_path: Path, run) -> None:
    box = mailbox.Maildir(str(tmp_path / "Sent"), create=True)
    box.add(email_bytes(COFFEE, message_id="<a@x>"))
    box.add(email_bytes(BEGGING, message_id="<b@x>"))
    (tmp_path / "Sent" / "cur" / "9999999999.broken:2,S").write_bytes(b"\x00\x01\x02 binary \x00")
    res = run("batch", str(tmp_path / "Sent"))
    got = lines(res.out)
    assert sorted(r["id"] for r in got if "error" not in r) == ["<a@x>", "<b@x>"]
    (bad,) = [r for r in got if "error" in r]
    assert bad["id"].endswith("9999999999.broken:2,S") and "binary" in bad["error"]
    assert res.code == 2


def test_folder_of_drafts(tmp_path: Path, run) -> None:
    folder = tmp_path / "drafts"
    (folder / "nested").mkdir(parents=True)
    (folder / "a.txt").write_text(COFFEE, encoding="utf-8")
    markdown = "# Note\n\n" + BEGGING + "\n\n```\nANSWER ME NOW!!!\n```\n"
    (folder / "b.md").write_text(markdown, encoding="utf-8")
    (folder / "nested" / "c.eml").write_bytes(email_bytes(SHOUTING, message_id="<c@x>"))
    (folder / ".hidden.txt").write_text(SHOUTING, encoding="utf-8")
    got = lines(run("batch", str(folder)).out)
    assert [r["id"] for r in got] == [str(folder / "a.txt"), str(folder / "b.md"), "<c@x>"]
    assert [r["kind"] for r in got] == ["text", "markdown", "email"]


def test_more_jobs_give_the_same_output_in_the_same_order(tmp_path: Path, run) -> None:
    # Enough records for many chunks to queue behind the first (batch.CHUNK, batch.WINDOW).
    records = [{"id": i, "text": f"{DRAFTS[i % 4]} Item {i}."} for i in range(400)]
    records[260] = {"id": 260}  # an error record in the middle
    src = write_jsonl(tmp_path / "many.jsonl", records)
    one, two = run("batch", "--jobs", "1", str(src)), run("batch", "--jobs", "2", str(src))
    assert one.out == two.out and one.code == two.code == 2
    assert [r["id"] for r in lines(two.out)] == list(range(400))


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONECHECK_")}
    env.update(HOME=str(tmp_path), PYTHONPATH=str(REPO), TONECHECK_NOW=DAYTIME)
    return env


def test_output_streams_before_the_input_ends(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "batch", "--jobs", "1", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_env(tmp_path))
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write((json.dumps({"id": "first", "text": COFFEE}) + "\n").encode())
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, "no output while the input was still open"
        assert json.loads(proc.stdout.readline())["id"] == "first"
        proc.stdin.write((json.dumps({"id": "second", "text": COFFEE}) + "\n").encode())
        proc.stdin.close()
        assert json.loads(proc.stdout.readline())["id"] == "second"
    finally:
        proc.kill()
        proc.wait()


def _stderr_of(tmp_path: Path, src: Path, tty: bool) -> str:
    if not tty:
        return subprocess.run([sys.executable, "-m", "tonecheck", "batch", str(src)],
                              capture_output=True, text=True, env=_env(tmp_path)).stderr
    parent, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "batch", str(src)],
                            stdout=subprocess.DEVNULL, stderr=child, env=_env(tmp_path))
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:  # the terminal closes when the program ends
            break
        if not chunk:
            break
        seen += chunk
    proc.wait()
    os.close(parent)
    return seen.decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i, text in enumerate(DRAFTS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    assert _stderr_of(tmp_path, folder, tty=False) == ""
    shown = _stderr_of(tmp_path, folder, tty=True)
    assert "4/4" in shown and "[" in shown


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.jsonl", "no such file"),
    (lambda p: (p / "notes.bin").write_bytes(b"\x89PNG....") and p / "notes.bin", "not JSON Lines"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, run, make, message) -> None:
    target = make(tmp_path)
    res = run("batch", str(target))
    assert res.code == 2 and res.out == ""
    assert res.err.count("\n") == 1 and message in res.err and str(target) in res.err
