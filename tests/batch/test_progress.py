"""Issue 13: batch progress shows done/total, percentage and time left when the size is
known, a count and a rate when it is not, and only on a terminal."""

from __future__ import annotations

import io
import json
import mailbox
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from samples import COFFEE, DAYTIME, REPO, SHOUTING, email_bytes

from tonecheck.batch.progress import Progress, duration
from tonecheck.batch.read import count


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def drawn(stream: io.StringIO) -> list[str]:
    """The lines as the terminal last showed them, one per carriage return."""
    return [part.rstrip() for part in stream.getvalue().split("\r") if part.strip()]


def test_known_total_shows_count_percentage_and_time_left() -> None:
    clock, out = Clock(), io.StringIO()
    progress = Progress(5000, out, clock=clock, enabled=True)
    for _ in range(1200):
        progress.step()
    clock.now += 12  # 100 a second: 3800 to go is 38 s, said as "about 40 s"
    progress.step()
    assert drawn(out)[-1] == "[####................] 1201/5000 24%  100/s  about 40 s left"
    clock.now += 600
    progress.done = 4999
    progress.step()
    assert drawn(out)[-1].startswith("[####################] 5000/5000 100%  ")
    assert drawn(out)[-1].endswith("done in 10 min")
    progress.close()  # the last line stands: not drawn again
    assert out.getvalue().rstrip(" \n").endswith("done in 10 min") and len(drawn(out)) == 3
    assert drawn(out)[0] == "[....................] 1/5000 0%"  # no rate from one draft


def test_redraws_at_most_ten_times_a_second_and_a_shorter_line_clears_the_longer() -> None:
    clock, out = Clock(), io.StringIO()
    progress = Progress(100, out, clock=clock, enabled=True)
    for _ in range(50):
        progress.step()  # no time passes: one draw, the first
    assert len(drawn(out)) == 1
    clock.now += 1000
    progress.step()
    clock.now += 0.2
    progress.step()
    last, before = out.getvalue().split("\r")[-1], out.getvalue().split("\r")[-2]
    assert len(last) >= len(before.rstrip())  # padded over what was there


def test_unknown_total_shows_a_count_and_a_rate() -> None:
    clock, out = Clock(), io.StringIO()
    progress = Progress(None, out, clock=clock, enabled=True)
    for _ in range(299):
        progress.step()
    clock.now += 20
    progress.step()
    assert drawn(out)[-1] == "300 scored  15/s  20 s"
    clock.now += 0.01
    progress.step()
    progress.close()
    assert drawn(out)[-1] == "301 scored  15/s  20 s"


def test_nothing_is_drawn_off_a_terminal() -> None:
    out = io.StringIO()  # not a tty: a redirected stderr keeps only errors
    progress = Progress(3, out)
    for _ in range(3):
        progress.step()
    progress.close()
    assert out.getvalue() == ""


def test_durations_read_as_people_say_them() -> None:
    assert [duration(s) for s in (0.2, 3, 38, 59, 150, 3900)] == [
        "1 s", "3 s", "40 s", "60 s", "2 min", "1 h 5 min"]
    assert duration(0.43, precise=True) == "0.4 s"


def test_an_mbox_and_json_lines_are_counted_as_the_readers_split_them(tmp_path: Path) -> None:
    box = mailbox.mbox(str(tmp_path / "sent.mbox"), create=True)
    for body in (COFFEE, "From now on, answer me.\n\nFrom here too.", SHOUTING):
        box.add(mailbox.mboxMessage(email_bytes(body)))
    box.close()
    assert count(str(tmp_path / "sent.mbox"), "mbox") == 3
    notes = tmp_path / "notes.jsonl"
    notes.write_text("\n".join(json.dumps({"id": i, "text": COFFEE}) for i in range(4)) + "\n\n")
    assert count(str(notes), "jsonl") == 4
    assert count("-", "jsonl") is None


def test_batch_on_a_terminal_ends_with_the_total_and_100_percent(tmp_path: Path,
                                                                  home: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(7):
        (folder / f"{i}.txt").write_text(SHOUTING if i % 2 else COFFEE)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONECHECK_")}
    env.update(HOME=str(home), TONECHECK_NOW=DAYTIME, PYTHONPATH=str(REPO))
    # stderr is a real terminal (a pty), as when a user runs it; stdout is a pipe.
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "batch", "--jobs", "1",
                             str(folder)], stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed: the run is over
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert proc.wait(timeout=60) == 1
    assert len(out.splitlines()) == 7  # the reports still go to stdout alone
    final = seen.decode().replace("\r\n", "\n").split("\r")[-1].strip()
    assert final.startswith("[####################] 7/7 100%"), seen
    assert "done in" in final
