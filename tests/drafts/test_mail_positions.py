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
    hit = shouting(found)
    assert (hit["line"], hit["column"]) == (9, 43)  # after the soft break and 2 escapes
    assert at(path, hit).startswith(ANGRY)
    demand = next(f for f in found if f["rule"] == "pressure.demand")
    assert (demand["line"], demand["column"]) == (10, 33)
    assert at(path, demand).startswith("Send me the numbers now.")
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
    hit = shouting(found)
    assert (hit["line"], hit["column"]) == (4, 11)
    assert at(path, hit).startswith(ANGRY)
    demand = next(f for f in found if f["rule"] == "pressure.demand")
    assert (demand["line"], demand["column"]) == (9, 1)
    assert at(path, demand).startswith("Send me the numbers now.")


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
    hit = shouting(found)
    assert (hit["line"], hit["column"]) == (17, 40)  # after an entity and leading spaces
    assert at(path, hit).startswith(ANGRY)
    demand = next(f for f in found if f["rule"] == "pressure.demand")
    assert (demand["line"], demand["column"]) == (19, 17)
    assert at(path, demand).startswith("Send me the numbers now.")
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
    demand = next(f for f in found if f["rule"] == "pressure.demand")
    assert (demand["line"], demand["column"]) == (14, 1)  # the plain part's, scored once
    hit = shouting(found)
    assert (hit["line"], hit["column"]) == (23, 6)  # the HTML line, past the soft break
    assert at(path, hit).startswith(ANGRY)


def test_base64_body_points_at_the_parts_first_line(run, tmp_path: Path) -> None:
    body = base64.encodebytes(b"Hello Sam.\n\nSend me the numbers now.\n").decode()
    path = write(tmp_path, (
        "From: a@example.com\nTo: b@example.com\nSubject: hi\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + body))
    demand = next(f for f in findings(run, path) if f["rule"] == "pressure.demand")
    assert (demand["line"], demand["column"]) == (8, 1)
