"""Where an email's text stands in its file, so a finding names the line the user opens.

The rules read decoded text (tonecheck.drafts.email); the user reads the raw .eml. The
convention: a finding points at the file line and column where its text starts, read
through whatever the mail did to that text on the way:

- 7bit, 8bit and binary bodies: line for line, column for column.
- quoted-printable: decoded here with positions, through soft line breaks (`=` at a line's
  end) and `=XX` escapes; a character spelt in escapes points at the first escape of its
  run. Each line is checked against the email package's own decoding: a line that
  differs points at its first raw line, and a part whose lines do not pair up with its
  raw ones (an escaped line break) at the part's first line, as for base64.
- base64 (and uuencode): the first line of the part's body, column 1. The encoded lines
  show nothing a reader could find a word in, so a closer column would mean nothing.
- HTML: the line and column of the raw HTML its visible text came from, through the
  part's transfer encoding as above (drafts.email composes the two).
- Subject: the word's place in the header, through folding; a word decoded from an
  encoded word (=?utf-8?q?...?=) points at that encoded word.

Each decoded line gets anchors (column in the line, file line, file column, step), sorted
by column: a column maps from the last anchor at or before it, moving along the file with
the text when step is 1 and staying put when it is 0.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Sequence
from email.message import Message

from ..core.draft import locate

#: (column in the decoded line, 1-based file line, 0-based file column, step 0 or 1)
Anchor = tuple[int, int, int, int]

# The email package's own test for a header line (email.feedparser.headerRE).
_HEADER_LINE = re.compile(r"^(From |[\041-\071\073-\176]*:|[\t ])")
_QP_RUN = re.compile(r"(?:=[0-9A-Fa-f]{2})+")
_ESCAPED_BREAK = re.compile(r"=0[AaDd]")
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bqBQ]\?[^?\s]*\?=")


def body_start(raw_lines: list[str], start: int, end: int) -> int:
    """The index of the first body line of the part whose headers begin at `start`."""
    for i in range(start, end):
        if raw_lines[i] == "":
            return i + 1
        if not _HEADER_LINE.match(raw_lines[i]):
            return i  # no blank line before the body: the email package starts it here
    return end


def locate_parts(msg: Message, raw_lines: list[str]) -> dict[int, tuple[int, int]]:
    """id(part) -> the raw lines [start, end) of each single part's body, found by walking
    the MIME boundaries in step with the parsed message (a stack, as text_parts walks)."""
    found: dict[int, tuple[int, int]] = {}
    stack: list[tuple[Message, int, int]] = [(msg, 0, len(raw_lines))]
    while stack:
        part, start, end = stack.pop()
        body = body_start(raw_lines, start, end)
        if not part.is_multipart():
            found[id(part)] = (body, end)
            continue
        boundary, children = part.get_boundary(), part.get_payload()
        if not isinstance(children, list):
            continue
        if boundary is None:  # a message/rfc822 part: the message is its whole body
            stack.extend((child, body, end) for child in children[:1])
            continue
        delimiter, marks, close = "--" + boundary, [], end
        for i in range(body, end):
            line = raw_lines[i].rstrip()
            if line == delimiter:
                marks.append(i)
            elif line == delimiter + "--":
                close = i
                break
        ranges = [(a + 1, b) for a, b in zip(marks, marks[1:] + [close], strict=True)]
        stack.extend((child, a, b) for child, (a, b) in zip(children, ranges, strict=False))
    return found


class Same(Sequence):
    """`count` lines that all have the same anchors (a base64 part, a part break)."""

    def __init__(self, row: list[Anchor], count: int) -> None:
        self.row, self.count = row, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, k):  # noqa: ANN001, ANN204 - Sequence's signature
        return self.row


class Verbatim(Sequence):
    """A body stored as it reads (7bit, 8bit, binary): line for line, column for column."""

    def __init__(self, start: int, end: int, count: int) -> None:
        self.start, self.last, self.count = start, max(start, end - 1), count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, k):  # noqa: ANN001, ANN204
        return [(0, min(self.start + k, self.last) + 1, 0, 1)]


class QuotedPrintable(Sequence):
    """A quoted-printable body's anchors, made for a line only when it is asked for (the
    lines findings are on, and an HTML part's lines), so a long mail costs one pass to
    pair its decoded lines with its raw ones and no more."""

    def __init__(self, raw_lines: list[str], groups: list[tuple[int, int]], charset: str,
                 lines: list[str]) -> None:
        self.raw_lines, self.groups, self.charset, self.lines = raw_lines, groups, charset, lines
        self._made: dict[int, list[Anchor]] = {}

    def __len__(self) -> int:
        return len(self.groups)

    def __getitem__(self, k):  # noqa: ANN001, ANN204
        if k < 0:
            k += len(self.groups)
        row = self._made.get(k)
        if row is None:
            a, b = self.groups[k]
            row = _qp_line(self.raw_lines, a, b, self.charset, self.lines[k])
            self._made[k] = row
        return row


def part_anchors(part: Message, raw_lines: list[str], span: tuple[int, int], text: str,
                 charset: str) -> Sequence:
    """Anchors for each line of `text`, the decoded body of `part` (its raw lines `span`),
    whose bytes were read in `charset`."""
    start, end = span
    count = text.count("\n") + 1
    encoding = str(part.get("Content-Transfer-Encoding", "") or "").strip().lower()
    if encoding == "quoted-printable":
        groups = _hard_lines(raw_lines, start, end)
        # An escaped line break (=0A, =0D) makes a line the raw lines do not show: then
        # the lines do not pair up, and the part is read like base64.
        if len(groups) == count and not any(_ESCAPED_BREAK.search(raw_lines[i])
                                            for i in range(start, end)):
            return QuotedPrintable(raw_lines, groups, charset, text.split("\n"))
    if encoding in ("quoted-printable", "base64", "x-uuencode", "uuencode", "uue", "x-uue"):
        return Same([(0, start + 1, 0, 0)], count)
    return Verbatim(start, end, count)


def _hard_lines(raw_lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The raw lines [a, b) each decoded line is made of: joined at soft breaks."""
    groups, a = [], start
    for i in range(start, end):
        if not raw_lines[i].endswith("=") or i == end - 1:
            groups.append((a, i + 1))
            a = i + 1
    return groups


def _qp_line(raw_lines: list[str], a: int, b: int, charset: str, expected: str) -> list[Anchor]:
    """Anchors for one decoded line from its raw lines [a, b), kept for each run of bytes;
    if it does not decode to the line the email package made, its first raw line.

    A run of escapes is one anchor, and its characters all point at its first escape: a
    word written in escapes (all of a Cyrillic one) starts a run after a literal space,
    so a finding still points at its word."""
    buf = bytearray()
    marks: list[Anchor] = []  # (offset in buf, file line, file column, step)
    for i in range(a, b):
        line = raw_lines[i]
        content = line[:-1] if line.endswith("=") else line
        marks.append((len(buf), i + 1, 0, 1))
        at = 0
        for m in _QP_RUN.finditer(content):
            if m.start() > at:
                marks.append((len(buf), i + 1, at, 1))
                buf += content[at:m.start()].encode("utf-8", "surrogateescape")
            marks.append((len(buf), i + 1, m.start(), 0))
            buf += bytes.fromhex(m.group(0).replace("=", ""))
            at = m.end()
        if at < len(content):
            marks.append((len(buf), i + 1, at, 1))
            buf += content[at:].encode("utf-8", "surrogateescape")
    try:
        decoder = codecs.getincrementaldecoder(charset)("replace")
    except LookupError:
        return [(0, a + 1, 0, 0)]
    row: list[Anchor] = []
    pieces: list[str] = []
    length = 0
    for k, (offset, line, column, step) in enumerate(marks):
        upto = marks[k + 1][0] if k + 1 < len(marks) else len(buf)
        if row and row[-1][0] == length:
            # Same place in the text: an empty run (a line start, a soft break) gives way
            # to what follows, but a character begun by a run of escapes keeps its start.
            if marks[k - 1][0] == offset:
                row[-1] = (length, line, column, step)
        else:
            row.append((length, line, column, step))
        pieces.append(decoder.decode(bytes(buf[offset:upto]), final=k + 1 == len(marks)))
        length += len(pieces[-1])
    if "".join(pieces) != expected:
        return [(0, a + 1, 0, 0)]
    return row


def subject_anchors(raw_lines: list[str], header_end: int, subject: str) -> list[Anchor]:
    """Anchors for the subject as the draft shows it (its words joined by single spaces),
    pointing into the raw Subject header and its folded continuation lines."""
    at = next((i for i in range(header_end) if raw_lines[i].lower().startswith("subject:")),
              None)
    if at is None:
        return [(0, 1, 0, 0)]
    words: list[tuple[str, int, int]] = []  # (raw word, file line, file column)
    i, column = at, len("subject:")
    while i < header_end:
        for m in re.finditer(r"\S+", raw_lines[i][column:]):
            words.append((m.group(0), i + 1, column + m.start()))
        i, column = i + 1, 0
        if i >= header_end or raw_lines[i][:1] not in (" ", "\t"):
            break
    if not words:
        return [(0, at + 1, len("subject:"), 0)]
    anchors: list[Anchor] = []
    ptr, col = 0, 0
    for word in subject.split(" "):
        if ptr + 1 < len(words) and words[ptr][0] != word and words[ptr + 1][0] == word:
            ptr += 1  # the encoded word before this one is behind us
        if ptr < len(words) and words[ptr][0] == word:
            anchors.append((col, words[ptr][1], words[ptr][2], 1))
            ptr += 1
        else:
            # Inside an encoded word: point at it, the only place the word is written.
            raw = words[min(ptr, len(words) - 1)]
            anchors.append((col, raw[1], raw[2], 0))
            if ptr < len(words) and not _ENCODED_WORD.fullmatch(raw[0]):
                ptr += 1
        col += len(word) + 1
    return anchors


def through(anchors: list[tuple[int, int, int]], part_lines: Sequence,
            length: int) -> list[Anchor]:
    """A visible HTML line's anchors (column, source line, source column), taken on through
    the part's own anchors (its transfer encoding) to the file; `length` is the line's."""
    out: list[Anchor] = []
    for k, (col, src_line, src_col) in enumerate(anchors):
        extent = (anchors[k + 1][0] if k + 1 < len(anchors) else length) - col
        row = part_lines[min(src_line, len(part_lines) - 1)]
        line, file_column, step = locate(row, src_col)
        out.append((col, line, file_column, step))
        out += [(col + c - src_col, ln, fc, st) for c, ln, fc, st in row
                if src_col < c < src_col + extent]
    return out


class Rows:
    """Anchors for every line of a draft's source, gathered from its parts' own (some made
    only when asked for): what Draft.anchors holds for an email."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._parts: list[Sequence] = []
        self.count = 0

    def add(self, lines: Sequence) -> None:
        if len(lines):
            self._starts.append(self.count)
            self._parts.append(lines)
            self.count += len(lines)

    def last(self) -> list[Anchor]:
        return self._parts[-1][len(self._parts[-1]) - 1]

    def __len__(self) -> int:
        return self.count

    def get(self, index: int, default: list[Anchor] | None = None) -> list[Anchor] | None:
        if not 0 <= index < self.count:
            return default
        j = bisect.bisect_right(self._starts, index) - 1
        return self._parts[j][index - self._starts[j]]
