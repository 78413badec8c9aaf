"""Settings: a profile from rules/profiles, overlaid by the user's config file.

Config is found the way proselint and Vale find theirs: --config, then $TONECHECK_CONFIG,
then .tonecheck.toml or [tool.tonecheck] in pyproject.toml walking up from the draft,
then $XDG_CONFIG_HOME/tonecheck/config.toml.

A config found walking up (a cloned repository's) is not the user's: it may never name a
command (the [sendmail] command always comes from the user's own config, --config or the
environment), and for the sendmail wrapper and the git hooks (`strict`) it may only make
the check stricter -- unless the user's own config lists its folder in [trust] folders,
as git's safe.directory does. README "Security" says the same for users.
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
    "weights", "scoring", "sendmail", "hooks", "trust",
}
SECTIONS = ("thresholds", "length", "delay", "weights", "scoring", "hooks")


def profiles_dir() -> Path:
    return packs_dir() / "profiles"


def available_profiles() -> list[str]:
    return sorted(p.stem for p in profiles_dir().glob("*.toml"))


def find_config(explicit: str | None = None, start: Path | None = None) -> tuple[Path, dict] | None:
    """The user's config file and its tonecheck table, or None."""
    found = locate_config(explicit, start)
    return (found[0], found[1]) if found else None


def user_config_path() -> Path:
    xdg = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return xdg / "tonecheck" / "config.toml"


def locate_config(explicit: str | None = None,
                  start: Path | None = None) -> tuple[Path, dict, str] | None:
    """(path, table, origin): origin is 'explicit' (--config), 'env' ($TONECHECK_CONFIG),
    'repo' (found walking up) or 'user' (the XDG config)."""
    if explicit:
        return Path(explicit), _config_table(Path(explicit)), "explicit"
    env = os.environ.get("TONECHECK_CONFIG")
    if env:
        return Path(env), _config_table(Path(env)), "env"
    here = (start or Path.cwd()).resolve()
    user = user_config_path()
    for folder in (here, *here.parents):
        dotfile = folder / ".tonecheck.toml"
        if dotfile.is_file():
            return dotfile, _config_table(dotfile), "repo"
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = read_toml(pyproject).get("tool", {}).get("tonecheck")
            if isinstance(table, dict):
                return pyproject, _check_keys(table, pyproject), "repo"
    if user.is_file():
        return user, _config_table(user), "user"
    return None


def _own_config() -> tuple[Path, dict] | None:
    user = user_config_path()
    return (user, _config_table(user)) if user.is_file() else None


def trusted(config_path: Path) -> bool:
    """Whether the user's own config trusts the folder of this walk-up config."""
    own = _own_config()
    folders = (own[1].get("trust") or {}).get("folders", []) if own else []
    if not (isinstance(folders, list) and all(isinstance(f, str) for f in folders)):
        raise ConfigError("trust.folders must be a list of folder paths", str(user_config_path()))
    here = config_path.resolve().parent
    for folder in folders:
        root = Path(folder).expanduser().resolve()
        if here == root or root in here.parents:
            return True
    return False


def _config_table(path: Path) -> dict[str, Any]:
    return _check_keys(read_toml(path), path)


def _check_keys(table: dict[str, Any], path: Path) -> dict[str, Any]:
    unknown = sorted(set(table) - CONFIG_KEYS)
    if unknown:
        raise ConfigError(
            f"unknown key '{unknown[0]}' (known: {', '.join(sorted(CONFIG_KEYS))})", str(path)
        )
    if "trust" in table and not isinstance(table["trust"], dict):
        raise ConfigError("'trust' must be a table ([trust] folders = [...])", str(path))
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
    strict: bool = False,
) -> Settings:
    """Everything a check needs, resolved once and reusable for many drafts.

    `strict` (the sendmail wrapper and the git hooks): an untrusted walk-up config may only
    make the check stricter; the user's own config is the base it tightens."""
    found = locate_config(config, start) if use_config else None
    config_path, user, origin = found if found else (None, {}, None)
    repo: dict[str, Any] | None = None
    if origin == "repo" and config_path and not trusted(config_path):
        own = _own_config()
        if strict:
            repo, repo_path = user, config_path
            config_path, user = own if own else (None, {})
            if "hooks" in repo:
                # Which files are drafts is the repository's to say: its hook runs only
                # where the user installed it, by hand.
                user = {**user, "hooks": repo["hooks"]}
        else:
            # Never a command from a cloned repository: only the user's own sendmail.
            user = {k: v for k, v in user.items() if k != "sendmail"}
            if own and "sendmail" in own[1]:
                user["sendmail"] = own[1]["sendmail"]
    where = str(config_path) if config_path else None
    name = profile or user.get("profile") or "default"
    data = load_profile(name)
    overlay = {k: v for k, v in user.items() if k in SECTIONS}
    if "quiet_hours" in user:
        overlay = _merge(overlay, {"delay": {"quiet_hours": user["quiet_hours"]}})
    data = _merge(data, overlay)

    extra_packs = [Path(p) for p in rules or []]
    if config_path:
        extra_packs += [_pack_path(config_path, p, origin == "repo")
                        for p in user.get("rules", [])]
    packs = data.get("profile", {}).get("packs", [])
    all_rules = load_packs(packs, extra_packs)

    disabled = set(user.get("disable", []))
    known = {r.id for r in all_rules}
    for rid in disabled - known:
        raise ConfigError(f"'disable' names no known rule '{rid}'", where)
    weights = {k: float(v) for k, v in data.get("weights", {}).items()}
    if repo is not None:
        _tighten(data, weights, {r.id: r.weight for r in all_rules}, repo, repo_path)

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
        config_origin="user" if repo is not None and config_path else origin,
        extra={k: user[k] for k in ("sendmail", "hooks") if k in user},
    )
    _validate(settings, where or str(profiles_dir() / f"{name}.toml"))
    return settings


#: The largest rule pack a walk-up config may name; the bundled ones are a few dozen KB.
MAX_PACK_BYTES = 1024 * 1024


def _pack_path(config_path: Path, name: str, from_repo: bool) -> Path:
    """A pack named by a config. One named by a repository's config must be a regular file
    inside that config's own folder tree, and small: otherwise a clone could make every
    check read /etc/shadow, block on a FIFO or fill memory from /dev/zero."""
    path = config_path.parent / name
    if not from_repo:
        return path
    root = config_path.parent.resolve()
    real = path.resolve()
    if real != root and root not in real.parents:
        raise ConfigError(f"rule pack '{name}' is outside this config's folder ({root}); "
                          "a repository's config may only name packs inside it", str(config_path))
    try:
        info = real.stat()
    except OSError as exc:
        raise ConfigError(f"rule pack: {exc.strerror or exc}", str(path)) from None
    import stat

    if not stat.S_ISREG(info.st_mode):
        raise ConfigError("rule pack is not a regular file", str(path))
    if info.st_size > MAX_PACK_BYTES:
        raise ConfigError(f"rule pack is {info.st_size} bytes, over the "
                          f"{MAX_PACK_BYTES // 1024} KB a pack may be", str(path))
    return real


def _tighten(data: dict[str, Any], weights: dict[str, float], rule_weights: dict[str, float],
             repo: dict[str, Any], path: Path) -> None:
    """Take from an untrusted repo config only what makes the check stricter: a lower
    threshold, a higher weight on a rule that adds points. Everything else it says
    (profile, disable, allow, packs, delay, sendmail) is ignored: each of those can let
    hot mail through or run something."""
    for band, dims in (repo.get("thresholds") or {}).items():
        if not isinstance(dims, dict):
            continue
        mine = data.setdefault("thresholds", {}).setdefault(band, {})
        for dim, value in dims.items():
            if isinstance(value, int | float) and not isinstance(value, bool) \
                    and dim in mine and value < mine[dim]:
                mine[dim] = value
    for rid, value in (repo.get("weights") or {}).items():
        if isinstance(value, int | float) and not isinstance(value, bool) \
                and rule_weights.get(rid, 0) > 0 and value > weights.get(rid, 1.0):
            weights[rid] = float(value)


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
                 rules: list[Path] | list[str] | None, strict: bool = False):
        self.profile, self.config, self.rules = profile, config, [str(r) for r in rules or []]
        self.strict = strict
        self._cache: dict[Path, Settings] = {}

    def settings_for(self, path: str) -> Settings:
        start = Path.cwd() if path == "-" else Path(path).resolve().parent
        if start not in self._cache:
            self._cache[start] = load_settings(self.profile, self.config, self.rules, start,
                                                strict=self.strict)
        return self._cache[start]
