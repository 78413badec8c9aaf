"""Masking: blank what nobody should score (code, quoted replies, signatures, links).

Blanked characters become spaces and newlines stay, so the masked text has the same length
and the same lines as the source: every offset the rules find is an offset of the file.
"""

from __future__ import annotations

import re

_NOT_NEWLINE = re.compile(r"[^\n]")


_MD_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
INLINE_CODE = re.compile(r"`[^`\n]+`")
_MD_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+")
QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.M)
# "On Mon, 3 Jun 2024 at 10:00, Sam <sam@example.com> wrote:" may be wrapped over two lines.
_ATTRIBUTION = re.compile(r"^On\b[^\n]{0,200}(?:\n[^\n]{0,200})?\bwrote:[ \t]*$", re.M)
_SIGNATURE = re.compile(r"^-- ?$", re.M)
_FORWARD = re.compile(r"^-{3,}\s*(?:Original Message|Forwarded message)\s*-{3,}", re.M | re.I)


#: Between two text parts of an email draft (a form feed on a line of its own): each part
#: is masked by itself, so one part's signature does not blank the parts after it.
PART_BREAK = "\n\n\f\n\n"


def mask(source: str, kind: str) -> str:
    """Blank what should not be scored, keeping every offset in place.

    An email draft's source is its subject, a blank line, then its text parts, with
    PART_BREAK between them."""
    if kind == "email" and "\n\n" in source:
        subject, _, body = source.partition("\n\n")
        return mask(subject, "text") + "\n\n" + PART_BREAK.join(
            _mask(part, "email") for part in body.split(PART_BREAK))
    return _mask(source, kind)


def _mask(source: str, kind: str) -> str:
    patterns = [_URL, _HTML_COMMENT]
    if kind == "markdown":
        patterns = [_MD_FRONT_MATTER, _MD_FENCE, INLINE_CODE, _MD_LINK_TARGET, *patterns]
    if kind == "email":
        patterns = [QUOTE_LINE, _ATTRIBUTION, *patterns]
    # Every pattern reads the source as written, so what is blanked is the union of
    # their matches, spliced in once (not a list of every character of a long paste).
    spans = [m.span() for pattern in patterns for m in pattern.finditer(source)]
    if kind == "email":
        # A signature or a forwarded message runs to the end of the body.
        ends = [m.start() for p in (_SIGNATURE, _FORWARD) for m in p.finditer(source)]
        if ends:
            spans.append((min(ends), len(source)))
    if not spans:
        return source
    spans.sort()
    out, pos = [], 0
    for start, end in spans:
        if end <= pos:
            continue
        start = max(start, pos)
        out += (source[pos:start], _NOT_NEWLINE.sub(" ", source[start:end]))
        pos = end
    out.append(source[pos:])
    return "".join(out)
