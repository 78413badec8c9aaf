"""Reading drafts: files, stdin and emails, turned into text we can analyse.

A draft keeps two strings of the same length. `source` is what the user wrote and what a
revision rewrites. `text` is what the rules read: the same characters, except that parts
nobody should score (code, quoted replies, signatures, links) are blanked with spaces.
Blanking instead of cutting keeps every offset, so a finding's line and column are the
file's own.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

#: Larger drafts are refused rather than left to run for minutes.
MAX_BYTES = 20 * 1024 * 1024

EMAIL_SUFFIXES = {".eml", ".msg", ".mbox-message", ".email"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


@dataclass
class Draft:
    source: str
    text: str
    kind: str = "text"  # text | markdown | email
    path: str = "<text>"
    #: For each line of `source`, the (file line, column offset) it came from.
    line_map: list[tuple[int, int]] = field(default_factory=list)
    #: For emails, the parsed message, kept so a revision can be written back.
    message: object | None = None
    #: How the file was stored, so an in-place revision writes it back the same way.
    encoding: str = "utf-8"
    newline: str = "\n"
    _line_starts: list[int] | None = field(default=None, repr=False, compare=False)

    def with_source(self, source: str) -> Draft:
        """The same draft with rewritten text (for revisions), masked the same way."""
        return Draft(source, mask(source, self.kind), self.kind, self.path, self.line_map,
                     self.message, self.encoding, self.newline)

    def encode(self, source: str) -> bytes:
        """`source` as bytes in this draft's own encoding and line endings."""
        return source.replace("\n", self.newline).encode(self.encoding)

    def file_bytes(self, source: str) -> bytes:
        """The whole file with `source` as its text: for an email, the original message
        with its subject and plain body replaced; otherwise the text itself."""
        if self.kind == "email":
            from .emails import rewrite_email

            return rewrite_email(self, source)
        return self.encode(source)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original file for an offset into `text`."""
        if self._line_starts is None:
            # Found once per draft: counting newlines per finding is quadratic on a big paste.
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        column = offset - self._line_starts[line_index]
        if line_index < len(self.line_map):
            file_line, col_offset = self.line_map[line_index]
            return file_line, column + col_offset + 1
        return line_index + 1, column + 1


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


_MD_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_MD_INLINE_CODE = re.compile(r"`[^`\n]+`")
_MD_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+")
_QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.M)
# "On Mon, 3 Jun 2024 at 10:00, Sam <sam@example.com> wrote:" may be wrapped over two lines.
_ATTRIBUTION = re.compile(r"^On\b[^\n]{0,200}(?:\n[^\n]{0,200})?\bwrote:[ \t]*$", re.M)
_SIGNATURE = re.compile(r"^-- ?$", re.M)
_FORWARD = re.compile(r"^-{3,}\s*(?:Original Message|Forwarded message)\s*-{3,}", re.M | re.I)


def mask(source: str, kind: str) -> str:
    """Blank what should not be scored, keeping every offset in place.

    An email draft's source is its subject, a blank line, then its body."""
    if kind == "email" and "\n\n" in source:
        subject, _, body = source.partition("\n\n")
        return mask(subject, "text") + "\n\n" + _mask(body, "email")
    return _mask(source, kind)


def _mask(source: str, kind: str) -> str:
    chars = list(source)
    patterns = [_URL, _HTML_COMMENT]
    if kind == "markdown":
        patterns = [_MD_FRONT_MATTER, _MD_FENCE, _MD_INLINE_CODE, _MD_LINK_TARGET, *patterns]
    if kind == "email":
        patterns = [_QUOTE_LINE, _ATTRIBUTION, *patterns]
    for pattern in patterns:
        for m in pattern.finditer(source):
            _blank(chars, m.start(), m.end())
    if kind == "email":
        # A signature or a forwarded message runs to the end of the body.
        ends = [m.start() for p in (_SIGNATURE, _FORWARD) for m in p.finditer(source)]
        if ends:
            _blank(chars, min(ends), len(chars))
    return "".join(chars)


def from_text(source: str, kind: str = "text", path: str = "<text>") -> Draft:
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    lines = source.count("\n") + 1
    return Draft(
        source=source,
        text=mask(source, kind),
        kind=kind,
        path=path,
        line_map=[(i + 1, 0) for i in range(lines)],
    )


def encoding_of(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM, else an error."""
    if encoding_of(data) == "utf-16":
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"broken UTF-16 text at byte {exc.start}", path) from None
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not a text draft", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}); save the draft as UTF-8", path
        ) from None


def guess_kind(path: str, text: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in EMAIL_SUFFIXES:
        return "email"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if path == "-" and _looks_like_email(text):
        return "email"
    return "text"


_HEADER = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:[ \t]", re.M)


def _looks_like_email(text: str) -> bool:
    head = text.split("\n\n", 1)[0]
    names = {m.group(0).split(":")[0].lower() for m in _HEADER.finditer(head)}
    return bool(names & {"subject", "from", "to", "message-id"}) and len(names) >= 2


def read_bytes(path: str, stdin: object | None = None) -> bytes:
    """Read a draft's bytes from a path, or from stdin for '-'."""
    import sys

    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
    else:
        p = Path(path)
        try:
            if p.is_dir():
                raise InputError("is a directory, not a draft", path)
            with p.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise InputError("no such file", path) from None
        except PermissionError:
            raise InputError("permission denied", path) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"too large to check (over {MAX_BYTES // (1024 * 1024)} MB)", path)
    return data


def load(path: str, data: bytes | None = None, kind: str | None = None) -> Draft:
    """Read and decode a draft file ('-' for stdin) into a Draft."""
    if data is None:
        data = read_bytes(path)
    display = "<stdin>" if path == "-" else path
    if kind == "email" or (kind is None and Path(path).suffix.lower() in EMAIL_SUFFIXES):
        from .emails import parse_email

        draft = parse_email(data, display)
    else:
        text = decode(data, display)
        draft = from_text(text, kind or guess_kind(path, text), display)
        draft.encoding = encoding_of(data)
        draft.newline = "\r\n" if "\r\n" in text else "\n"
        if draft.kind == "email":
            from .emails import parse_email

            draft = parse_email(data, display)
    if not draft.text.strip():
        raise InputError("the draft is empty", display)
    return draft
