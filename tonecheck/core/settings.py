"""Settings: everything a check needs, resolved once (tonecheck.config finds and loads them).

Plain data and the parsing of the values it holds (durations, quiet hours), no file reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .rule import Rule

#: The largest single message or draft tonecheck checks: 20 MB. The sendmail wrapper holds
#: anything bigger unchecked; batch takes the same cap from here.
MAX_MESSAGE_BYTES = 20 * 1024 * 1024


@dataclass
class Settings:
    profile: str
    rules: list[Rule]
    weights: dict[str, float]
    thresholds: dict[str, dict[str, float]]
    length: dict[str, Any]
    scoring: dict[str, dict[str, float]]
    delay: dict[str, Any]
    allow: set[str] = field(default_factory=set)
    config_path: Path | None = None
    #: How config_path was found: explicit, env, repo (walking up) or user (XDG).
    config_origin: str | None = None
    #: Sections for the integrations (sendmail command, hook globs), as the user wrote them.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def quiet_hours(self) -> tuple[int, int] | None:
        return parse_quiet_hours(self.delay.get("quiet_hours", ""), self.config_path)


def parse_duration(value: Any, where: str = "") -> int:
    """'90m', '1h', '1h30m', '2d' or a number of seconds, to seconds."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("0", "none", ""):
            return 0
        parts = re.fullmatch(r"(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?", text)
        if parts and any(parts.groups()):
            d, h, m, s = (int(g or 0) for g in parts.groups())
            return ((d * 24 + h) * 60 + m) * 60 + s
    raise ConfigError(f"bad duration {value!r} (use e.g. '45m', '8h', '2d')", where or None)


def parse_quiet_hours(value: Any, path: Path | None = None) -> tuple[int, int] | None:
    """'22:00-07:00' to minutes after midnight (start, end); '' or 'off' disables."""
    if value in ("", "off", None, False):
        return None
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*", str(value))
    if not m or int(m.group(1)) > 23 or int(m.group(3)) > 23 or int(m.group(2)) > 59 \
            or int(m.group(4)) > 59:
        raise ConfigError(f"quiet_hours {value!r} must look like '22:00-07:00'",
                          str(path) if path else None)
    return int(m.group(1)) * 60 + int(m.group(2)), int(m.group(3)) * 60 + int(m.group(4))
