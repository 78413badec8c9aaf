"""`tonecheck check` asks the hold queue about every draft, and pays for it only when
there is a queue to ask."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from samples import EXAMPLES, REPO

CHECK_AND_LIST = (
    "import sys; sys.argv = ['tonecheck', 'check', '-f', 'json', sys.argv[1]]\n"
    "from tonecheck.cli.quick import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "print('LOADED', sorted(m for m in ('sqlite3', 'hashlib', 'tonecheck.send.holdqueue')"
    " if m in sys.modules))\n"
)


def _loaded(home: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TONECHECK_", "XDG_DATA"))}
    env.update(TONECHECK_HOME=str(home), PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", CHECK_AND_LIST, str(EXAMPLES / "coffee.txt")],
                         capture_output=True, text=True, env=env, cwd=home).stdout
    return out.strip().splitlines()[-1]


def test_with_no_queue_a_check_loads_no_sqlite(tmp_path: Path) -> None:
    assert _loaded(tmp_path) == "LOADED []"


def test_with_a_queue_a_check_reads_it_but_loads_the_queue_code_only_for_a_held_draft(
        tmp_path: Path) -> None:
    from tonecheck.send.holdqueue import HoldQueue

    with HoldQueue(tmp_path / "hold")._connect():  # $TONECHECK_HOME/hold: where check looks
        pass  # creates the database, empty
    assert _loaded(tmp_path) == "LOADED ['hashlib', 'sqlite3']"
