"""Emails (.eml, RFC 822): the subject and the plain body become a draft.

Quoted replies, attributions and the signature stay in `source` but are blanked in
`text` (drafts.masking), so they are never scored and a revision keeps them as they were.
Writing a revised email back is drafts.write's.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from email.message import EmailMessage
from html.parser import HTMLParser

from ..core.draft import Draft
from ..core.errors import InputError
from .decode import decode
from .masking import mask


class _HTMLText(HTMLParser):
    """HTML body to plain text: block tags become line breaks, scripts and styles vanish."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):  # noqa: ANN001 - HTMLParser's signature
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):  # noqa: ANN001
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    text = "".join(parser.parts)
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text)).strip("\n")


def body_part(msg: EmailMessage) -> tuple[EmailMessage | None, str]:
    part = msg.get_body(preferencelist=("plain",))
    if part is not None:
        return part, "plain"
    part = msg.get_body(preferencelist=("html",))
    if part is not None:
        return part, "html"
    return None, ""


def parse_email(data: bytes, path: str) -> Draft:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = decode(data, path).encode("utf-8")
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not an email", path)
    # The body's own charset header decides its decoding; this copy only finds lines.
    raw_text = data.decode("utf-8", "replace")
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        subject = str(msg.get("Subject", "") or "")
        part, flavour = body_part(msg)
        body = part.get_content() if part is not None else ""
    except (LookupError, ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"cannot parse as an email ({exc})", path) from None
    if not isinstance(body, str):
        body = ""
    if flavour == "html":
        body = html_to_text(body)
    subject = " ".join(subject.split())
    body = body.replace("\r\n", "\n").replace("\r", "\n")

    raw_lines = raw_text.replace("\r\n", "\n").split("\n")
    subject_line, header_end = 1, len(raw_lines)
    for i, line in enumerate(raw_lines):
        if line.lower().startswith("subject:"):
            subject_line = i + 1
        if not line.strip():
            header_end = i + 1
            break
    body_start = _find_body_start(raw_lines, header_end, body)

    source = f"{subject}\n\n{body}"
    line_map = [(subject_line, len("Subject: ")), (subject_line, 0)]
    line_map += [(body_start + i, 0) for i in range(body.count("\n") + 1)]
    text = mask(source, "email")
    return Draft(source=source, text=text, kind="email", path=path, line_map=line_map, message=msg)


def _find_body_start(raw_lines: list[str], header_end: int, body: str) -> int:
    """The file line where the body's first line stands (exact for unencoded bodies)."""
    first = next((ln for ln in body.split("\n") if ln.strip()), None)
    offset = next((i for i, ln in enumerate(body.split("\n")) if ln.strip()), 0)
    if first is not None:
        for i in range(header_end, len(raw_lines)):
            if raw_lines[i].rstrip() == first.rstrip():
                return i + 1 - offset
    return header_end + 1
