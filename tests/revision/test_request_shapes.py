"""The shapes issue 12's second round taught the revision: requests kept from threats,
obligations and lead-ins; reproach cut beside the point; what is left for the writer;
and the capitals a calmed shout keeps."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import tonecheck
from tonecheck.revision import casing, clauses, protect

NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def revised(text: str, profile: str = "default") -> str:
    return tonecheck.analyze(text, profile=profile, now=NOON).revision.text


# --- clause shapes ------------------------------------------------------------------------

def test_a_condition_on_the_thing_asked_for_becomes_a_question_about_it() -> None:
    assert (clauses.request_in("If the car isn't washed by Sunday, don't expect a lift.")
            == "Could the car be washed by Sunday?")
    assert (clauses.request_in("If your forms are not in the tray by noon, forget it.")
            == "Could your forms be in the tray by noon?")
    # The reader's own refusal is the older shape, and still reads the same.
    assert clauses.request_in("If you don't call by six, we're done.") == "Could you call by six?"
    assert clauses.request_in("If it rains, we stay in.") is None
    assert clauses.request_in("If the weather isn't good by Friday, forget it.") is None


def test_either_or_asks_the_one_thing() -> None:
    sentence = "Either you fix the fence this week or don't come round again."
    assert clauses.either_request(sentence, sentence.index(" or")) == "Could you fix the fence this week?"
    assert clauses.either_request("Either you keep calling me or ...", 26) is None
    assert clauses.either_request("You fix it or else.", 10) is None


def test_an_obligation_that_is_the_whole_sentence_becomes_a_request() -> None:
    assert (clauses.obligation_request("You must return the keys by the 3rd.")
            == "Could you return the keys by the 3rd?")
    assert clauses.obligation_request("I need you to sign here, and then post it.") is None
    assert clauses.obligation_request("You need to stop shouting.") is None
    assert clauses.obligation_request("You have to be kidding.") is None
    assert clauses.REQUIREMENT.search("You need to show ID before you board.")
    assert not clauses.REQUIREMENT.search("You need to show ID by Friday.")
    assert clauses.RULE_OF_THUMB.search("you always have to save first")
    assert not clauses.RULE_OF_THUMB.search("you always leave the door open")


def test_a_lead_in_ends_at_its_colon_only_when_a_clause_follows() -> None:
    sentence = "Final warning: put the bins out on Tuesday."
    assert sentence[clauses.lead_in_end(sentence, 13):] == "put the bins out on Tuesday."
    assert clauses.lead_in_end(sentence, 20) is None  # the charge runs past the colon
    assert clauses.lead_in_end("Final warning: now.", 13) is None
    assert clauses.lead_in_end("No colon here at all.", 5) is None


# --- casing and protected spans -------------------------------------------------------

@pytest.mark.parametrize(("shout", "calm"), [
    ("SEE YOU ON FRIDAY", "see you on Friday"),
    ("FBI files are LATE AGAIN", "FBI files are late again"),
    ("a PR and read it FIRST", "a PR and read it first"),
    ("ANSWER ME NOW", "answer me now"),
    ("it is NOT ok", "it is not ok"),
])
def test_a_calmed_shout_keeps_names_and_lone_acronyms(shout: str, calm: str) -> None:
    assert casing.keep_names(shout, shout.lower()) == calm


def test_outside_gives_the_unguarded_stretches() -> None:
    assert protect.outside([(2, 4), (6, 8)], 0, 10) == [(0, 2), (4, 6), (8, 10)]
    assert protect.outside([(0, 20)], 3, 9) == []
    assert protect.outside([], 3, 9) == [(3, 9)]


# --- whole revisions ------------------------------------------------------------------

def test_threat_shapes_keep_their_request() -> None:
    assert (revised("If the car isn't washed by Sunday, don't expect a lift to the airport.")
            == "Could the car be washed by Sunday?")
    assert (revised("Either you fix the fence this week or don't bother coming round.")
            .startswith("Could you fix the fence this week?"))
    assert revised("Final warning: return the drill by Tuesday.").startswith(
        "Could you return the drill by Tuesday?")
    assert (revised("The alarm went off at 4am. Next time I'm calling the police, and I won't "
                    "warn you first.") == "The alarm went off at 4am.")


def test_reproach_beside_the_point_goes_and_the_point_stays() -> None:
    assert revised("It's all your fault. We needed the tickets by Monday.") == (
        "We needed the tickets by Monday.")
    assert revised("Thanks for finally replying. Only took you three weeks.") == (
        "Thanks for replying.")
    # Praise and advice that look like it are not reproach.
    assert "five minutes" in revised("It only took you five minutes. Thank you!")
    assert "You are never late." in revised("You are never late. Lead the tour on Friday.")
    assert revised("Thanks for covering for me. You always do.").endswith("You always do.")
    for advice in ("If the weather isn't good by Friday, don't bother coming to the beach.",
                   "Unless it's sunny, don't bother coming to the beach."):
        assert revised(advice) == advice
    assert revised("I missed the train because you forgot again.") == "I missed the train."
    assert revised("The van (how is this even possible?) has a flat tyre again.") == (
        "The van has a flat tyre again.")


def test_a_cut_between_commas_takes_one_comma() -> None:
    out = revised("Please, I'm begging you, lend me the ladder on Saturday.")
    assert "I'm begging you" not in out and ", ," not in out and "ladder on Saturday" in out


def test_despair_is_left_for_the_writer_and_still_counts() -> None:
    report = tonecheck.analyze("I can't go on. Send me the address.", now=NOON)
    rev = report.revision
    assert rev.text.startswith("I can't go on. ")
    assert [u.text for u in rev.unrevised] == ["I can't go on."]
    assert rev.scores.intensity > 0


def test_statements_of_time_and_standing_instructions_are_left_alone() -> None:
    for text in ("I rebooted it and everything works now.",
                 "You always have to lock the back door when you leave.",
                 "You need to register before you start the course.",
                 "Give me a break."):
        assert revised(text) == text, text
    assert revised("Answer the survey, please.") == "Could you answer the survey, please?"


# --- courtesy once, and lines -----------------------------------------------------------

def test_a_rhetorical_reproach_becomes_a_request_without_thanks() -> None:
    assert revised("How hard can it be to close the fridge door?") == "Could you close the fridge door?"
    assert revised("How hard is it to answer one text?") == "Could you answer one text?"
    # A real question stays one.
    assert revised("How hard is it to get a visa for Japan?") == "How hard is it to get a visa for Japan?"


def test_unhurried_goes_in_once_and_never_on_a_ringing_phone() -> None:
    out = revised("Reply to my message. Send me the address too.")
    assert out.count("when you have a moment") == 1
    assert "when you have a moment" not in revised("Answer your phone. The vet called.")


def test_a_lone_plea_line_goes_with_its_line_break_and_keeps_the_writers_case() -> None:
    assert "\n\n" not in revised("call me back\nplease\ncall me\nplease", "reconnect")
    text = "pls answer\npls\npls answer me\nplease"
    assert revised(text, "reconnect") == "pls answer\npls answer me"
    # One plea is not a repeat: left as it is.
    assert revised("see you at 8\nplease", "reconnect") == "see you at 8\nplease"


def test_to_an_ex_a_deadline_on_the_reader_goes_but_not_at_work() -> None:
    assert "tonight" not in revised("Please text me back by tonight.", "reconnect")
    assert "by tonight" in revised("Please send me the rota by tonight.", "work")
    # A time proposed for both of you is not a deadline on them.
    assert "on Sunday" in revised("Hi Alex. I'm begging you. Can we talk on Sunday?", "reconnect")


def test_a_reason_after_a_comma_stays_a_statement() -> None:
    assert (clauses.reason_apart("Could you review my PR by 2pm, the demo is at 3?")
            == "Could you review my PR by 2pm? The demo is at 3.")
    assert (clauses.reason_apart("Could you send it, the client needs it when you have a moment?")
            == "Could you send it when you have a moment? The client needs it.")
    # A list, not a reason: left as it is.
    assert clauses.reason_apart("Could you buy eggs, milk and bread?") == (
        "Could you buy eggs, milk and bread?")
    assert revised("Review the lease by Friday, the agent is waiting.") == (
        "Could you review the lease by Friday? The agent is waiting.")


def test_a_curt_do_it_now_goes_after_the_request() -> None:
    out = revised("Book the table for Saturday at 8. Do it now.")
    assert "Do it now" not in out and "the table for Saturday at 8" in out
    assert revised("Yes, do it.") == "Yes, do it."


def test_despair_is_listed_only_where_its_dimension_is_rewritten() -> None:
    from tonecheck.drafts.load import from_string
    from tonecheck.revision.revise import revise_fully

    settings = tonecheck.load_settings(profile="default", use_config=False)
    draft = from_string("I'm heartbroken for you. Send me the address for the flowers.", "text")
    only_pushy = revise_fully(draft, settings, dimensions={"pushiness"})
    assert only_pushy.unrevised == ()
    assert only_pushy.text.startswith("I'm heartbroken for you. Could you send me the address")
    both = revise_fully(draft, settings, dimensions={"pushiness", "intensity"})
    assert [u.text for u in both.unrevised] == ["I'm heartbroken for you."]
