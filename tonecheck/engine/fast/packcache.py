"""Rule packs and profiles, parsed and checked once per version of each file.

Loading a profile parses its TOML files and compiles some forty regexes, a large part of
a whole check, and in a short draft most of those regexes then find nothing. So:

- every TOML file read through engine.packs.read_toml is kept parsed in the user's cache
  (tonecheck.cache), keyed on its contents (its size and checksum), so that the same
  pack in several checkouts or virtual environments is one entry, and the table keeps
  only the MAX_ENTRIES newest, so that it stays small however many projects use it;
- once a pack has loaded cleanly, the anchors of each of its regexes (fast.anchors) are
  kept too, keyed on the pack file and on the code that checks packs. The next load
  builds the rules with their matchers left unbuilt (LazyMatcher): a matcher compiles
  its regexes the first time a draft contains one of its literals, and a rule whose
  literals are all absent never compiles at all.

A changed file, or changed rule code, misses the cache and is read and checked in full,
so a broken pack still fails at load with its file, rule and key. Nothing is cached
that did not load cleanly.

Speed: the plain twin is engine.packs reading, checking and building every rule in full,
which a first load does; tests/engine/test_caches.py holds a cached, lazy load to the
same rules and the same findings, and a changed pack to a full re-check.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any

from ... import cache
from . import scan

FORMAT = "packs/2"
_KIND = "rulepacks"
#: Every cold check reads the whole table: a few profiles' worth of files is plenty.
MAX_ENTRIES = 48

#: file key -> (file key, marshalled TOML data, pack key or "", anchors per rule or None)
_entries: dict[str, tuple[str, bytes, str, Any]] | None = None
#: path -> the file key its bytes had when read_toml last read it, in this process.
_keys: dict[str, str] = {}


def reset() -> None:
    """Forget what this process read of the cache (the file on disk stays)."""
    global _entries, _code
    _entries, _code = None, None
    _keys.clear()


def _load() -> dict[str, tuple[str, bytes, str, Any]]:
    global _entries
    if _entries is None:
        _entries = cache.read_table(_KIND, FORMAT)
    return _entries


def _save() -> None:
    cache.write(_KIND, FORMAT, marshal.dumps(_load()))


def _content_key(raw: bytes) -> str:
    # The content itself, not its mtime: a file rewritten twice within the clock's
    # granularity, at the same size, must still be seen to have changed.
    return f"{len(raw)}:{zlib.crc32(raw):08x}"


_code: str | None = None


def _code_key() -> str:
    """The code that decides whether a pack is valid and what its regexes' anchors are:
    every source file of the engine, read by path (this folder imports nothing of the
    engine), so a new kind or a changed one is seen without anyone listing it here."""
    global _code
    if _code is None:
        engine = Path(__file__).resolve().parent.parent
        parts = []
        for source in sorted(engine.rglob("*.py")):
            parts.append(f"{source.relative_to(engine).as_posix()}={_content_key(source.read_bytes())}")
        _code = FORMAT + " " + " ".join(parts)
    return _code


def toml(path: Path, raw: bytes) -> dict[str, Any] | None:
    """The parsed TOML of `path`, whose bytes are `raw`, if cached."""
    key = _keys[os.path.abspath(path)] = _content_key(raw)
    found = _load().get(key)
    if found is None:
        return None
    return marshal.loads(found[1])  # a fresh copy: callers may change what they get


def _put(key: str, entry: tuple[str, bytes, str, Any]) -> None:
    entries = _load()
    entries.pop(key, None)  # re-inserted as the newest
    entries[key] = entry
    for old in list(entries)[:max(0, len(entries) - MAX_ENTRIES)]:
        del entries[old]
    _save()


def remember_toml(path: Path, raw: bytes, data: dict[str, Any]) -> None:
    try:
        blob = marshal.dumps(data)
    except ValueError:  # a TOML date or time: marshal cannot hold it; just not cached
        return
    key = _keys[os.path.abspath(path)] = _content_key(raw)
    _put(key, (key, blob, "", None))


def pack_anchors(path: Path) -> list | None:
    """Per rule of a cleanly loaded pack: None (build it now) or [(pattern, flags, anchors)]
    for each of its regexes; None for the whole pack when it is not known to be clean.
    Only asked right after read_toml has checked the entry against the file's bytes."""
    found = _load().get(_keys.get(os.path.abspath(path), ""))
    if found is None or not found[2] or found[2] != _code_key():
        return None
    return found[3]


def remember_pack(path: Path, rules: list) -> None:
    """Record a pack that has just loaded cleanly, with its regexes' anchors."""
    found = _load().get(_keys.get(os.path.abspath(path), ""))
    if found is None:
        return  # its TOML was not cached (it holds a date)
    info = [_regex_info(rule) for rule in rules]
    _put(found[0], (found[0], found[1], _code_key(), info))


def _regex_info(rule: Any) -> list | None:
    """The rule's regexes with their anchors, or None to build the rule eagerly (a metric,
    or a matcher whose regexes cannot all be anchored)."""
    regexes = rule.matcher.regexes
    if not regexes:
        return None
    info = []
    for regex in regexes:
        anchors = scan.anchors_of(regex.pattern, regex.flags)
        if anchors is None:
            return None
        info.append((regex.pattern, regex.flags, [tuple(a) for a in anchors]))
    return info


class LazyMatcher:
    """A rule's matcher, built (and its regexes compiled) only when a draft might match."""

    def __init__(self, build: Any, info: list):
        self._build = build
        self.matcher: Any = None
        every: tuple[scan.Anchor, ...] = ()
        for pattern, flags, anchors in info:
            known = tuple(scan.Anchor(*a) for a in anchors)
            scan.remember(pattern, flags, known)
            every += known
        self.anchors = scan.AnchorSet(every)

    @property
    def regexes(self) -> list:
        """The built matcher's regexes (building it), for whoever asks what a rule runs."""
        if self.matcher is None:
            self.matcher = self._build()
        return self.matcher.regexes

    def find(self, ctx: Any) -> Any:
        # On a short draft, looking for the literals first spares compiling the regex, and
        # once it is compiled, still spares the rule its run. A long one holds most of them
        # anyway, and the scan finds them in one pass.
        if len(ctx.text) < scan.BIG_TEXT and not ctx.may_match(self.anchors):
            return iter(())
        if self.matcher is None:
            self.matcher = self._build()
        return self.matcher.find(ctx)
