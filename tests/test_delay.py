"""Verdicts and cool-off delays, on a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from samples import BEGGING, COFFEE, DAYTIME, SHOUTING, ULTIMATUM

import tonecheck
from tonecheck.config import load_settings
from tonecheck.core.report import Scores
from tonecheck.delay import decide

NOON = datetime.fromisoformat(DAYTIME)
LATE = datetime.fromisoformat("2026-11-26T23:30:00+00:00")


@pytest.mark.parametrize("profile", ["default", "reconnect", "work"])
def test_coffee_message_is_fine_to_send_now(profile: str) -> None:
    report = tonecheck.analyze(COFFEE, profile, now=NOON)
    assert report.verdict == "send"
    assert report.delay.seconds == 0 and report.delay.not_before == NOON


@pytest.mark.parametrize("text", [SHOUTING, BEGGING, ULTIMATUM])
@pytest.mark.parametrize("profile", ["default", "reconnect"])
def test_hot_drafts_wait_at_least_an_hour(text: str, profile: str) -> None:
    report = tonecheck.analyze(text, profile, now=NOON)
    assert report.verdict == "wait"
    assert report.delay.seconds >= 3600
    assert report.delay.not_before == NOON + timedelta(seconds=report.delay.seconds)
    assert "cool off" in report.delay.reason


def test_a_mildly_pushy_draft_is_revise_with_no_delay() -> None:
    report = tonecheck.analyze("Per my last email, the numbers are due Friday.", "work", now=NOON)
    assert report.verdict == "revise" and report.delay.seconds == 0


def test_delay_bands_grow_with_heat() -> None:
    settings = load_settings("default", use_config=False)
    waits = [decide(Scores(heat, 0, 0), settings, NOON)[1].seconds for heat in (20, 56, 72, 85, 95, 99)]
    assert waits[0] == 0
    assert waits == sorted(waits)
    assert waits[1] == 3600 and waits[-1] >= 2 * 86400


def test_reconnect_cools_off_longer_than_default() -> None:
    d = load_settings("default", use_config=False)
    r = load_settings("reconnect", use_config=False)
    assert decide(Scores(70, 0, 0), r, NOON)[1].seconds > decide(Scores(70, 0, 0), d, NOON)[1].seconds


def test_quiet_hours_hold_a_flagged_draft_until_morning() -> None:
    report = tonecheck.analyze("Per my last email, the numbers are due Friday.", "default", now=LATE)
    assert report.verdict == "wait"
    assert report.delay.not_before == datetime.fromisoformat("2026-11-27T07:00:00+00:00")
    assert "quiet hours" in report.delay.reason


def test_quiet_hours_push_a_delay_that_ends_at_night() -> None:
    evening = datetime.fromisoformat("2026-11-26T21:30:00+00:00")
    report = tonecheck.analyze(SHOUTING, "default", now=evening)
    assert report.delay.not_before.hour >= 7
    assert report.delay.not_before > evening + timedelta(hours=1)


def test_calm_draft_at_night_goes_under_default_but_not_to_an_ex() -> None:
    assert tonecheck.analyze(COFFEE, "default", now=LATE).verdict == "send"
    held = tonecheck.analyze(COFFEE, "reconnect", now=LATE)
    assert held.verdict == "wait"
    assert held.delay.not_before == datetime.fromisoformat("2026-11-27T08:00:00+00:00")


def test_config_tunes_thresholds_and_quiet_hours(tmp_path, run) -> None:
    (tmp_path / ".tonecheck.toml").write_text(
        'quiet_hours = "off"\n[thresholds.wait]\nintensity = 99\npushiness = 99\n')
    draft = tmp_path / "d.txt"
    draft.write_text(SHOUTING)
    result = run("check", "--format", "json", str(draft), now="2026-11-26T23:30:00+00:00")
    assert result.code == 1
    assert '"verdict": "revise"' in result.out


def test_exit_codes(run, tmp_path) -> None:
    calm, hot = tmp_path / "calm.txt", tmp_path / "hot.txt"
    calm.write_text(COFFEE)
    hot.write_text(SHOUTING)
    assert run("check", str(calm)).code == 0
    assert run("check", str(hot)).code == 1
    assert run("check", str(calm), str(hot)).code == 1
    assert run("check", str(calm), str(tmp_path / "missing.txt")).code == 2
    assert run("check", "--format", "yaml", str(calm)).code == 2


def test_rewrite_threshold_comes_from_the_profile(tmp_path) -> None:
    mild = "Please review the attached and send comments by Friday."
    # The bundled profiles offer a gentler version for any pushiness at all.
    assert tonecheck.analyze(mild).revision.changed
    # A config can raise it back to the revise threshold: mild pressure is left alone.
    config = tmp_path / "c.toml"
    config.write_text("[thresholds.rewrite]\npushiness = 30\n")
    settings = load_settings(config=str(config))
    report = tonecheck.analyze(mild, settings=settings)
    assert 0 < report.scores.pushiness < 30 and not report.revision.changed


def test_a_bad_rewrite_threshold_fails_at_load(tmp_path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[thresholds.rewrite]\npushiness = "low"\n')
    with pytest.raises(tonecheck.ConfigError, match="thresholds.rewrite.pushiness"):
        load_settings(config=str(config))


def test_a_night_time_cool_off_that_ends_by_day_is_not_pushed_a_day_further() -> None:
    settings = load_settings("default", use_config=False)
    verdict, wait = decide(Scores(72, 0, 0), settings, LATE)  # 12 hours from 23:30
    assert verdict == "wait"
    assert wait.not_before == LATE + timedelta(hours=12)
    verdict, wait = decide(Scores(60, 0, 0), settings, LATE)  # 1 hour: ends at 00:30
    assert wait.not_before == datetime.fromisoformat("2026-11-27T07:00:00+00:00")
