"""Settings: a profile from rules/profiles, overlaid by the user's config file.

Config is found the way proselint and Vale find theirs: --config, then $TONECHECK_CONFIG,
then .tonecheck.toml or [tool.tonecheck] in pyproject.toml walking up from the draft,
then $XDG_CONFIG_HOME/tonecheck/config.toml.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from .core.errors import ConfigError
from .core.rule import DIMENSIONS
from .core.settings import Settings, parse_duration, parse_quiet_hours
from .engine.packs import load_packs, packs_dir, read_toml

#: Top-level keys a config file may hold (profiles hold the same sections, plus [profile]).
CONFIG_KEYS = {
    "profile", "rules", "allow", "disable", "quiet_hours", "thresholds", "length", "delay",
    "weights", "scoring", "sendmail", "hooks",
}
SECTIONS = ("thresholds", "length", "delay", "weights", "scoring", "hooks")


def profiles_dir() -> Path:
    return packs_dir() / "profiles"


def available_profiles() -> list[str]:
    return sorted(p.stem for p in profiles_dir().glob("*.toml"))


def find_config(explicit: str | None = None, start: Path | None = None) -> tuple[Path, dict] | None:
    """The user's config file and its tonecheck table, or None."""
    if explicit:
        return Path(explicit), _config_table(Path(explicit))
    env = os.environ.get("TONECHECK_CONFIG")
    if env:
        return Path(env), _config_table(Path(env))
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        dotfile = folder / ".tonecheck.toml"
        if dotfile.is_file():
            return dotfile, _config_table(dotfile)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = read_toml(pyproject).get("tool", {}).get("tonecheck")
            if isinstance(table, dict):
                return pyproject, _check_keys(table, pyproject)
    xdg = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    user = xdg / "tonecheck" / "config.toml"
    if user.is_file():
        return user, _config_table(user)
    return None


def _config_table(path: Path) -> dict[str, Any]:
    return _check_keys(read_toml(path), path)


def _check_keys(table: dict[str, Any], path: Path) -> dict[str, Any]:
    unknown = sorted(set(table) - CONFIG_KEYS)
    if unknown:
        raise ConfigError(
            f"unknown key '{unknown[0]}' (known: {', '.join(sorted(CONFIG_KEYS))})", str(path)
        )
    for key in SECTIONS:
        if key in table and not isinstance(table[key], dict):
            raise ConfigError(f"'{key}' must be a table", str(path))
    for key in ("allow", "disable", "rules"):
        if key in table and not (
            isinstance(table[key], list) and all(isinstance(v, str) for v in table[key])
        ):
            raise ConfigError(f"'{key}' must be a list of strings", str(path))
    return table


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_profile(name: str) -> dict[str, Any]:
    path = profiles_dir() / f"{name}.toml"
    if not re.fullmatch(r"[\w-]+", name) or not path.is_file():
        raise ConfigError(
            f"unknown profile '{name}' (available: {', '.join(available_profiles())})"
        )
    data = read_toml(path)
    parent = data.get("profile", {}).get("extends")
    if parent:
        data = _merge(load_profile(parent), data)
    return data


def load_settings(
    profile: str | None = None,
    config: str | None = None,
    rules: list[str] | None = None,
    start: Path | None = None,
    use_config: bool = True,
) -> Settings:
    """Everything a check needs, resolved once and reusable for many drafts."""
    found = find_config(config, start) if use_config else None
    config_path, user = found if found else (None, {})
    where = str(config_path) if config_path else None
    name = profile or user.get("profile") or "default"
    data = load_profile(name)
    overlay = {k: v for k, v in user.items() if k in SECTIONS}
    if "quiet_hours" in user:
        overlay = _merge(overlay, {"delay": {"quiet_hours": user["quiet_hours"]}})
    data = _merge(data, overlay)

    extra_packs = [Path(p) for p in rules or []]
    if config_path:
        extra_packs += [(config_path.parent / p) for p in user.get("rules", [])]
    packs = data.get("profile", {}).get("packs", [])
    all_rules = load_packs(packs, extra_packs)

    disabled = set(user.get("disable", []))
    known = {r.id for r in all_rules}
    for rid in disabled - known:
        raise ConfigError(f"'disable' names no known rule '{rid}'", where)
    weights = {k: float(v) for k, v in data.get("weights", {}).items()}

    settings = Settings(
        profile=name,
        rules=[r for r in all_rules if r.id not in disabled and weights.get(r.id, 1.0) != 0],
        weights=weights,
        thresholds=data.get("thresholds", {}),
        length=data.get("length", {}),
        scoring=data.get("scoring", {}),
        delay=data.get("delay", {}),
        allow={w.lower() for w in user.get("allow", [])},
        config_path=config_path,
        extra={k: user[k] for k in ("sendmail", "hooks") if k in user},
    )
    _validate(settings, where or str(profiles_dir() / f"{name}.toml"))
    return settings


def _validate(s: Settings, where: str) -> None:
    for band in ("revise", "wait", "rewrite"):
        for dim, value in s.thresholds.get(band, {}).items():
            if dim not in DIMENSIONS or not isinstance(value, int | float):
                raise ConfigError(f"thresholds.{band}.{dim} must be a number for a dimension",
                                  where)
    for band in s.delay.get("bands", []):
        if not isinstance(band, dict) or "from" not in band or "wait" not in band:
            raise ConfigError("each delay band needs 'from' (a score) and 'wait' (a duration)",
                              where)
        parse_duration(band["wait"], where)
    parse_quiet_hours(s.delay.get("quiet_hours", ""), Path(where))
    if s.delay.get("quiet_hours_apply", "flagged") not in ("flagged", "all", "never"):
        raise ConfigError("delay.quiet_hours_apply must be 'flagged', 'all' or 'never'", where)
    target = s.length.get("target_words", 150)
    if not isinstance(target, int) or target < 1:
        raise ConfigError("length.target_words must be a positive whole number", where)


class Session:
    """Settings resolved once per folder (config is found walking up from each draft)."""

    def __init__(self, profile: str | None, config: str | None,
                 rules: list[Path] | list[str] | None):
        self.profile, self.config, self.rules = profile, config, [str(r) for r in rules or []]
        self._cache: dict[Path, Settings] = {}

    def settings_for(self, path: str) -> Settings:
        start = Path.cwd() if path == "-" else Path(path).resolve().parent
        if start not in self._cache:
            self._cache[start] = load_settings(self.profile, self.config, self.rules, start)
        return self._cache[start]
