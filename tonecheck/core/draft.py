"""A draft: the text as written, and the same text as the rules read it.

A draft keeps two strings of the same length. `source` is what the user wrote and what a
revision rewrites. `text` is what the rules read: the same characters, except that parts
nobody should score (code, quoted replies, signatures, links) are blanked with spaces
(tonecheck.drafts.masking). Blanking instead of cutting keeps every offset, so a finding's
line and column are the file's own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field


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

    def with_source(self, source: str, text: str) -> Draft:
        """The same draft with rewritten text and its masked twin (for revisions:
        tonecheck.drafts.load.rewritten masks it the same way)."""
        return Draft(source, text, self.kind, self.path, self.line_map,
                     self.message, self.encoding, self.newline)

    def encode(self, source: str) -> bytes:
        """`source` as bytes in this draft's own encoding and line endings."""
        return source.replace("\n", self.newline).encode(self.encoding)

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
