"""A report's findings are kept as compact rows (core.report.Findings) and made into
Finding objects only when read: they must read exactly as the list of findings made one
by one from the charges (engine.charges.finding), and the listing helpers must pick the
same ones from either."""

from __future__ import annotations

import pytest
from samples import BEGGING, COFFEE, EXAMPLES, SHOUTING

from tonecheck.config import load_settings
from tonecheck.core.report import Findings, helping, listed
from tonecheck.drafts.load import from_text, load
from tonecheck.engine.charges import charges, finding
from tonecheck.engine.context import Context

DRAFTS = {
    "heated": ("heated.txt", (EXAMPLES / "heated.txt").read_bytes()),
    "email": ("work-email.eml", (EXAMPLES / "work-email.eml").read_bytes()),
    "markdown": ("notes.md", b"# Notes\n\n<!-- tonecheck disable=tone.shouting -->\nANSWER ME!!!\n"
                 b"<!-- tonecheck enable -->\n\nPlease, please, thank you so much. " + BEGGING.encode()
                 + b"\n\n```\nSEND IT NOW!!!\n```\n"),
    "long": ("long.txt", ((SHOUTING + " " + BEGGING + " " + COFFEE + "\n") * 60).encode()),
    "calm": ("calm.txt", COFFEE.encode()),
}


@pytest.mark.parametrize("name", DRAFTS)
def test_the_rows_read_as_the_findings_made_one_by_one(name: str) -> None:
    path, data = DRAFTS[name]
    draft = load(path, data)
    found = charges(Context(draft, load_settings(use_config=False)))
    table = Findings(draft, found)
    made = [finding(draft, c) for c in found]
    assert len(table) == len(made) and list(table) == made and table == made
    if made:
        assert table[0] == made[0] and table[-1] == made[-1]
        assert table[1:4] == made[1:4] and table[::2] == made[::2]
    with pytest.raises(IndexError):
        table[len(made)]
    for limit in (None, 0, 1, 3, 50):
        assert listed(table, limit) == listed(made, limit)
    assert helping(table) == helping(made) and helping(table, 2) == helping(made, 2)


def test_the_listing_helpers_keep_the_report_rules() -> None:
    # Problems are findings with points, or a rewrite at no points; softeners that share
    # their words with a problem ("Please, please" is warm and a plea) are not helping.
    draft = from_text("Please, please answer me. Thank you so much, I really appreciate it.")
    found = charges(Context(draft, load_settings(use_config=False)))
    made = [finding(draft, c) for c in found]
    shown, total = listed(made)
    assert total == len(shown) == sum(1 for f in made if f.points > 0 or f.points == 0 and f.suggestion)
    flagged = {f.start for f in shown}
    assert helping(made) == [f for f in made if f.points < 0 and f.start not in flagged][:5]
