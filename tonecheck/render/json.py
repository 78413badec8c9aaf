"""Reports as JSON for programs: the versioned schema of core.report, indented.

One object for one input, a list for several. The output is exactly
json.dumps(..., ensure_ascii=False, indent=2), made faster (see indented_json).

Speed: the plain twin is that json.dumps call; tests/render/test_json_output.py holds the
two to the same bytes, for reports and for long chunked lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from itertools import chain
from typing import TextIO

from ..core.report import SCHEMA, Lazy, Report


def to_json(reports: list[Report], max_findings: int | None = None) -> str:
    """One object for one input, a list for several; at most `max_findings` findings
    each (None or 0: all), the rest counted in "findings_omitted"."""
    data = [r.to_dict(max_findings, lazy=True) for r in reports]
    return indented_json(data[0] if len(data) == 1 else data)


def error_dict(source: str, error: str) -> dict:
    """The item that stands in a list for a draft that could not be read (batch's shape)."""
    return {"schema": SCHEMA, "source": source, "error": error}


def write_json(reports: list[Report | dict], stream: TextIO, as_list: bool = False,
               max_findings: int | None = None) -> None:
    """to_json(reports, max_findings) and a newline, written piece by piece: a long
    draft's report is megabytes of JSON, and building it whole (or every finding's dict
    at once) would take many times the memory of the draft. `as_list` makes even one
    report a list; an item may be an error_dict in place of a report."""
    data = [r if isinstance(r, dict) else r.to_dict(max_findings, lazy=True) for r in reports]
    for piece in _pieces(data[0] if len(data) == 1 and not as_list else data, 0):
        stream.write(piece)
    stream.write("\n")


_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)
#: Flat objects encoded per call when a list of them is written out in pieces.
_CHUNK = 1000


def _all_flat(values: list) -> bool:
    """Every item a non-empty object of string keys and scalar values (checked with C-level
    iteration: there can be thousands)."""
    if not all(type(v) is dict for v in values) or not all(values):
        return False
    keys = set(map(type, chain.from_iterable(values)))
    kinds = set(map(type, chain.from_iterable(map(dict.values, values))))
    return keys == {str} and kinds <= _SCALAR_TYPES


def indented_json(value: object, depth: int = 0) -> str:
    """Exactly json.dumps(value, ensure_ascii=False, indent=2), several times faster.

    With an indent, json falls back to its pure-Python encoder, and a long draft's report
    holds hundreds of thousands of values. Here each innermost object (a finding, an edit,
    the scores) goes through the C encoder, its separators carrying the line breaks and
    indentation, and a list of them goes through in one call; only the few containers
    above them are walked in Python.
    """
    return "".join(_pieces(value, depth))


def _pieces(value: object, depth: int) -> Iterator[str]:
    pad = "\n" + "  " * (depth + 1)
    if isinstance(value, dict) and value and all(type(k) is str for k in value):
        if all(isinstance(v, _SCALARS) for v in value.values()):
            yield "{" + pad + _flat_encoder(depth).encode(value)[1:-1] + pad[:-2] + "}"
            return
        for i, (k, v) in enumerate(value.items()):
            yield ("{" if not i else ",") + pad + _SCALAR.encode(k) + ": "
            yield from _pieces(v, depth + 1)
        yield pad[:-2] + "}"
    elif isinstance(value, Lazy):
        # Made a chunk at a time; each chunk is a plain list, as any other list is written.
        yield from _pieces(value[:] if len(value) <= _CHUNK else _Chunked(value), depth)
    elif isinstance(value, (list, _Chunked)) and value:
        chunks = value.chunks() if isinstance(value, _Chunked) else _chunks(value)
        yield "["
        first = True
        for chunk, flat in chunks:
            if flat:
                yield ("" if first else ",") + pad + _flat_objects(chunk, depth)
            else:
                for i, item in enumerate(chunk):
                    yield ("" if first and not i else ",") + pad
                    yield from _pieces(item, depth + 1)
            first = False
        yield pad[:-2] + "]"
    elif isinstance(value, (dict, list)):  # empty, or keys json must convert: its own way
        yield json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    else:
        yield _SCALAR.encode(value)


def _chunks(value: list) -> Iterator[tuple[list, bool]]:
    """A list in runs to write: of flat objects, _CHUNK at a time; anything else whole."""
    if not _all_flat(value):
        yield value, False
        return
    for i in range(0, len(value), _CHUNK):
        yield value[i:i + _CHUNK], True


class _Chunked:
    """A long Lazy list, read a chunk at a time (never empty: a Lazy of at most _CHUNK
    items is written as the plain list it makes)."""

    __slots__ = ("lazy",)

    def __init__(self, lazy: Lazy):
        self.lazy = lazy

    def __bool__(self) -> bool:
        return True

    def chunks(self) -> Iterator[tuple[list, bool]]:
        for i in range(0, len(self.lazy), _CHUNK):
            chunk = self.lazy[i:i + _CHUNK]
            yield chunk, _all_flat(chunk)  # either way, the bytes json.dumps would write


_SCALAR = json.JSONEncoder(ensure_ascii=False)
#: JSON escapes a NUL inside a string, so a raw one can only be a separator of ours.
_MARK = ",\x00"
_MARKED = json.JSONEncoder(ensure_ascii=False, separators=(_MARK, ": "))


def _flat_objects(objects: list[dict], depth: int) -> str:
    """Flat objects (findings) as items of a list at `depth`, in one C-encoder call, then
    re-indented: the marked separators between objects and between members are told
    apart by the braces around them."""
    outer, inner = "\n" + "  " * (depth + 1), "\n" + "  " * (depth + 2)
    body = _MARKED.encode(objects)[2:-2]  # without the outer "[{" and "}]"
    members = [part.replace(_MARK, "," + inner) for part in body.split("}" + _MARK + "{")]
    close = outer + "}"
    return "{" + inner + (close + "," + outer + "{" + inner).join(members) + close


@cache
def _flat_encoder(depth: int) -> json.JSONEncoder:
    """Encodes a flat object with each member on its own line at this depth's indent."""
    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + "  " * (depth + 1), ": "))
