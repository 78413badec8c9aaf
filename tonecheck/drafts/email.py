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
import html
import re
from collections.abc import Sequence
from email.message import Message
from html.parser import HTMLParser

from ..core.draft import Draft
from ..core.errors import InputError
from .decode import decode
from .masking import PART_BREAK, mask
from .positions import Anchor, Rows, Same, body_start, locate_parts, part_anchors, subject_anchors, through

#: Deeper MIME nesting is refused: no mail client makes it, and Python's own walk recurses.
MAX_DEPTH = 50
#: How much of a header is decoded; the rest of a longer one is not shown to the rules.
MAX_HEADER_CHARS = 16 * 1024
MAX_ENCODED_WORDS = 1000
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bqBQ]\?[^?\s]*\?=")


class _HTMLText(HTMLParser):
    """HTML body to plain text: block tags become line breaks, scripts and styles vanish,
    a blockquote's lines start with "> " (so they are masked as the quotes they are), and
    each line keeps anchors (column in the line, source line, source column), one per run
    of text, so a finding names the place in the HTML its words came from."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "table", "ul", "ol", "pre", "hr"}
    HIDDEN = {"script", "style", "head", "title", "template"}

    def __init__(self) -> None:
        # Character references are resolved here, not by the parser, so each has a place.
        super().__init__(convert_charrefs=False)
        self.lines: list[tuple[str, list[tuple[int, int, int]]]] = []
        self._pieces: list[tuple[str, int, int]] = []  # (text, 0-based source line, column)
        self._skip = 0
        self._quote = 0

    def _flush(self) -> None:
        joined = "".join(piece for piece, _, _ in self._pieces)
        text = joined.strip()
        if text:
            lead, prefix = len(joined) - len(joined.lstrip()), 2 * self._quote
            anchors, col = [], 0
            for piece, line, column in self._pieces:
                end = col + len(piece)
                if end > lead and piece:
                    skip = max(lead - col, 0)
                    anchors.append((prefix + col + skip - lead, line, column + skip))
                col = end
            self.lines.append(("> " * self._quote + text, anchors))
        elif self.lines and self.lines[-1][0]:
            line = self._pieces[-1][1] if self._pieces else self.getpos()[0] - 1
            self.lines.append(("", [(0, line, 0)]))
        self._pieces = []

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
        line, column = self.getpos()
        line -= 1
        # A newline in the HTML source stays a line break, so a finding names its line.
        for i, piece in enumerate(data.split("\n")):
            if i:
                self._flush()
                line, column = line + 1, 0
            self._pieces.append((piece, line, column))
            column += len(piece)

    def _reference(self, ref: str) -> None:
        if not self._skip:
            line, column = self.getpos()
            self._pieces.append((html.unescape(ref), line - 1, column))

    def handle_entityref(self, name):  # noqa: ANN001
        self._reference(f"&{name};")

    def handle_charref(self, name):  # noqa: ANN001
        self._reference(f"&#{name};")

    def close(self) -> None:
        super().close()
        self._flush()


def html_lines(html_text: str) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """The visible text of an HTML body, line by line, each with its anchors into the
    HTML source: (column in the line, 0-based source line, source column)."""
    parser = _HTMLText()
    parser.feed(html_text)
    parser.close()
    lines = parser.lines
    while lines and not lines[-1][0]:
        lines.pop()
    return lines


def html_to_text(html_text: str) -> str:
    return "\n".join(text for text, _ in html_lines(html_text))


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


def read_part(part: Message) -> tuple[str, str]:
    """A part's decoded text, and the charset its bytes were read in."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return "", "utf-8"
    charset = body_charset(payload, part.get_content_charset())
    text = payload.decode(charset, "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n"), charset


def _key(text: str) -> str:
    """What two renderings of one text share: the words and ! ? runs, quote marks and
    links aside."""
    text = re.sub(r"(?m)^[ \t>]+", "", text)
    text = re.sub(r"<[^>\s]*>|\b(?:https?://|www\.)\S+", " ", text)
    return " ".join(re.findall(r"[\w'’]+|[!?]+", text))


def parse_email(data: bytes, path: str) -> Draft:
    """A mail as a draft: its subject, a blank line, then its visible text parts with
    PART_BREAK between them; each line knows where it stands in the raw file (the
    convention is drafts.positions')."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = decode(data, path).encode("utf-8")
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not an email", path)
    try:
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
        subject = " ".join(decode_header_value(msg.get("Subject", "")).split())
        parts = text_parts(msg, path)
        bodies = [(part, *read_part(part), flavour) for part, flavour in parts]
    except RecursionError:
        raise InputError("MIME parts nested too deeply; not checked", path) from None
    except (LookupError, ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"cannot parse as an email ({exc})", path) from None

    # The body's own charset header decides its decoding; this copy only finds places.
    raw_lines = data.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    header_end = body_start(raw_lines, 0, len(raw_lines))
    spans = locate_parts(msg, raw_lines)
    plain = " " + " ".join(_key(body) for _, body, _, flavour in bodies
                           if flavour == "plain") + " "
    sections: list[tuple[str, Sequence]] = []
    for part, body, charset, flavour in bodies:
        span = spans.get(id(part), (header_end, len(raw_lines)))
        where = part_anchors(part, raw_lines, span, body, charset)
        if flavour == "plain":
            sections.append((body, where))
        else:
            section = _html_section(body, where, plain if plain.strip() else None)
            if section is not None:
                sections.append(section)

    body_text = PART_BREAK.join(text for text, _ in sections)
    source = f"{subject}\n\n{body_text}"
    subject_at = subject_anchors(raw_lines, header_end, subject)
    rows = Rows()
    rows.add([subject_at, [(0, subject_at[0][1], 0, 0)]])
    for i, (_text, lines) in enumerate(sections):
        if i:  # the break's own lines, between the last line of one part and the next
            rows.add(Same([(0, rows.last()[-1][1], 0, 0)], PART_BREAK.count("\n") - 1))
        rows.add(lines)
    if not sections:
        rows.add([[(0, header_end + 1, 0, 1)]])
    text = mask(source, "email")
    draft = Draft(source=source, text=text, kind="email", path=path, message=msg, anchors=rows)
    draft.newline = "\r\n" if b"\r\n" in data[:65536] else "\n"
    return draft


def _html_section(html_text: str, where: Sequence,
                  plain: str | None) -> tuple[str, list[list[Anchor]]] | None:
    """An HTML part's visible text and each line's anchors into the file (`where` holds
    the part's own, per line of its HTML); beside a plain part, only the lines the plain
    part does not already say (so the same words are not scored twice)."""
    lines = html_lines(html_text)
    if plain is not None:
        kept: list[tuple[str, list[tuple[int, int, int]]]] = []
        for text, at in lines:
            key = _key(text)
            if key and f" {key} " not in plain:
                kept.append((text, at))
            elif kept and kept[-1][0]:
                kept.append(("", at[:1]))
        while kept and not kept[-1][0]:
            kept.pop()
        if not kept:
            return None
        lines = kept
    return ("\n".join(t for t, _ in lines),
            [through(at, where, len(t)) if at else [(0, where[0][0][1], 0, 0)]
             for t, at in lines])
