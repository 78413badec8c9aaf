"""The installed git hooks, driven by real git: pre-commit and sendemail-validate."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sendkit import CALM_BODY, HOT_BODY, Env, git, write

CALM_COMMIT = "Retry the fetch loop three times\n\nIt gave up after the first failure.\n"
HOT_COMMIT = "FIX THIS NOW!!! I am sick of this RIDICULOUS loop\n\nAnswer me today or we are done!!!\n"


def commit(repo: Path, env: Env, message: str = "Add draft") -> subprocess.CompletedProcess:
    return git(repo, "commit", "-q", "-m", message, env=env, check=False)


def test_pre_commit_stops_a_hot_staged_draft_and_lets_a_calm_one_through(env: Env, repo: Path
                                                                        ) -> None:
    installed = env.run("hook", "install", "pre-commit", "--repo", str(repo))
    assert installed.returncode == 0, installed.stderr
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert hook.stat().st_mode & 0o111

    write(repo / "letters" / "sam.md", HOT_BODY)
    write(repo / "notes.py", "# " + HOT_BODY.replace("\n", " ") + "\n")  # not a draft
    git(repo, "add", ".", env=env)
    stopped = commit(repo, env)
    err = stopped.stderr.decode()
    assert stopped.returncode != 0
    assert "letters/sam.md" in err and "Verdict: WAIT" in err and "commit stopped" in err
    assert "notes.py" not in err
    assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == b"1"

    # The staged text is what counts: calm in the index, hot in the working tree.
    write(repo / "letters" / "sam.md", CALM_BODY)
    git(repo, "add", ".", env=env)
    write(repo / "letters" / "sam.md", HOT_BODY)
    passed = commit(repo, env)
    assert passed.returncode == 0, passed.stderr
    assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == b"2"


def test_pre_commit_globs_come_from_the_config(env: Env, repo: Path) -> None:
    env.run("hook", "install", "pre-commit", "--repo", str(repo))
    write(repo / ".tonecheck.toml", '[hooks]\ninclude = ["outbox/*"]\nexclude = ["*.log"]\n')
    write(repo / "outbox" / "to-sam", HOT_BODY)  # no extension, but under outbox/
    write(repo / "outbox" / "debug.log", HOT_BODY)
    write(repo / "draft.txt", HOT_BODY)  # *.txt is no longer included
    git(repo, "add", ".", env=env)
    err = commit(repo, env).stderr.decode()
    assert "outbox/to-sam" in err
    assert "debug.log" not in err and "draft.txt" not in err

    write(repo / ".tonecheck.toml", '[hooks]\ninclude = "outbox/*"\n')
    git(repo, "add", ".", env=env)
    broken = commit(repo, env)
    assert broken.returncode != 0
    assert "hooks.include must be a list" in broken.stderr.decode()


def test_pre_commit_reads_each_drafts_config_from_its_own_folder(env: Env, repo: Path) -> None:
    env.run("hook", "install", "pre-commit", "--repo", str(repo))
    never_flag = "".join(f"[thresholds.{band}]\nintensity = 101\npushiness = 101\nlength = 101\n"
                         for band in ("revise", "wait"))
    write(repo / "relaxed" / ".tonecheck.toml", never_flag)
    # A repository's config may only make the hook stricter unless the user trusts it.
    write(Path(env.vars["XDG_CONFIG_HOME"]) / "tonecheck" / "config.toml",
          f"[trust]\nfolders = [{str(repo / 'relaxed')!r}]\n")
    write(repo / "relaxed" / "a.md", HOT_BODY)
    write(repo / "letters" / "b.md", HOT_BODY)
    git(repo, "add", ".", env=env)
    err = commit(repo, env).stderr.decode()
    assert "letters/b.md" in err
    assert "relaxed/a.md" not in err


def test_an_existing_hook_is_never_overwritten_silently(env: Env, repo: Path) -> None:
    hooks = repo / ".git" / "hooks"
    theirs = "#!/bin/sh\necho theirs ran >> \"$(git rev-parse --git-dir)/theirs.log\"\n"
    write(hooks / "pre-commit", theirs).chmod(0o755)

    refused = env.run("hook", "install", "pre-commit", "--repo", str(repo))
    assert refused.returncode == 2
    assert "--chain" in refused.stderr.decode() and "--force" in refused.stderr.decode()
    assert (hooks / "pre-commit").read_text() == theirs

    # --chain: theirs runs first, then tonecheck.
    assert env.run("hook", "install", "pre-commit", "--chain", "--repo", str(repo)).returncode == 0
    write(repo / "a.txt", CALM_BODY)
    git(repo, "add", ".", env=env)
    assert commit(repo, env).returncode == 0
    assert (repo / ".git" / "theirs.log").read_text() == "theirs ran\n"
    write(repo / "b.txt", HOT_BODY)
    git(repo, "add", ".", env=env)
    assert commit(repo, env).returncode != 0
    assert (repo / ".git" / "theirs.log").read_text() == "theirs ran\n" * 2

    # Uninstalling puts theirs back exactly.
    assert env.run("hook", "uninstall", "pre-commit", "--repo", str(repo)).returncode == 0
    assert (hooks / "pre-commit").read_text() == theirs
    assert not (hooks / "pre-commit.tonecheck-chained").exists()

    # --force replaces it, keeping a backup, and uninstall restores that too.
    assert env.run("hook", "install", "pre-commit", "--force", "--repo", str(repo)).returncode == 0
    assert "tonecheck-hook" in (hooks / "pre-commit").read_text()
    assert (hooks / "pre-commit.tonecheck-backup").read_text() == theirs
    assert env.run("hook", "uninstall", "pre-commit", "--repo", str(repo)).returncode == 0
    assert (hooks / "pre-commit").read_text() == theirs

    # Not ours: uninstall leaves it alone.
    left = env.run("hook", "uninstall", "pre-commit", "--repo", str(repo))
    assert left.returncode == 2 and "not tonecheck's" in left.stderr.decode()
    assert (hooks / "pre-commit").read_text() == theirs


def test_hook_install_errors(env: Env, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    result = env.run("hook", "install", "pre-commit", "--repo", str(plain))
    assert result.returncode == 2 and "not a git repository" in result.stderr.decode()
    result = env.run("hook", "install", "post-commit", "--repo", str(plain))
    assert result.returncode == 2 and "unknown hook" in result.stderr.decode()


def _send_email_available() -> bool:
    try:
        exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        return False
    return (Path(exec_path.strip()) / "git-send-email").exists()


needs_send_email = pytest.mark.skipif(
    not _send_email_available(), reason="git send-email is not installed (apt-get install git-email)")


def send_email(repo: Path, env: Env, *what: str) -> subprocess.CompletedProcess:
    return git(repo, "send-email", "--dry-run", "--confirm=never", "--suppress-cc=all",
               "--from=alex@example.com", "--to=list@example.com", *what, env=env, check=False)


@needs_send_email
def test_send_email_stops_a_hot_commit_message_but_never_reads_the_diff(env: Env, repo: Path
                                                                       ) -> None:
    assert env.run("hook", "install", "sendemail-validate", "--repo", str(repo)).returncode == 0
    # The diff is full of hot words; the commit message is calm. It goes.
    write(repo / "angry.txt", HOT_BODY)
    git(repo, "add", ".", env=env)
    git(repo, "commit", "-q", "--no-verify", "-m", CALM_COMMIT, env=env)
    ok = send_email(repo, env, "-1")
    assert ok.returncode == 0, ok.stderr
    assert b"Dry-OK" in ok.stdout + ok.stderr or b"Result: OK" in ok.stdout + ok.stderr

    # A hot commit message stops the whole series, and nothing is sent.
    write(repo / "angry.txt", "calm now\n")
    git(repo, "commit", "-q", "-a", "--no-verify", "-m", HOT_COMMIT, env=env)
    stopped = send_email(repo, env, "-2")
    err = stopped.stderr.decode()
    assert stopped.returncode != 0
    assert "send-email stopped" in err and "Verdict: WAIT" in err
    assert "no patches were sent" in err


@needs_send_email
def test_send_email_lets_imperative_commit_messages_through(env: Env, repo: Path) -> None:
    # Git's own convention: "Fix the crash", said to the code, not to the reader.
    assert env.run("hook", "install", "sendemail-validate", "--repo", str(repo)).returncode == 0
    write(repo / "f.txt", "one\n")
    git(repo, "add", ".", env=env)
    git(repo, "commit", "-q", "-m", "Fix the crash when the input is empty\n\n"
        "Check the length first and return early.", env=env)
    result = send_email(repo, env, "-1")
    assert result.returncode == 0, result.stderr


@needs_send_email
def test_send_email_checks_the_cover_letter(env: Env, repo: Path) -> None:
    assert env.run("hook", "install", "sendemail-validate", "--repo", str(repo)).returncode == 0
    write(repo / "f.txt", "one\n")
    git(repo, "add", ".", env=env)
    git(repo, "commit", "-q", "-m", CALM_COMMIT, env=env)
    out = repo.parent / "patches"
    git(repo, "format-patch", "-q", "--cover-letter", "-1", "-o", str(out), env=env)
    cover = next(out.glob("0000-*"))
    text = cover.read_text()
    cover.write_text(text.replace("*** SUBJECT HERE ***", "Retries for the fetch loop")
                     .replace("*** BLURB HERE ***", "This small series adds retries."))
    calm = send_email(repo, env, str(out))
    assert calm.returncode == 0, calm.stderr

    cover.write_text(text.replace("*** SUBJECT HERE ***", "Retries")
                     .replace("*** BLURB HERE ***", HOT_BODY))
    hot = send_email(repo, env, str(out))
    assert hot.returncode != 0
    assert "0000-cover-letter.patch" in hot.stderr.decode()


def test_patch_prose_is_subject_and_message_only() -> None:
    from tonecheck.send.githooks import patch_prose

    patch = (
        b"From 1234 Mon Sep 17 00:00:00 2001\nFrom: Alex <alex@example.com>\n"
        b"Subject: [PATCH v2 2/3] Retry the fetch loop\n\n"
        b"It gave up after one failure.\n\nSigned-off-by: Alex <alex@example.com>\n---\n"
        b" f.txt | 1 +\n\ndiff --git a/f.txt b/f.txt\n+ANSWER ME NOW!!!\n-- \n2.39.5\n"
    )
    draft = patch_prose(patch, "0002.patch")
    assert "ANSWER" not in draft.source and "diff" not in draft.source
    assert draft.text.lstrip().startswith("Retry the fetch loop")
    assert "It gave up after one failure." in draft.text
    assert draft.position(draft.text.index("It gave")) == (5, 1)  # the file's own line

    cover = (
        b"From: Alex <alex@example.com>\nSubject: [PATCH 0/2] *** SUBJECT HERE ***\n\n"
        b"*** BLURB HERE ***\n\nAlex Doe (2):\n  FIX THIS NOW!!!\n  Other\n\n f | 2 +-\n"
    )
    draft = patch_prose(cover, "0000-cover-letter.patch")
    assert draft.text.strip() == "" and "FIX THIS" not in draft.source
