"""A bad rule file fails at load, naming the file, the rule and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck.core.errors import ConfigError
from tonecheck.engine.packs import load_pack, packs_dir

GOOD = '''[pack]
name = "mine"

[[rules]]
id = "r1"
kind = "pattern"
dimension = "pushiness"
weight = 1
message = "m"
patterns = ['ok']
'''


@pytest.mark.parametrize("change, key", [
    (("patterns = ['ok']", "patterns = ['ok', '(unclosed']"), "patterns[1]"),
    (('kind = "pattern"', 'kind = "magic"'), "kind"),
    (('dimension = "pushiness"', 'dimension = "rudeness"'), "dimension"),
    (("weight = 1", "weight = 'heavy'"), "weight"),
    (('message = "m"', 'message = ""'), "message"),
    (("patterns = ['ok']", "patterns = ['ok']\nreplce = ''"), "replce"),
    (("patterns = ['ok']", "patterns = ['(?P<a>ok)']\nreplace = '\\g<b>'"), "replace"),
    (("patterns = ['ok']", "patterns = ['ok']\nwhen = '(unclosed'"), "when"),
    (("patterns = ['ok']", "patterns = ['ok']\nunless = ''"), "unless"),
])
def test_bad_rule_names_file_rule_and_key(tmp_path: Path, change: tuple[str, str], key: str) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(GOOD.replace(*change))
    with pytest.raises(ConfigError) as err:
        load_pack(pack)
    message = str(err.value)
    assert str(pack) in message and f"key '{key}'" in message
    assert "rule 'mine.r1'" in message or key == "kind" and "mine.r1" in message


def test_broken_toml_and_duplicate_ids(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(GOOD + "[[rules\n")
    with pytest.raises(ConfigError, match="broken TOML"):
        load_pack(pack)
    pack.write_text(GOOD + GOOD.split("\n\n", 1)[1])
    with pytest.raises(ConfigError, match="duplicate id"):
        load_pack(pack)


def test_every_bundled_pack_loads() -> None:
    packs = sorted(packs_dir().glob("*.toml"))
    assert {p.stem for p in packs} >= {"tone", "pressure", "length", "reconnect", "work"}
    for pack in packs:
        rules = load_pack(pack)
        assert rules and all(r.message for r in rules)


def test_cli_reports_bad_user_pack_in_one_line(run, tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(GOOD.replace("patterns = ['ok']", "patterns = ['(bad']"))
    draft = tmp_path / "d.txt"
    draft.write_text("hello there")
    result = run("check", "--rules", str(pack), str(draft))
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert str(pack) in result.err and "patterns[0]" in result.err
