"""Rule packs: TOML files of rules, loaded and checked.

A bad pack fails at load with the file, the rule and the key in the message, never
half-way through a check.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..core.errors import ConfigError
from ..core.rule import DIMENSIONS, Rule
from .fast import packcache
from .kinds import KINDS
from .kinds.base import RuleDataError, backtracks, compile_regex

COMMON_KEYS = {"id", "kind", "dimension", "weight", "message", "suggestion", "replace", "drop", "firm",
               "hold", "when", "unless"}


def packs_dir() -> Path:
    """Where the bundled packs are: inside the installed package, or at the repo root."""
    here = Path(__file__).resolve().parent.parent  # the tonecheck package
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise ConfigError("the bundled rule packs are missing from the installation", str(here))


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise ConfigError("no such file", str(path)) from None
    except IsADirectoryError:
        raise ConfigError("is a directory, not a TOML file", str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    cached = packcache.toml(path, raw)
    if cached is not None:
        return cached
    import tomllib  # only a file not seen before (or changed since) is parsed

    try:
        data = tomllib.loads(raw.decode())
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"broken TOML: {exc}", str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", str(path)) from None
    packcache.remember_toml(path, raw, data)
    return data


def load_pack(path: Path) -> list[Rule]:
    data = read_toml(path)
    meta = data.get("pack", {})
    name = meta.get("name", path.stem) if isinstance(meta, dict) else None
    if not isinstance(name, str) or not name:
        raise ConfigError("[pack] name must be a string", str(path))
    tables = data.get("rules", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError("'rules' must be an array of tables ([[rules]])", str(path))
    known = packcache.pack_anchors(path)
    if known is not None and len(known) != len(tables):
        known = None
    rules = [_build_rule(t, name, path, i, known[i] if known else None)
             for i, t in enumerate(tables)]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ConfigError(f"rule '{rule.id}': duplicate id", str(path))
        seen.add(rule.id)
    if known is None:
        packcache.remember_pack(path, rules)
    return rules


def _build_rule(table: dict[str, Any], pack: str, path: Path, index: int,
                regexes: list | None = None) -> Rule:
    """A rule from its table. `regexes`: this rule's regexes and anchors, from a clean
    earlier load of the same pack (see tonecheck.engine.fast.packcache); its matcher is then built
    only when a draft might match."""
    rid = table.get("id")
    label = f"rule '{pack}.{rid}'" if isinstance(rid, str) else f"rule #{index + 1}"

    def bad(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{label}: key '{key}': {problem}", str(path))

    if not isinstance(rid, str) or not rid.replace("-", "_").isidentifier():
        raise bad("id", "must be a name made of letters, digits, - and _")
    kind = table.get("kind")
    if kind not in KINDS:
        raise bad("kind", f"must be one of {', '.join(KINDS)}")
    dimension = table.get("dimension")
    if dimension not in DIMENSIONS:
        raise bad("dimension", f"must be one of {', '.join(DIMENSIONS)}")
    weight = table.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not -10 <= weight <= 10:
        raise bad("weight", "must be a number from -10 to 10")
    message = table.get("message")
    if not isinstance(message, str) or not message.strip():
        raise bad("message", "must be a non-empty string")
    for key in ("suggestion", "replace"):
        if key in table and not isinstance(table[key], str):
            raise bad(key, "must be a string")
    for key in ("drop", "firm", "hold"):
        if key in table and not isinstance(table[key], bool):
            raise bad(key, "must be true or false")
    unknown = set(table) - COMMON_KEYS - KINDS[kind].keys_of(table)
    if unknown:
        raise bad(sorted(unknown)[0], f"is not a key of a {kind} rule")

    rule = Rule(
        id=f"{pack}.{rid}", kind=kind, dimension=dimension, weight=float(weight),
        message=message.strip(), suggestion=table.get("suggestion"),
        replace=table.get("replace"), drop=table.get("drop", False), path=str(path),
        firm=table.get("firm", False), hold=table.get("hold", False),
    )
    def build() -> Any:
        try:
            return KINDS[kind](table, rule)
        except RuleDataError as exc:
            raise bad(exc.key, str(exc)) from None

    rule.matcher = packcache.LazyMatcher(build, regexes) if regexes else build()
    try:
        for key in ("when", "unless"):
            if key in table:
                value = table[key]
                if not isinstance(value, str) or not value.strip():
                    raise RuleDataError(key, "must be a non-empty regular expression")
                setattr(rule, key, compile_regex(value, key, re.I | re.M))
    except RuleDataError as exc:
        raise bad(exc.key, str(exc)) from None
    rule.local = KINDS[kind].is_local(table)
    if packs_dir() not in path.resolve().parents:
        _refuse_backtracking(table, bad)
    return rule


def _refuse_backtracking(table: dict[str, Any], bad: Any) -> None:
    """A user's regex that could take exponential time is refused at load, naming the rule
    and the file, rather than left to hang a pre-send hook on some message."""
    for key in ("patterns", "sentence", "when", "unless"):
        value = table.get(key)
        for i, regex in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(regex, str) and backtracks(regex):
                name = f"{key}[{i}]" if isinstance(value, list) else key
                raise bad(name, f"{regex!r} repeats a repetition (like (a+)+), which can take "
                          "exponential time; use a single repetition, e.g. (?:a|b)+")


def load_packs(names: list[str], extra: list[Path] | None = None) -> list[Rule]:
    """Bundled packs by name, then the user's own pack files."""
    base = packs_dir()
    paths = []
    for name in names:
        path = base / f"{name}.toml"
        if not path.is_file():
            known = sorted(p.stem for p in base.glob("*.toml"))
            raise ConfigError(f"unknown rule pack '{name}' (bundled: {', '.join(known)})")
        paths.append(path)
    paths += list(extra or [])
    rules: list[Rule] = []
    ids: dict[str, str] = {}
    for path in paths:
        for rule in load_pack(path):
            if rule.id in ids:
                raise ConfigError(
                    f"rule '{rule.id}' is already defined in {ids[rule.id]}", str(path)
                )
            ids[rule.id] = str(path)
            rules.append(rule)
    return rules
