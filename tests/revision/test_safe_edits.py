"""The revision's promises, each on a draft that broke it before (issue 12)."""

from __future__ import annotations

import tonecheck
from tonecheck.drafts.load import from_string
from tonecheck.revision import clauses, protect
from tonecheck.revision.fragments import defect


def revised(text: str, profile: str = "default", kind: str = "text") -> tonecheck.Report:
    return tonecheck.analyze(text, profile, kind=kind).revision


def test_a_threat_is_cut_and_the_request_it_wraps_is_kept() -> None:
    rev = revised("Fix the invoice today or I'm cancelling the contract!!!", "work")
    assert rev.text == "Could you fix the invoice today? Thank you."
    assert "when you have a moment" not in rev.text  # "today" is a real deadline


def test_a_conditional_threat_becomes_the_plain_request() -> None:
    rev = revised("If you don't call me back by tonight, we are done forever. "
                  "This is your last chance.", "reconnect")
    assert rev.text.startswith("Could you call me back")
    assert "done forever" not in rev.text and "last chance" not in rev.text


def test_a_lead_in_takes_its_dangling_relative_clause_along() -> None:
    rev = revised("Per my last email, which you clearly didn't read, the report was due "
                  "yesterday.", "work")
    assert rev.text == "The report was due yesterday."


def test_an_insult_is_left_for_the_writer_and_still_counted() -> None:
    report = tonecheck.analyze("You are an idiot. Send me the report.")
    rev = report.revision
    assert "You are an idiot." in rev.text
    assert [u.rule for u in rev.unrevised] == ["tone.insult"]
    assert rev.scores.intensity == report.scores.intensity  # no calm it didn't earn
    assert "Thank you" not in rev.text  # no thanks under an insult
    as_json = report.to_dict()["revision"]
    assert as_json["needs_writer"] == 1 and as_json["unrevised"][0]["line"] == 1


def test_quoted_words_code_and_sign_off_names_are_never_edited() -> None:
    text = ('The customer wrote "THIS IS UNACCEPTABLE!!!" and I agree. Run `rm -rf build/` '
            "AGAIN and it is gone!!!\n\nThanks,\nJOHN\n")
    rev = revised(text, "work")
    for kept in ('"THIS IS UNACCEPTABLE!!!"', "`rm -rf build/`", "JOHN"):
        assert kept in rev.text


def test_an_inserted_phrase_is_not_rewritten_by_a_later_pass() -> None:
    rev = revised("Fix this! Why do you always do this?")
    assert "feels like" not in rev.text and "it would help if you could" not in rev.text.lower()
    assert revised(rev.text).text == rev.text


def test_a_mid_clause_obligation_is_not_swapped() -> None:
    rev = revised("Do you need me to fix the problem, or do you have to do it yourself?")
    assert "it would help" not in rev.text


def test_fragment_check() -> None:
    assert defect("Per my last email, which you didn't read, it was due.",
                  "Which you didn't read, it was due.")
    assert defect("Yes. I'm begging you.", ".")
    assert defect("Call me, or else.", "Call me, .")
    assert defect("Fix it.", "") is None  # a sentence dropped whole is fine
    assert defect("Fix it now!!!", "Fix it!") is None


def test_request_and_deadline_words() -> None:
    assert clauses.request_in("Unless you pay the £450 by Friday, we will sue you.") == (
        "Could you pay the £450 by Friday?")
    assert clauses.request_in("If you keep ignoring me, I will leave.") is None
    assert clauses.DEADLINE.search("send it by the 15th") and clauses.DEADLINE.search("by 5pm")
    assert not clauses.DEADLINE.search("send it when you can")


def test_protected_spans_of_an_email() -> None:
    draft = from_string("From: a@b.c\nTo: d@e.f\nSubject: Boiler\n\nMr. Patel,\n\nFix it.\n\n"
                        "Nadia Okafor\n", "email")
    spans = [draft.source[a:b] for a, b in protect.spans(draft)]
    assert spans == ["Mr. Patel,", "Nadia Okafor"]
    # A shouted last line is not a name.
    shouted = from_string("Fix it.\nANSWER ME NOW!!!", "text")
    assert protect.spans(shouted) == []


def test_threats_the_consequence_list_lacked_are_cut_and_the_request_kept() -> None:
    assert revised("Fix it by Friday or you'll be hearing from my lawyer.", "work").text == (
        "Could you fix it by Friday? Thank you.")
    assert revised("Pay the £450 you owe me by the 1st or I'm changing the locks.").text == (
        "Could you pay the £450 you owe me by the 1st?")


def test_i_mean_it_goes_with_the_threat_it_backs_but_not_after_love() -> None:
    rev = revised("If you don't call me back by tonight, we are done forever. This is your "
                  "last chance. I mean it.", "reconnect")
    # Writing to an ex, the deadline on the reader goes too (reconnect.reader-deadline).
    assert rev.text == "Could you call me back?"
    assert revised("If you don't call me back by tonight, we are done. I mean it.").text == (
        "Could you call me back by tonight?")
    assert "pressure.insistence" not in {
        f.rule for f in tonecheck.analyze("I love you, I mean it.", "reconnect").findings}


def test_cuts_that_empty_a_sentence_drop_it_cleanly() -> None:
    rev = revised("Hi Alex. Please don't leave me, I'm begging you. Can we talk on Sunday?",
                  "reconnect")
    assert rev.text == "Hi Alex. Can we talk on Sunday? Thank you."
