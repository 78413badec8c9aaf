"""Emails: subject and plain body are checked; quotes and signatures are not."""

from __future__ import annotations

import json
from pathlib import Path

from tonecheck.drafts.load import load

EML = """From: Alex <alex@example.com>
To: Jordan <jordan@example.com>
Subject: WHY IS THIS LATE
Message-ID: <1@example.com>
Content-Type: text/plain; charset=utf-8

Hi Jordan,

Send me the numbers now.

Thanks,
Alex

On Wed, 25 Nov 2026 at 09:12, Jordan <jordan@example.com> wrote:
> YOU IDIOT, I'M BEGGING YOU, ANSWER ME!!!
> after everything I did for you

--\x20
Alex | SHOUTY SIGNATURE LTD!!!
"""


def write(tmp_path: Path, text: str, name: str = "draft.eml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_quotes_and_signature_are_skipped_and_lines_point_at_the_file(run, tmp_path: Path) -> None:
    path = write(tmp_path, EML)
    data = json.loads(run("check", "-f", "json", str(path)).out)
    rules = {(f["rule"], f["line"], f["column"]) for f in data["findings"]}
    assert ("tone.shouting", 3, 10) in rules  # the subject, after "Subject: "
    assert ("pressure.demand", 9, 1) in rules  # "Send me the numbers now." is file line 9
    assert all(f["line"] < 14 for f in data["findings"]), data["findings"]
    assert not any(f["rule"] in ("tone.insult", "pressure.begging", "pressure.guilt-trip")
                   for f in data["findings"])


def test_revision_keeps_quotes_signature_and_sign_off(run, tmp_path: Path) -> None:
    path = write(tmp_path, EML)
    result = run("revise", "--in-place", str(path))
    assert result.code == 0, result.err
    from email import message_from_bytes, policy

    msg = message_from_bytes(path.read_bytes(), policy=policy.default)
    body = msg.get_content()
    assert msg["Subject"] == "Why is this late"
    assert "Could you send me the numbers when you have a moment?" in body
    assert "> YOU IDIOT, I'M BEGGING YOU, ANSWER ME!!!" in body
    assert "Alex | SHOUTY SIGNATURE LTD!!!" in body
    assert "Hi Jordan," in body and "Thanks,\nAlex" in body
    assert msg["Message-ID"] == "<1@example.com>"


def test_html_only_email_is_read_as_text(tmp_path: Path) -> None:
    html = ("From: a@example.com\nSubject: hi\nContent-Type: text/html; charset=utf-8\n\n"
            "<html><body><p>Hello,</p><p>ANSWER ME NOW!!!</p><style>p{}</style></body></html>\n")
    draft = load(str(write(tmp_path, html)))
    assert "ANSWER ME NOW!!!" in draft.text and "<p>" not in draft.text and "p{}" not in draft.text


def test_multipart_html_saying_the_same_is_not_scored_twice_and_stdin_email_is_detected(
        run) -> None:
    raw = ("From: a@example.com\nTo: b@example.com\nSubject: Coffee?\nMIME-Version: 1.0\n"
           'Content-Type: multipart/alternative; boundary="XX"\n\n--XX\n'
           "Content-Type: text/plain; charset=utf-8\n\nHello Sam, how are you doing?\n"
           "--XX\nContent-Type: text/html; charset=utf-8\n\n<p>Hello <b>Sam</b>, how are you "
           "doing?</p>\n--XX--\n")
    data = json.loads(run("check", "-f", "json", "-", input=raw).out)
    assert data["kind"] == "email" and data["verdict"] == "send"
    assert data["stats"]["words"] == 7  # subject + plain body only


def test_revise_prints_the_whole_calmer_email(run, tmp_path: Path) -> None:
    path = write(tmp_path, EML)
    out = run("revise", str(path)).out
    from email import message_from_string, policy

    msg = message_from_string(out, policy=policy.default)
    assert msg["Subject"] == "Why is this late" and msg["Message-ID"] == "<1@example.com>"
    assert "Could you send me the numbers when you have a moment?" in msg.get_content()
    assert "Content-Transfer-Encoding: 8bit" in out  # readable, not quoted-printable
    assert path.read_text() == EML  # printing never touches the file
