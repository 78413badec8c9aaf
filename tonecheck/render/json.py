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

from ..core.report import SCHEMA, Report


def to_json(reports: list[Report]) -> str:
    """One object for one input, a list for several."""
    data = [r.to_dict() for r in reports]
    return indented_json(data[0] if len(data) == 1 else data)


def error_dict(source: str, error: str) -> dict:
    """The item that stands in a list for a draft that could not be read (batch's shape)."""
    return {"schema": SCHEMA, "source": source, "error": error}


def write_json(reports: list[Report | dict], stream: TextIO, as_list: bool = False) -> None:
    """to_json(reports) and a newline, written piece by piece: a long draft's report is
    several megabytes of JSON, and building it whole (then copying it to add the newline)
    would double the memory a check needs. `as_list` makes even one report a list; an
    item may be an error_dict in place of a report."""
    data = [r if isinstance(r, dict) else r.to_dict() for r in reports]
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
    elif isinstance(value, list) and value:
        flat = _all_flat(value)
        yield "["
        for i in range(0, len(value), _CHUNK if flat else 1):
            yield ("," if i else "") + pad
            if flat:
                yield _flat_objects(value[i:i + _CHUNK], depth)
            else:
                yield from _pieces(value[i], depth + 1)
        yield pad[:-2] + "]"
    elif isinstance(value, (dict, list)):  # empty, or keys json must convert: its own way
        yield json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    else:
        yield _SCALAR.encode(value)


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
