"""`tonecheck sendmail` as mail clients run it: the installed program, a recording fake
sendmail, and the queue read straight from SQLite."""

from __future__ import annotations

import json
import stat
from datetime import datetime

from sendkit import CALM_BODY, HOT_BODY, LATER, NOW, Env, message, tonecheck_command, write

EX_TEMPFAIL = 75


def test_calm_message_goes_on_byte_for_byte_with_the_same_arguments(env: Env) -> None:
    # CRLF line ends, 8-bit text and no final newline: nothing may be normalised on the way.
    data = message(CALM_BODY).replace(b"\n", b"\r\n") + "Grüße, Alex".encode() + b"\r\n\r\n-- \r\nx"
    args = ["-oi", "-f", "alex@example.com", "--", "sam@example.com", "-weird arg"]
    result = env.run("sendmail", *args, input=data)
    assert result.returncode == 0, result.stderr
    assert env.fake.messages() == [data]
    assert env.fake.args() == [args]
    assert env.rows() == []


def test_hot_message_is_held_with_exit_75_stored_exactly_and_privately(env: Env) -> None:
    data = message(HOT_BODY, subject="Answer me")
    result = env.run("sendmail", "-oi", "--", "sam@example.com", input=data)
    assert result.returncode == EX_TEMPFAIL
    assert env.fake.messages() == []
    [row] = env.rows()
    assert bytes(row["message"]) == data
    assert json.loads(row["sendmail"]) == [str(env.fake.path)]
    assert json.loads(row["args"]) == ["-oi", "--", "sam@example.com"]
    assert row["verdict"] == "wait" and row["state"] == "held"
    assert row["held_at"] == NOW and row["not_before"] > NOW
    assert json.loads(row["report"])["schema"] == "tonecheck.report/1"
    err = result.stderr.decode()
    assert f"held as {row['id']}, not sent" in err and "reads hot" in err
    may_go = datetime.fromisoformat(row["not_before"])
    assert f"may go after {may_go:%a %d %b %H:%M} UTC" in err

    folder = env.db.parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(env.db.stat().st_mode) == 0o600
    for path in folder.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path

    listed = env.run("queue", "list").stdout.decode()
    assert row["id"] in listed and "to Sam <sam@example.com>: Answer me" in listed
    shown = env.run("queue", "show", row["id"][:5]).stdout.decode()
    assert "pressure.ultimatum" in shown and "WHY ARE YOU IGNORING ME???" in shown
    assert env.run("queue", "show", row["id"], "--raw").stdout == data


def test_flush_from_cron_uses_the_stored_sendmail_not_the_callers(env: Env) -> None:
    data = message(HOT_BODY)
    assert env.run("sendmail", "-t", "-oi", input=data).returncode == EX_TEMPFAIL
    # cron: no TONECHECK_SENDMAIL, a bare PATH, another directory.
    env.vars = {k: v for k, v in env.vars.items() if k != "TONECHECK_SENDMAIL"}
    env.vars["PATH"] = "/usr/bin:/bin"
    early = env.run("queue", "flush", now=NOW, cwd=env.fake.out.parent)
    assert early.returncode == 0 and early.stdout == b""
    assert env.fake.messages() == []
    flushed = env.run("queue", "flush", now=LATER, cwd=env.fake.out.parent)
    assert flushed.returncode == 0, flushed.stderr
    assert flushed.stdout.decode().startswith("sent ")
    assert env.fake.messages() == [data] and env.fake.args() == [["-t", "-oi"]]
    assert env.rows() == []
    again = env.run("queue", "flush", now=LATER)
    assert again.returncode == 0 and again.stdout == b""
    assert len(env.fake.messages()) == 1


def test_interrupted_while_sendmail_runs_keeps_no_copy_to_send_again(env: Env) -> None:
    env.fake.interrupt_caller()
    result = env.run("sendmail", "-oi", "sam@example.com", input=message(CALM_BODY))
    assert result.returncode == EX_TEMPFAIL
    assert "may or may not have gone" in result.stderr.decode()
    # It reached the real sendmail once; a later flush must not send it a second time.
    assert len(env.fake.messages()) == 1 and env.rows() == []


def test_broken_config_holds_the_message_unchecked_and_never_sends_it(env: Env) -> None:
    config = write(env.root / "cfg.toml", "profile = [broken\n")
    data = message(CALM_BODY)
    env.vars["TONECHECK_CONFIG"] = str(config)
    result = env.run("sendmail", "-oi", "sam@example.com", input=data)
    assert result.returncode == EX_TEMPFAIL
    err = result.stderr.decode()
    assert str(config) in err and "held as" in err
    [row] = env.rows()
    assert row["verdict"] == "error" and bytes(row["message"]) == data
    # Still broken: a flush cannot re-check it, so it does not send it.
    flushed = env.run("queue", "flush", now=LATER)
    assert flushed.returncode == 1 and "cannot re-check" in flushed.stderr.decode()
    assert env.fake.messages() == []
    # Fixed: the release re-checks, finds it calm, and sends it.
    config.write_text('profile = "default"\n')
    released = env.run("queue", "release", row["id"])
    assert released.returncode == 0, released.stderr
    assert env.fake.messages() == [data]


def test_when_the_queue_itself_fails_the_client_keeps_the_message(env: Env) -> None:
    blocker = env.root / "not-a-dir"
    blocker.write_text("")
    env.vars["TONECHECK_HOME"] = str(blocker)
    result = env.run("sendmail", "-oi", "a@example.com", input=message(HOT_BODY))
    assert result.returncode == EX_TEMPFAIL
    err = result.stderr.decode().strip()
    assert err.count("\n") == 0 and "cannot open the hold queue" in err
    assert env.fake.messages() == []
    # A calm message does not need the queue at all.
    calm = env.run("sendmail", "-oi", "a@example.com", input=message(CALM_BODY))
    assert calm.returncode == 0 and len(env.fake.messages()) == 1


def test_sendmail_pointing_back_at_tonecheck_does_not_loop(env: Env) -> None:
    env.vars["TONECHECK_SENDMAIL"] = " ".join([*tonecheck_command(), "sendmail"])
    result = env.run("sendmail", "-oi", "a@example.com", input=message(CALM_BODY), timeout=60)
    # The inner tonecheck refuses with 75 at once; the outer passes that status on.
    assert result.returncode == EX_TEMPFAIL
    assert "is tonecheck itself" in result.stderr.decode()
    assert env.fake.messages() == []


def test_smtp_mode_is_refused_rather_than_sent_unchecked(env: Env) -> None:
    import subprocess
    from pathlib import Path

    result = env.run("sendmail", "-bs", input=b"HELO x\r\n")
    assert result.returncode == 64 and "-bs" in result.stderr.decode()
    # tonecheck-sendmail is the same wrapper, for clients that take a path and no arguments.
    script = Path(tonecheck_command()[0]).with_name("tonecheck-sendmail")
    if script.exists():
        alias = subprocess.run([str(script), "-bs"], input=b"", capture_output=True, env=env.vars)
        assert alias.returncode == 64 and "-bs" in alias.stderr.decode()
    assert env.fake.messages() == [] and env.rows() == []


def test_queue_errors_are_one_line_and_exit_2(env: Env) -> None:
    for args in (["queue", "show", "zz!"], ["queue", "release", "abcdef12"],
                 ["queue", "list", "--format", "xml"]):
        result = env.run(*args)
        assert result.returncode == 2, args
        assert result.stderr.decode().count("\n") == 1, result.stderr
