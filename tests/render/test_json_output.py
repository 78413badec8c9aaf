"""--format json is exactly json.dumps(..., indent=2), however it is produced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from samples import REPO

from tonecheck.render import json as render


@pytest.mark.parametrize("value", [
    {}, [], {"a": []}, {"a": {}}, [1, [2, [3, {}]]], {"k": None, "f": 1.5, "s": "é\n\"}\u0000,{"},
    [{"a": "}\x00{", "b": 2}, {"c": None}], [{"a": 1}, {}], [{1: 2}], [{"a": 1}, 5],
    {"a": {1: [{2: 3}]}}, "text", 3, None,
])
def test_indented_json_is_byte_for_byte_json_dumps(value: object) -> None:
    assert render.indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_check_json_output_is_json_dumps_of_itself(tmp_path: Path, run) -> None:
    long = tmp_path / "long.txt"
    # Enough findings to be written out in several chunks (render._CHUNK).
    long.write_text((REPO / "examples" / "heated.txt").read_text(encoding="utf-8") * 120, encoding="utf-8")
    examples = REPO / "examples"
    for args in (["-f", "json", "--max-findings", "0", str(long)],
                 ["-f", "json", str(examples / "heated.txt"), str(examples / "work-email.eml")]):
        out = run("check", *args).out
        assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


def test_long_lists_of_findings_are_chunked_seamlessly() -> None:
    findings = [{"rule": f"r{i}", "line": i, "text": "}\x00{" if i % 7 == 0 else "x", "points": i / 3}
                for i in range(2 * render._CHUNK + 17)]
    value = {"schema": "s", "findings": findings, "nested": [{"a": findings[:3]}]}
    assert render.indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)
