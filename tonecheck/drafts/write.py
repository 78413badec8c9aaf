"""Writing a revision back: the file's own bytes, written so a crash never leaves half a file.

`file_bytes` turns revised text into what the file should hold (an email keeps its headers
and parts, its line endings and the charset its text was read in; a text keeps its encoding
and line endings); `read_for_rewrite` reads a draft that is about to be rewritten, and
`write_atomic` puts the new bytes in place: temp file, fsync, compare, rename.

Hard links are refused rather than written in place: writing in place could leave half a
file after a crash, and replacing would split the links, leaving the old text under the
other name (the one that might be sent). Refusing loses nothing and says why.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from ..core.draft import Draft
from ..core.errors import InputError, fail

#: Temp files are named `.NAME.tonecheck-PID.tmp`, so a later run can find and remove the
#: ones a killed run left behind.
TMP_TAG = ".tonecheck-"
#: A temp file whose process still runs is left alone unless it is older than this.
STALE_AFTER = 24 * 3600


def file_bytes(draft: Draft, source: str) -> bytes:
    """The whole file with `source` as its text: for an email, the original message
    with its subject and text parts replaced; otherwise the text itself."""
    if draft.kind == "email":
        return _rewrite_email(draft, source)
    return draft.encode(source)


def _rewrite_email(draft: Draft, revised_source: str) -> bytes:
    """The original message with its subject and plain parts replaced by the revision.

    An HTML part cannot be revised here, so a message whose text changed and that has one
    is refused: the angry HTML would otherwise be the part that is sent."""
    import email
    import email.policy
    from email.message import Message

    from .email import MAX_HEADER_CHARS, body_charset, decode_header_value, text_parts
    from .masking import PART_BREAK

    original = draft.message
    if not isinstance(original, Message):
        raise InputError("not an email draft", draft.path)
    subject, _, body = revised_source.partition("\n\n")
    old_subject, _, old_body = draft.source.partition("\n\n")
    data = original.as_bytes(policy=email.policy.compat32)
    if any(len(str(v)) > MAX_HEADER_CHARS for v in original.values()):
        raise InputError("a header is too long to rewrite safely; nothing was written",
                         draft.path)
    msg = email.message_from_bytes(data, policy=email.policy.default)
    parts = text_parts(msg, draft.path)
    if body != old_body:
        if not parts or any(flavour == "html" for _, flavour in parts):
            raise InputError(
                "has an HTML part, which tonecheck cannot revise in place; nothing was "
                "written (revise it in your mail client, or send it as plain text)", draft.path)
        new_parts = body.split(PART_BREAK)
        if len(new_parts) != len(parts):
            raise InputError("the revision does not match the message's parts; nothing "
                             "was written", draft.path)
        for (part, _), new, old in zip(parts, new_parts, old_body.split(PART_BREAK),
                                       strict=False):
            if new == old:
                continue
            payload = part.get_payload(decode=True)
            charset = body_charset(payload if isinstance(payload, bytes) else b"",
                                   part.get_content_charset())
            if charset.lower() in ("us-ascii", "ascii"):
                charset = "utf-8"
            # 8bit keeps the body readable; only overlong lines need quoted-printable.
            cte = "8bit" if all(len(line) < 990 for line in new.split("\n")) else None
            part.set_content(new, charset=charset, cte=cte)
    if subject != old_subject and subject != " ".join(
            decode_header_value(original.get("Subject", "")).split()):
        del msg["Subject"]
        msg["Subject"] = subject
    policy = email.policy.default.clone(linesep=draft.newline)
    return msg.as_bytes(policy=policy)


def _check_regular(path: str, st: os.stat_result) -> None:
    if stat.S_ISFIFO(st.st_mode):
        raise InputError("is a FIFO, not a file; nothing was written", path)
    if not stat.S_ISREG(st.st_mode):
        raise InputError("is not a regular file; nothing was written", path)
    if st.st_nlink > 1:
        raise InputError(f"has {st.st_nlink} hard links; rewriting it would split them, so "
                         "nothing was written (copy it to a file of its own first)", path)


def read_for_rewrite(path: str) -> bytes:
    """A draft's bytes, read only if it is a file that can be rewritten in place: a
    regular file (through symlinks), not hard-linked, not a FIFO (which would block)."""
    from .load import MAX_BYTES

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    _check_regular(path, st)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"too large to check (over {MAX_BYTES // (1024 * 1024)} MB)", path)
    return data


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(target: Path) -> None:
    """Remove the temp files killed runs left beside `target`."""
    prefix = f".{target.name}{TMP_TAG}"
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix):-len(".tmp")]
        tmp = target.parent / name
        try:
            old = time.time() - tmp.lstat().st_mtime > STALE_AFTER
        except OSError:
            continue
        if not pid.isdigit() or int(pid) == os.getpid() or (_alive(int(pid)) and not old):
            continue
        tmp.unlink(missing_ok=True)


def write_atomic(path: str | Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace `path` with `data` in one step, keeping its owner and permissions.

    A symlink is written through (its target is replaced, the link stays). Refuses a file
    that is read-only, has vanished, is not a regular file, has hard links, or (given
    `expected`, the bytes it was read as) was changed since it was read: the user asked to
    revise that file, not to create a new one or lose what they saved meanwhile.
    """
    shown = str(path)
    target = Path(os.path.realpath(path))
    try:
        st = target.stat()
    except FileNotFoundError:
        raise InputError("the file has gone; nothing was written", shown) from None
    _check_regular(shown, st)
    mode = st.st_mode & 0o7777
    # The mode bits count even for root, who may write anything: read-only means read-only.
    if not os.access(target, os.W_OK) or not mode & 0o222:
        raise InputError("the file is read-only; nothing was written", shown)
    clean_stale(target)
    tmp = target.parent / f".{target.name}{TMP_TAG}{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            _keep_owner(fd, st, shown)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if expected is not None and _current(target) != expected:
            raise InputError("changed since tonecheck read it; nothing was written "
                             "(run revise again on the saved file)", shown)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write: {exc.strerror or exc}; the original is intact",
                         shown) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        # The new file is in place and whole; only its survival of a power cut is unsure.
        fail(f"{shown}: warning: written, but its folder could not be synced "
             f"({exc.strerror or exc})")


def _current(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except OSError:
        return None


def _keep_owner(fd: int, st: os.stat_result, shown: str) -> None:
    if (st.st_uid, st.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except PermissionError:
        try:
            os.fchown(fd, -1, st.st_gid)
        except PermissionError:
            pass
        if st.st_uid != os.geteuid():
            raise InputError("belongs to another user, and replacing it would change its "
                             "owner; nothing was written", shown) from None
