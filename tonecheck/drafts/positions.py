"""Where an email's text stands in its file, so a finding names the line the user opens.

The rules read decoded text (tonecheck.drafts.email); the user reads the raw .eml. The
convention: a finding points at the file line and column where its text starts, read
through whatever the mail did to that text on the way:

- 7bit, 8bit and binary bodies: line for line, column for column.
- quoted-printable: decoded here with positions, through soft line breaks (`=` at a line's
  end) and `=XX` escapes; a character spelt by several escapes points at the first. The
  result is checked against the email package's own decoding, and if they differ the
  part's first line is used, as for base64.
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
from email.message import Message

from ..core.draft import locate

#: (column in the decoded line, 1-based file line, 0-based file column, step 0 or 1)
Anchor = tuple[int, int, int, int]

# The email package's own test for a header line (email.feedparser.headerRE).
_HEADER_LINE = re.compile(r"^(From |[\041-\071\073-\176]*:|[\t ])")
_QP_ESCAPE = re.compile(r"=([0-9A-Fa-f]{2})")
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


def part_anchors(part: Message, raw_lines: list[str], span: tuple[int, int], text: str,
                 charset: str) -> list[list[Anchor]]:
    """Anchors for each line of `text`, the decoded body of `part` (its raw lines `span`),
    whose bytes were read in `charset`."""
    start, end = span
    count = text.count("\n") + 1
    encoding = str(part.get("Content-Transfer-Encoding", "") or "").strip().lower()
    if encoding == "quoted-printable":
        lines = _quoted_printable(raw_lines[start:end], start, charset, text)
        if lines is not None:
            return lines
    if encoding in ("quoted-printable", "base64", "x-uuencode", "uuencode", "uue", "x-uue"):
        return [[(0, start + 1, 0, 0)]] * count
    last = max(start, end - 1)
    return [[(0, min(start + i, last) + 1, 0, 1)] for i in range(count)]


def _quoted_printable(lines: list[str], first: int, charset: str,
                      expected: str) -> list[list[Anchor]] | None:
    """Decode quoted-printable lines keeping, for each run of bytes, where it was written;
    None if the result is not the text the email package decoded."""
    buf = bytearray()
    marks: list[tuple[int, int, int]] = []  # (offset in buf, file line, file column)
    for n, line in enumerate(lines):
        soft = line.endswith("=")
        content = line[:-1] if soft else line
        marks.append((len(buf), first + n + 1, 0))
        at = 0
        for m in _QP_ESCAPE.finditer(content):
            if m.start() > at:
                marks.append((len(buf), first + n + 1, at))
                buf += content[at:m.start()].encode("utf-8", "surrogateescape")
            marks.append((len(buf), first + n + 1, m.start()))
            buf.append(int(m.group(1), 16))
            at = m.end()
        if at < len(content):
            marks.append((len(buf), first + n + 1, at))
            buf += content[at:].encode("utf-8", "surrogateescape")
        if not soft and n < len(lines) - 1:
            buf += b"\n"
    decoder = codecs.getincrementaldecoder(charset)("replace")
    pieces: list[str] = []
    chars: list[tuple[int, int, int]] = []  # (offset in the text, file line, file column)
    length = 0
    for i, (offset, line, column) in enumerate(marks):
        upto = marks[i + 1][0] if i + 1 < len(marks) else len(buf)
        if chars and chars[-1][0] == length:
            # Same place in the text: an empty run (a line start, a soft break) gives way
            # to what follows, but a character's later escapes keep its first.
            if marks[i - 1][0] == offset:
                chars[-1] = (length, line, column)
        else:
            chars.append((length, line, column))
        piece = decoder.decode(bytes(buf[offset:upto]), final=i + 1 == len(marks))
        pieces.append(piece)
        length += len(piece)
    text = "".join(pieces)
    if text != expected:
        return None
    offsets = [c[0] for c in chars]
    out: list[list[Anchor]] = []
    for s in [0] + [m.end() for m in re.finditer("\n", text)]:
        e = s + _line_length(text, s)
        j = bisect.bisect_right(offsets, s)
        offset, line, column = chars[max(j - 1, 0)]
        row: list[Anchor] = [(0, line, column + (s - offset), 1)]
        while j < len(chars) and chars[j][0] < e:
            row.append((chars[j][0] - s, chars[j][1], chars[j][2], 1))
            j += 1
        out.append(row)
    return out


def _line_length(text: str, start: int) -> int:
    end = text.find("\n", start)
    return (len(text) if end < 0 else end) - start


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


def through(anchors: list[tuple[int, int, int]], part_lines: list[list[Anchor]],
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
