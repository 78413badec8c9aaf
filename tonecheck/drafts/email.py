"""Emails (.eml, RFC 822): the subject and every text part a reader could see become a draft.

Quoted replies, attributions and the signature stay in `source` but are blanked in
`text` (drafts.masking), so they are never scored and a revision keeps them as they were.
Writing a revised email back is drafts.write's.

Hostile mail is bounded here: the message is parsed with the compat32 policy (the default
policy's header parser took 24 GB on 50,000 encoded words in one Subject), encoded words
are decoded with a cap, and MIME nesting deeper than MAX_DEPTH is refused, not recursed.
"""

from __future__ import annotations

import codecs
import email
import email.errors
import email.header
import email.policy
import re
from email.message import Message
from html.parser import HTMLParser

from ..core.draft import Draft
from ..core.errors import InputError
from .decode import decode
from .masking import PART_BREAK, mask

#: Deeper MIME nesting is refused: no mail client makes it, and Python's own walk recurses.
MAX_DEPTH = 50
#: How much of a header is decoded; the rest of a longer one is not shown to the rules.
MAX_HEADER_CHARS = 16 * 1024
MAX_ENCODED_WORDS = 1000
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bqBQ]\?[^?\s]*\?=")


class _HTMLText(HTMLParser):
    """HTML body to plain text: block tags become line breaks, scripts and styles vanish,
    a blockquote's lines start with "> " (so they are masked as the quotes they are), and
    each line remembers the HTML source line its text came from."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "table", "ul", "ol", "pre", "hr"}
    HIDDEN = {"script", "style", "head", "title", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, int]] = []  # (text, 0-based source line)
        self._line: list[str] = []
        self._at = 0
        self._skip = 0
        self._quote = 0

    def _flush(self) -> None:
        text = "".join(self._line).strip()
        if text:
            self.lines.append(("> " * self._quote + text, self._at))
        elif self.lines and self.lines[-1][0]:
            self.lines.append(("", self._at))
        self._line = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001 - HTMLParser's signature
        if tag in self.HIDDEN:
            self._skip += 1
        elif tag in self.BLOCKS:
            self._flush()
            self._quote += tag == "blockquote"

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag in self.HIDDEN:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self._flush()
            if tag == "blockquote":
                self._quote = max(0, self._quote - 1)

    def handle_data(self, data):  # noqa: ANN001
        if self._skip:
            return
        line = self.getpos()[0] - 1
        # A newline in the HTML source stays a line break, so a finding names its line.
        for i, piece in enumerate(data.split("\n")):
            if i:
                self._flush()
                line += 1
            if not self._line or not "".join(self._line).strip():
                self._at = line
            self._line.append(piece)

    def close(self) -> None:
        super().close()
        self._flush()


def html_lines(html: str) -> list[tuple[str, int]]:
    """The visible text of an HTML body, line by line, with each line's source line."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = parser.lines
    while lines and not lines[-1][0]:
        lines.pop()
    return lines


def html_to_text(html: str) -> str:
    return "\n".join(text for text, _ in html_lines(html))


def decode_header_value(value: object) -> str:
    """A header as text: encoded words decoded, with caps on the work."""
    raw = str(value or "")[:MAX_HEADER_CHARS]
    if len(_ENCODED_WORD.findall(raw, 0, MAX_HEADER_CHARS)) > MAX_ENCODED_WORDS:
        cut = list(_ENCODED_WORD.finditer(raw))[MAX_ENCODED_WORDS - 1].end()
        raw = raw[:cut]
    try:
        chunks = email.header.decode_header(raw)
    except (ValueError, LookupError, email.errors.HeaderParseError):
        return _clean(raw)
    out = []
    for chunk, charset in chunks:
        if isinstance(chunk, bytes):
            out.append(_decode_bytes(chunk, charset))
        else:
            out.append(chunk)
    return _clean("".join(out))


def _clean(text: str) -> str:
    # compat32 keeps undeclared 8-bit header bytes as surrogates: read them as text again.
    if any("\udc80" <= c <= "\udcff" for c in text):
        text = _decode_bytes(text.encode("utf-8", "surrogateescape"), None)
    return text


def _decode_bytes(data: bytes, charset: str | None) -> str:
    """Bytes in a declared charset, or, undeclared, UTF-8 if they are, else Windows-1252 /
    Latin-1: never U+FFFD for a byte that merely went undeclared."""
    if charset and charset.lower() not in ("us-ascii", "ascii", "unknown-8bit"):
        try:
            return data.decode(charset, "replace")
        except LookupError:
            pass
    return data.decode(body_charset(data, None))


def body_charset(data: bytes, declared: str | None) -> str:
    """The charset a part's bytes are read (and written back) in."""
    if declared and declared.lower() not in ("us-ascii", "ascii", "unknown-8bit"):
        try:
            codecs.lookup(declared)
            return declared
        except LookupError:
            pass
    for guess in ("utf-8", "cp1252"):
        try:
            data.decode(guess)
            return guess
        except UnicodeDecodeError:
            continue
    return "latin-1"


def _disposition(part: Message) -> str:
    value = str(part.get("Content-Disposition", "") or "")
    return value.split(";", 1)[0].strip().lower()


def text_parts(msg: Message, path: str) -> list[tuple[Message, str]]:
    """Every text part a reader could see, in file order: (part, "plain" | "html").

    Walked with a stack, not recursion, and refused past MAX_DEPTH."""
    found: list[tuple[Message, str]] = []
    stack: list[tuple[Message, int]] = [(msg, 0)]
    while stack:
        part, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"MIME parts nested over {MAX_DEPTH} deep; not checked", path)
        if part.is_multipart():
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend((child, depth + 1) for child in reversed(children))
            continue
        if part.get_content_maintype() != "text" or _disposition(part) == "attachment":
            continue
        subtype = part.get_content_subtype()
        if subtype in ("plain", "html"):
            found.append((part, subtype))
    return found


def body_part(msg: Message) -> tuple[Message | None, str]:
    """The first plain part (else the first HTML part): what a plain-text revision edits."""
    parts = text_parts(msg, "<message>")
    for part, flavour in parts:
        if flavour == "plain":
            return part, flavour
    return (parts[0] if parts else (None, ""))


def part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    text = payload.decode(body_charset(payload, part.get_content_charset()), "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _key(text: str) -> str:
    """What two renderings of one text share: the words and ! ? runs, quote marks and
    links aside."""
    text = re.sub(r"(?m)^[ \t>]+", "", text)
    text = re.sub(r"<[^>\s]*>|\b(?:https?://|www\.)\S+", " ", text)
    return " ".join(re.findall(r"[\w'’]+|[!?]+", text))


def parse_email(data: bytes, path: str) -> Draft:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = decode(data, path).encode("utf-8")
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not an email", path)
    # The body's own charset header decides its decoding; this copy only finds lines.
    raw_text = data.decode("utf-8", "replace")
    try:
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
        subject = " ".join(decode_header_value(msg.get("Subject", "")).split())
        parts = text_parts(msg, path)
        bodies = [(part_text(part), flavour) for part, flavour in parts]
    except RecursionError:
        raise InputError("MIME parts nested too deeply; not checked", path) from None
    except (LookupError, ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"cannot parse as an email ({exc})", path) from None

    raw_lines = raw_text.replace("\r\n", "\n").split("\n")
    subject_line, header_end = 1, len(raw_lines)
    for i, line in enumerate(raw_lines):
        if line.lower().startswith("subject:"):
            subject_line = i + 1
        if not line.strip():
            header_end = i + 1
            break

    plain = " " + " ".join(_key(body) for body, flavour in bodies if flavour == "plain") + " "
    sections: list[tuple[str, list[tuple[int, int]]]] = []
    cursor = header_end
    for body, flavour in bodies:
        if flavour == "plain":
            start = _find_body_start(raw_lines, cursor, body)
            lines = body.split("\n")
            section = (body, [(start + i, 0) for i in range(len(lines))])
            cursor = start + len(lines) - 1
        else:
            section = _html_section(body, raw_lines, cursor, plain if plain.strip() else None)
            if section is None:
                continue
        sections.append(section)

    body_text = PART_BREAK.join(text for text, _ in sections)
    source = f"{subject}\n\n{body_text}"
    line_map = [(subject_line, len("Subject: ")), (subject_line, 0)]
    for i, (_text, lines) in enumerate(sections):
        if i:
            last = line_map[-1][0]
            line_map += [(last, 0)] * PART_BREAK.count("\n")
        line_map += lines
    if not sections:
        line_map.append((header_end + 1, 0))
    text = mask(source, "email")
    draft = Draft(source=source, text=text, kind="email", path=path, line_map=line_map,
                  message=msg)
    draft.newline = "\r\n" if b"\r\n" in data[:65536] else "\n"
    return draft


def _html_section(html: str, raw_lines: list[str], cursor: int,
                  plain: str | None) -> tuple[str, list[tuple[int, int]]] | None:
    """An HTML part's visible text and its file lines; beside a plain part, only the lines
    the plain part does not already say (so the same words are not scored twice)."""
    lines = html_lines(html)
    first = next((t for t, _ in lines if t.strip()), None)
    start = cursor + 1
    if first is not None:
        probe = first.lstrip("> ").strip()
        for i in range(cursor, len(raw_lines)):
            if probe and probe[:40] in raw_lines[i]:
                start = i + 1 - next(src for t, src in lines if t.strip())
                break
    if plain is not None:
        kept: list[tuple[str, int]] = []
        for text, src in lines:
            key = _key(text)
            if key and f" {key} " not in plain:
                kept.append((text, src))
            elif kept and kept[-1][0]:
                kept.append(("", src))
        while kept and not kept[-1][0]:
            kept.pop()
        if not kept:
            return None
        lines = kept
    return "\n".join(t for t, _ in lines), [(start + src, 0) for _, src in lines]


def _find_body_start(raw_lines: list[str], header_end: int, body: str) -> int:
    """The file line where the body's first line stands (exact for unencoded bodies)."""
    first = next((ln for ln in body.split("\n") if ln.strip()), None)
    offset = next((i for i, ln in enumerate(body.split("\n")) if ln.strip()), 0)
    if first is not None:
        for i in range(header_end, len(raw_lines)):
            if raw_lines[i].rstrip() == first.rstrip():
                return i + 1 - offset
    return header_end + 1
