"""Rule packs and profiles, parsed and checked once per version of each file.

Loading a profile parses its TOML files and compiles some forty regexes, a large part of
a whole check, and in a short draft most of those regexes then find nothing. So:

- every TOML file read through rules.read_toml is kept parsed in the user's cache
  (tonecheck.cache), keyed on the file's path, size and mtime;
- once a pack has loaded cleanly, the anchors of each of its regexes (tonecheck.scan) are
  kept too, keyed on the pack file and on the code that checks packs. The next load
  builds the rules with their matchers left unbuilt (LazyMatcher): a matcher compiles
  its regexes the first time a draft contains one of its literals, and a rule whose
  literals are all absent never compiles at all.

A changed file, or changed rule code, misses the cache and is read and checked in full,
so a broken pack still fails at load with its file, rule and key. Nothing is cached
that did not load cleanly.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any

from . import cache, scan

FORMAT = "packs/1"
_KIND = "rulepacks"

#: path -> (file key, marshalled TOML data, pack key or "", anchors per rule or None)
_entries: dict[str, tuple[str, bytes, str, Any]] | None = None


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
    """The code that decides whether a pack is valid and what its regexes' anchors are."""
    global _code
    if _code is None:
        from . import kinds, rules

        parts = []
        for module in (rules, kinds, scan):
            with open(module.__file__ or "", "rb") as fh:
                parts.append(_content_key(fh.read()))
        _code = FORMAT + " " + " ".join(parts)
    return _code


def toml(path: Path, raw: bytes) -> dict[str, Any] | None:
    """The parsed TOML of `path`, whose bytes are `raw`, if cached."""
    found = _load().get(os.path.abspath(path))
    if found is None or found[0] != _content_key(raw):
        return None
    return marshal.loads(found[1])  # a fresh copy: callers may change what they get


def remember_toml(path: Path, raw: bytes, data: dict[str, Any]) -> None:
    try:
        blob = marshal.dumps(data)
    except ValueError:  # a TOML date or time: marshal cannot hold it; just not cached
        return
    _load()[os.path.abspath(path)] = (_content_key(raw), blob, "", None)
    _save()


def pack_anchors(path: Path) -> list | None:
    """Per rule of a cleanly loaded pack: None (build it now) or [(pattern, flags, anchors)]
    for each of its regexes; None for the whole pack when it is not known to be clean.
    Only asked right after read_toml has checked the entry against the file's bytes."""
    found = _load().get(os.path.abspath(path))
    if found is None or not found[2] or found[2] != _code_key():
        return None
    return found[3]


def remember_pack(path: Path, rules: list) -> None:
    """Record a pack that has just loaded cleanly, with its regexes' anchors."""
    entries = _load()
    found = entries.get(os.path.abspath(path))
    if found is None:
        return  # its TOML was not cached (it holds a date)
    key = found[0]
    info = [_regex_info(rule) for rule in rules]
    entries[os.path.abspath(path)] = (key, found[1], _code_key(), info)
    _save()


def _regex_info(rule: Any) -> list | None:
    """The rule's regexes with their anchors, or None to build the rule eagerly (a metric,
    or a matcher whose regexes cannot all be anchored)."""
    matcher = rule.matcher
    regexes = getattr(matcher, "regexes", None)
    if regexes is None:
        regex = getattr(matcher, "regex", None)
        regexes = [regex] if regex is not None else None
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

    def find(self, ctx: Any) -> Any:
        # On a short draft, looking for the literals first spares compiling the regex, and
        # once it is compiled, still spares the rule its run. A long one holds most of them
        # anyway, and the scan finds them in one pass.
        if len(ctx.text) < scan.BIG_TEXT and not ctx.may_match(self.anchors):
            return iter(())
        if self.matcher is None:
            self.matcher = self._build()
        return self.matcher.find(ctx)
