"""The anchored scan finds exactly what re.finditer finds, for every bundled rule."""

from __future__ import annotations

import random
import re

import pytest
from samples import BEGGING, COFFEE, SHOUTING, ULTIMATUM

from tonecheck.config import available_profiles, load_settings
from tonecheck.engine.fast import anchors as analysis
from tonecheck.engine.fast import scan
from tonecheck.engine.fast.packcache import LazyMatcher
from tonecheck.engine.kinds import metrics
from tonecheck.text.sentences import WORD, count_words, last_word

TRICKY = ("ſo \u212aNOW. İf you don't, or we're done!! ASAP, please  please plz.\nI  DEMAND\n"
          "an answer. Answer me! as per my last email ı İ so angry. PICK UP THE PHONE. also "
          "person reason? what the hell!?! you owe me, you OWE me. by the end of the day\n")


def bundled_regexes() -> list[tuple[str, re.Pattern[str]]]:
    found = {}
    for profile in available_profiles():
        for rule in load_settings(profile=profile, use_config=False).rules:
            for regex in rule.matcher.regexes:  # a LazyMatcher builds itself to answer
                found[(regex.pattern, regex.flags)] = (rule.id, regex)
    # Metrics that scan through ctx.finditer too.
    found[(metrics._STACKED.pattern, metrics._STACKED.flags)] = ("stacked_punctuation", metrics._STACKED)
    return list(found.values())


def corpus() -> list[str]:
    rng = random.Random(11)
    pieces = re.findall(r"\S+|\s+", " ".join([COFFEE, SHOUTING, BEGGING, ULTIMATUM, TRICKY]))
    texts = [COFFEE, SHOUTING, BEGGING, ULTIMATUM, TRICKY]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(3, 150))) for _ in range(120)]
    # Past scan.BIG_TEXT, where the anchors are used even without the pack cache.
    texts.append("".join(rng.choice(pieces) for _ in range(12000)))
    return texts


REGEXES = bundled_regexes()
TEXTS = corpus()


def test_every_bundled_regex_is_anchored() -> None:
    # If the analysis stops understanding a rule, long drafts silently get slow again.
    # (Some are then scanned plainly all the same: those with only punctuation to anchor on.)
    unanchored = [rid for rid, regex in REGEXES if analysis.anchors_in(regex.pattern, regex.flags) is None]
    assert unanchored == []


@pytest.mark.parametrize("rid, regex", REGEXES, ids=[f"{rid}:{i}" for i, (rid, _) in enumerate(REGEXES)])
def test_anchored_scan_matches_finditer(rid: str, regex: re.Pattern[str]) -> None:
    # Every anchor the analysis finds, even those anchors.analyse would not bother with.
    anchors = analysis.anchors_in(regex.pattern, regex.flags)
    scan.remember(regex.pattern, regex.flags, anchors)
    for text in TEXTS:
        expected = [(m.span(), m.groupdict()) for m in regex.finditer(text)]
        got = [(m.span(), m.groupdict()) for m in scan.Text(text).finditer(regex)]
        assert got == expected, (rid, text[:80])
        if not expected:
            continue
        assert anchors is None or scan.Text(text).contains_any(anchors)


def test_case_folding_keeps_offsets_and_catches_what_ignorecase_catches() -> None:
    # Every character IGNORECASE matches to an ASCII letter must fold to that letter.
    everything = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    folded = scan.fold(everything)
    assert folded is not None and len(folded) == len(everything)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in re.finditer(letter, everything, re.I):
            assert folded[m.start()] == letter, hex(ord(m.group()))


@pytest.mark.parametrize("pattern, flags", [
    (r"(a)\1", 0), (r"(a)?(?(1)b|c)", 0), (r".*x", 0), (r"\w+", 0), ("", 0),
])
def test_what_cannot_be_anchored_is_scanned_the_plain_way(pattern: str, flags: int) -> None:
    regex = re.compile(pattern, flags)
    scan.remember(pattern, flags, analysis.analyse(pattern, flags))
    text = "aa b x " * 4000
    assert [m.span() for m in scan.Text(text).finditer(regex)] == [m.span() for m in regex.finditer(text)]


def test_last_word_and_word_count_agree_with_a_full_scan() -> None:
    rng = random.Random(3)
    alphabet = ["a", "Zé", "1", ".", ",", "'", "’", " ", "\n", "\t", "!", "-", "x9", " 3.14 ", "don't"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        matches = list(WORD.finditer(text))
        last = last_word(text)
        assert (last.span() if last else None) == (matches[-1].span() if matches else None), text
        assert count_words(text) == len(matches)


@pytest.mark.parametrize("pattern, flags", [
    (r"\bASAP\b|\bI\s+DEMAND\b", 0),  # whole words matched case-sensitively
    (r"\bOWE me\b|\bplease\b", re.I), (r"\bDone\b|or\s+else", 0),
    (r",?[ \t]*\bor (?:else|we're done)", re.I), (r"(?:^|(?<=[.!?]\s))[ \t]*(?:so|but)\b", re.I | re.M),
])
def test_short_texts_scan_case_sensitive_and_mixed_anchors_exactly(pattern: str, flags: int) -> None:
    regex = re.compile(pattern, flags)
    anchors = analysis.anchors_in(pattern, flags)
    assert anchors is not None
    scan.remember(pattern, flags, anchors)
    texts = [t for t in TEXTS if len(t) < scan.BIG_TEXT]
    texts += ["ASAP", "asap ASAP_ xASAP ASAP.", "I DEMAND", "I demand", "Done. done DONE Done",
              "or else", "ſo, or we're done", "owe me OWE ME. Please!", "so\nbut so"]
    for text in texts:
        expected = [m.span() for m in regex.finditer(text)]
        assert [m.span() for m in scan.Text(text).finditer(regex)] == expected, text
        assert not expected or scan.Text(text).contains_any(scan.AnchorSet(anchors)), text


def test_a_short_draft_skips_a_rule_exactly_when_its_regexes_cannot_match() -> None:
    # An AnchorSet asks for whole-word literals as whole words: stricter than a substring,
    # never stricter than the regex.
    for _rid, regex in REGEXES:
        anchors = analysis.anchors_in(regex.pattern, regex.flags)
        scan.remember(regex.pattern, regex.flags, anchors)
        sieve = scan.AnchorSet(anchors)
        for text in TEXTS:
            if len(text) >= scan.BIG_TEXT:
                continue
            holds = scan.Text(text).contains_any(sieve)
            assert holds or not any(True for _ in regex.finditer(text)), (_rid, text[:80])
            assert holds <= scan.Text(text).contains_any(anchors)


def test_lazy_rules_find_what_built_rules_find() -> None:
    from tonecheck.drafts.load import from_text
    from tonecheck.engine.context import Context

    settings = load_settings(use_config=False)
    lazy = [r for r in settings.rules if isinstance(r.matcher, LazyMatcher)]
    assert lazy  # the bundled packs load from the pack cache after a first load
    for text in TEXTS[:60]:
        if not text.strip():
            continue
        ctx = Context(from_text(text, "text", "<t>"), settings)
        for rule in lazy:
            got = [(h.start, h.end, h.replacement) for h in rule.matcher.find(ctx)]
            want = [(h.start, h.end, h.replacement) for h in rule.matcher._build().find(ctx)]
            assert got == want, (rule.id, text[:80])


@pytest.mark.parametrize("pattern", [
    r"\s,foo", r"x\s+-bar", r"\b,x", r"(?:^|(?<=[.!?]\s))[ \t]*(?:so|or)\b", r"^[ \t]*(?:hi|hey)\b",
    r"(?<=a)\s*so", r"(?<![\w])so\b", r"(?:\.\s*)*so\b", r"(?:a\s*)?so\b", r"\A\s*or", r"(?:\b|x)so",
    r"[-,;]*\s*(?:so|-so)\b", r"(?:(?<=[.!?] )|^)(?:x?)so", r"(?<=\s)(?:,|so)",
])
def test_what_precedes_a_literal_is_judged_exactly(pattern: str) -> None:
    # Starts of lines, lookbehinds and optional punctuation before a word: the scan may
    # skip occurrences inside words only where no match could start.
    regex = re.compile(pattern, re.I | re.M)
    scan.remember(pattern, regex.flags, analysis.anchors_in(pattern, regex.flags))
    pieces = ["so", "or", "also", "for", ",", "-", ".", "!", " ", "  ", "\n", "\t", "a", "x",
              "hi", "hey", "-so", ",x", ",foo", "-bar", "so."]
    rng = random.Random(pattern)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(400)]
    texts += ["a ,foo", "x -bar", "for so. or", "a,x", "a so", "also so", "\n so", "x.so"]
    texts.append("".join(rng.choice(pieces) for _ in range(15000)))  # the long-text scan too
    for text in texts:
        expected = [m.span() for m in regex.finditer(text)]
        assert [m.span() for m in scan.Text(text).finditer(regex)] == expected, (pattern, text[:60])
