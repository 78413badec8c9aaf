"""Hold policy, release and flush through the library, against a real SQLite queue and the
recording fake sendmail (a real subprocess)."""

from __future__ import annotations

import os
from pathlib import Path

from sendkit import CALM_BODY, HOT_BODY, NOW, InProcess, message, write

EX_TEMPFAIL = 75


def test_a_message_that_only_needs_revising_waits_out_the_grace_period(inproc: InProcess) -> None:
    body = "You never reply on time. Send me the final spreadsheet by EOD.\n"
    code, _ = inproc.sendmail(message(body), "-oi", "sam@example.com")
    assert code == EX_TEMPFAIL
    [entry] = inproc.queue().entries()
    assert entry.verdict == "revise"
    assert entry.not_before.isoformat() == "2026-11-26T14:15:00+00:00"
    assert inproc.flush("2026-11-26T14:10:00+00:00") == []
    assert inproc.env.fake.messages() == []
    [outcome] = inproc.flush("2026-11-26T14:16:00+00:00")
    assert outcome.status == "sent" and len(inproc.env.fake.messages()) == 1


def test_release_refuses_before_its_time_and_force_overrides(inproc: InProcess) -> None:
    data = message(HOT_BODY)
    inproc.sendmail(data, "-oi", "sam@example.com")
    [entry] = inproc.queue().entries()
    early = inproc.release(entry.id[:3])
    assert early.status == "refused" and "held until Fri 27 Nov 14:00" in early.detail
    assert inproc.env.fake.messages() == []
    forced = inproc.release(entry.id, force=True)
    assert forced.status == "sent"
    assert inproc.env.fake.messages() == [data]
    assert inproc.env.fake.args() == [["-oi", "sam@example.com"]]
    assert inproc.queue().entries() == []


def own_config(inproc: InProcess) -> Path:
    """The user's own config file: only there may the sendmail command be named."""
    return Path(inproc.env.vars["XDG_CONFIG_HOME"]) / "tonecheck" / "config.toml"


def test_a_release_rechecks_with_the_current_config_as_of_when_it_was_held(
        inproc: InProcess) -> None:
    # The user's own config: a walk-up one may not lengthen nor shorten the wrapper's delay.
    config = write(own_config(inproc),
                   '[delay]\nbands = [{ from = 0, wait = "1d" }]\n')
    inproc.sendmail(message(HOT_BODY), "-oi", "sam@example.com")
    [entry] = inproc.queue().entries()
    assert entry.not_before.isoformat() == "2026-11-27T14:00:00+00:00"
    # Stricter now: every hot draft waits three days. The release honours that...
    config.write_text('[delay]\nbands = [{ from = 0, wait = "3d" }]\n')
    refused = inproc.release(entry.id, now="2026-11-28T14:00:00+00:00")
    assert refused.status == "refused" and "Sun 29 Nov 14:00" in refused.detail
    # ...counted from when it was held, not from the release: it goes on day three.
    assert inproc.release(entry.id, now="2026-11-29T14:00:00+00:00").status == "sent"


def test_failed_delivery_stays_queued_with_the_error_and_is_retried(inproc: InProcess) -> None:
    inproc.sendmail(message(HOT_BODY), "-oi", "sam@example.com")
    inproc.env.fake.fail()
    [outcome] = inproc.flush()
    assert outcome.status == "failed" and "mail server unreachable" in outcome.detail
    [entry] = inproc.queue().entries()
    assert entry.state == "held" and entry.attempts == 1
    assert "exited 1: fake sendmail: mail server unreachable" in entry.last_error
    inproc.env.fake.fail(False)
    [outcome] = inproc.flush()
    assert outcome.status == "sent"
    assert len(inproc.env.fake.messages()) == 1 and inproc.queue().entries() == []


def test_calm_message_with_a_failing_sendmail_returns_its_status(inproc: InProcess) -> None:
    inproc.env.fake.fail()
    code, err = inproc.sendmail(message(CALM_BODY), "-oi", "sam@example.com")
    assert code == 1
    # The mail client saw the failure and keeps the message; tonecheck keeps no copy.
    assert inproc.queue().entries() == []


def test_missing_sendmail_holds_a_calm_message_instead_of_losing_it(inproc: InProcess) -> None:
    data = message(CALM_BODY)
    gone = inproc.env.root / "no-such-sendmail"
    inproc.monkeypatch.setenv("TONECHECK_SENDMAIL", str(gone))
    code, err = inproc.sendmail(data, "-oi", "x@example.com")
    assert code == EX_TEMPFAIL and "could not run" in err
    [entry] = inproc.queue().entries()
    assert entry.message == data and entry.verdict == "send"
    # Once the real sendmail is there, a release sends it at once: calm mail has no cool-off.
    os.symlink(inproc.env.fake.path, gone)
    assert inproc.release(entry.id).status == "sent"
    assert inproc.env.fake.messages() == [data]


def test_sendmail_named_by_config_is_used(inproc: InProcess) -> None:
    write(own_config(inproc), f'[sendmail]\ncommand = "{inproc.env.fake.path} -X"\n')
    inproc.monkeypatch.delenv("TONECHECK_SENDMAIL")
    code, _ = inproc.sendmail(message(CALM_BODY), "-oi", "a@example.com")
    assert code == 0
    assert inproc.env.fake.args() == [["-X", "-oi", "a@example.com"]]
    # The short form: just the command.
    write(own_config(inproc), f'sendmail = ["{inproc.env.fake.path}", "-Y"]\n')
    assert inproc.sendmail(message(CALM_BODY, 2), "-oi", "b@example.com")[0] == 0
    assert ["-Y", "-oi", "b@example.com"] in inproc.env.fake.args()


def test_a_bad_sendmail_table_holds_without_guessing_the_sendmail(inproc: InProcess) -> None:
    write(own_config(inproc), "[sendmail]\ncomand = 'msmtp'\n")
    inproc.monkeypatch.delenv("TONECHECK_SENDMAIL")
    code, err = inproc.sendmail(message(CALM_BODY), "-oi", "a@example.com")
    assert code == EX_TEMPFAIL and "unknown key 'sendmail.comand'" in err
    [entry] = inproc.queue().entries()
    assert entry.sendmail is None and entry.command is None


def test_drop_deletes_without_sending(inproc: InProcess) -> None:
    inproc.sendmail(message(HOT_BODY), "-oi", "a@example.com")
    [entry] = inproc.queue().entries()
    inproc.queue().drop(entry.id)
    assert inproc.queue().entries() == []
    assert inproc.flush() == []
    assert inproc.env.fake.messages() == []


def test_the_same_message_sent_again_is_held_once(inproc: InProcess) -> None:
    _, first = inproc.sendmail(message(HOT_BODY), "-oi", "a@example.com")
    assert "already held" not in first
    # A mail client's retry: new Date and Message-ID, same message.
    _, second = inproc.sendmail(message(HOT_BODY, attempt=1), "-oi", "a@example.com")
    assert "already held" in second
    assert len(inproc.queue().entries()) == 1
    # Other words, or other recipients, make another message.
    inproc.sendmail(message(HOT_BODY, n=2), "-oi", "a@example.com")
    inproc.sendmail(message(HOT_BODY), "-oi", "b@example.com")
    assert len(inproc.queue().entries()) == 3


def test_a_bug_inside_tonecheck_holds_the_message(inproc: InProcess) -> None:
    import tonecheck.analysis

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    inproc.monkeypatch.setattr(tonecheck.analysis, "analyze_draft", broken)
    data = message(CALM_BODY)
    code, err = inproc.sendmail(data, "-oi", "a@example.com")
    assert code == EX_TEMPFAIL
    assert "simulated bug" in err and "held as" in err
    [entry] = inproc.queue().entries()
    assert entry.message == data and entry.verdict == "error"
    assert inproc.env.fake.messages() == []
    # With the bug gone, the next flush re-checks it, finds it calm, and sends it.
    inproc.monkeypatch.undo()
    InProcess(inproc.env, inproc.monkeypatch)
    [outcome] = inproc.flush(NOW)
    assert outcome.status == "sent" and inproc.env.fake.messages() == [data]
