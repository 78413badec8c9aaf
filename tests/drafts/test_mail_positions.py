"""Issue 13: a finding in a mail points at the line and column of the raw .eml file, the
file the user opens, through quoted-printable, folded headers and HTML
(the convention is tonecheck.drafts.positions')."""

from __future__ import annotations

import base64
import json
from pathlib import Path

ANGRY = "ANSWER ME RIGHT NOW"


def findings(run, path: Path) -> list[dict]:
    result = run("check", "--format", "json", str(path))
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["findings"]


def at(path: Path, finding: dict) -> str:
    """The raw file from the finding's line and column on, as an editor shows it."""
    lines = path.read_bytes().decode("utf-8").replace("\r\n", "\n").split("\n")
    return lines[finding["line"] - 1][finding["column"] - 1:]


def write(tmp_path: Path, text: str, newline: str = "\n") -> Path:
    path = tmp_path / "draft.eml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def shouting(found: list[dict]) -> dict:
    return next(f for f in found if f["rule"] == "tone.shouting" and f["text"].startswith("ANSWER"))


def demand(found: list[dict]) -> dict:
    return next(f for f in found if f["rule"] == "pressure.demand")


def assert_points_at(path: Path, finding: dict, line: int, column: int, text: str) -> None:
    """The finding's line and column are these, and the raw file holds `text` there."""
    assert (finding["line"], finding["column"]) == (line, column)
    assert at(path, finding).startswith(text)


def test_quoted_printable_soft_breaks_and_escapes(run, tmp_path: Path) -> None:
    path = write(tmp_path, (
        "From: a@example.com\nTo: b@example.com\nSubject: Numbers\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n"
        "\n"
        "Hi Jordan, this is a long line that the mailer wrapped with a soft line br=\n"
        "eak, then caf=C3=A9 and na=C3=AFve, then: ANSWER ME RIGHT NOW!!!\n"
        "=E2=80=9CQuoted=E2=80=9D words. Send me the numbers now.\n"
        "Thanks\n"))
    found = findings(run, path)
    assert_points_at(path, shouting(found), 9, 43, ANGRY)  # after the soft break and 2 escapes
    assert_points_at(path, demand(found), 10, 33, "Send me the numbers now.")
    thanks = next(f for f in found if f["text"] == "Thanks")
    assert (thanks["line"], thanks["column"]) == (11, 1)


def test_folded_subject_and_everything_after_it(run, tmp_path: Path) -> None:
    path = write(tmp_path, (
        "From: a@example.com\nTo: b@example.com\n"
        "Subject: About the numbers you promised me last week, once more,\n"
        "\tand now: ANSWER ME RIGHT NOW!!!\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Hi Jordan,\n\nSend me the numbers now.\n"), newline="\r\n")
    found = findings(run, path)
    assert_points_at(path, shouting(found), 4, 11, ANGRY)
    assert_points_at(path, demand(found), 9, 1, "Send me the numbers now.")


def test_html_only_mail_points_into_its_html(run, tmp_path: Path) -> None:
    path = write(tmp_path, (
        "From: a@example.com\nTo: b@example.com\nSubject: hi\nMIME-Version: 1.0\n"
        "Content-Type: text/html; charset=utf-8\n\n"
        "<!DOCTYPE html>\n<html>\n<head>\n<title>ignored</title>\n<style>\np { color: red; }\n"
        "</style>\n</head>\n<body>\n"
        "<p>Hello <b>Sam</b>,</p>\n"
        "<div class=\"x\">   Tom &amp; Jerry say: ANSWER ME RIGHT NOW!!!</div>\n"
        "<p>I need it\n     by Friday. Send me the numbers now.</p>\n"
        "</body>\n</html>\n"))
    found = findings(run, path)
    assert_points_at(path, shouting(found), 17, 40, ANGRY)  # after an entity and leading spaces
    assert_points_at(path, demand(found), 19, 17, "Send me the numbers now.")
    hello = next(f for f in found if f["text"] == "Hello")
    assert (hello["line"], hello["column"]) == (16, 4)


def test_multipart_alternative_plain_and_quoted_printable_html(run, tmp_path: Path) -> None:
    path = write(tmp_path, (
        "From: a@example.com\nTo: b@example.com\nSubject: Coffee?\nMIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="XX"\n\n'
        "This is a multi-part message in MIME format.\n\n--XX\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n"
        "Hello Sam, how are you doing?\nSend me the numbers now.\n"
        "--XX\nContent-Type: text/html; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        "<html><body>\n<p>Hello Sam, how are you doing?</p>\n"
        '<p style=3D"color:red">Send me the numbers now.</p>\n'
        "<p>Caf=C3=A9 talk later, but fi=\nrst: ANSWER ME RIGHT NOW!!!</p>\n"
        "</body></html>\n--XX--\n"))
    found = findings(run, path)
    # the plain part's, scored once
    assert_points_at(path, demand(found), 14, 1, "Send me the numbers now.")
    assert_points_at(path, shouting(found), 23, 6, ANGRY)  # the HTML line, past the soft break


def test_base64_body_points_at_the_parts_first_line(run, tmp_path: Path) -> None:
    body = base64.encodebytes(b"Hello Sam.\n\nSend me the numbers now.\n").decode()
    path = write(tmp_path, (
        "From: a@example.com\nTo: b@example.com\nSubject: hi\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + body))
    found = demand(findings(run, path))
    assert (found["line"], found["column"]) == (8, 1)
