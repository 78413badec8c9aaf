"""Reading drafts: a file, stdin, or a string of a given kind, turned into a Draft.

Everything that makes a Draft goes through here: `load` for a path or bytes, `from_string`
for text already in hand (the library's `analyze`, batch records), `rewritten` for the
text a revision made of a draft.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.draft import Draft
from ..core.errors import InputError
from .decode import decode, encoding_of
from .masking import mask

#: Larger drafts are refused rather than left to run for minutes.
MAX_BYTES = 20 * 1024 * 1024

EMAIL_SUFFIXES = {".eml", ".msg", ".mbox-message", ".email"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def from_text(source: str, kind: str = "text", path: str = "<text>") -> Draft:
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    # No line_map: each line is the file's own (Draft.position), and a pasted log's map
    # would be a tuple per line.
    return Draft(source=source, text=mask(source, kind), kind=kind, path=path)


def from_string(text: str, kind: str = "text", source: str = "<text>") -> Draft:
    """A draft from text in hand: an email's text is parsed as a message and, like an
    email file, must have a subject or body to score; any other text is taken as it is,
    and must not be blank (a text that is only a link or a quote is scored, as nothing)."""
    if kind == "email":
        from .email import parse_email

        return _not_empty(parse_email(text.encode("utf-8"), source))
    if not text.strip():
        raise InputError("the draft is empty", source)
    return from_text(text, kind, source)


def _not_empty(draft: Draft) -> Draft:
    if not draft.text.strip():
        raise InputError("the draft is empty", draft.path)
    return draft


def rewritten(draft: Draft, source: str) -> Draft:
    """The same draft with `source` as its text (a revision's), masked the way it was."""
    return draft.with_source(source, mask(source, draft.kind))


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
        from .email import parse_email

        draft = parse_email(data, display)
    else:
        text = decode(data, display)
        draft = from_text(text, kind or guess_kind(path, text), display)
        draft.encoding = encoding_of(data)
        draft.newline = "\r\n" if "\r\n" in text else "\n"
        if draft.kind == "email":
            from .email import parse_email

            draft = parse_email(data, display)
    return _not_empty(draft)
