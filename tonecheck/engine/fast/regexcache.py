"""Rule regexes compiled once, not on every run.

re.compile parses a pattern and generates the engine's code for it in pure Python; the
rule packs' long alternations cost a large part of a short check that way, every time.
The generated code is plain data (a list of integers and the group names), so it is kept
in the user's cache (tonecheck.cache) and handed straight to the engine next time. The
engine's code format is private to each Python build, and the cache key names the exact
build (tonecheck.cache puts sys.version in every key); anything unexpected falls back to
a fresh compile, which is also what checks a pattern's syntax the first time.

Speed: the plain twin is `re.compile`; tests/engine/test_caches.py holds cached patterns
to the same matches as freshly compiled ones, and a bad pattern to re's own error.
"""

from __future__ import annotations

import _sre
import atexit
import marshal
import re
from re import _compiler, _parser

from ... import cache

FORMAT = "regexes/1"
_KIND = "regexes"
#: Edited packs leave their old patterns behind; past this many, start afresh.
LIMIT = 2000

_table: dict | None = None
_added = False


def reset() -> None:
    """Forget what this process read of the cache (the file on disk stays)."""
    global _table
    _table = None


def _load() -> dict:
    global _table
    if _table is None:
        _table = cache.read_table(_KIND, FORMAT)
    return _table


def _save() -> None:
    if _added and _table is not None:
        try:
            cache.write(_KIND, FORMAT, marshal.dumps(_table))
        except ValueError:  # something marshal cannot hold: leave the cache as it was
            pass


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's twin
    """re.compile(pattern, flags), from the cache when this pattern was compiled before."""
    global _added
    flags = int(flags)
    table = _load()
    known = table.get((pattern, flags))
    if known is not None:
        try:
            return _sre.compile(pattern, *known)
        except (TypeError, ValueError, RuntimeError):
            pass
    # What re._compiler.compile does, keeping the engine's arguments for next time.
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # plain ints: opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    args = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    compiled = _sre.compile(pattern, *args)
    if not _added:
        atexit.register(_save)  # one write per run, however many patterns were new
    if len(table) >= LIMIT:
        table.clear()
    table[(pattern, flags)] = args
    _added = True
    return compiled
