"""The caches behind a quick check: right when fresh, rebuilt when what they came from changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tonecheck.config import load_settings
from tonecheck.core.errors import ConfigError
from tonecheck.drafts.load import from_text
from tonecheck.engine.context import Context
from tonecheck.engine.fast import packcache, regexcache
from tonecheck.engine.packs import load_pack, read_toml

PACK = """
[pack]
name = "mine"

[[rules]]
id = "rush"
kind = "phrases"
dimension = "pushiness"
weight = {weight}
phrases = ["right this minute", "{phrase}"]
message = "Rushing."
"""


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory, and no cache entries remembered by this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(packcache, "_entries", None)
    monkeypatch.setattr(regexcache, "_table", None)
    return tmp_path / "cache" / "tonecheck"


def hits(rule, text: str) -> list[str]:
    ctx = Context(from_text(text), load_settings(use_config=False))
    return [text[h.start:h.end] for h in rule.find(ctx)]


def test_a_pack_seen_before_loads_lazily_and_finds_the_same(tmp_path: Path, fresh_cache: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(PACK.format(weight=1.0, phrase="asap"), encoding="utf-8")
    (first,) = load_pack(pack)
    assert not isinstance(first.matcher, packcache.LazyMatcher)  # checked in full the first time
    assert (fresh_cache / "rulepacks.bin").exists()
    packcache.reset()  # as a new process would start
    (second,) = load_pack(pack)
    assert isinstance(second.matcher, packcache.LazyMatcher)
    assert second.matcher.matcher is None  # nothing compiled yet
    assert hits(second, "Nothing to see here.") == [] and second.matcher.matcher is None
    text = "Send it ASAP, right this minute."
    assert hits(second, text) == hits(first, text) == ["ASAP", "right this minute"]


def test_a_changed_pack_is_read_and_checked_again(tmp_path: Path, fresh_cache: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(PACK.format(weight=1.0, phrase="asap"), encoding="utf-8")
    load_pack(pack)
    packcache.reset()
    # Same size, written at once: only the content tells the two versions apart.
    pack.write_text(PACK.format(weight=2.0, phrase="nowy"), encoding="utf-8")
    (rule,) = load_pack(pack)
    assert rule.weight == 2.0 and hits(rule, "Nowy. asap.") == ["Nowy"]
    pack.write_text(PACK.format(weight=99, phrase="asap"), encoding="utf-8")
    packcache.reset()
    with pytest.raises(ConfigError, match="weight"):
        load_pack(pack)


def test_toml_with_dates_is_read_but_not_cached(tmp_path: Path, fresh_cache: Path) -> None:
    path = tmp_path / "dated.toml"
    path.write_text('when = 2026-11-26T14:00:00Z\nname = "x"\n', encoding="utf-8")
    assert read_toml(path)["name"] == "x"
    assert packcache.toml(path, path.read_bytes()) is None


def test_cached_regexes_behave_as_freshly_compiled(fresh_cache: Path) -> None:
    patterns = [(r"\b(?P<word>please|pls)(?:\s*,?\s*(?:please|pls)\b)+", re.I),
                (r"(?:^|(?<=[.!?]\s))(?P<verb>send|reply)\b(?P<rest>[^.!?\n]{0,100})", re.M | re.I),
                (r"caf[ée]\s+au\s+lait", 0)]
    text = "Please, please reply soon. Send it now!\nsend café au lait. PLS pls"
    for pattern, flags in patterns:
        regexcache.compile(pattern, flags)
    regexcache._save()
    regexcache.reset()  # as a new process would start
    for pattern, flags in patterns:
        cached, fresh = regexcache.compile(pattern, flags), re.compile(pattern, flags)
        assert (pattern, int(flags)) in regexcache._table
        assert cached.pattern == fresh.pattern and cached.flags == fresh.flags
        assert cached.groupindex == fresh.groupindex
        assert [(m.span(), m.groups()) for m in cached.finditer(text)] == \
               [(m.span(), m.groups()) for m in fresh.finditer(text)]


def test_a_bad_regex_still_fails_like_re_compile(fresh_cache: Path) -> None:
    with pytest.raises(re.error):
        regexcache.compile(r"(unclosed", 0)
