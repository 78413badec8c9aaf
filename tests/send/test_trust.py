"""Issues 13 and 14: what a cloned repository's config or a crafted message can make the
send path do. Real git, real SQLite, real processes; the attacker's side is real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sendkit import CALM_BODY, HOT_BODY, LATER, Env, git, make_repo, message, tonecheck_command, write

EX_TEMPFAIL = 75


def user_config(env: Env, text: str) -> Path:
    return write(Path(env.vars["XDG_CONFIG_HOME"]) / "tonecheck" / "config.toml", text)


def evil_command(env: Env) -> tuple[Path, Path]:
    """A program a repository would like run, and the file it leaves if it ever runs."""
    marker = env.root / "evil-ran"
    script = write(env.root / "evil" / "sendmail", f"#!/bin/sh\ntouch {marker}\ncat >/dev/null\n")
    script.chmod(0o755)
    return script, marker


LAX = "".join(f"[thresholds.{band}]\nintensity = 101\npushiness = 101\nlength = 101\n"
              for band in ("revise", "wait"))


# -- 1. commands come only from the user's own config, --config or the environment --------


def test_a_repo_config_never_names_the_sendmail_command(env: Env) -> None:
    evil, marker = evil_command(env)
    repo = env.root / "clone"
    write(repo / ".tonecheck.toml", f'profile = "work"\n[sendmail]\ncommand = "{evil}"\n')
    user_config(env, f'[sendmail]\ncommand = "{env.fake.path}"\n')
    del env.vars["TONECHECK_SENDMAIL"]

    calm = env.run("sendmail", "-oi", input=message(CALM_BODY, 1), cwd=repo)
    assert calm.returncode == 0, calm.stderr
    assert env.delivered_ids() == ["msg-1"] and not marker.exists()

    held = env.run("sendmail", "-oi", input=message(HOT_BODY, 2), cwd=repo)
    assert held.returncode == EX_TEMPFAIL
    [row] = env.rows()
    assert json.loads(row["sendmail"]) == [str(env.fake.path)]
    assert row["config"] != str(repo / ".tonecheck.toml")

    # Later the repository changes its mind; cron flushes from /.
    write(repo / ".tonecheck.toml", f'[sendmail]\ncommand = "{evil}"\n')
    flushed = env.run("queue", "flush", now=LATER, cwd=Path("/"))
    assert flushed.returncode == 0, flushed.stderr
    assert env.delivered_ids() == ["msg-1", "msg-2"] and not marker.exists()


# -- 2. for the wrapper and the hooks, a repo config may only make the check stricter ------


def test_a_repo_config_cannot_let_hot_mail_through_unless_the_user_trusts_it(env: Env) -> None:
    repo = env.root / "clone"
    write(repo / ".tonecheck.toml", LAX + '[weights]\n"tone.shouting" = 0\n')
    held = env.run("sendmail", "-oi", input=message(HOT_BODY, 1), cwd=repo)
    assert held.returncode == EX_TEMPFAIL, held.stderr
    assert env.delivered_ids() == []

    # `check` is advice, not a send: there the repository's config still applies.
    write(repo / "draft.txt", HOT_BODY)
    assert env.run("check", "draft.txt", cwd=repo).returncode == 0

    user_config(env, f"[trust]\nfolders = [{str(repo)!r}]\n")
    sent = env.run("sendmail", "-oi", input=message(HOT_BODY, 2), cwd=repo)
    assert sent.returncode == 0, sent.stderr
    assert env.delivered_ids() == ["msg-2"]


def test_a_repo_config_can_still_make_the_check_stricter(env: Env) -> None:
    repo = env.root / "strict"
    strict = "".join(f"[thresholds.{band}]\nintensity = 0\npushiness = 0\n"
                     for band in ("revise", "wait"))
    write(repo / ".tonecheck.toml", strict)
    mild = "Hello Sam,\n\nI am annoyed that the report is late again. Send it today.\n"
    assert env.run("sendmail", "-oi", input=message(CALM_BODY, 1)).returncode == 0
    held = env.run("sendmail", "-oi", input=message(mild, 2), cwd=repo)
    assert held.returncode == EX_TEMPFAIL, held.stderr
    assert env.delivered_ids() == ["msg-1"]


# -- 3. the installed hook runs the installed program, isolated, and quotes its path -------


def odd_interpreter(root: Path) -> Path:
    """This venv's python under a path with an apostrophe and a $(...) in it."""
    venv = Path(sys.prefix)
    odd = root / "it's $(touch pwned)" / "venv"
    (odd / "bin").mkdir(parents=True)
    shutil.copy(venv / "pyvenv.cfg", odd / "pyvenv.cfg")
    (odd / "lib").symlink_to(venv / "lib")
    python = odd / "bin" / "python"
    python.symlink_to(Path(sys.executable).resolve())
    return python


def test_the_git_hook_runs_the_installed_tonecheck_isolated_under_any_path(env: Env) -> None:
    repo = make_repo(env)
    # A repository that ships its own `tonecheck` package, hoping the hook imports it.
    write(repo / "tonecheck" / "__init__.py", "")
    write(repo / "tonecheck" / "__main__.py",
          "import pathlib\npathlib.Path(__file__).with_name('RAN').touch()\n")
    python = odd_interpreter(env.root)
    installed = subprocess.run([str(python), "-I", "-m", "tonecheck", "hook", "install",
                                "pre-commit", "--repo", str(repo)], capture_output=True,
                               env=env.vars, cwd=env.root, timeout=120)
    assert installed.returncode == 0, installed.stderr

    write(repo / "calm.txt", CALM_BODY)
    git(repo, "add", "calm.txt", env=env)
    ok = git(repo, "commit", "-q", "-m", "calm", env=env, check=False)
    assert ok.returncode == 0, ok.stderr
    write(repo / "hot.txt", HOT_BODY)
    git(repo, "add", "hot.txt", env=env)
    stopped = git(repo, "commit", "-q", "-m", "hot", env=env, check=False)
    assert stopped.returncode == 1 and b"commit stopped" in stopped.stderr

    # The interpreter goes away: the hook says so, with the path as it is.
    python.unlink()
    gone = git(repo, "commit", "-q", "-m", "hot", env=env, check=False)
    assert gone.returncode == 1
    assert f"{python} is gone".encode() in gone.stderr
    assert not (repo / "tonecheck" / "RAN").exists()
    assert not list(env.root.rglob("pwned")) and not list(repo.rglob("pwned"))


# -- 4. packs named by a repo config stay inside its tree, regular and small -------------


@pytest.mark.parametrize("name, problem", [
    ("/etc/passwd", "outside this config's folder"),
    ("zero.toml", "outside this config's folder"),
    ("fifo.toml", "not a regular file"),
    ("big.toml", "over the 1024 KB"),
])
def test_a_repo_config_cannot_name_any_file_as_a_rule_pack(env: Env, name: str,
                                                           problem: str) -> None:
    repo = env.root / "clone"
    write(repo / ".tonecheck.toml", f"rules = [{name!r}]\n")
    (repo / "zero.toml").symlink_to("/dev/zero")
    os.mkfifo(repo / "fifo.toml")
    (repo / "big.toml").write_text("# x\n" * 300_000)
    write(repo / "draft.txt", CALM_BODY)
    started = time.monotonic()
    result = env.run("check", "draft.txt", cwd=repo, timeout=30)
    assert time.monotonic() - started < 30
    err = result.stderr.decode()
    assert result.returncode == 2 and len(err.splitlines()) == 1, err
    assert err.startswith("tonecheck: ") and problem in err and "Traceback" not in err
    assert str(repo / ".tonecheck.toml") in err or str(repo) in err


# -- 5. a queue that is not the caller's is refused --------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the queue to another uid")
def test_root_refuses_to_flush_another_users_queue(env: Env) -> None:
    assert env.run("sendmail", "-oi", input=message(HOT_BODY, 1)).returncode == EX_TEMPFAIL
    for path in [env.db.parent, *env.db.parent.rglob("*")]:
        os.lchown(path, 12345, 12345)
    result = env.run("queue", "flush", now=LATER)
    err = result.stderr.decode()
    assert result.returncode == 2 and "belongs to uid 12345" in err and "Traceback" not in err
    assert env.delivered_ids() == []


# -- 6. the real sendmail gets the message whole, even if tonecheck dies ------------------


KILLER = """\
#!{python}
# Kills the tonecheck that started it, then reads what it was given.
import os, signal, sys, time
os.kill(os.getppid(), signal.SIGKILL)
time.sleep(0.5)
open({out!r}, "wb").write(sys.stdin.buffer.read())
"""


def test_a_kill_during_the_hand_off_never_gives_sendmail_a_truncated_message(env: Env) -> None:
    got = env.root / "got.eml"
    killer = write(env.root / "killer", KILLER.format(python=sys.executable, out=str(got)))
    killer.chmod(0o755)
    data = message(HOT_BODY + "Sam, we need to talk about this.\n" * 8000, 1)
    assert len(data) > 200_000
    env.vars["TONECHECK_SENDMAIL"] = str(killer)
    assert env.run("sendmail", "-oi", input=data).returncode == EX_TEMPFAIL
    [row] = env.rows()
    env.run("queue", "release", row["id"], "--force")
    for _ in range(50):
        if got.exists() and got.stat().st_size == len(data):
            break
        time.sleep(0.1)
    assert got.read_bytes() == data
    [row] = env.rows()
    assert row["state"] in ("sending", "unknown")  # not resent without --force
    listed = env.run("queue", "list").stdout.decode()
    assert "unknown" in listed


# -- 7. oversized input is held unchecked at once ----------------------------------------


def test_a_message_over_20_mb_is_held_unchecked_quickly(env: Env) -> None:
    data = message("calm words and more calm words\n" * 700_000, 1)
    assert len(data) > 20 * 1024 * 1024
    started = time.monotonic()
    result = env.run("sendmail", "-oi", input=data)
    assert time.monotonic() - started < 15
    err = result.stderr.decode()
    assert result.returncode == EX_TEMPFAIL and "over 20 MB" in err and "Traceback" not in err
    [row] = env.rows()
    assert bytes(row["message"]) == data and row["verdict"] == "error"
    assert env.delivered_ids() == []
    refused = env.run("queue", "release", row["id"])
    assert refused.returncode == 1 and env.delivered_ids() == []
    assert env.run("queue", "flush", now=LATER).returncode == 0 and env.delivered_ids() == []


# -- 8. a closed stdin --------------------------------------------------------------------


def test_a_closed_stdin_is_a_clean_exit_75(env: Env) -> None:
    program = tonecheck_command()
    result = subprocess.run(["sh", "-c", 'exec "$@" <&-', "sh", *program, "sendmail", "-oi"],
                            capture_output=True, env=env.vars, cwd=env.root, timeout=60)
    err = result.stderr.decode()
    assert result.returncode == EX_TEMPFAIL, err
    assert "stdin is closed" in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert env.rows() == []


# -- 9. --help ---------------------------------------------------------------------------


def test_sendmail_help_prints_help_and_queues_nothing(env: Env) -> None:
    result = env.run("sendmail", "--help", input=b"From: a\n\nhello\n")
    assert result.returncode == 0, result.stderr
    assert b"Usage: tonecheck sendmail" in result.stdout
    script = Path(tonecheck_command()[0]).parent / "tonecheck-sendmail"
    if script.exists():
        other = subprocess.run([str(script), "--help"], capture_output=True, env=env.vars,
                               stdin=subprocess.DEVNULL, timeout=60)
        assert other.returncode == 0 and b"Usage:" in other.stdout
    assert env.rows() == [] and env.delivered_ids() == []


# -- 10. a message held because sendmail was missing goes once it is there ---------------


def test_release_after_a_missing_sendmail_re_resolves_or_takes_via(env: Env) -> None:
    missing = str(env.root / "not-installed" / "sendmail")
    env.vars["TONECHECK_SENDMAIL"] = missing
    for n in (1, 2):
        held = env.run("sendmail", "-oi", input=message(CALM_BODY, n))
        assert held.returncode == EX_TEMPFAIL and "could not run" in held.stderr.decode()
    first, second = env.rows()
    assert json.loads(first["sendmail"]) == [missing]

    via = env.run("queue", "release", first["id"], "--via", f"{env.fake.path} -v")
    assert via.returncode == 0, via.stderr
    assert env.delivered_ids() == ["msg-1"]

    env.vars["TONECHECK_SENDMAIL"] = str(env.fake.path)  # the fix: sendmail is installed
    again = env.run("queue", "release", second["id"])
    assert again.returncode == 0, again.stderr
    assert env.delivered_ids() == ["msg-1", "msg-2"] and env.rows() == []


# -- 11, 12. a held draft stays held when edited, once, and `check` says so ---------------


def test_an_edited_held_draft_stays_held_once_and_check_shows_the_hold(env: Env) -> None:
    draft = write(env.root / "letter.txt", HOT_BODY)
    held = env.run("hold", str(draft), "--for", "2h")
    assert held.returncode == 0, held.stderr
    [row] = env.rows()

    draft.write_text(HOT_BODY.replace("Sam", "Samantha"))  # an edit must not escape
    checked = env.run("check", str(draft), "--format", "json")
    assert checked.returncode == 1
    assert json.loads(checked.stdout)["held_until"] == row["not_before"]
    assert f"held as {row['id']}" in checked.stderr.decode()
    text = env.run("check", str(draft))
    assert "Held in the queue until" in text.stdout.decode()

    again = env.run("hold", str(draft))
    assert again.returncode == 0 and b"already held" in again.stdout
    [after] = env.rows()
    assert after["id"] == row["id"] and after["not_before"] == row["not_before"]
    assert bytes(after["message"]) == draft.read_bytes()

    # Calmed while held: the verdict says HELD, not SEND, and the check still exits 1.
    draft.write_text(CALM_BODY)
    calmed = env.run("check", str(draft))
    assert calmed.returncode == 1
    assert "Verdict: HELD" in calmed.stdout.decode() and "Verdict: SEND" not in calmed.stdout.decode()

    calm = write(env.root / "other.txt", CALM_BODY)
    assert json.loads(env.run("check", str(calm), "--format", "json").stdout)["held_until"] is None
    assert "Verdict: SEND" in env.run("check", str(calm)).stdout.decode()


@pytest.mark.parametrize("regex", ["(\\\\w+\\\\s?)*$", "(a|aa)+$"])
def test_a_user_regex_that_backtracks_catastrophically_is_refused_at_load(env: Env,
                                                                         regex: str) -> None:
    pack = write(env.root / "mine.toml", f"""\
        [[rules]]
        id = "slow"
        kind = "pattern"
        dimension = "intensity"
        message = "x"
        patterns = ['{regex}']
        """)
    draft = write(env.root / "d.txt", "a" * 40 + "!\n")
    started = time.monotonic()
    result = env.run("check", "--rules", str(pack), str(draft), timeout=60)
    err = result.stderr.decode()
    assert time.monotonic() - started < 30
    assert result.returncode == 2 and len(err.splitlines()) == 1, err
    assert "rule 'mine.slow'" in err and str(pack) in err and "exponential" in err
