"""Real neomutt in batch mode, with `set sendmail="tonecheck sendmail -oi"`."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from sendkit import CALM_BODY, HOT_BODY, LATER, Env, tonecheck_command

pytestmark = pytest.mark.skipif(shutil.which("neomutt") is None,
                                reason="neomutt is not installed (apt-get install neomutt)")


def neomutt(env: Env, subject: str, body: str) -> subprocess.CompletedProcess:
    muttrc = env.root / "muttrc"
    muttrc.write_text(
        f'set sendmail="{" ".join(tonecheck_command())} sendmail -oi"\n'
        'set from="Alex <alex@example.com>"\n'
        'set use_from=yes\n'
        'set record=""\n'
        'set copy=no\n'
        'set charset="utf-8"\n'
    )
    return subprocess.run(["neomutt", "-n", "-F", str(muttrc), "-s", subject, "sam@example.com"],
                          input=body.encode(), capture_output=True, env=env.vars, cwd=env.root,
                          timeout=120)


def test_neomutt_sends_calm_mail_straight_through(env: Env) -> None:
    result = neomutt(env, "Coffee?", CALM_BODY)
    assert result.returncode == 0, result.stderr
    [sent] = env.fake.messages()
    assert b"Subject: Coffee?" in sent and CALM_BODY.encode() in sent
    assert env.fake.args() == [["-oi", "--", "sam@example.com"]]
    assert env.rows() == []


def test_neomutt_send_is_deferred_then_released_unchanged(env: Env) -> None:
    result = neomutt(env, "Answer me", HOT_BODY)
    err = result.stderr.decode()
    assert result.returncode != 0
    assert "75" in err and "Deferred" in err  # neomutt's own words for EX_TEMPFAIL
    assert "held as" in err
    assert env.fake.messages() == []
    [row] = env.rows()
    held = bytes(row["message"])
    assert b"Subject: Answer me" in held and b"Message-ID:" in held

    refused = env.run("queue", "release", row["id"])
    assert refused.returncode == 1 and "held until" in refused.stderr.decode()
    released = env.run("queue", "release", row["id"], now=LATER)
    assert released.returncode == 0, released.stderr
    # What neomutt handed over is exactly what reaches the real sendmail, with its arguments.
    assert env.fake.messages() == [held]
    assert env.fake.args() == [["-oi", "--", "sam@example.com"]]
    assert env.rows() == []
