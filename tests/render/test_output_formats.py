"""The JSON schema, the line format and the human report."""

from __future__ import annotations

import json
from datetime import datetime

from samples import COFFEE, EXAMPLES, SHOUTING

import tonecheck

FINDING_KEYS = {"rule", "dimension", "line", "column", "end_line", "end_column", "text", "message",
                "suggestion"}


def test_json_schema_has_the_fixed_keys(run, tmp_path) -> None:
    draft = tmp_path / "hot.txt"
    draft.write_text("Hi Sam,\n" + SHOUTING + "\n")
    result = run("check", "--format", "json", str(draft))
    data = json.loads(result.out)
    assert data["schema"] == tonecheck.SCHEMA
    assert {"schema", "source", "scores", "stats", "verdict", "delay", "findings", "revision"} <= set(data)
    assert set(data["scores"]) == {"intensity", "pushiness", "length"}
    assert set(data["stats"]) == {"words", "sentences", "grade", "reading_seconds"}
    assert set(data["delay"]) == {"seconds", "not_before", "reason"}
    datetime.fromisoformat(data["delay"]["not_before"])
    assert data["findings"] and all(FINDING_KEYS <= set(f) for f in data["findings"])
    assert {"text", "edits", "scores"} <= set(data["revision"])
    shout = next(f for f in data["findings"] if f["rule"] == "tone.shouting")
    assert (shout["line"], shout["column"]) == (2, 1)


def test_json_for_several_inputs_is_a_list(run, tmp_path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(COFFEE)
    b.write_text(SHOUTING)
    data = json.loads(run("check", "-f", "json", str(a), str(b)).out)
    assert [d["verdict"] for d in data] == ["send", "wait"]


def test_line_format_for_editors(run, tmp_path) -> None:
    draft = tmp_path / "hot.txt"
    draft.write_text("Hello,\n\nANSWER ME NOW!!!\n")
    lines = run("check", "--format", "line", str(draft)).out.splitlines()
    assert f"{draft}:3:1: tone.shouting: Capitals read as shouting." in lines
    assert all(line.startswith(f"{draft}:") for line in lines)


def test_text_report_is_plain_when_piped_and_has_the_parts(run, tmp_path) -> None:
    draft = tmp_path / "hot.txt"
    draft.write_text(SHOUTING)
    out = run("check", str(draft)).out
    assert "\x1b[" not in out
    for part in ("intensity", "pushiness", "length", "Findings", "Verdict: WAIT", "send no earlier than",
                 "Suggested revision"):
        assert part in out
    colored = run("check", str(draft), env={"FORCE_COLOR": "1"}).out
    assert "\x1b[" in colored
    assert "\x1b[" not in run("check", str(draft), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).out


def test_library_report_round_trips_to_json() -> None:
    report = tonecheck.analyze(SHOUTING)
    assert json.loads(json.dumps(report.to_dict()))["verdict"] == report.verdict


def test_flagged_words_are_never_praised_as_softeners(run) -> None:
    out = run("check", str(EXAMPLES / "heated.txt")).out
    assert "pressure.repeated-plea" in out
    assert "softeners that help" not in out or '"Please, please"' not in out.split("softeners that help")[1]
    calm = run("check", "-", input="Thanks so much for the notes, could you send the slides too?").out
    assert "softeners that help" in calm


def test_allow_list_and_finding_text_without_seams(run, tmp_path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("As I already said, the numbers are due. Damn it.")
    data = json.loads(run("check", "-f", "json", str(draft)).out)
    lead_in = next(f for f in data["findings"] if f["rule"] == "pressure.passive-aggressive")
    assert lead_in["text"] == "As I already said" and lead_in["column"] == 1
    (tmp_path / ".tonecheck.toml").write_text('allow = ["as I already said", "damn"]\n')
    rules = {f["rule"] for f in json.loads(run("check", "-f", "json", str(draft)).out)["findings"]}
    assert "pressure.passive-aggressive" not in rules and "tone.swearing" not in rules


def test_version(run) -> None:
    result = run("--version")
    assert result.code == 0 and result.out.strip() == f"tonecheck {tonecheck.__version__}"
