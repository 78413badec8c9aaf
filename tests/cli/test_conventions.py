"""The conventions users of Vale, ruff and git expect, through the real `tonecheck` program:
inline suppression, --fail-on, a summary line, verdict lines, a stable JSON list, `config`,
tables, -h, completion, rule folders, and no `requests` at run time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from samples import COFFEE, DAYTIME, EXAMPLES, REPO, SHOUTING, pack_toml, rule_toml

TONECHECK = str(Path(sys.executable).with_name("tonecheck"))
HEATED = str(EXAMPLES / "heated.txt")
#: Warm but not hot: revise, no wait.
REVISE = "Why is this late again? You never answer my emails."


@pytest.fixture
def tc(home: Path):
    """Run the installed `tonecheck` program (the quick entry, then Typer) as a user would."""
    def _run(*args: str, cwd: Path | None = None, env: dict | None = None,
             input: str | None = None) -> subprocess.CompletedProcess:
        full = {k: v for k, v in os.environ.items()
                if not k.startswith(("TONECHECK_", "XDG_CONFIG"))
                and k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
        full.update(HOME=str(home), TONECHECK_NOW=DAYTIME, **(env or {}))
        return subprocess.run([TONECHECK, *args], capture_output=True, text=True, cwd=cwd or home,
                              env=full, input=input, timeout=120)
    return _run


def rules_of(proc: subprocess.CompletedProcess) -> set[str]:
    return {line.split(": ")[1] for line in proc.stdout.splitlines() if ": " in line}


# 1. Inline suppression

def test_html_directives_turn_rules_off_and_on_in_markdown(tc, tmp_path: Path) -> None:
    draft = tmp_path / "note.md"
    draft.write_text("Hi Sam,\n\n<!-- tonecheck off -->\nWHY ARE YOU IGNORING ME!!!\n"
                     "<!-- tonecheck on -->\n\n"
                     "<!-- tonecheck disable=pressure.begging -->\nI'm begging you.\n"
                     "<!-- tonecheck enable=pressure.begging -->\nAlso, I'm begging you.\n")
    lines = tc("check", "-f", "line", str(draft)).stdout.splitlines()
    assert not any(":4:" in line for line in lines), lines
    assert not any(":8:" in line and "begging" in line for line in lines), lines
    assert any(":10:" in line and "pressure.begging" in line for line in lines), lines


def test_suppressed_findings_do_not_count_towards_scores(tc, tmp_path: Path) -> None:
    hot, off = tmp_path / "hot.txt", tmp_path / "off.txt"
    hot.write_text(f"Hello Sam.\n{SHOUTING}\n")
    off.write_text(f"Hello Sam.\ntonecheck: off\n{SHOUTING}\ntonecheck: on\n")
    a, b = json.loads(tc("check", "-f", "json", str(hot), str(off)).stdout)
    assert a["verdict"] == "wait" and a["scores"]["intensity"] > 50
    assert b["verdict"] == "send" and b["scores"] == {"intensity": 0, "pushiness": 0, "length": 0}
    assert b["findings"] == [] or all(f["points"] <= 0 for f in b["findings"])


def test_a_whole_pack_can_be_disabled_and_plain_text_uses_the_line_form(tc, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(f"tonecheck: disable=tone\n{SHOUTING}\n")
    found = rules_of(tc("check", "-f", "line", str(draft)))
    assert found and not any(r.startswith("tone.") for r in found), found


def test_prose_that_merely_mentions_tonecheck_is_not_a_directive(tc, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(f"tonecheck: it said my note was pushy\n{SHOUTING}\n")
    assert "tone.shouting" in rules_of(tc("check", "-f", "line", str(draft)))


def test_a_misspelt_directive_is_a_one_line_error(tc, tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("<!-- tonecheck of -->\nHello.\n")
    proc = tc("check", str(draft))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("tonecheck: ") and str(draft) in proc.stderr
    assert "unknown tonecheck directive 'of'" in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_the_library_honours_directives_too() -> None:
    import tonecheck

    report = tonecheck.analyze(f"<!-- tonecheck off -->\n{SHOUTING}\n", kind="markdown")
    assert report.verdict == "send" and report.revision is not None and not report.revision.changed


# 2. --fail-on, summary, verdict lines, JSON list

def test_fail_on_wait_passes_a_revise_and_fails_a_wait(tc, tmp_path: Path) -> None:
    draft = tmp_path / "warm.txt"
    draft.write_text(REVISE)
    assert json.loads(tc("check", "-f", "json", str(draft)).stdout)["verdict"] == "revise"
    assert tc("check", str(draft)).returncode == 1
    assert tc("check", "--fail-on", "wait", str(draft)).returncode == 0
    assert tc("check", "--fail-on", "wait", HEATED).returncode == 1
    bad = tc("check", "--fail-on", "never", str(draft))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_several_files_end_with_a_summary_line(tc, tmp_path: Path) -> None:
    warm, calm = tmp_path / "warm.txt", tmp_path / "calm.txt"
    warm.write_text(REVISE)
    calm.write_text(COFFEE)
    proc = tc("check", HEATED, str(warm), str(calm))
    assert proc.stdout.rstrip().splitlines()[-1] == "3 files: 1 wait, 1 revise, 1 send"
    one = tc("check", str(calm)).stdout
    assert "file" not in one.rstrip().splitlines()[-1]


def test_line_format_prints_a_verdict_line_whenever_it_exits_1(tc, tmp_path: Path) -> None:
    # Capped to one finding: the verdict line still comes last.
    long = tmp_path / "long.txt"
    long.write_text(" ".join(["We met at the station and walked to the park."] * 40))
    proc = tc("check", "-f", "line", "--max-findings", "1", str(long))
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1].startswith(f"{long}:1:1: verdict: WAIT: ")
    calm = tmp_path / "calm.txt"
    calm.write_text(COFFEE)
    quiet = tc("check", "-f", "line", str(calm))
    assert quiet.returncode == 0 and ": verdict: " not in quiet.stdout


def test_json_for_several_paths_is_always_a_list_in_argument_order(tc, tmp_path: Path) -> None:
    calm = tmp_path / "calm.txt"
    calm.write_text(COFFEE)
    proc = tc("check", "-f", "json", str(tmp_path / "missing.txt"), str(calm))
    data = json.loads(proc.stdout)
    assert proc.returncode == 2 and isinstance(data, list) and len(data) == 2
    assert data[0]["source"] == str(tmp_path / "missing.txt") and "no such file" in data[0]["error"]
    assert data[1]["verdict"] == "send"
    assert isinstance(json.loads(tc("check", "-f", "json", str(calm)).stdout), dict)


# 3. config, rules, profiles

def test_config_shows_the_file_in_effect_and_the_merged_settings(tc, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "drafts").mkdir(parents=True)
    config = project / ".tonecheck.toml"
    config.write_text('profile = "work"\nallow = ["ASAP"]\n[length]\ntarget_words = 99\n')
    text = tc("config", cwd=project / "drafts").stdout
    assert f"# config: {config}" in text and 'profile = "work"' in text
    assert "[length]\ntarget_words = 99" in text and '["asap"]' in text
    data = json.loads(tc("config", "-f", "json", str(project / "drafts")).stdout)
    assert data["config"] == str(config) and data["length"]["target_words"] == 99
    assert data["delay"]["quiet_hours"] == "20:00-07:00"  # the work profile's, merged in
    assert "none found" in tc("config", cwd=tmp_path).stdout


def test_rules_follow_config_discovery_and_print_a_table_or_json(tc, tmp_path: Path) -> None:
    (tmp_path / ".tonecheck.toml").write_text('profile = "work"\ndisable = ["pressure.begging"]\n')
    table = tc("rules", cwd=tmp_path).stdout.splitlines()
    assert table[0].split() == ["RULE", "KIND", "DIMENSION", "WEIGHT", "MESSAGE"]
    ids = {line.split()[0] for line in table[2:]}
    assert any(i.startswith("work.") for i in ids) and "pressure.begging" not in ids
    data = json.loads(tc("rules", "-f", "json", cwd=tmp_path).stdout)
    assert data["profile"] == "work" and {r["id"] for r in data["rules"]} == ids
    profiles = tc("profiles").stdout.splitlines()
    assert profiles[0].split() == ["PROFILE", "PACKS", "DESCRIPTION"]
    names = [p["name"] for p in json.loads(tc("profiles", "--format", "json").stdout)]
    assert names == ["default", "reconnect", "work"]


# 4. help, -h, completion

@pytest.mark.parametrize("args", [["-h"], ["check", "-h"], ["rules", "-h"], ["queue", "-h"],
                                  ["config", "-h"], ["revise", "-h"]])
def test_dash_h_is_help_everywhere(tc, args: list[str]) -> None:
    proc = tc(*args)
    assert proc.returncode == 0 and proc.stdout.startswith("Usage: tonecheck"), proc.stderr


def test_help_has_readable_metavars_examples_and_documents_now(tc) -> None:
    out = tc("check", "--help").stdout
    for part in ("--profile NAME", "--config FILE", "--rules PACK", "--now TIME", "TONECHECK_NOW",
                 "--fail-on", "--max-findings N", "Examples:", "tonecheck check draft.txt"):
        assert part in out, part
    assert "TEXT" not in out and "PATH" not in out.split("Arguments:")[0]


@pytest.mark.parametrize("command", [
    (), ("check",), ("revise",), ("profiles",), ("rules",), ("config",), ("hold",), ("sendmail",),
    ("batch",), ("report",), ("queue", "list"), ("queue", "show"), ("queue", "release"),
    ("queue", "drop"), ("queue", "flush"), ("hook", "install"), ("hook", "uninstall"),
])
def test_every_command_help_ends_with_examples_and_names_its_arguments(tc, command) -> None:
    out = tc(*command, "--help").stdout
    assert "Examples:" in out, command
    # Arguments and options name what they take, in capitals: no bare Python names.
    assert not re.search(r"\{[a-z_]+\}|^  [a-z_]+ <|--\w[\w-]* <str>", out, re.M), out


def test_shell_completion_is_offered_and_works(tc) -> None:
    assert "--install-completion" in tc("--help").stdout
    # The script that --show-completion prints, asked for by name: which shell
    # --show-completion detects depends on the processes above the test run.
    script = tc(env={"_TONECHECK_COMPLETE": "source_bash"})
    assert script.returncode == 0 and "_TONECHECK_COMPLETE" in script.stdout
    words = tc(env={"_TONECHECK_COMPLETE": "complete_bash", "COMP_WORDS": "tonecheck che",
                    "COMP_CWORD": "1"})
    assert "check" in words.stdout


# 9. --rules DIR

def test_rules_folder_loads_every_pack_in_it(tc, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "a.toml").write_text(pack_toml(rule_toml("phrases", 'phrases = ["circle back"]', "a"))
                                  .replace('"mine"', '"alpha"'))
    (packs / "b.toml").write_text(pack_toml(rule_toml("phrases", 'phrases = ["touch base"]', "b"))
                                  .replace('"mine"', '"beta"'))
    (packs / "notes.txt").write_text("not a pack")
    draft = tmp_path / "d.txt"
    draft.write_text("Let us circle back and touch base.")
    assert {"alpha.a", "beta.b"} <= rules_of(tc("check", "-f", "line", "--rules", str(packs), str(draft)))
    listed = {line.split()[0] for line in tc("rules", "--rules", str(packs)).stdout.splitlines()}
    assert {"alpha.a", "beta.b"} <= listed
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = tc("check", "--rules", str(empty), str(draft))
    assert proc.returncode == 2
    assert proc.stderr == f"tonecheck: {empty}: no rule packs (*.toml) in this folder\n"


# 7. No `requests`

BLOCK_REQUESTS = '''
import os, sys
class _Block:
    def find_spec(self, name, path=None, target=None):
        if name == "requests" or name.startswith("requests."):
            open(os.environ["REQUESTS_MARKER"], "a").write(name + "\\n")
            raise ImportError("requests is forbidden at run time")
sys.meta_path.insert(0, _Block())
'''


@pytest.mark.parametrize("args", [
    ["check", "{draft}"], ["check", "-f", "json", "{draft}"], ["check", "-f", "line", "{draft}"],
    ["revise", "--diff", "{draft}"], ["rules"], ["check", "--help"],
])
def test_nothing_imports_requests_at_run_time(tc, tmp_path: Path, args: list[str]) -> None:
    # vaderSentiment's own module imports requests only in its demo; a check must never
    # reach it (it would also mean a network library in a tool that promises none).
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCK_REQUESTS)
    draft = tmp_path / "d.txt"
    draft.write_text(Path(HEATED).read_text())
    marker = tmp_path / "marker"
    proc = tc(*[a.format(draft=draft) for a in args],
              env={"PYTHONPATH": str(site), "REQUESTS_MARKER": str(marker)})
    assert proc.returncode in (0, 1), proc.stderr
    assert not marker.exists(), marker.read_text()
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, tonecheck; r = tonecheck.analyze(open(sys.argv[1]).read()); "
         "print('requests' in sys.modules, r.verdict)", str(draft)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert probe.stdout.split() == ["False", "wait"], probe.stderr


def test_a_suppressed_stretch_next_to_an_edit_stays_suppressed_in_the_revision() -> None:
    # A revision pass reads again the sentences around its edits as a separate short text
    # (revision.recheck); the directives around them must still hold there.
    import tonecheck

    report = tonecheck.analyze("Send me the numbers now.\n<!-- tonecheck off -->\n"
                               f"{SHOUTING}\n<!-- tonecheck on -->\n", kind="markdown")
    assert report.revision is not None and report.revision.changed
    assert SHOUTING in report.revision.text
    assert report.revision.scores.intensity == 0 and report.revision.scores.pushiness == 0
