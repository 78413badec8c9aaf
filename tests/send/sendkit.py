"""Helpers for the send-side tests: the installed tonecheck, a recording fake sendmail,
an isolated user, and ways to read the hold queue and count deliveries."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

#: A Thursday afternoon, outside the default quiet hours (22:00-07:00).
NOW = "2026-11-26T14:00:00+00:00"
#: Four days later: past the longest cool-off of the default profile (three days).
LATER = "2026-11-30T14:00:00+00:00"

HOT_BODY = (
    "Sam,\n\nWHY ARE YOU IGNORING ME??? I saw you were online last night.\n"
    "Please, please talk to me. I'm begging you. I can't live without you.\n"
    "Answer me tonight or we are done!!!\n"
)
CALM_BODY = ("Hello Sam, how are you doing? You crossed my mind, and I thought maybe we "
             "should meet up for coffee.\n")


def tonecheck_command() -> list[str]:
    """The installed console script next to this interpreter, as a user would run it."""
    script = Path(sys.executable).parent / "tonecheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tonecheck"]


def message(body: str, n: int = 0, subject: str = "Hello", attempt: int = 0) -> bytes:
    """An email as a mail client hands it to sendmail. X-Test-Msg names the message; like a
    real client, each attempt to send it gets a new Date and Message-ID."""
    return (
        f"From: Alex <alex@example.com>\nTo: Sam <sam@example.com>\nSubject: {subject}\n"
        f"Date: Thu, 26 Nov 2026 14:00:{attempt:02d} +0000\n"
        f"Message-ID: <msg-{n}.{attempt}@test.example>\nX-Test-Msg: msg-{n}\n"
        f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}"
    ).encode()


FAKE_SENDMAIL = """\
#!{python}
# A recording sendmail: each accepted message becomes out/NNN.eml (+ .args as JSON),
# written to a temp name and renamed, so a file that exists is a whole delivery.
import json, os, sys, tempfile
out = {out!r}
if os.path.exists(os.path.join(out, "..", "fail")):
    sys.stderr.write("fake sendmail: mail server unreachable\\n")
    sys.exit(1)
data = sys.stdin.buffer.read()
fd, tmp = tempfile.mkstemp(dir=out, prefix=".incoming")
with os.fdopen(fd, "wb") as fh:
    fh.write(data)
name = os.path.join(out, "%d-%d" % (os.getpid(), len(os.listdir(out))))
with open(name + ".args", "w") as fh:
    json.dump(sys.argv[1:], fh)
os.rename(tmp, name + ".eml")
if os.path.exists(os.path.join(out, "..", "interrupt")):
    import signal
    os.kill(os.getppid(), signal.SIGINT)  # as if the user pressed Ctrl-C mid-send
"""


@dataclass
class Fake:
    """The recording sendmail and what it received."""

    path: Path
    out: Path

    def messages(self) -> list[bytes]:
        return [p.read_bytes() for p in sorted(self.out.glob("*.eml"))]

    def args(self) -> list[list[str]]:
        return [json.loads(p.read_text()) for p in sorted(self.out.glob("*.args"))]

    def fail(self, on: bool = True) -> None:
        flag = self.out.parent / "fail"
        flag.touch() if on else flag.unlink(missing_ok=True)

    def interrupt_caller(self) -> None:
        """After accepting a message, send SIGINT to whoever ran it."""
        (self.out.parent / "interrupt").touch()


@dataclass
class Env:
    """An isolated user: own HOME, config and data dirs, clock and sendmail."""

    root: Path
    vars: dict[str, str]
    fake: Fake

    @property
    def home(self) -> Path:
        return Path(self.vars["TONECHECK_HOME"])

    @property
    def db(self) -> Path:
        return self.home / "hold" / "queue.sqlite3"

    def run(self, *args: str, input: bytes | None = None, now: str | None = None,
            cwd: Path | None = None, extra: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
        env = {**self.vars, **(extra or {})}
        if now:
            env["TONECHECK_NOW"] = now
        return subprocess.run([*tonecheck_command(), *args], input=input, capture_output=True,
                              env=env, cwd=cwd or self.root, timeout=timeout)

    def popen(self, *args: str, extra: dict[str, str] | None = None) -> subprocess.Popen:
        return subprocess.Popen([*tonecheck_command(), *args], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**self.vars, **(extra or {})}, cwd=self.root)

    def rows(self) -> list[dict]:
        """The queue's rows, read straight from SQLite."""
        if not self.db.exists():
            return []
        conn = sqlite3.connect(self.db)
        conn.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in conn.execute("SELECT * FROM held ORDER BY held_ts")]
        finally:
            conn.close()

    def queued_ids(self) -> list[str]:
        """The X-Test-Msg names of the queued messages, one per copy."""
        return [_test_name(bytes(r["message"])) for r in self.rows()]

    def delivered_ids(self) -> list[str]:
        """The X-Test-Msg names of the delivered messages, one per delivery."""
        return [_test_name(m) for m in self.fake.messages()]


def _test_name(data: bytes) -> str:
    for line in data.decode("utf-8", "replace").splitlines():
        if line.lower().startswith("x-test-msg:"):
            return line.split(":", 1)[1].strip()
    return "?"


def make_env(tmp_path: Path) -> Env:
    out = tmp_path / "fake" / "out"
    out.mkdir(parents=True)
    fake_path = tmp_path / "fake" / "sendmail"
    fake_path.write_text(FAKE_SENDMAIL.format(python=sys.executable, out=str(out)))
    fake_path.chmod(0o755)
    home = tmp_path / "user"
    home.mkdir()
    keep = {k: v for k, v in os.environ.items()
            if k in ("PATH", "LANG", "LC_ALL", "PIP_FIND_LINKS", "PIP_INDEX_URL",
                     "PIP_EXTRA_INDEX_URL", "PIP_CERT", "PIP_DEFAULT_TIMEOUT",
                     "PIP_DISABLE_PIP_VERSION_CHECK", "SSL_CERT_FILE")}
    variables = {
        **keep,
        "HOME": str(home),
        "TZ": "UTC",
        "NO_COLOR": "1",
        "TONECHECK_HOME": str(tmp_path / "tonecheck-home"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "TONECHECK_NOW": NOW,
        "TONECHECK_SENDMAIL": str(fake_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Alex Doe", "GIT_AUTHOR_EMAIL": "alex@example.com",
        "GIT_COMMITTER_NAME": "Alex Doe", "GIT_COMMITTER_EMAIL": "alex@example.com",
    }
    return Env(tmp_path, variables, Fake(fake_path, out))


def git(repo: Path, *args: str, env: Env, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, env=env.vars,
                          check=check, timeout=120)


def make_repo(env: Env) -> Path:
    """A real git repository with one commit."""
    path = env.root / "drafts"
    path.mkdir()
    git(path, "init", "-q", "-b", "main", env=env)
    (path / "README").write_text("drafts\n")
    git(path, "add", "README", env=env)
    git(path, "commit", "-q", "-m", "Start", env=env)
    return path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


class InProcess:
    """The same user as `Env`, driven through the library in this process, which pays
    tonecheck's start-up once instead of per command."""

    def __init__(self, env: Env, monkeypatch) -> None:  # noqa: ANN001 - pytest.MonkeyPatch
        self.env = env
        for key in ("TONECHECK_CONFIG", "TONECHECK_TEST_KILL_AT", "TONECHECK_DELIVERING"):
            monkeypatch.delenv(key, raising=False)
        for key, value in env.vars.items():
            monkeypatch.setenv(key, value)
        monkeypatch.chdir(env.root)
        self.monkeypatch = monkeypatch

    def sendmail(self, data: bytes, *args: str) -> tuple[int, str]:
        import io

        from tonecheck.send import sendmail

        err = io.StringIO()
        code = sendmail.main(list(args), io.BytesIO(data), err)
        return code, err.getvalue()

    def queue(self):  # noqa: ANN201 - tonecheck.send.holdqueue.HoldQueue
        from tonecheck.send.holdqueue import HoldQueue

        return HoldQueue()

    def release(self, ident: str, now: str = NOW, force: bool = False):  # noqa: ANN201
        from datetime import datetime

        from tonecheck.send.holding import release

        return release(self.queue(), ident, datetime.fromisoformat(now), force)

    def flush(self, now: str = LATER):  # noqa: ANN201
        from datetime import datetime

        from tonecheck.send.holding import flush

        return flush(self.queue(), datetime.fromisoformat(now))
