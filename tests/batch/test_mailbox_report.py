"""tonecheck report: the HTML page parses, stands alone, and carries the right numbers."""

from __future__ import annotations

import json
import mailbox
from html.parser import HTMLParser
from pathlib import Path

from samples import BEGGING, COFFEE, GUARD, REPO, SHOUTING, ULTIMATUM, email_bytes

#: (body, Date) -- afternoons, so quiet hours hold nothing; three months.
MESSAGES = [
    (COFFEE, "Mon, 06 Jan 2025 14:00:00 +0000"),
    (SHOUTING, "Tue, 14 Jan 2025 15:00:00 +0000"),
    (COFFEE, "Wed, 05 Feb 2025 13:00:00 +0000"),
    (ULTIMATUM, "Thu, 13 Feb 2025 16:30:00 +0000"),
    (BEGGING, "Fri, 07 Mar 2025 11:00:00 +0000"),
    ("Thanks for the notes. See you at ten.", "Mon, 17 Mar 2025 10:00:00 +0000"),
]


class Page(HTMLParser):
    """Collects what the tests look at: text, tag names, attributes, the cards' numbers."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.cards: dict[str, str] = {}
        self._card: str | None = None
        self._bold = False

    def handle_starttag(self, tag, attrs):  # noqa: ANN001 - HTMLParser's signature
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]
        found = dict(attrs)
        if tag == "div" and "card" in (found.get("class") or ""):
            self._card = found.get("id")
        self._bold = tag == "b"

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == "div":
            self._card = None
        self._bold = False

    def handle_data(self, data):  # noqa: ANN001
        self.text.append(data)
        if self._bold and self._card:
            self.cards[self._card] = data


def make_mbox(path: Path, with_broken: bool = False) -> Path:
    box = mailbox.mbox(str(path), create=True)
    for i, (body, date) in enumerate(MESSAGES):
        box.add(mailbox.mboxMessage(email_bytes(body, subject=f"Note {i}", message_id=f"<m{i}@x>",
                                                date=date)))
    box.close()
    if with_broken:
        with path.open("ab") as fh:
            fh.write(b"From nobody Mon Mar 17 10:00:00 2025\n\x00\x00 not a message \x00\n")
    return path


def test_report_page_and_summary_have_the_numbers(tmp_path: Path, run) -> None:
    box = make_mbox(tmp_path / "sent.mbox", with_broken=True)
    out = tmp_path / "report.html"
    res = run("report", str(box), "--output", str(out))
    assert res.code == 0, res.err

    # The same messages through batch: the page must agree with it.
    verdicts = [r.get("verdict") for r in map(json.loads, run("batch", str(box)).out.splitlines())]
    held, revise, send = (verdicts.count(v) for v in ("wait", "revise", "send"))
    assert held >= 2 and send >= 2 and verdicts.count(None) == 1  # the broken one

    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    page.close()
    assert page.cards == {"held": str(held), "revise": str(revise), "send": str(send),
                          "total": "7", "unreadable": "1"}
    text = " ".join(page.text)
    assert "Most frequent findings" in text and "tone.shouting" in text
    assert "2025-01" in text and "2025-03" in text  # the time axis, by week
    assert f"would have been held: {held}" in res.out and "7 messages" in res.out
    assert str(out) in res.out


def test_report_page_is_self_contained(tmp_path: Path, run) -> None:
    box = make_mbox(tmp_path / "sent.mbox")
    out = tmp_path / "r.html"
    assert run("report", str(box), "-o", str(out)).code == 0
    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert page.tags.count("svg") == 3
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    # The only URL is the SVG namespace, which is a name, not something fetched.
    urls = [v for k, v in page.attrs if "http" in v]
    assert set(urls) == {"http://www.w3.org/2000/svg"}
    assert all(k != "src" for k, _ in page.attrs)


def test_report_reads_a_maildir_and_escapes_what_it_shows(tmp_path: Path, run) -> None:
    box = mailbox.Maildir(str(tmp_path / "Sent"), create=True)
    box.add(email_bytes(COFFEE, message_id="<c@x>"))
    # No Message-ID, so the report names it by its file, whose name is hostile.
    (tmp_path / "Sent" / "cur" / "1700000000.<b>&<script>:2,S").write_bytes(email_bytes(SHOUTING))
    out = tmp_path / "r.html"
    res = run("report", str(tmp_path / "Sent"), "-o", str(out))
    assert res.code == 0, res.err
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "1700000000.&lt;b&gt;&amp;&lt;script&gt;:2,S" in html
    assert "2 messages" in res.out


def test_report_refuses_what_is_not_a_mailbox(tmp_path: Path, run) -> None:
    notes = tmp_path / "notes.jsonl"
    notes.write_text(json.dumps({"id": 1, "text": COFFEE}) + "\n", encoding="utf-8")
    res = run("report", str(notes), "-o", str(tmp_path / "r.html"))
    assert res.code == 2 and "not an mbox file or a Maildir" in res.err and str(notes) in res.err
    assert not (tmp_path / "r.html").exists()


def test_batch_and_report_open_no_socket(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    marker = tmp_path / "marker"
    box = make_mbox(tmp_path / "sent.mbox")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONECHECK_")}
    env.update(PYTHONPATH=f"{guard}{os.pathsep}{REPO}", HOME=str(tmp_path), SOCKET_MARKER=str(marker))
    for args in (["batch", "--jobs", "2", str(box)], ["report", str(box), "-o", str(tmp_path / "r.html")]):
        proc = subprocess.run([sys.executable, "-m", "tonecheck", *args], env=env, capture_output=True,
                              text=True, cwd=tmp_path)
        assert proc.returncode in (0, 1), proc.stderr
    assert (tmp_path / "r.html").exists()
    assert not marker.exists(), marker.read_text()


class Rows(HTMLParser):
    """The hottest-messages table: each row as {data-label: text}."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self._inside = False
        self._label: str | None = None

    def handle_starttag(self, tag, attrs):  # noqa: ANN001 - HTMLParser's signature
        found = dict(attrs)
        if tag == "table":
            self._inside = found.get("id") == "hottest"
        elif self._inside and tag == "tr":
            self.rows.append({})
        elif self._inside and tag == "td":
            self._label = found.get("data-label")
            self.rows[-1][self._label or ""] = ""

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == "table":
            self._inside = False
        if tag == "td":
            self._label = None

    def handle_data(self, data):  # noqa: ANN001
        if self._label is not None:
            self.rows[-1][self._label] += data


def test_hottest_messages_show_date_recipient_and_subject_and_the_page_fits_a_phone(
        tmp_path: Path, run) -> None:
    from email.message import EmailMessage

    box = mailbox.Maildir(str(tmp_path / "Sent"), create=True)
    long_subject = "Re: " + "the quarterly numbers " * 8 + "<b>now</b>"
    sent = [
        ("Jordan Lee <jordan@example.com>", "=?utf-8?q?Caf=C3=A9_=3Cplan=3E?=", SHOUTING,
         "Tue, 14 Jan 2025 15:00:00 +0000"),
        ("sam@example.com", long_subject, ULTIMATUM, "Thu, 13 Feb 2025 16:30:00 +0000"),
        ("kim@example.com", "Coffee", COFFEE, "Mon, 06 Jan 2025 14:00:00 +0000"),
    ]
    for i, (to, subject, body, date) in enumerate(sent):
        msg = EmailMessage()
        msg["From"], msg["Message-ID"], msg["Date"] = "me@example.com", f"<h{i}@x>", date
        msg.set_content(body)
        raw = bytes(msg).replace(b"\nDate:", f"\nTo: {to}\nSubject: {subject}\nDate:".encode(), 1)
        box.add(raw)
    out = tmp_path / "r.html"
    res = run("report", str(tmp_path / "Sent"), "-o", str(out))
    assert res.code == 0, res.err
    page = out.read_text(encoding="utf-8")

    table = Rows()
    table.feed(page)
    rows = {r["message"]: r for r in table.rows if r}
    assert set(rows) == {"<h0@x>", "<h1@x>", "<h2@x>"}
    shout, ultimatum = rows["<h0@x>"], rows["<h1@x>"]
    assert shout["date"] == "2025-01-14 15:00" and ultimatum["date"] == "2025-02-13 16:30"
    assert shout["to"] == "Jordan Lee <jordan@example.com>" and ultimatum["to"] == "sam@example.com"
    assert shout["subject"] == "Café <plan>"  # decoded, and escaped in the page
    assert "Café &lt;plan&gt;" in page and "<plan>" not in page
    cut = ultimatum["subject"]
    assert cut.endswith("…") and len(cut) <= 90 and long_subject.startswith(cut[:-1])
    assert "<b>now</b>" not in page
    assert table.rows[-1]["message"] == "<h2@x>"  # hottest first: the calm one comes last

    # Phone width: the viewport, a media query under ~600 px that stacks the table, long
    # words wrapping, and no fixed width wider than a phone.
    head = Page()
    head.feed(page)
    assert ("content", "width=device-width, initial-scale=1") in head.attrs
    assert "@media (max-width:600px)" in page and "table.stack thead{display:none}" in page
    assert "overflow-wrap:anywhere" in page
    import re

    css = page.split("<style>", 1)[1].split("</style>", 1)[0]
    widths = [int(w) for w in re.findall(r"(?<!max-)width:(\d+)px", css)]
    assert all(w <= 360 for w in widths), widths
