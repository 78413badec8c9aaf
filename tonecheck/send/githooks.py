"""git hooks: pre-commit for drafts kept in a repository, sendemail-validate for patches.

Installing never overwrites a hook silently. A hook that is not ours is left alone and
explained, kept and run first (--chain), or set aside as a backup (--force); uninstalling
puts back whatever was there before.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import shlex
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TextIO

from ..config import Session, load_settings
from ..core.draft import Draft
from ..core.errors import ConfigError, TonecheckError, fail
from ..core.report import Report
from ..core.settings import Settings
from ..delay import when
from ..drafts.masking import mask

HOOKS = ("pre-commit", "sendemail-validate")
MARKER = "# tonecheck-hook:"
CHAINED = ".tonecheck-chained"
BACKUP = ".tonecheck-backup"
DEFAULT_INCLUDE = ["*.txt", "*.md", "*.markdown", "*.eml"]
HOOK_KEYS = {"include", "exclude"}


def _git(repo: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise TonecheckError("git is not installed") from None
    if proc.returncode != 0:
        said = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise TonecheckError(f"git {args[0]} failed: {said[-1] if said else proc.returncode}",
                             str(repo))
    return proc.stdout


def hooks_dir(repo: Path) -> Path:
    """Where git looks for hooks in `repo` (core.hooksPath and worktrees included)."""
    if not repo.is_dir():
        raise TonecheckError("no such directory", str(repo))
    try:
        out = _git(repo, "rev-parse", "--git-path", "hooks")
    except TonecheckError:
        raise TonecheckError("not a git repository", str(repo)) from None
    path = Path(out.decode().strip())
    return path if path.is_absolute() else (repo / path).resolve()


def _script(name: str, chained: bool) -> str:
    python = shlex.quote(sys.executable)
    lines = [
        "#!/bin/sh",
        f"{MARKER} {name}",
        f"# Installed by `tonecheck hook install {name}`; "
        f"`tonecheck hook uninstall {name}` removes it.",
    ]
    if chained:
        lines += [
            "# The hook that was here before runs first; if it fails, that is the answer.",
            f'"$(dirname "$0")/{name}{CHAINED}" "$@" || exit $?',
        ]
    gone = (f"tonecheck: {name} hook: {sys.executable} is gone; reinstall with "
            f"`tonecheck hook install {name} --force`")
    # -I: isolated imports. git runs the hook from the repository's top, and a plain -m
    # would put that folder first on sys.path, so a repo's own tonecheck/ would run.
    # Every piece of the path is quoted: an apostrophe or a $(...) in it is only text.
    lines += [
        f"if [ ! -x {python} ]; then",
        f"  printf '%s\\n' {shlex.quote(gone)} >&2",
        "  exit 1",
        "fi",
        f'exec {python} -I -m tonecheck hook run {name} "$@"',
    ]
    return "\n".join(lines) + "\n"


def _is_ours(path: Path) -> bool:
    try:
        return MARKER in path.read_text(errors="replace")[:400]
    except OSError:
        return False


def _write_executable(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        os.chmod(tmp, 0o755)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def install(name: str, repo: Path, force: bool = False, chain: bool = False) -> str:
    """Install hook `name` in `repo`; returns what was done, in one line."""
    if name not in HOOKS:
        raise TonecheckError(f"unknown hook '{name}' (known: {', '.join(HOOKS)})")
    if force and chain:
        raise TonecheckError("--force replaces the existing hook, --chain keeps it: pick one")
    folder = hooks_dir(repo)
    folder.mkdir(parents=True, exist_ok=True)
    hook, chained, backup = folder / name, folder / f"{name}{CHAINED}", folder / f"{name}{BACKUP}"
    if hook.exists() and _is_ours(hook):
        _write_executable(hook, _script(name, chained.exists()))
        return f"{hook}: tonecheck's hook was already installed; refreshed it"
    if hook.exists() or hook.is_symlink():
        if chain:
            if chained.exists():
                raise TonecheckError(f"{chained} is in the way; move it and try again")
            os.replace(hook, chained)
            _write_executable(hook, _script(name, True))
            return f"{hook}: installed; the hook that was there runs first (kept as {chained.name})"
        if force:
            os.replace(hook, backup)
            _write_executable(hook, _script(name, False))
            return (f"{hook}: installed; the hook that was there is kept as {backup.name} and "
                    "comes back on uninstall")
        raise TonecheckError(
            f"there is already a {name} hook, not tonecheck's. --chain runs it first and then "
            f"tonecheck; --force replaces it (keeping it as {name}{BACKUP}). Nothing was changed",
            str(hook))
    _write_executable(hook, _script(name, False))
    return f"{hook}: installed"


def uninstall(name: str, repo: Path) -> str:
    if name not in HOOKS:
        raise TonecheckError(f"unknown hook '{name}' (known: {', '.join(HOOKS)})")
    folder = hooks_dir(repo)
    hook = folder / name
    if not hook.exists():
        raise TonecheckError(f"no {name} hook is installed; nothing to do", str(hook))
    if not _is_ours(hook):
        raise TonecheckError(f"this {name} hook is not tonecheck's; it was left alone", str(hook))
    for saved in (folder / f"{name}{CHAINED}", folder / f"{name}{BACKUP}"):
        if saved.exists() or saved.is_symlink():
            os.replace(saved, hook)
            return f"{hook}: removed tonecheck's hook and put back the one it replaced"
    hook.unlink()
    return f"{hook}: removed"


# -- pre-commit ---------------------------------------------------------------------


def hook_globs(settings: Settings) -> tuple[list[str], list[str]]:
    """The [hooks] include and exclude globs of the config."""
    table = settings.extra.get("hooks") or {}
    where = str(settings.config_path) if settings.config_path else None
    unknown = sorted(set(table) - HOOK_KEYS)
    if unknown:
        raise ConfigError(f"unknown key 'hooks.{unknown[0]}' (known: include, exclude)", where)
    out = []
    for key, default in (("include", DEFAULT_INCLUDE), ("exclude", [])):
        value = table.get(key, default)
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ConfigError(f"hooks.{key} must be a list of glob strings", where)
        out.append(value)
    return out[0], out[1]


def matches(path: str, globs: list[str]) -> bool:
    """A glob with no '/' matches the file name in any folder; one with '/' matches the
    path from the top of the repository."""
    name = path.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(path if "/" in g else name, g) for g in globs)


def staged_drafts(top: Path, include: list[str], exclude: list[str]) -> list[tuple[str, str]]:
    """(path, blob id) of each staged regular file that the globs select."""
    raw = _git(top, "diff", "--cached", "--raw", "-z", "--no-renames", "--diff-filter=ACM")
    fields = raw.split(b"\0")
    out = []
    for i in range(0, len(fields) - 1, 2):
        meta, path = fields[i].decode(), os.fsdecode(fields[i + 1])
        parts = meta.lstrip(":").split()
        mode, blob = parts[1], parts[3]
        if mode not in ("100644", "100755"):
            continue  # symlinks and submodules are not drafts
        if matches(path, include) and not matches(path, exclude):
            out.append((path, blob))
    return out


def run_pre_commit(now: datetime, stderr: TextIO | None = None) -> int:
    """Check the staged drafts; 0 lets the commit go, 1 stops it, 2 for an error."""
    from ..analysis import analyze_draft
    from ..drafts.load import load
    from .holdqueue import HoldQueue

    stderr = stderr or sys.stderr
    top = Path(_git(Path.cwd(), "rev-parse", "--show-toplevel").decode().strip())
    include, exclude = hook_globs(load_settings(start=top, strict=True))
    session = Session(None, None, None, strict=True)  # each draft's own config, found from its folder
    stopped: list[str] = []
    queue = HoldQueue()
    for path, blob in staged_drafts(top, include, exclude):
        data = _git(top, "cat-file", "blob", blob)
        settings = session.settings_for(str(top / path))
        try:
            draft = load(path, data)
        except TonecheckError as exc:
            fail(str(exc), stderr)
            stopped.append(path)
            continue
        report = analyze_draft(draft, settings, now)
        held = queue.held_copy(data, now)
        if report.verdict != "send":
            _show(report, now, stderr)
            stopped.append(path)
        elif held is not None:
            fail(f"{path}: held as {held.id} until {when(held.not_before)}", stderr)
            stopped.append(path)
    if stopped:
        fail(f"commit stopped: {len(stopped)} staged draft(s) should not go yet "
             f"({', '.join(stopped)}). Revise them, or `git commit --no-verify` to commit anyway.",
             stderr)
        return 1
    return 0


def _show(report: Report, now: datetime, stream: TextIO) -> None:
    from ..render.text import to_text

    stream.write(to_text(report, False, now, True) + "\n\n")


# -- sendemail-validate -------------------------------------------------------------

PATCH_EXEMPT_RULES = {"pressure.demand", "pressure.please-demand"}
_SUBJECT_TAGS = re.compile(r"^(?:\s*\[[^\]\n]*\])+\s*")
_PLACEHOLDER = re.compile(r"\*\*\* (?:SUBJECT|BLURB) HERE \*\*\*")
# Where the prose of a patch email ends: format-patch's '---' before the diffstat, a bare
# diff, or a cover letter's shortlog ("Alex Doe (3):").
_PROSE_END = re.compile(
    r"^(?:---[ \t]*$|diff --git |Index: |--- a/|--- /dev/null|\S[^\n]* \(\d+\):$)", re.M)


def patch_prose(data: bytes, path: str) -> Draft:
    """The part of a patch or cover letter a person wrote: subject (without its [PATCH n/m]
    tag) and the message up to the diff, as an email draft whose lines are the file's."""
    from ..drafts.email import parse_email

    draft = parse_email(data, path)
    subject, _, body = draft.source.partition("\n\n")
    start = len(subject) + 2
    end = _PROSE_END.search(body)
    source = draft.source[: start + end.start()] if end else draft.source
    chars = list(mask(source, "email"))
    tags = _SUBJECT_TAGS.match(subject)
    spans = [(0, tags.end())] if tags else []
    spans += [m.span() for m in _PLACEHOLDER.finditer(source)]
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    draft.source, draft.text = source, "".join(chars)
    return draft


def run_sendemail_validate(patch: str, now: datetime, stderr: TextIO | None = None) -> int:
    """Check one patch email's prose; non-zero makes git send-email send nothing at all."""
    from ..analysis import analyze_draft
    from ..drafts.load import read_bytes

    stderr = stderr or sys.stderr
    draft = patch_prose(read_bytes(patch), patch)
    if not draft.text.strip():
        return 0
    # No suggested revision: its `tonecheck revise` hint would name a temporary file, and
    # the fix belongs in the commit (git commit --amend) or the cover letter.
    settings = load_settings(start=Path.cwd(), strict=True)
    # Git asks for commit messages in the imperative mood ("Fix the leak"); that is said to
    # the code, not to the reader, so the instruction rules stay out of patches.
    settings = dataclasses.replace(
        settings, rules=[r for r in settings.rules if r.id not in PATCH_EXEMPT_RULES])
    report = analyze_draft(draft, settings, now, revise=False)
    if report.verdict == "send":
        return 0
    counter = os.environ.get("GIT_SENDEMAIL_FILE_COUNTER")
    total = os.environ.get("GIT_SENDEMAIL_FILE_TOTAL")
    which = f"patch {counter} of {total}" if counter and total else Path(patch).name
    _show(report, now, stderr)
    fail(f"send-email stopped at {which}: its message should not go yet. "
         "Revise it, or `git send-email --no-validate` to send anyway.", stderr)
    return 1
