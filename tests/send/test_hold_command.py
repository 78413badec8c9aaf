"""`tonecheck hold FILE`, and `tonecheck check` on a draft that is still held."""

from __future__ import annotations

from sendkit import CALM_BODY, HOT_BODY, LATER, Env, InProcess, write


def test_check_on_a_held_draft_says_until_when_and_exits_1(env: Env) -> None:
    draft = write(env.root / "coffee.txt", CALM_BODY)  # calm: check passes it when not held
    held = env.run("hold", str(draft), "--for", "2h")
    assert held.returncode == 0, held.stderr
    [row] = env.rows()
    out = held.stdout.decode()
    assert f"held as {row['id']} until Thu 26 Nov 16:00 UTC" in out

    during = env.run("check", "--format", "json", str(draft))
    assert during.returncode == 1
    assert f"held as {row['id']} until Thu 26 Nov 16:00" in during.stderr.decode()
    assert during.stdout.decode().lstrip().startswith("{")  # JSON on stdout stays clean

    after = env.run("check", str(draft), now="2026-11-26T16:01:00+00:00")
    assert after.returncode == 0, after.stderr

    # An edit does not escape the hold: the file is held by its path, too.
    draft.write_text(CALM_BODY + "See you soon.\n")
    assert env.run("check", str(draft)).returncode == 1


def test_hold_a_hot_draft_then_release_it(inproc: InProcess) -> None:
    from typer.testing import CliRunner

    from tonecheck.cli.app import app

    draft = write(inproc.env.root / "letter.md", HOT_BODY)
    runner = CliRunner()
    result = runner.invoke(app, ["hold", str(draft)])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["hold", str(draft)])
    assert "already held" in again.output
    [entry] = inproc.queue().entries()
    assert entry.origin == "hold" and entry.command is None and entry.path == str(draft)
    assert inproc.release(entry.id).status == "refused"
    outcome = inproc.release(entry.id, now=LATER)
    assert outcome.status == "released" and str(draft) in outcome.detail
    assert inproc.queue().entries() == []
    # A held draft is never sent anywhere, and the file itself is untouched.
    assert inproc.flush() == [] and inproc.env.fake.messages() == []
    assert draft.read_text() == HOT_BODY


def test_hold_refuses_what_it_cannot_read(env: Env) -> None:
    result = env.run("hold", str(env.root / "missing.txt"))
    assert result.returncode == 2
    assert "missing.txt: no such file" in result.stderr.decode()
    assert env.rows() == []
