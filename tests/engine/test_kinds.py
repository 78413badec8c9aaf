"""Each rule kind, on its own, from a real pack file."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import pack_toml, rule_toml

from tonecheck.config import load_settings
from tonecheck.drafts.load import from_text
from tonecheck.engine.context import Context
from tonecheck.engine.packs import load_pack


def hits(tmp_path: Path, rule: str, text: str, profile: str = "default"):
    pack = tmp_path / "mine.toml"
    pack.write_text(pack_toml(rule))
    (rule,) = load_pack(pack)
    ctx = Context(from_text(text), load_settings(profile, use_config=False))
    return [(text[h.start:h.end], h.replacement, h) for h in rule.find(ctx)]


PHRASES = rule_toml(
    "phrases", 'phrases = ["I can\'t live without you", "idiot*", "per my last email"]\n', "p")


def test_phrases_match_whole_words_any_case_and_apostrophe(tmp_path: Path) -> None:
    found = hits(tmp_path, PHRASES, "I CAN’T live  without you, idiots. Per my last email.")
    assert [f[0] for f in found] == ["I CAN’T live  without you", "idiots", "Per my last email"]


def test_phrases_do_not_match_inside_words(tmp_path: Path) -> None:
    assert hits(tmp_path, PHRASES, "Reper my last emails are fine") == []


def test_phrase_replacement_keeps_capital(tmp_path: Path) -> None:
    rule = PHRASES + 'replace = "as I wrote"\n'
    found = hits(tmp_path, rule, "Per my last email, done.")
    assert found[0][1] == "As I wrote"


def test_pattern_with_template_and_case_functions(tmp_path: Path) -> None:
    rule = rule_toml("pattern", '''patterns = ['^(?P<verb>send|call) (?P<rest>[^.]*)\\.']
replace = 'Could you \\lower{\\g<verb>} \\g<rest>?'
''', "d")
    found = hits(tmp_path, rule, "Send the report.\nCall me.")
    assert [f[1] for f in found] == ["Could you send the report?", "Could you call me?"]


def test_substitution_swaps_and_keeps_capital(tmp_path: Path) -> None:
    rule = rule_toml("substitution", 'swap = { "you never" = "it feels like you rarely", '
                                     '"you always" = "it often feels like you" }\n', "s")
    found = hits(tmp_path, rule, "You never call. And you always forget.")
    assert [(f[0], f[1]) for f in found] == [
        ("You never", "It feels like you rarely"), ("you always", "it often feels like you")]


def test_substitution_at_clause_start_only(tmp_path: Path) -> None:
    rule = rule_toml("substitution", 'clause_start = true\nswap = { "you always" = '
                                     '"it often feels like you" }\n', "s")
    found = hits(tmp_path, rule, "You always leave. What makes you always leave? Fine, you always win.")
    assert [f[0] for f in found] == ["You always", "you always"]
    assert found[1][2].start > 40  # the one after "Fine, ", not the one mid-question


def test_substitution_clause_start_must_be_a_boolean(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(pack_toml(rule_toml("substitution", 'clause_start = "yes"\nswap = { "a" = "b" }\n', "s")))
    with pytest.raises(Exception, match="clause_start"):
        load_pack(pack)


def metric_rule(name: str, extra: str = "") -> str:
    return rule_toml("metric", f'metric = "{name}"\n{extra}', "m", "intensity")


def test_metric_shouting_skips_acronyms_and_calms_caps(tmp_path: Path) -> None:
    rule = metric_rule("shouting", 'allow = ["ASAP"]\n')
    assert hits(tmp_path, rule, "Send the PDF to the CEO ASAP please, it is for the NASA call.") == []
    found = hits(tmp_path, rule, "WHY ARE YOU IGNORING ME")
    assert found[0][0] == "WHY ARE YOU IGNORING ME"
    assert found[0][1] == "Why are you ignoring me"
    # Only the sentences that shout, each with its own span, among calm ones and acronyms.
    text = "The PDF is here. I said NO WAY. Fine, the CEO agrees. STOP IT NOW! Thanks."
    assert [(f[0], f[1]) for f in hits(tmp_path, rule, text)] == [
        ("NO WAY", "no way"), ("STOP IT NOW", "Stop it now")]


def test_metric_stacked_punctuation(tmp_path: Path) -> None:
    found = hits(tmp_path, metric_rule("stacked_punctuation"), "Really?!?! Stop!!! Fine.")
    assert [(f[0], f[1]) for f in found] == [("?!?!", "?"), ("!!!", "!")]


def test_metric_questions_counts_past_the_limit(tmp_path: Path) -> None:
    text = "Why? Where? When? How? Who?"
    found = hits(tmp_path, metric_rule("questions", "max_questions = 3\n"), text)
    assert [f[0] for f in found] == ["How?", "Who?"]


def test_metric_length_points_where_the_target_is_passed(tmp_path: Path) -> None:
    text = " ".join(["word"] * 200)
    (found,) = hits(tmp_path, metric_rule("length"), text)  # default target: 150 words
    assert found[2].scale == pytest.approx(50 / 150)
    assert found[2].start == 150 * 5


def test_metric_sentiment_shows_the_charged_words(tmp_path: Path) -> None:
    found = hits(tmp_path, metric_rule("sentiment"), "I hate this awful, horrible mess. The bus is at ten.")
    assert len(found) == 1
    assert found[0][0].startswith("hate") and found[0][0].endswith("mess")


def test_metric_repetition_and_open_question(tmp_path: Path) -> None:
    found = hits(tmp_path, metric_rule("repetition"), "Talk to me. Please. Talk to me.")
    assert [(f[0], f[1]) for f in found] == [("Talk to me.", "")]
    assert hits(tmp_path, metric_rule("open_question"), "Hope you are well.")
    assert not hits(tmp_path, metric_rule("open_question"), "How have you been?")


LEXICON = rule_toml("lexicon", "words = { furious = 1.5, thrilled = 0.5, hate = 1.0 }\n", "lex",
                    dimension="intensity")


def test_lexicon_words_each_carry_their_own_weight(tmp_path: Path) -> None:
    found = hits(tmp_path, LEXICON, "I am FURIOUS, and thrilled. Hateful? I hate it; I hate it.")
    assert [(f[0], f[2].scale) for f in found] == [
        ("FURIOUS", 1.5), ("thrilled", 0.5), ("hate", 1.0), ("hate", 1.0)]
    assert found[0][2].detail == "furious +1.50" and found[0][1] is None  # no rewrite


def test_a_lexicon_word_shows_as_a_finding_with_its_points(tmp_path: Path) -> None:
    import tonecheck

    pack = tmp_path / "mine.toml"
    pack.write_text(pack_toml(LEXICON))
    settings = load_settings(use_config=False, rules=[str(pack)])
    report = tonecheck.analyze("I am furious.", settings=settings, revise=False)
    (found,) = [f for f in report.findings if f.rule == "mine.lex"]
    assert found.text == "furious" and found.points == 1.5 and "furious +1.50" in found.message


@pytest.mark.parametrize(("words", "problem"), [
    ("", "must be a table of word = weight"),
    ('words = { "two words" = 1.0 }\n', "'two words' is not one word"),
    ("words = { angry = 11 }\n", "the weight of 'angry' must be a number from -10 to 10"),
    ('words = { angry = "high" }\n', "the weight of 'angry' must be a number from -10 to 10"),
])
def test_a_bad_lexicon_names_the_key(tmp_path: Path, words: str, problem: str) -> None:
    from tonecheck.core.errors import ConfigError

    pack = tmp_path / "mine.toml"
    pack.write_text(pack_toml(rule_toml("lexicon", words, "lex", dimension="intensity")))
    with pytest.raises(ConfigError, match=f"rule 'mine.lex': key 'words': {problem}"):
        load_pack(pack)
