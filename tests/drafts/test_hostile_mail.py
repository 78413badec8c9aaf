"""Issue 14/13: every visible text part is checked, hostile mail is bounded, and
revise --in-place never loses or alters what it should not."""

from __future__ import annotations

import os
import resource
import subprocess
from pathlib import Path

from samples import REPO

TONECHECK = str(REPO / ".venv" / "bin" / "tonecheck")

ALT = ("From: a@example.com\nTo: b@example.com\nSubject: Coffee?\nMIME-Version: 1.0\n"
       'Content-Type: multipart/alternative; boundary="XX"\n\n--XX\n'
       "Content-Type: text/plain; charset=utf-8\n\nHello Sam, how are you doing?\n"
       "--XX\nContent-Type: text/html; charset=utf-8\n\n<html><body>\n<p>Hello Sam,</p>\n"
       "<p>ANSWER ME RIGHT NOW!!! THIS IS RIDICULOUS!!!</p>\n</body></html>\n--XX--\n")


def tc(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(cwd), "TONECHECK_NOW": "2026-11-26T14:00:00+00:00"}
    return subprocess.run([TONECHECK, *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


def test_angry_html_alternative_is_scored_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "alt.eml"
    path.write_text(ALT)
    res = tc("check", "-f", "line", str(path), cwd=tmp_path)
    assert res.returncode == 1, res
    assert "tone.shouting" in res.stdout and "WAIT" in res.stdout


def test_revise_in_place_refuses_an_angry_html_part(tmp_path: Path) -> None:
    path = tmp_path / "alt.eml"
    path.write_text(ALT.replace("Hello Sam, how are you doing?", "ANSWER ME NOW!!!"))
    before = path.read_bytes()
    res = tc("revise", "--in-place", str(path), cwd=tmp_path)
    assert res.returncode == 2 and "HTML part" in res.stderr and "Traceback" not in res.stderr
    assert res.stderr.count("\n") == 1 and path.read_bytes() == before


def test_fifty_thousand_encoded_words_stay_small(tmp_path: Path) -> None:
    subject = " ".join("=?utf-8?q?a?=" for _ in range(50_000))
    path = tmp_path / "bomb.eml"
    path.write_text(f"From: a@x\nTo: b@x\nSubject: {subject}\n\nHello there.\n")
    res = tc("check", "-f", "line", str(path), cwd=tmp_path)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert res.returncode in (0, 1), res.stderr
    assert peak_mb < 400, peak_mb


def nested(depth: int) -> str:
    head = "From: a@x\nSubject: deep\nMIME-Version: 1.0\n"
    out = [head]
    for i in range(depth):
        out.append(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n')
    out.append("Content-Type: text/plain\n\nhello\n")
    out += [f"--b{i}--\n" for i in reversed(range(depth))]
    return "".join(out)


def test_deep_mime_is_one_error_line_and_a_batch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "deep.eml"
    path.write_text(nested(600))
    res = tc("check", str(path), cwd=tmp_path)
    assert res.returncode == 2 and "nested" in res.stderr and "internal" not in res.stderr
    box = tmp_path / "box.mbox"
    good = "From: a@x\nSubject: hi\n\nHello there, see you soon.\n"
    box.write_text(f"From x Mon Jan  1 00:00:00 2025\n{nested(600)}\n"
                   f"From x Mon Jan  1 00:00:00 2025\n{good}")
    res = tc("batch", str(box), cwd=tmp_path)
    lines = res.stdout.splitlines()
    assert len(lines) == 2 and '"error"' in lines[0] and '"verdict"' in lines[1], res


HOT = "From: a@x\r\nSubject: hi\r\n\r\nSend me the numbers now. caf\xe9\r\n"


def test_revise_keeps_crlf_8bit_symlinks_owner_and_refuses_links_and_fifos(
        tmp_path: Path) -> None:
    real = tmp_path / "real.eml"
    real.write_bytes(HOT.encode("latin-1"))
    link = tmp_path / "link.eml"
    link.symlink_to(real)
    os.chown(real, 65534, 65534)
    res = tc("revise", "--in-place", str(link), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert link.is_symlink() and real.stat().st_uid == 65534
    data = real.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert b"charset=\"cp1252\"" in data and "café" in data.decode("cp1252")
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]

    hard = tmp_path / "hard.eml"
    os.link(real, hard)
    real.write_bytes(HOT.encode("latin-1"))
    res = tc("revise", "--in-place", str(hard), cwd=tmp_path)
    assert res.returncode == 2 and "hard links" in res.stderr

    fifo = tmp_path / "pipe.eml"
    os.mkfifo(fifo)
    res = tc("revise", "--in-place", str(fifo), cwd=tmp_path)
    assert res.returncode == 2 and "FIFO" in res.stderr


def test_stale_temp_of_a_killed_run_is_cleaned(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Send me the numbers now!!!\n")
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".d.txt.tonecheck-{dead.pid}.tmp"
    stale.write_text("half")
    res = tc("revise", "--in-place", str(draft), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert not stale.exists()
