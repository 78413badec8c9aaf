"""Each score moves the right way on hand-made drafts."""

from __future__ import annotations

import pytest
from samples import BEGGING, COFFEE, SHOUTING, ULTIMATUM

import tonecheck


def scores(text: str, profile: str = "default"):
    return tonecheck.analyze(text, profile, revise=False).scores


def test_calm_message_scores_low_everywhere() -> None:
    s = scores(COFFEE)
    assert (s.intensity, s.pushiness, s.length) == (0, 0, 0)


def test_intensity_rises_with_shouting_and_stacked_marks() -> None:
    calm = scores("I am upset that the report was late.").intensity
    louder = scores("I am upset that the report was late!!!").intensity
    shouting = scores("I AM UPSET THAT THE REPORT WAS LATE!!!").intensity
    assert calm < louder < shouting


def test_intensity_catches_vader_blind_spot() -> None:
    # VADER alone calls this positive; despair and begging must still read hot.
    report = tonecheck.analyze(BEGGING, revise=False)
    assert report.scores.intensity >= 30
    assert {"tone.despair", "pressure.begging", "pressure.repeated-plea"} <= {f.rule for f in report.findings}


def test_insults_and_swearing_raise_intensity() -> None:
    rude = scores("You are an idiot and this is shit.").intensity
    assert rude > scores("You are late and this is wrong.").intensity


def test_pushiness_demand_vs_request() -> None:
    assert scores("Send me the numbers now.").pushiness > scores(
        "Could you send me the numbers when you have a moment? Thanks!").pushiness


def test_pushiness_each_pressure_kind_counts() -> None:
    base = scores("I would like to talk about the plan.").pushiness
    for text in [
        "You need to talk about the plan.",
        "Talk about the plan ASAP.",
        "We talk about the plan or we are done.",
        "After everything I did for you, we talk about the plan.",
        "I'm begging you to talk about the plan.",
        "You never talk about the plan.",
        "Per my last email, we should talk about the plan.",
        "I saw you were online, we should talk about the plan.",
        "Why? Where? When? How? Who? What?",
    ]:
        assert scores(text).pushiness > base, text


def test_length_grows_past_the_target() -> None:
    short = scores("The meeting moved to Friday. " * 10)
    long = scores("The meeting moved to Friday. " * 60)
    longer = scores("The meeting moved to Friday. " * 120)
    assert short.length == 0 < long.length < longer.length


def test_reconnect_has_a_shorter_length_target() -> None:
    text = "I hope your new job is going well and that the move went fine. " * 4
    assert scores(text, "reconnect").length > scores(text, "default").length


def test_every_score_shows_its_words() -> None:
    report = tonecheck.analyze(SHOUTING + " " + ULTIMATUM, revise=False)
    for dim in ("intensity", "pushiness"):
        behind = [f for f in report.findings if f.dimension == dim and f.points > 0]
        assert behind and all(f.text and f.message for f in behind)


def test_a_please_or_a_when_you_can_softens_an_instruction() -> None:
    bare = scores("Review the attached and send comments by Friday.").pushiness
    please = scores("Please review the attached and send comments by Friday.").pushiness
    room = scores("Review the attached and send comments when you can.").pushiness
    assert bare > please > room


def test_happy_exclamations_are_not_hot() -> None:
    report = tonecheck.analyze("Happy birthday!!! Hope you have an amazing day!", revise=False)
    assert report.verdict == "send"
    assert scores("Happy birthday!!!!!!").intensity > scores("Happy birthday!!").intensity


def test_a_dimensions_points_are_the_sum_of_its_findings() -> None:
    report = tonecheck.analyze(ULTIMATUM + " Thanks for reading, I hope you are well.", revise=False)
    for dim in ("intensity", "pushiness", "length"):
        found = sum(f.points for f in report.findings if f.dimension == dim)
        assert abs(report.scores.points[dim] - found) < 1e-9
    assert report.scores.points["pushiness"] > 0 and report.scores.pushiness > 0


def test_redress_orders_drafts_that_all_score_zero() -> None:
    # Neither presses, so both show 0; the thanks and the hedge still count, signed.
    plain = scores("I looked at the draft of the plan.")
    kind = scores("Thank you for the draft of the plan, I think it may need one more look.")
    assert plain.pushiness == kind.pushiness == 0
    assert kind.levels["pushiness"] < plain.levels["pushiness"] <= 0


def test_the_score_rises_with_the_level_and_is_zero_at_or_below_none() -> None:
    from tonecheck.scoring import squash

    levels = [-2.0, -0.1, 0.0, 0.4, 1.0, 2.5, 6.0]
    shown = [squash(level, 3.0) for level in levels]
    assert shown[:3] == [0, 0, 0]
    assert shown[2:] == sorted(shown[2:]) and len(set(shown[2:])) == len(shown[2:])


def test_json_and_text_reports_show_the_points(run) -> None:
    import json

    out = json.loads(run("check", "--format", "json", "-", input=ULTIMATUM).out)
    assert out["points"]["pushiness"] == round(
        sum(f["points"] for f in out["findings"] if f["dimension"] == "pushiness"), 3)
    assert set(out["levels"]) == {"intensity", "pushiness", "length"}
    text = run("check", "-", input=ULTIMATUM).out
    assert f"{out['points']['pushiness']:+.1f} points" in text
    ultimatum = next(f for f in out["findings"] if f["rule"] == "pressure.ultimatum")
    assert f"pushiness {ultimatum['points']:+5.1f}" in text


def _with_pack(tmp_path, *rules: str):
    from samples import pack_toml

    pack = tmp_path / "mine.toml"
    pack.write_text(pack_toml(*rules))
    return tonecheck.load_settings(use_config=False, rules=[str(pack)])


def test_redress_pays_back_mild_pressure_but_never_a_firm_rules_points(tmp_path) -> None:
    from samples import rule_toml

    # Made-up words, so that no bundled rule fires beside these three.
    settings = _with_pack(
        tmp_path,
        rule_toml("phrases", 'phrases = ["grrzap"]\nfirm = true\n', "threat"),
        rule_toml("phrases", 'phrases = ["hmmpf"]\n', "rush"),
        rule_toml("phrases", 'phrases = ["flibber"]\n', "thanks").replace("weight = 1", "weight = -3"),
    )

    def level(text: str) -> float:
        return tonecheck.analyze(text, settings=settings, revise=False).scores.levels["pushiness"]

    assert level("Flibber flibber grrzap.") == level("Grrzap.") > 0  # redress takes nothing off
    assert level("Hmmpf flibber.") < level("Hmmpf.")  # ... but softens a mild push,
    assert level("Flibber.") < level("Hmmpf flibber.") <= 0  # and orders what presses for nothing


def test_a_rules_firm_key_must_be_true_or_false(tmp_path) -> None:
    from samples import rule_toml

    with pytest.raises(tonecheck.ConfigError, match="rule 'mine.x': key 'firm': must be true or false"):
        _with_pack(tmp_path, rule_toml("phrases", 'phrases = ["a"]\nfirm = "yes"\n'))
