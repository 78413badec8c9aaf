"""The verdict and the cool-off: how long to wait before sending, and why.

All of it is policy from the profile: thresholds per dimension, delay bands keyed on
the hotter of intensity and pushiness, and quiet hours that a flagged draft written late
at night waits out until morning.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .core.errors import TonecheckError
from .core.report import Delay, Scores
from .core.settings import Settings, parse_duration

DEFAULT_REVISE = {"intensity": 30, "pushiness": 30, "length": 40}
DEFAULT_WAIT = {"intensity": 55, "pushiness": 60}


def now_from(value: str | None) -> datetime:
    """The moment delays are measured from: --now/TONECHECK_NOW, else the clock."""
    if not value:
        return datetime.now().astimezone()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise TonecheckError(f"--now/TONECHECK_NOW {value!r} is not an ISO 8601 time") from None
    return moment if moment.tzinfo else moment.astimezone()


def when(moment: datetime) -> str:
    """A held-until or send-after time as every message shows it: 'Fri 27 Nov 14:00 UTC'."""
    local = moment.astimezone()
    return local.strftime("%a %d %b %H:%M") + (f" {local.strftime('%Z')}" if local.tzname() else "")


def human(seconds: int) -> str:
    if seconds <= 0:
        return "no wait"
    if seconds % 86400 == 0:
        n = seconds // 86400
        return f"{n} day" + ("s" if n != 1 else "")
    if seconds >= 3600 and seconds % 3600 == 0:
        n = seconds // 3600
        return f"{n} hour" + ("s" if n != 1 else "")
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    return f"{max(1, seconds // 60)} min"


def _in_quiet(moment: datetime, quiet: tuple[int, int]) -> bool:
    minute = moment.hour * 60 + moment.minute
    start, end = quiet
    return start <= minute or minute < end if start > end else start <= minute < end


def _quiet_end(moment: datetime, quiet: tuple[int, int]) -> datetime:
    """The first moment at or after `moment` that is outside quiet hours."""
    end = moment.replace(hour=quiet[1] // 60, minute=quiet[1] % 60, second=0, microsecond=0)
    if end <= moment:
        end += timedelta(days=1)
    return end


def flagged(scores: Scores, settings: Settings) -> tuple[list[str], list[str]]:
    """The dimensions at or past the profile's wait and revise thresholds."""
    values = scores.as_dict()
    revise_at = {**DEFAULT_REVISE, **settings.thresholds.get("revise", {})}
    wait_at = {**DEFAULT_WAIT, **settings.thresholds.get("wait", {})}
    hot = [d for d, limit in wait_at.items() if values.get(d, 0) >= limit]
    warm = [d for d, limit in revise_at.items() if values.get(d, 0) >= limit]
    return hot, warm


def rewritten(scores: Scores, settings: Settings) -> set[str]:
    """The dimensions the revision rewrites.

    A dimension scoring 0 is fine (its pressure, if any, is paid back by redress), so its
    rules never touch the draft. Otherwise a dimension is rewritten once the draft is
    flagged, or once it reaches the profile's `rewrite` threshold (by default its revise
    threshold). A profile can set that lower to offer a gentler draft for mild pressure
    too, without flagging the draft.
    """
    values = scores.as_dict()
    hot, warm = flagged(scores, settings)
    rewrite_at = {**DEFAULT_REVISE, **settings.thresholds.get("revise", {}),
                  **settings.thresholds.get("rewrite", {})}
    return {d for d, v in values.items()
            if v > 0 and (hot or warm or (d in rewrite_at and v >= rewrite_at[d]))}


def decide(scores: Scores, settings: Settings, now: datetime) -> tuple[str, Delay]:
    values = scores.as_dict()
    hot, warm = flagged(scores, settings)
    verdict = "wait" if hot else "revise" if warm else "send"

    seconds, reasons = 0, []
    if hot:
        heat = max(values[d] for d in hot)
        bands = sorted(settings.delay.get("bands", []), key=lambda b: b["from"])
        chosen = [b for b in bands if heat >= b["from"]] or bands[:1]
        seconds = parse_duration(chosen[-1]["wait"]) if chosen else 3600
        named = " and ".join(f"{d} {values[d]}" for d in hot)
        reasons.append(f"{named} reads hot: cool off for {human(seconds)}, then revise")
    elif warm:
        named = ", ".join(f"{d} {values[d]}" for d in warm)
        reasons.append(f"{named}: fix the findings, no cool-off needed")
    else:
        reasons.append("calm and short enough: fine to send")

    not_before = now + timedelta(seconds=seconds)
    quiet = settings.quiet_hours
    applies = settings.delay.get("quiet_hours_apply", "flagged")
    if quiet and (applies == "all" or (applies == "flagged" and verdict != "send")):
        label = f"{quiet[0] // 60:02d}:{quiet[0] % 60:02d}-{quiet[1] // 60:02d}:{quiet[1] % 60:02d}"
        if _in_quiet(now, quiet) or _in_quiet(not_before, quiet):
            # Wait out the quiet hours the draft was written in, and never end a cool-off
            # in the middle of the night; a cool-off that already ends by day stands.
            if _in_quiet(not_before, quiet):
                not_before = _quiet_end(not_before, quiet)
            else:
                not_before = max(not_before, _quiet_end(now, quiet))
            seconds = int((not_before - now).total_seconds())
            if verdict != "wait":
                verdict = "wait"
                reasons = [r.replace(", no cool-off needed", "") for r in reasons]
                reasons.insert(0, f"written in quiet hours ({label}): sleep on it")
            else:
                reasons.append(f"not during quiet hours ({label})")
    return verdict, Delay(seconds=seconds, not_before=not_before, reason="; ".join(reasons))
