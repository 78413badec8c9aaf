"""The revision: calmer, idempotent, unchanged when fine, and it keeps what matters."""

from __future__ import annotations

import pytest
from samples import BEGGING, COFFEE, SHOUTING, ULTIMATUM

import tonecheck

HOT = [
    SHOUTING,
    BEGGING,
    ULTIMATUM,
    "Hi Jordan,\n\nAs I already said, you need to send the report ASAP!!!\n\nThanks,\nAlex\n",
    "Sam,\n\nYou never listen. I saw you were online. Reply to me right now!!\n\nM.",
]


@pytest.mark.parametrize("text", HOT)
def test_revision_is_calmer(text: str) -> None:
    report = tonecheck.analyze(text)
    rev = report.revision
    assert rev.changed and all(e.reason for e in rev.edits)
    before, after = report.scores, rev.scores
    if any(u.rule == "tone.despair" for u in rev.unrevised):
        # Despair is left for the writer and still counts, and it weighs more among fewer
        # sentences: only pushiness, where nothing was left, must not rise.
        assert "I can't live without you." in [u.text for u in rev.unrevised]
        assert after.pushiness <= before.pushiness
    else:
        assert after.intensity <= before.intensity and after.pushiness <= before.pushiness
    assert after.intensity + after.pushiness < before.intensity + before.pushiness


@pytest.mark.parametrize("text", HOT)
def test_revising_twice_gives_the_same_text(text: str) -> None:
    once = tonecheck.analyze(text).revision.text
    assert tonecheck.analyze(once).revision.text == once


@pytest.mark.parametrize("text", [COFFEE, "Thanks for the notes, see you Friday.\n", "Could you send it?"])
def test_fine_draft_comes_back_unchanged(text: str) -> None:
    rev = tonecheck.analyze(text).revision
    assert rev.text == text and not rev.edits


def test_greeting_names_and_sign_off_are_kept() -> None:
    text = "Hi Jordan,\n\nSend me the report now!!!\n\nBest,\nAlex\n"
    revised = tonecheck.analyze(text).revision.text
    # The request gains thanks after it; the greeting, names and sign-off stay as written.
    assert revised == ("Hi Jordan,\n\nCould you send me the report when you have a moment? "
                       "Thank you.\n\nBest,\nAlex\n")


def test_specific_softenings() -> None:
    def rev(text: str) -> str:
        return tonecheck.analyze(text).revision.text

    assert rev("You never call me back.") == "It feels like you rarely call me back."
    assert rev("Please, please, please talk to me.") == "Please talk to me."
    assert rev("I need the file now.") == "I need the file."
    assert rev("Come to the party or else.") == "Come to the party."
    assert rev("Why are you doing this?!?!") == "Why are you doing this?"


def test_code_in_markdown_is_left_alone(tmp_path, run) -> None:
    path = tmp_path / "note.md"
    path.write_text("Notes\n\n```\nSEND NOW!!!\n```\n\nSend me the log now.\n")
    out = run("revise", str(path)).out
    assert "```\nSEND NOW!!!\n```" in out
    assert "Could you send me the log when you have a moment?" in out


def test_in_place_writes_atomically_and_diff_shows_changes(tmp_path, run) -> None:
    (tmp_path / "drafts").mkdir()
    path = tmp_path / "drafts" / "d.txt"
    path.write_text(SHOUTING + "\n")
    path.chmod(0o640)
    diff = run("revise", "--diff", str(path)).out
    assert diff.startswith(f"--- {path}") and "-ANSWER ME" in diff
    assert run("revise", "--in-place", str(path)).code == 0
    assert "ANSWER ME" not in path.read_text()
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert [p.name for p in path.parent.iterdir()] == ["d.txt"]  # no temp file left behind


def test_in_place_keeps_utf16_and_crlf(tmp_path, run) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes("Send me the report now!!!\r\nBye\r\n".encode("utf-16"))
    assert run("revise", "--in-place", str(path)).code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xff\xfe")
    assert data.decode("utf-16") == (
        "Could you send me the report when you have a moment? Thank you.\r\nBye\r\n")


def test_mild_pressure_is_not_flagged_but_gets_a_gentler_offer() -> None:
    # Below the revise threshold the draft is fine to send, but any pushiness at all gets
    # a revision that takes it out (the default profile's rewrite threshold).
    text = "Please review the attached and send comments by Friday."
    report = tonecheck.analyze(text)
    assert report.verdict == "send" and 0 < report.scores.pushiness < 30
    # The deadline is the writer's fact, so the request does not also say "when you
    # have a moment" (issue 12).
    assert report.revision.text == ("Could you review the attached and send comments by Friday?"
                                    " Thank you.")
    assert report.revision.scores.pushiness < report.scores.pushiness


def test_mild_intensity_below_its_threshold_is_left_alone() -> None:
    # Only pushiness is offered a rewrite below its revise threshold: a warm "really
    # excited" is not toned down.
    text = "I'm really excited about the trip."
    report = tonecheck.analyze(text)
    assert report.verdict == "send" and report.scores.intensity > 0
    assert report.revision.text == text and not report.revision.edits


def test_pressure_paid_back_by_redress_is_left_alone() -> None:
    # A "why" with thanks and a softener nets to 0 pushiness: fine, so never rewritten.
    text = "Thanks for the notes! I was wondering why the room changed?"
    report = tonecheck.analyze(text)
    assert "pressure.why" in {f.rule for f in report.findings}
    assert report.scores.pushiness == 0
    assert report.revision.text == text and not report.revision.edits


def test_a_shouted_order_becomes_a_calm_request() -> None:
    revised = tonecheck.analyze("ANSWER ME NOW!!!").revision.text
    assert revised == "Could you answer me when you have a moment? Thank you."


def test_a_rewrite_that_ends_up_opening_a_sentence_gets_a_capital() -> None:
    text = "As I already said, per my last email, you need to send the numbers."
    revised = tonecheck.analyze(text).revision.text
    assert revised.startswith("It would help if you could send the numbers")


def test_adjacent_cuts_and_rewrites_keep_their_spacing() -> None:
    from tonecheck.revision.edits import apply_edits

    assert apply_edits("A. B. C. D.", [(3, 6, ""), (6, 9, "")])[0] == "A. D."
    assert apply_edits("A. B. C. D.", [(3, 6, ""), (6, 8, "X")])[0] == "A. X D."


def test_reconnect_drops_pleas_instead_of_politely_rephrasing_them() -> None:
    text = ("Sam, I know I messed up. Please give me another chance. I'll change, I promise. "
            "Call me.")
    revised = tonecheck.analyze(text, "reconnect").revision.text
    assert "another chance" not in revised and "I'll change" not in revised
    assert revised.startswith("Sam, I know I messed up. Could you call me")
