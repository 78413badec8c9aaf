"""Bytes to text: the encodings a draft may come in, and a clear error for the rest."""

from __future__ import annotations

import codecs

from ..core.errors import InputError


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
