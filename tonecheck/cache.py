"""A small on-disk cache for data that is slow to build and cheap to read back.

Entries live in $XDG_CACHE_HOME/tonecheck (else ~/.cache/tonecheck), one file per kind.
Each file starts with the key it was built for: everything it was built from (source
files' paths, sizes and mtimes, a format version) and this Python's version, because
marshal data only round-trips on the same version. A reader whose key differs treats the
entry as missing and rebuilds it, so an upgrade of a source never serves stale data.

The cache is only an optimisation: when the directory cannot be read or written, callers
build the data in memory and carry on.

Speed: storage for the accelerators (engine.fast.packcache and regexcache,
text.syllables); its plain twin is building their data in memory every run, which each
of them falls back to. tests/engine/test_caches.py and tests/text/test_readability.py hold
what comes from it to what is built afresh.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tonecheck"


def file_key(path: str | os.PathLike[str]) -> str:
    """What identifies a source file's contents cheaply: its path, size and mtime."""
    st = os.stat(path)
    return f"{os.fspath(path)}:{st.st_size}:{st.st_mtime_ns}"


def _header(key: str) -> bytes:
    return f"tonecheck-cache {sys.version!r} {key}\n".encode("utf-8", "surrogateescape")


def read(kind: str, key: str) -> memoryview | None:
    """The entry's payload if it was built for exactly this key, else None."""
    try:
        with open(directory() / f"{kind}.bin", "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    header = _header(key)
    if not data.startswith(header):
        return None
    return memoryview(data)[len(header):]


def mapped(kind: str, key: str) -> memoryview | None:
    """Like read(), but mapped rather than read: only the pages a caller touches are
    loaded, which is what a large table consulted for a few entries wants."""
    import mmap

    try:
        with open(directory() / f"{kind}.bin", "rb") as fh:
            view = memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    header = _header(key)
    if view[:len(header)] != header:
        return None
    return view[len(header):]


def write(kind: str, key: str, payload: bytes) -> None:
    """Store an entry atomically, so a concurrent reader sees the old file or the new one,
    never half of one. Failure is silent: the cache is only an optimisation."""
    import tempfile  # only a first run writes; a check that reads should not pay for it

    folder = directory()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_header(key))
                fh.write(payload)
            os.replace(tmp, folder / f"{kind}.bin")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def read_table(kind: str, key: str) -> dict:
    """A marshalled dict from the cache, or an empty one when it is missing or unreadable."""
    import marshal

    raw = read(kind, key)
    try:
        table = marshal.loads(raw) if raw is not None else {}
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}
