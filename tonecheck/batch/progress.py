"""Batch progress on stderr: done/total, percentage and time left when the size is known
(a folder, a Maildir, an mbox or JSON Lines file, counted before the run), else a count
and a rate (a stream on stdin)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


def duration(seconds: float, precise: bool = False) -> str:
    """A span as people say it: "8 s", "40 s", "3 min", "1 h 5 min" ("0.4 s", precise,
    for a short run's time taken, not its time left)."""
    seconds = max(0.0, seconds)
    if seconds < 10:
        return f"{seconds:.1f} s" if precise else f"{max(1, round(seconds))} s"
    if seconds < 60:
        return f"{5 * round(seconds / 5):.0f} s"  # "40 s", not a number that flickers
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


class Progress:
    """A one-line progress bar, drawn only when the stream (stderr) is a terminal: a file
    or a pipe gets none, so a redirected run's stderr holds only its errors.

    `clock` is passed in (time.monotonic by default) so the line can be tested as drawn."""

    WIDTH = 20
    #: Seconds between redraws: often enough to look alive, rarely enough to cost nothing.
    EVERY = 0.1

    def __init__(self, total: int | None = None, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.clock = clock
        self.total, self.done, self.started = total, 0, clock()
        self._drawn = float("-inf")
        self._width = 0
        self._shown = -1  # how many were done when the line was last drawn

    def step(self) -> None:
        self.done += 1
        now = self.clock()
        if self.enabled and (now - self._drawn >= self.EVERY or self.done == self.total):
            self._drawn = now
            self.draw(now)

    def line(self, now: float, final: bool = False) -> str:
        """What the bar says at `now`: "[####......] 1200/5000 24%  85/s  about 45 s left"
        for a known total, "1200 scored  85/s  14 s" for a stream. In the first half
        second the rate is noise, so neither it nor the time left is shown yet; the
        `final` line, when the run is over, always says both."""
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        settled = final or elapsed >= 0.5
        if not self.total:
            head = f"{self.done} scored"
            return f"{head}  {rate:.0f}/s  {duration(elapsed, final)}" if settled else head
        share = min(self.done / self.total, 1.0)
        filled = int(self.WIDTH * share)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        head = f"[{bar}] {self.done}/{self.total} {int(100 * share)}%"
        if self.done >= self.total:
            return f"{head}  {rate:.0f}/s  done in {duration(elapsed, precise=True)}"
        if not self.done or not settled:
            return head
        return f"{head}  {rate:.0f}/s  about {duration((self.total - self.done) / rate)} left"

    def draw(self, now: float, final: bool = False) -> None:
        text = self.line(now, final)
        # Padded over the last line, which may have been longer (the time left shrinks).
        self.stream.write("\r" + text.ljust(self._width))
        self._width, self._shown = len(text), self.done
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            if not self.total or self._shown != self.done:  # a full bar already says it all
                self.draw(self.clock(), final=True)
            self.stream.write("\n")
            self.stream.flush()
