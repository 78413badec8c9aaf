"""A draft: the text as written, and the same text as the rules read it.

A draft keeps two strings of the same length. `source` is what the user wrote and what a
revision rewrites. `text` is what the rules read: the same characters, except that parts
nobody should score (code, quoted replies, signatures, links) are blanked with spaces
(tonecheck.drafts.masking). Blanking instead of cutting keeps every offset, so a finding's
line and column are the file's own.

An email's text is decoded from its file (folded headers, quoted-printable, HTML), so its
lines may also carry anchors (tonecheck.drafts.positions says how they are made), which
map a column back through the decoding to where the text stands in the raw file.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass
class Draft:
    source: str
    text: str
    kind: str = "text"  # text | markdown | email
    path: str = "<text>"
    #: For each line of `source`, the (file line, column offset) it came from; a line past
    #: its end (every line, when it is empty) is the file's own line.
    line_map: list[tuple[int, int]] = field(default_factory=list)
    #: For emails, the parsed message, kept so a revision can be written back.
    message: object | None = None
    #: How the file was stored, so an in-place revision writes it back the same way.
    encoding: str = "utf-8"
    newline: str = "\n"
    #: Lines whose text does not sit in one run of the file (an email's): source line
    #: index -> sorted anchors (column in the line, file line, 0-based file column, step),
    #: see locate. Anything with `get`: an email's are made only for the lines asked for.
    anchors: Mapping[int, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    _line_starts: array | None = field(default=None, repr=False, compare=False)

    def with_source(self, source: str, text: str) -> Draft:
        """The same draft with rewritten text and its masked twin (for revisions:
        tonecheck.drafts.load.rewritten masks it the same way)."""
        return Draft(source, text, self.kind, self.path, self.line_map,
                     self.message, self.encoding, self.newline, self.anchors)

    def encode(self, source: str) -> bytes:
        """`source` as bytes in this draft's own encoding and line endings."""
        return source.replace("\n", self.newline).encode(self.encoding)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original file for an offset into `text`."""
        if self._line_starts is None:
            # Found once per draft: counting newlines per finding is quadratic on a big paste.
            # An array, not a list of ints: a pasted log has hundreds of thousands of lines.
            self._line_starts = array("q", [0])
            self._line_starts.extend(m.end() for m in re.finditer("\n", self.source))
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        column = offset - self._line_starts[line_index]
        anchors = self.anchors.get(line_index)
        if anchors:
            file_line, file_column, _ = locate(anchors, column)
            return file_line, file_column + 1
        if line_index < len(self.line_map):
            file_line, col_offset = self.line_map[line_index]
            return file_line, column + col_offset + 1
        return line_index + 1, column + 1


def locate(anchors: list[tuple[int, int, int, int]], column: int) -> tuple[int, int, int]:
    """(file line, 0-based file column, step) of `column` in a line with these anchors:
    from the last anchor at or before it, moving along the file with the text when its
    step is 1 and staying put when it is 0 (before the first anchor: at the first)."""
    i = bisect.bisect_right(anchors, (column, float("inf"))) - 1
    col, line, file_column, step = anchors[max(i, 0)]
    return line, file_column + (step * (column - col) if i >= 0 else 0), step
