"""The text report's layout: wrapped to the terminal, aligned in colour, one line per
excerpt, singulars, capped findings (in JSON too) and a word when there is no automatic
revision."""

from __future__ import annotations

import json
import re
from pathlib import Path

from samples import DAYTIME, EXAMPLES, SHOUTING

import tonecheck
from tonecheck.render.text import summary, to_text

HEATED = (EXAMPLES / "heated.txt").read_text()
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_plain_text_wraps_to_the_width_asked_for(run) -> None:
    path = str(EXAMPLES / "heated.txt")
    for columns in ("50", "72", "120"):
        out = run("check", path, env={"COLUMNS": columns}).out
        # A path is one word, and a word is never split.
        long = [line for line in out.splitlines() if len(line) > int(columns) and path not in line]
        assert not long, (columns, long)
    assert max(map(len, run("check", path, env={"COLUMNS": "200"}).out.splitlines())) > 80
    narrow = run("check", str(EXAMPLES / "heated.txt"), env={"COLUMNS": "50"}).out
    assert "→ Leave room: they may simply be busy." in narrow


def test_colour_keeps_the_columns_where_plain_text_has_them(run) -> None:
    path = str(EXAMPLES / "heated.txt")
    plain = run("check", "--no-revision", path, env={"COLUMNS": "100"}).out.splitlines()
    colour = run("check", "--no-revision", path, env={"COLUMNS": "100", "FORCE_COLOR": "1"}).out
    assert "\x1b[" in colour
    bars = re.compile(r"\[[#.]{20}\]|[█░]{20}")  # drawn differently, the same width
    assert [bars.sub("BAR", line) for line in ANSI.sub("", colour).splitlines()] == \
        [bars.sub("BAR", line) for line in plain]


def test_excerpts_never_break_a_line() -> None:
    report = tonecheck.analyze("Hello.\nI am begging\nyou to stop.", now=_now())
    begging = next(f for f in report.findings if f.rule == "pressure.begging")
    assert begging.text == "I am begging\nyou"  # the finding keeps the draft's text ...
    text = to_text(report, color=False, now=_now(), cols=100)
    line = next(x for x in text.splitlines() if "pressure.begging" in x)
    assert '"I am begging⏎you"' in line  # ... the report shows it on one line


def test_singular_forms() -> None:
    report = tonecheck.analyze("Hi. ANSWER ME", now=_now())
    text = to_text(report, color=False, now=_now(), cols=200)
    assert "1 sentence," in text or "2 sentences," in text
    one = tonecheck.analyze("I am so tired.", now=_now())
    assert "1 sentence, " in to_text(one, False, _now(), cols=200)
    assert re.search(r"\b1 edit; .* shows it, --in-place applies it", to_text(one, False, _now(), cols=200))
    assert summary(1, ["send"]) == "1 file: 1 send"
    assert summary(3, ["wait", "revise", "send"]) == "3 files: 1 wait, 1 revise, 1 send"


def test_findings_are_capped_with_a_count_of_the_rest(run, tmp_path: Path) -> None:
    draft = tmp_path / "long.txt"
    draft.write_text((SHOUTING + "\n") * 200)
    out = run("check", str(draft)).out
    heads = [line for line in out.splitlines() if re.match(r"  \d+:\d+ ", line)]
    assert len(heads) == 50
    more = re.search(r"… and (\d+) more findings \(--max-findings 0 lists them all\)", out)
    assert more and int(more.group(1)) > 100
    assert "more lines; `tonecheck revise" in out
    three = run("check", "--max-findings", "3", str(draft)).out
    assert len([x for x in three.splitlines() if re.match(r"  \d+:\d+ ", x)]) == 3
    every = run("check", "--max-findings", "0", str(draft)).out
    assert "… and" not in every
    lines = run("check", "-f", "line", "--max-findings", "2", str(draft)).out.splitlines()
    assert len(lines) == 4 and "more-findings" in lines[2] and ": verdict: WAIT: " in lines[3]


def test_json_findings_are_capped_with_a_count_of_the_rest(run, tmp_path: Path) -> None:
    # The same cap as text and line output, so a pasted log does not print hundreds of
    # megabytes: the first N findings in report order, and how many were left out.
    draft = tmp_path / "long.txt"
    draft.write_text((SHOUTING + "\n") * 200)
    every = json.loads(run("check", "-f", "json", "--max-findings", "0", str(draft)).out)
    total = len(every["findings"])
    assert total > 100 and every["findings_omitted"] == 0
    capped = json.loads(run("check", "-f", "json", str(draft)).out)
    assert len(capped["findings"]) == 50 and capped["findings_omitted"] == total - 50
    assert capped["findings"] == every["findings"][:50]
    assert capped["scores"] == every["scores"] and capped["points"] == every["points"]
    three = json.loads(run("check", "-f", "json", "--max-findings", "3", str(draft)).out)
    assert len(three["findings"]) == 3 and three["findings_omitted"] == total - 3
    # A draft with fewer findings than the cap lists them all, and says none were left out.
    short = json.loads(run("check", "-f", "json", str(EXAMPLES / "heated.txt")).out)
    assert short["findings"] and short["findings_omitted"] == 0
    # Several paths: each report is capped by itself.
    both = json.loads(run("check", "-f", "json", "--max-findings", "5", str(draft),
                          str(EXAMPLES / "heated.txt")).out)
    assert [len(r["findings"]) for r in both] == [5, 5]
    assert both[0]["findings_omitted"] == total - 5


def test_a_verdict_with_no_automatic_revision_says_what_to_do(run, tmp_path: Path) -> None:
    pack = tmp_path / "team.toml"
    pack.write_text('[pack]\nname = "team"\n\n[[rules]]\nid = "jargon"\nkind = "phrases"\n'
                    'dimension = "pushiness"\nweight = 2\nphrases = ["circle back"]\n'
                    'message = "Jargon reads as pressure."\n')
    draft = tmp_path / "jargon.txt"
    draft.write_text("Let us circle back on this.")
    result = run("check", "--rules", str(pack), str(draft), env={"COLUMNS": "200"})
    assert result.code == 1 and "Verdict: REVISE" in result.out
    assert "Suggested revision" not in result.out
    assert (f"No automatic revision: none of these findings has a rewrite. Edit the lines listed "
            f"above by hand, then run `tonecheck check {draft}` again.") in " ".join(result.out.split())

    # revise says it too, instead of printing the draft unchanged as if it were fine.
    for args in (("revise",), ("revise", "--in-place")):
        revised = run(*args, "--rules", str(pack), str(draft))
        assert revised.code == 0 and draft.read_text() == "Let us circle back on this."
        assert "REVISE, and no automatic revision: none of its findings has a rewrite" in revised.err
        assert "nothing to change" not in revised.err
    held = tmp_path / "insult.txt"
    held.write_text("This is pathetic.")
    assert "1 sentence needs your own words" in run("revise", str(held)).err


def _now():
    from datetime import datetime

    return datetime.fromisoformat(DAYTIME)
