"""Feature families people react to, as rules (issue 11, part 3).

Threats, criticism of the reader, sarcasm, emoji and emoticons, "you people", indirect
requests and direct openers, warmth that is not heat, and technical words that are not
feelings. Every sentence here is made up for the test. Each family is pinned in both
directions: drafts of several shapes that must fire, and near misses that must not.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from samples import BEGGING, COFFEE, DAYTIME, SHOUTING, ULTIMATUM, pack_toml, rule_toml

import tonecheck
from tonecheck.config import load_settings
from tonecheck.core.errors import ConfigError
from tonecheck.drafts.load import from_text
from tonecheck.engine.context import Context
from tonecheck.engine.packs import load_pack
from tonecheck.text import sentiment

NOON = datetime.fromisoformat(DAYTIME)


def report(text: str, profile: str = "default"):
    return tonecheck.analyze(text, profile, revise=False, now=NOON)


def scores(text: str):
    return report(text).scores


def rules_hit(text: str) -> set[str]:
    return {f.rule for f in report(text).findings if f.points != 0}


def revised(text: str) -> str:
    return tonecheck.analyze(text, now=NOON).revision.text


# --- threats and ultimatums --------------------------------------------------------------

THREATS = [
    "Reply by Friday or I will escalate this to your manager.",
    "If you don't answer by tomorrow I'm deleting your number.",
    "Fix this today or I'll cancel the contract.",
    "Pay the invoice this week, or we will take legal action.",
    "If this happens again, I will report you.",
    "Do that again and you'll regret it.",
    "Unless you return the keys by Sunday, I'm calling the police.",
    "One more mistake and you're fired.",
    "If I don't hear back by Monday, I'll escalate.",
    "Could you send it by noon, or else I'll tell your boss?",
    "You'll regret this.",
    "Next time you skip the review, we'll have no choice but to let you go.",
]


@pytest.mark.parametrize("text", THREATS)
def test_threats_are_flagged_as_threats(text: str) -> None:
    found = report(text)
    assert {"pressure.threat", "pressure.threat-sentence"} & rules_hit(text), text
    assert found.verdict in ("wait", "revise")


THREAT_RULES = {"pressure.threat", "pressure.threat-sentence", "pressure.threat-consequence",
                "pressure.ultimatum"}


@pytest.mark.parametrize("text", [
    "Keep ignoring me and see what happens.",
    "Try that again and see what happens.",
    "I'll make sure everyone knows what you did.",
    "And I will make sure your boss hears about this.",
    "If this happens again, you're off the project.",
    "Pay what you owe by Monday, or my lawyer will be in touch.",
    "Answer me or I'm coming over.",
])
def test_implied_threats_wait(text: str) -> None:
    assert THREAT_RULES & rules_hit(text), text
    assert report(text).verdict == "wait"


@pytest.mark.parametrize("text", [
    "Keep going and see what happens with the numbers next week.",
    "I'll make sure everyone knows the new meeting time.",
    "If this happens again, you're welcome to call me.",
    "Send me the address or I'll ask Sam, and I'm coming over at six.",
    "My lawyer will be in touch about the house sale, all good news.",
    "Or I could come over on Sunday, if that suits you?",
])
def test_lookalikes_of_implied_threats_pass(text: str) -> None:
    assert not THREAT_RULES & rules_hit(text), text


@pytest.mark.parametrize("text", [
    "Let me know by noon or I'll book the room for both of us.",
    "Send me the draft by Friday, or I'll ask Sam to do it.",
    "If you like, I'll tell everyone the news at lunch.",
    "If you have questions, I will call you tomorrow.",
    "If they don't reply by Friday, I'll escalate to their support lead.",
    "If it rains, we will cancel the picnic.",
    "You'll be sorry to hear that Sam left.",
    "Try the cake and you'll see what I mean.",
    "If you don't mind, I'll report back on Monday.",
    "I'll get you a coffee on the way in.",
    "Tea or coffee? I'll bring either.",
])
def test_consequences_that_are_not_threats_pass(text: str) -> None:
    hit = rules_hit(text)
    assert "pressure.threat" not in hit and "pressure.threat-sentence" not in hit


def test_the_revision_drops_the_threat_and_keeps_the_request() -> None:
    for text, gone in [
        ("Reply by Friday or I will escalate this to your manager.", "escalate"),
        ("Fix this today or I'll cancel the contract.", "cancel"),
        ("Could you send the file by noon, or we will take legal action?", "legal"),
    ]:
        result = tonecheck.analyze(text, now=NOON)
        assert gone not in result.revision.text and result.revision.text
        assert result.revision.scores.pushiness < result.scores.pushiness
    # A threat that is a sentence of its own goes as a whole; the rest stays.
    text = "The invoice is late. If this happens again, I will report you. Thanks."
    assert revised(text) == "The invoice is late. Thanks."


def test_a_threat_outweighs_the_plain_request() -> None:
    assert (scores("Reply by Friday or I will escalate this to your manager.").pushiness
            > scores("Reply by Friday.").pushiness)


# --- criticism of the reader's work or character ------------------------------------------

@pytest.mark.parametrize("text", [
    "your work has been underwhelming",
    "Your work has been underwhelming lately.",
    "You are incompetent.",
    "You're so careless with the numbers.",
    "This is sloppy work.",
    "Your attitude is a problem.",
    "You clearly don't care about this team.",
    "You never listen.",
    "You did a terrible job on the report.",
    "You have no idea what you're doing.",
    "Your code is a mess.",
    "Honestly, your presentation was not good enough.",
    "This is the third time you've messed this up.",
    "Your attitude in meetings is a problem.",
    "I expected better from someone with your experience.",
    "I expected more of you.",
    "I'm done covering for your mistakes.",
    "I'm sick and tired of cleaning up your mess.",
])
def test_criticism_of_the_reader_is_flagged(text: str) -> None:
    assert "pressure.criticism" in rules_hit(text)
    assert scores(text).pushiness > 0


@pytest.mark.parametrize("text", [
    "Your work on the launch was excellent.",
    "Your report is due on Friday.",
    "If you don't care about the colour, I'll pick blue.",
    "I know you don't care for olives.",
    "The poor work conditions at the plant were in the news.",
    "I think my work has been underwhelming this month.",
    "You're not careless at all.",
    "You're difficult to reach by phone.",
    "His report was sloppy, so I rewrote it.",
    "Is your code ready for review?",
    "This is the third time we've met this month.",
    "Your work in the archive was a great help.",
    "I expected better weather this weekend.",
    "I'm done cleaning up the garage, come and see.",
])
def test_praise_facts_and_conditions_are_not_criticism(text: str) -> None:
    hit = rules_hit(text)
    assert "pressure.criticism" not in hit and "pressure.guilt-trip" not in hit


def test_criticism_is_flagged_but_not_rewritten() -> None:
    # Only the writer can say what they mean instead.
    text = "Your work has been underwhelming lately."
    assert revised(text) == text


# --- sarcasm -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Thanks for nothing 🙄",
    "Yeah, right.",
    "Yeah right, like that will happen.",
    "Oh great, another meeting.",
    "Wow, just wow.",
    "Sure, whatever.",
    "Good for you.",
    "Nice job breaking the build.",
    "Great work, genius.",
    "That went well /s",
    "The meeting ran long again 🙄",
    "How convenient.",
    "Nice of you to finally show up.",
    "How nice of you to join us.",
    "Sure, take your time, it's not like anyone is waiting on you.",
    "Thanks a lot for ruining my weekend 🙃",
])
def test_sarcasm_is_flagged(text: str) -> None:
    # As sarcasm; in intensity a heavier word at the same spot ("wow") may take its place.
    assert {"tone.sarcasm", "pressure.sarcasm"} & rules_hit(text)
    assert scores(text).intensity > 0


@pytest.mark.parametrize("text", ["Thanks for nothing 🙄", "Oh great, another meeting.",
                                  "That went well /s", "Sure, whatever."])
def test_sarcasm_raises_intensity(text: str) -> None:
    assert "tone.sarcasm" in rules_hit(text)


@pytest.mark.parametrize("text", [
    "Yeah, right after lunch works.",
    "Oh great, see you then!",
    "Good for you!",
    "You got the job? Good for you!",
    "Nice job on the launch, the demo was great.",
    "Whatever you say will stay between us.",
    "Is this time good for you?",
    "The file is in /srv/data.",
    "The speed is 3 m/s here.",
    "She is very mature for her age.",
    "How convenient is the new office?",
    "Sure, I can do that.",
    "Nice of you to remember my birthday, thank you!",
    "It's not like the team to miss a deadline.",
    "Thanks for fixing the printer.",
])
def test_sincere_lookalikes_are_not_sarcasm(text: str) -> None:
    hit = rules_hit(text)
    assert "tone.sarcasm" not in hit and "pressure.sarcasm" not in hit


def test_sarcastic_thanks_and_praise_are_not_redress() -> None:
    assert "pressure.gratitude" not in rules_hit("Thanks for nothing.")
    assert "pressure.gratitude" in rules_hit("Thanks for the notes.")
    assert "pressure.deference" not in rules_hit("Nice job breaking the build.")
    assert "pressure.deference" in rules_hit("Nice job on the build.")
    assert "pressure.sarcasm" in rules_hit("Sure, whatever.")


# --- emoji and emoticons -------------------------------------------------------------------

PLAIN = "See you at the meeting"


@pytest.mark.parametrize(("emoji", "rule"), [
    ("😡", "tone.emoji-anger"), ("🤬", "tone.emoji-anger"), ("🖕", "tone.emoji-anger"),
    ("😤", "tone.emoji-anger"), ("🤮", "tone.emoji-upset"), ("🤢", "tone.emoji-upset"),
    ("💔", "tone.emoji-upset"), ("🙄", "tone.sarcasm"), ("-_-", "tone.emoticon"),
    (">:|", "tone.emoticon"), ("(╯°□°)╯︵ ┻━┻", "tone.emoticon"),
])
def test_negative_emoji_and_emoticons_raise_intensity(emoji: str, rule: str) -> None:
    text = f"{PLAIN} {emoji}"
    assert rule in rules_hit(text)
    assert scores(text).intensity > scores(PLAIN).intensity


@pytest.mark.parametrize("emoji", ["😠", "👿", "💢", "😭", "😢", ">:(", ":@"])
def test_emoji_vader_reads_count_once_through_the_sentiment(emoji: str) -> None:
    # VADER already reads these as negative; no emoji rule counts them a second time.
    text = f"{PLAIN} {emoji}"
    found = report(text)
    assert scores(text).intensity > scores(PLAIN).intensity
    assert not {f.rule for f in found.findings} & {
        "tone.emoji-anger", "tone.emoji-upset", "tone.emoticon"}


def test_a_run_of_angry_emoji_is_one_hit() -> None:
    found = [f for f in report("Fine. 😡😡😡").findings if f.rule == "tone.emoji-anger"]
    assert len(found) == 1 and found[0].text == "😡😡😡"


@pytest.mark.parametrize("emoji", ["❤️", "😊", "🙂", "😍", "🎉"])
def test_positive_emoji_weigh_far_below_negative_ones(emoji: str) -> None:
    warm = scores(f"{PLAIN} {emoji}").intensity
    assert warm < 15
    assert warm * 2 < scores(f"{PLAIN} 😡").intensity
    assert report(f"{PLAIN} {emoji}").verdict == "send"


@pytest.mark.parametrize("text", ["The ratio is 3:1 today.", "Name it data-_-old if you must.",
                                  "Call max(a, b) first.", "Use the x-axis."])
def test_text_that_only_looks_like_an_emoticon_is_not_one(text: str) -> None:
    assert "tone.emoticon" not in rules_hit(text)


# --- "you people" --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["You people never learn.", "What is wrong with you people?",
                                  "I'm tired of you people and your excuses."])
def test_you_people_is_pushy_and_charged(text: str) -> None:
    hit = rules_hit(text)
    assert {"pressure.you-people", "tone.you-people"} <= hit


@pytest.mark.parametrize("text", ["Thank you people so much for coming.",
                                  "Did you see people at the door?",
                                  "You and your team are welcome."])
def test_other_you_and_people_are_not_you_people(text: str) -> None:
    hit = rules_hit(text)
    assert "pressure.you-people" not in hit and "tone.you-people" not in hit


def test_you_people_is_rewritten_as_you() -> None:
    assert "people" not in revised("Are you people coming to the review?")


# --- politeness: indirect requests, direct openers, second-person starts ------------------

PUSHY = "So why did you move the meeting to Monday?"


@pytest.mark.parametrize("opening", [
    "Is there any chance we could talk first.", "At your convenience, have a look at the notes.",
    "I was hoping we could talk first.", "When you get a minute, have a look at the notes.",
])
def test_indirect_requests_lower_pushiness(opening: str) -> None:
    text = f"{opening} {PUSHY}"
    neutral = f"The room is on the third floor. {PUSHY}"
    assert "pressure.softener" in {f.rule for f in report(text).findings}
    assert scores(text).pushiness < scores(neutral).pushiness


@pytest.mark.parametrize("text", ["Well, you could have asked first.",
                                  "Well, can you explain it then?"])
def test_well_before_a_reproach_is_a_direct_start(text: str) -> None:
    assert "pressure.direct-start" in rules_hit(text)
    assert not revised(text).lower().startswith("well")


@pytest.mark.parametrize("text", ["Well, thank you for coming.", "Well, I think you might be right.",
                                  "Well done, you got it.", "Well, you're welcome."])
def test_well_that_softens_is_not_a_direct_start(text: str) -> None:
    assert "pressure.direct-start" not in rules_hit(text)


def test_a_sentence_opening_with_you_adds_a_little_pushiness() -> None:
    assert "pressure.you-start" in rules_hit("You moved the meeting without asking.")
    assert (scores("You moved the meeting without asking.").pushiness
            > scores("The meeting moved without a word.").pushiness)
    for text in ("You're welcome.", "You too!", "Thank you, you're right.", "Did you move it?"):
        assert "pressure.you-start" not in rules_hit(text), text


# --- warmth is not heat ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Thank you so much for your help!",
    "Thank you so much for your help",
    "Thanks so much, I really appreciate it!",
    "Thanks a million for the lovely gift!",
    "I'm so grateful for your kindness.",
    "Great work, thanks so much!",
])
def test_warm_thanks_reads_calm(text: str) -> None:
    found = report(text)
    assert found.scores.intensity < 30 and found.verdict == "send"


def test_warmth_weighs_far_below_the_same_strength_of_anger() -> None:
    warm = scores("Thank you so much for your wonderful help!").intensity
    hot = scores("Damn you for your awful help!").intensity
    assert warm * 2 < hot


# --- technical words are not feelings -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "The build failed with error 42.",
    "The job was killed after the crash.",
    "Fix the bug in the parser.",
    "The deploy was rejected with a fatal error.",
    "Two tests failed and the cache is broken.",
    "There is a merge conflict and the request was denied.",
    "The link is dead, here is the new one.",
    "The job hung and the file is corrupted, so I restored the backup.",
    "The outage is over; the aborted uploads were retried.",
])
def test_technical_reports_are_not_charged(text: str) -> None:
    assert scores(text).intensity < 30
    assert "tone.charged-sentence" not in rules_hit(text)


@pytest.mark.parametrize("text", ["Why did the build fail with a fatal error?",
                                  "Can you check why the deploy failed?"])
def test_technical_words_are_not_a_complaint_in_a_request(text: str) -> None:
    assert "pressure.negative-tone" not in rules_hit(text)


@pytest.mark.parametrize("text", ["You failed me.", "I'll kill you.", "He was killed in the crash.",
                                  "I feel like a failure.", "The build failed and the demo was a mess."])
def test_the_same_words_about_people_or_beside_feelings_still_count(text: str) -> None:
    assert "tone.charged-sentence" in rules_hit(text)


def sentiment_rule(extra: str = "") -> str:
    return rule_toml("metric", f'metric = "sentiment"\nthreshold = 0.05\n{extra}', "m", "intensity")


def sentiment_hits(tmp_path: Path, rule: str, text: str):
    pack = tmp_path / "mine.toml"
    pack.write_text(pack_toml(rule))
    (loaded,) = load_pack(pack)
    ctx = Context(from_text(text), load_settings(use_config=False))
    return [(text[h.start:h.end], h) for h in loaded.find(ctx)]


def test_metric_neutral_words_are_scored_as_neutral(tmp_path: Path) -> None:
    plain = sentiment_rule()
    neutral = sentiment_rule('neutral_words = ["failed", "Error"]\nneutral_unless = ["me"]\n')
    text = "The build failed with error 42."
    assert len(sentiment_hits(tmp_path, plain, text)) == 1
    assert sentiment_hits(tmp_path, neutral, text) == []
    # A person within the window keeps the word's charge; a window of 0 looks at none.
    assert len(sentiment_hits(tmp_path, neutral, "The build failed me.")) == 1
    narrow = sentiment_rule('neutral_words = ["failed"]\nneutral_unless = ["me"]\n'
                            'neutral_window = 0\n')
    assert sentiment_hits(tmp_path, narrow, "The build failed me.") == []
    # The other words still count, and the span shows only them.
    (found,) = sentiment_hits(tmp_path, neutral, "The build failed, a horrible mess.")
    assert found[0] == "horrible mess"  # not "failed, a horrible mess"
    assert found[1].scale < sentiment_hits(tmp_path, plain, "The build failed, a horrible mess.")[0][1].scale


def test_metric_rescores_only_sentences_with_a_neutral_word(tmp_path: Path, monkeypatch) -> None:
    asked: list[str] = []
    real = sentiment.score_text

    def spy(text: str):
        asked.append(text)
        return real(text)

    monkeypatch.setattr(sentiment, "score_text", spy)
    rule = sentiment_rule('neutral_words = ["failed"]\n')
    text = "The day was awful. The build failed again."
    sentiment_hits(tmp_path, rule, text)
    extra = [t for t in asked if t not in ("The day was awful.", "The build failed again.")]
    assert extra == ["The build  again."]  # one re-score, of the sentence that had the word


def test_metric_neutral_words_must_be_a_list(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(pack_toml(sentiment_rule('neutral_words = "failed"\n')))
    with pytest.raises(ConfigError, match="neutral_words"):
        load_pack(pack)


# --- the anchors hold ----------------------------------------------------------------------

def test_coffee_is_still_send_and_hot_samples_still_wait() -> None:
    for profile in ("default", "reconnect"):
        assert tonecheck.analyze(COFFEE, profile, now=NOON).verdict == "send"
    for text in (SHOUTING, BEGGING, ULTIMATUM):
        assert tonecheck.analyze(text, now=NOON).verdict == "wait"


# --- guilt, either-or and pointed digs: the shapes the phrase lists miss ----------------

PRESSURE_FAMILIES = {"pressure.criticism", "pressure.sarcasm", "pressure.self-pity",
                     "pressure.either-or", "pressure.passive-aggressive-barb"}


@pytest.mark.parametrize(("text", "rule"), [
    ("Your plan was a complete disaster from the start.", "pressure.criticism"),
    ("You're late for every single call and it's getting ridiculous.", "pressure.criticism"),
    ("You forgot my birthday again, and it's honestly pathetic.", "pressure.criticism"),
    ("You can post all day but can't answer a single email?", "pressure.criticism"),
    ("Here I am redoing your sloppy work on a Sunday.", "pressure.criticism"),
    ("Well done on the launch, really.", "pressure.sarcasm"),
    ("Hope she was worth it.", "pressure.sarcasm"),
    ("Don't worry about me, I'll just sit here by myself.", "pressure.self-pity"),
    ("I guess I'll cook dinner for everyone again, like every time.", "pressure.self-pity"),
    ("I'm used to being ignored.", "pressure.self-pity"),
    ("Looks like you're having a great time without me.", "pressure.self-pity"),
    ("It's me or that job. Decide.", "pressure.either-or"),
    ("Either us or your mother, you can't have both.", "pressure.either-or"),
    ("SOME of us have to get up early.", "pressure.passive-aggressive-barb"),
    ("Some of us actually have jobs to get to.", "pressure.passive-aggressive-barb"),
])
def test_guilt_ultimatums_and_digs_are_flagged(text: str, rule: str) -> None:
    assert rule in rules_hit(text)
    assert report(text).verdict in ("revise", "wait")


@pytest.mark.parametrize("text", [
    "You're late? No problem, we'll start at ten.",
    "You did it, and it's amazing!",
    "I can't answer a single question about the exam, it's under embargo.",
    "Thanks for fixing your typo in the doc.",
    "Great talk, really enjoyed it.",
    "I hope it was worth the wait!",
    "Whatever you like is fine, as usual I'll bring dessert.",
    "Some of us would like to go hiking on Saturday, want to join?",
    "I'll just go by myself if you're busy, no worries at all.",
    "I guess I'll see you at the party again next year!",
    "I'm used to being the early one, I'll save you a seat.",
    "Have fun at the concert! Don't worry about going without me.",
    "Is it me or the printer that's broken today?",
    "Tea for me or for you? I can make both.",
])
def test_lookalikes_of_guilt_ultimatums_and_digs_pass(text: str) -> None:
    assert not PRESSURE_FAMILIES & rules_hit(text), text


def test_a_pointed_some_of_us_is_left_for_the_writer() -> None:
    # Cutting "SOME of us" would leave "... and would like to use the sink."
    text = "The printer is shared, and SOME of us need it too."
    assert "SOME of us" in revised(text)
