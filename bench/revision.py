"""Are the revisions ones a careful friend would send? (issue 12)

Runs `tonecheck.analyze` (revise=True) on every draft of the gold set
(tests/revision/gold.py) and prints, overall and per category, how often the revision is
sendable and what goes wrong when it is not:

    python bench/revision.py                       # the gold set
    python bench/revision.py --verbose             # ... and every failing draft
    python bench/revision.py --data ../shared/data # ... and the corpora's texts

- sendable: a hot draft's revision keeps every `keep`, drops every `drop` and holds no
  `must_not`; for a draft the engine cannot calm safely (`needs_writer`), the sentence is
  kept and the revision is still flagged (its own scores say it is not fine).
- fragments: a revision sentence that is new and starts lowercase (in a writer who
  capitalises), starts with a relative pronoun ("Which you didn't read, ..."), has no
  verb-like word, or dangling punctuation (" ,", ",.", "?.", doubled spaces, ...).
- bad insertions: "Thank you", "when you have a moment" or "I was wondering" twice,
  thanks added to a draft that already thanks, one inserted phrase inside another
  ("Do it would help if you could ..."), or one inserted inside brackets or quotes.
- protected edits: quoted text ("...", “...”, '...'), lines starting with '>', code fences
  and inline code that the revision changed (a sentence dropped whole, quote and all,
  does not count).
- softened deadlines: a deadline (a keep-listed one, or a time, day or date found by a
  regex) in a sentence that gained "when you have a moment".
- facts kept: the share of all keep strings in the revisions, and of the numbers, times
  and names (capitalised words inside a sentence) a regex finds in the drafts.
- still flagged: the revision's own scores at the profile's revise threshold for intensity
  or pushiness (30 default and work, 25 reconnect). Bad for a hot draft the engine should
  calm; what is wanted for a `needs_writer` one. "unearned calm": a hot draft flagged as
  written whose revision is not sendable, yet scores as fine; "unseen": a hot draft the
  check does not flag at all.
- fine changed: a fine draft (hot=False) that did not come back as written.
- not idempotent: revising the revision changes it again.

With --data the corpora's texts (Stanford Politeness's two quarters, GoEmotions dev;
EmoBank with --emobank) get the rates that need no gold labels. Corpus text is never
printed, so the output can be kept in bench/results/. Output is deterministic.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run from a clean checkout without installing: the package sits next to bench/.
sys.path.insert(0, str(ROOT))

import tonecheck  # noqa: E402
from tonecheck.core.errors import InputError  # noqa: E402
from tonecheck.drafts.load import from_string  # noqa: E402
from tonecheck.text.sentences import split  # noqa: E402

#: A Thursday afternoon, outside every profile's quiet hours: the verdicts never move.
NOW = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
GOLD_PATH = ROOT / "tests" / "revision" / "gold.py"


def load_gold(path: Path = GOLD_PATH) -> list:
    spec = importlib.util.spec_from_file_location("tonecheck_gold", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.GOLD


@lru_cache(maxsize=8)
def settings_for(profile: str) -> tonecheck.Settings:
    return tonecheck.load_settings(profile=profile, use_config=False)


# --- matching --------------------------------------------------------------------------

def kept(needle: str, text: str) -> bool:
    """A keep string is in the revision as written; only its first letter may change case
    (a deleted lead-in capitalises what follows it)."""
    return needle in text or (needle[:1].swapcase() + needle[1:]) in text


def _phrase(needle: str) -> re.Pattern[str]:
    """`needle` in any case, as whole words where it starts or ends with a word character."""
    head = r"(?<!\w)" if needle[:1].isalnum() else ""
    tail = r"(?!\w)" if needle[-1:].isalnum() else ""
    return re.compile(head + re.escape(needle) + tail, re.I)


def contains(needle: str, text: str) -> bool:
    return bool(_phrase(needle).search(text))


def sentences(text: str) -> list[str]:
    return [" ".join(s.text.split()) for s in split(text)]


# --- fragments -------------------------------------------------------------------------

RELATIVE = {"which", "who", "whom", "whose"}
VERBS = set("""
am is are was were be been being have has had having do does did done can could will would
shall should may might must need needs let lets get gets got go goes went gone come comes came
make makes made take takes took give gives gave send sends sent call calls see sees saw seen
know knows knew think thinks thought want wants like likes love loves hope hopes feel feels
felt miss misses tell tells told say says said ask asks look looks find finds found keep keeps
kept leave leaves left put puts run runs ran try tries help helps talk talks meet meets read
reads write writes wrote fix fixes pay pays paid book books review reviews answer answers reply
replies check checks sign signs bring brings buy buys stop stops start starts finish finishes
work works use uses mean means seem seems show shows thank thanks please wish agree agrees
sorry hear hears heard believe believes care cares wait waits stay stays move moves turn
turns open opens close closes pick picks watch watches order orders print prints email emails
book rotate restore rewrite return visit visits suit suits cover covers deploy deploys push
pushes test tests merge merges matter matters hurt hurts cancel cancels lose loses set sets
""".split())
_VERBISH = re.compile(r"(?:ed|ing|n't|n’t|['’](?:s|re|m|ve|ll|d))$", re.I)
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’]*")
DANGLING = {
    "space before punctuation": re.compile(r"\w [,.;:!?]+(?=\s|$)"),
    "comma before full stop": re.compile(r"[,;:][.!?]"),
    "'?.' or '!.'": re.compile(r"[?!]\.(?!\.)"),
    "'..'": re.compile(r"(?<!\.)\.\.(?!\.)"),
    "',,'": re.compile(r",,"),
    "doubled space": re.compile(r"(?<=\S)  +(?=\S)"),
    "empty brackets or quotes": re.compile(r"\(\s*\)|\"\s*\"|“\s*”"),
    "line starting with punctuation": re.compile(r"(?m)^[ \t]*[,;:.!?](?!\.\.)"),
}


#: Words a sentence can open with that are not an imperative verb.
OPENERS = set("""
a an the my your his her its our their this that these those which who whom whose what when
where why how by for in on at with without and but or nor so yet if because as of to from
into about after before since until while i you he she it we they me him us them there here
some any no not every each all both either neither just only also very really please
""".split())


SUBJECTS = {"i", "you", "we", "they", "he", "she", "it", "people", "nobody", "everyone"}


def _verb_like(words: Sequence[str]) -> bool:
    """A known verb, a verb ending or contraction, a word after a subject pronoun ("you
    accuse"), or an opening word that is none of the OPENERS (an order opens with its
    verb: "Refund the charge.")."""
    lower = [w.lower() for w in words]
    return (lower[0] not in OPENERS
            or any(w in VERBS or _VERBISH.search(w) for w in lower)
            or any(a in SUBJECTS for a in lower[:-1]))


def _sentence_defect(s: str, capitalises: bool) -> str | None:
    words = _WORDS.findall(s)
    if not words or s.startswith(("#", ">", "-", "*", "`")):
        return None
    if capitalises and s[0].isalpha() and s[0].islower():
        return "starts lowercase"
    if words[0].lower() in RELATIVE and not s.rstrip().endswith("?"):
        return "starts with a relative pronoun"
    if len(words) >= 3 and s[-1:] in ".!?" and not _verb_like(words):
        return "no verb"
    return None


def _source(s: str, old: list[str]) -> str:
    """The draft's sentence that `s` most likely came from: the most words in common."""
    mine = {w.lower() for w in _WORDS.findall(s)}
    return max(old, key=lambda o: len(mine & {w.lower() for w in _WORDS.findall(o)}), default="")


def fragments(original: str, revision: str) -> list[str]:
    """Broken sentences the revision made: only new sentences are looked at, a defect
    counts only if the draft's sentence it came from did not have it already, and
    punctuation only where the revision has more of it than the draft."""
    out: list[str] = []
    old = sentences(original)
    starts = [s for s in old if s[:1].isalpha()]
    capitalises = sum(s[0].isupper() for s in starts) * 2 > len(starts)
    seen = set(old)
    for s in sentences(revision):
        if s in seen:
            continue
        defect = _sentence_defect(s, capitalises)
        if defect and _sentence_defect(_source(s, old), capitalises) != defect:
            out.append(f"{defect}: {s!r}")
    for name, rx in DANGLING.items():
        if len(rx.findall(revision)) > len(rx.findall(original)):
            out.append(name)
    return out


# --- double insertions -----------------------------------------------------------------

INSERTED = {
    "Thank you": re.compile(r"\bthank you\b", re.I),
    "when you have a moment": re.compile(r"\bwhen you have a moment\b", re.I),
    "I was wondering": re.compile(r"\bI was wondering\b", re.I),
}
THANKS = re.compile(r"\b(?:thanks|thank you|thx|cheers|appreciated?|grateful)\b", re.I)
NESTED = [re.compile(p, re.I) for p in (
    r"\b(?:do|does|did|can|could|would|will|should|to|please)\s+(?:you\s+)?"
    r"(?:it would help if you could|I'd appreciate it if you would|it (?:often )?feels like)\b",
    r"\bit would help if you could\s+(?:could you|please|it would help|I'd appreciate)\b",
    r"\bcould you\s+(?:could you|please|it would help|I'd appreciate|kindly)\b",
    r"\bI was wondering:?\s+(?:I was wondering|could you|it would help|I'd appreciate)\b",
    r"\b(?:what (?:makes|made|would make) you|is there a reason you)\s*(?:['’]ve been|it (?:often )?"
    r"feels like|it would help)",
    r"\bit (?:often )?feels like\s+(?:you rarely\s+)?(?:it (?:often )?feels like|it would help|"
    r"could you|I'd appreciate)\b",
)]


#: Brackets and quotes in a revision: an inserted courtesy does not belong inside them.
ENCLOSED = re.compile(r"\([^()\n]*\)|\"[^\"\n]*\"|“[^”\n]*”")


def double_insertions(original: str, revision: str) -> list[str]:
    """Courtesy inserted twice, nested in another insertion, or put inside brackets or
    quotes ("(Why is it late? Thank you.)")."""
    out = []
    for name, rx in INSERTED.items():
        n = len(rx.findall(revision))
        if n >= 2 and n > len(rx.findall(original)):
            out.append(f"{name!r} x{n}")
    thanks = INSERTED["Thank you"]
    if THANKS.search(original) and len(thanks.findall(revision)) > len(thanks.findall(original)):
        out.append("'Thank you' added to a draft that already thanks")
    for rx in NESTED:
        if len(rx.findall(revision)) > len(rx.findall(original)):
            out.append(f"nested: {rx.search(revision).group(0)!r}")
    for name, rx in INSERTED.items():
        def inside(text: str, rx: re.Pattern[str] = rx) -> int:
            return sum(len(rx.findall(m.group(0))) for m in ENCLOSED.finditer(text))
        if inside(revision) > inside(original):
            out.append(f"{name!r} inside brackets or quotes")
    return out


# --- protected regions -----------------------------------------------------------------

#: (kind, regex): "line" regions must come back as whole lines, "span" ones as written.
PROTECTED = [
    ("line", re.compile(r"(?ms)^(```|~~~)[^\n]*\n.*?^\1[^\n]*$")),  # a code fence
    ("line", re.compile(r"(?m)^[ \t]*>.*$")),  # a quoted line
    ("span", re.compile(r"`[^`\n]+`")),  # inline code
    ("span", re.compile(r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”")),
    # Single quotes, but not apostrophes or wiki markup's doubled '' (italics).
    ("span", re.compile(r"(?<![\w'])'[^'\n]{2,200}'(?![\w'])")),
]


def protected_regions(text: str) -> list[tuple[str, str]]:
    seen, out = set(), []
    for how, rx in PROTECTED:
        for m in rx.finditer(text):
            if m.group(0).strip() and m.group(0) not in seen:
                seen.add(m.group(0))
                out.append((how, m.group(0)))
    return out


def _count(how: str, region: str, text: str) -> int:
    if how == "line":
        return len(re.findall(r"(?m)^" + re.escape(region) + r"$", text))
    return text.count(region)


def protected_edits(original: str, revision: str, edits: Iterable = ()) -> tuple[int, list[str]]:
    """(regions in the draft, the regions the revision changed)."""
    regions = protected_regions(original)
    dropped = [e.before for e in edits if not e.after]
    changed = []
    for how, region in regions:
        if _count(how, region, revision) >= _count(how, region, original):
            continue
        if any(region.strip() in before for before in dropped):
            continue  # its whole sentence was cut, deliberately
        changed.append(region)
    return len(regions), changed


# --- deadlines and facts ---------------------------------------------------------------

_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
          r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)")
DEADLINE = re.compile(
    rf"\b(?:today|tonight|tomorrow|eod|cob|eow|noon|midnight|asap|this (?:morning|afternoon|"
    rf"evening|week)|end of (?:the )?(?:day|week|month)|{_DAY}|\d{{1,2}}(?::\d{{2}})?\s*[ap]\.?m\b|"
    rf"\d{{1,2}}:\d{{2}}|(?:by|before|until|within) (?:the )?\d+(?:st|nd|rd|th)?\b|"
    rf"\d{{1,2}}(?:st|nd|rd|th)? {_MONTH}\b|{_MONTH} \d{{1,2}}\b)", re.I)
SOON = re.compile(r"\bwhen you have a moment\b", re.I)


def softened_deadlines(original: str, revision: str, keep: Sequence[str] = ()) -> list[str]:
    old = set(sentences(original))
    out = []
    for s in sentences(revision):
        if s in old or len(SOON.findall(s)) <= len(SOON.findall(original)):
            continue
        found = [k for k in keep if kept(k, s) and DEADLINE.search(k)]
        m = DEADLINE.search(SOON.sub("", s))
        if found or m:
            out.append(found[0] if found else m.group(0))
    return out


NUMBER = re.compile(r"(?<![\w$£€#])[$£€#]?\d+(?:[.,:/-]\d+)*(?:\s?(?:[ap]m|%|st|nd|rd|th))?(?!\w)",
                    re.I)
_CAPITALISED = re.compile(r"^[A-Z][a-z]+$")
_NOT_NAMES = {"I", "I'm", "I'll", "I've", "I'd", "OK", "Ok"}


def facts(text: str, names: bool = True) -> Counter:
    """Numbers and times anywhere; with `names`, capitalised words inside a sentence."""
    found = Counter(m.group(0) for m in NUMBER.finditer(text))
    if names:
        for s in split(text):
            for w in _WORDS.findall(s.text)[1:]:
                if _CAPITALISED.match(w) and w not in _NOT_NAMES:
                    found[w] += 1
    return found


def missing_facts(original: str, revision: str, names: bool = True) -> tuple[int, list[str]]:
    want = facts(original, names)
    missing = []
    for fact, n in sorted(want.items()):
        pattern = r"(?<![\w$£€#])" + re.escape(fact) + r"(?!\w)"
        if len(re.findall(pattern, revision)) < n:
            missing.append(fact)
    return sum(want.values()), missing


def flagged(scores, profile: str) -> bool:
    """At the profile's revise threshold for intensity or pushiness: not fine to send."""
    limits = settings_for(profile).thresholds.get("revise", {})
    return (scores.intensity >= limits.get("intensity", 30)
            or scores.pushiness >= limits.get("pushiness", 30))


# --- one draft -------------------------------------------------------------------------

def as_input(text: str, kind: str, revision: str) -> str:
    """The revision as a draft of the same kind: an email's revision is its subject and
    body, put back into the original headers."""
    if kind != "email":
        return revision
    headers, _, _ = text.partition("\n\n")
    subject, _, body = revision.partition("\n\n")
    lines = [f"Subject: {subject}" if h.lower().startswith("subject:") else h
             for h in headers.split("\n")]
    return "\n".join(lines) + "\n\n" + body


@dataclass
class Outcome:
    id: str
    category: str
    hot: bool
    writer: bool
    original: str
    revision: str
    changed: bool
    keep_total: int
    missing_keep: list[str]
    kept_drop: list[str]
    must_not_found: list[str]
    fragments: list[str]
    doubles: list[str]
    regions: int
    protected: list[str]
    softened: list[str]
    facts_total: int
    facts_missing: list[str]
    flagged_before: bool
    flagged_after: bool
    second: str  # the revision of the revision
    problems: list[str] = field(default_factory=list)

    @property
    def idempotent(self) -> bool:
        return self.second == self.revision

    @property
    def sendable(self) -> bool:
        """For a hot draft: keeps, drops and avoids what the gold set says (a needs_writer
        draft: its sentence kept and the revision still flagged)."""
        ok = not self.missing_keep and not self.kept_drop and not self.must_not_found
        return ok and (self.flagged_after if self.writer else True)

    @property
    def unearned_calm(self) -> bool:
        """Flagged as written, not sendable revised, yet the revision's scores say fine."""
        return self.hot and self.flagged_before and not self.sendable and not self.flagged_after

    @property
    def unseen(self) -> bool:
        """A hot draft that the check itself does not flag."""
        return self.hot and not self.flagged_before


def revise(text: str, profile: str, kind: str):
    return tonecheck.analyze(text, profile=profile, kind=kind, now=NOW, revise=True)


def evaluate(gold) -> Outcome:
    original = from_string(gold.text, gold.kind).source
    report = revise(gold.text, gold.profile, gold.kind)
    rev = report.revision
    text = rev.text
    second = revise(as_input(gold.text, gold.kind, text), gold.profile, gold.kind).revision.text
    regions, protected = protected_edits(original, text, rev.edits)
    facts_total, facts_gone = missing_facts(original, text)
    out = Outcome(
        id=gold.id, category=gold.category, hot=gold.hot, writer=gold.needs_writer,
        original=original, revision=text, changed=text != original,
        keep_total=len(gold.keep),
        missing_keep=[k for k in gold.keep if not kept(k, text)],
        kept_drop=[d for d in gold.drop if contains(d, text)],
        must_not_found=[m for m in gold.must_not if m in text],
        fragments=fragments(original, text), doubles=double_insertions(original, text),
        regions=regions, protected=protected,
        softened=softened_deadlines(original, text, gold.keep),
        facts_total=facts_total, facts_missing=facts_gone,
        flagged_before=flagged(report.scores, gold.profile),
        flagged_after=flagged(rev.scores, gold.profile),
        second=second,
    )
    p = out.problems
    if gold.hot and not out.sendable:
        if out.missing_keep:
            p.append("lost keep " + ", ".join(map(repr, out.missing_keep)))
        if out.kept_drop:
            p.append("kept drop " + ", ".join(map(repr, out.kept_drop)))
        if out.writer and not out.flagged_after:
            p.append("needs the writer, but the revision is not flagged"
                     + ("" if out.flagged_before else " (nor was the draft)"))
    if out.must_not_found:
        p.append("contains " + ", ".join(map(repr, out.must_not_found)))
    if not gold.hot and out.changed:
        p.append("fine draft changed")
    if out.fragments:
        p.append("fragment: " + "; ".join(out.fragments))
    if out.doubles:
        p.append("bad insertion: " + "; ".join(out.doubles))
    if out.protected:
        p.append("protected region edited: " + ", ".join(map(repr, out.protected)))
    if out.softened:
        p.append("deadline softened: " + ", ".join(map(repr, out.softened)))
    if out.facts_missing:
        p.append("regex facts missing: " + ", ".join(out.facts_missing))
    if gold.hot and not gold.needs_writer and out.flagged_after:
        p.append("revision still flagged")
    if out.unearned_calm:
        p.append("flagged as written; the revision's scores say fine, but it is not sendable")
    elif out.unseen and not out.sendable:
        p.append("hot, but the check does not flag it")
    if not text.strip():
        p.append("empty revision")
    if not out.idempotent:
        p.append("not idempotent: a second revision gives " + repr(out.second))
    return out


def evaluate_all(gold: Sequence | None = None) -> list[Outcome]:
    return [evaluate(g) for g in (load_gold() if gold is None else gold)]


def sendable_share(outcomes: Sequence[Outcome]) -> float:
    hot = [o for o in outcomes if o.hot]
    return sum(o.sendable for o in hot) / len(hot)


# --- printing --------------------------------------------------------------------------

def cell(k: int, n: int) -> str:
    return "-" if n == 0 else f"{k}/{n}"


def pct(k: int, n: int) -> str:
    return "-" if n == 0 else f"{100 * k / n:3.0f}% {k}/{n}"


Measure = Callable[[list[Outcome]], tuple[int, int]]


def _share(select: Callable[[Outcome], bool], count: Callable[[Outcome], bool]) -> Measure:
    def measure(part: list[Outcome]) -> tuple[int, int]:
        chosen = [o for o in part if select(o)]
        return sum(1 for o in chosen if count(o)), len(chosen)
    return measure


def _keep_share(part: list[Outcome]) -> tuple[int, int]:
    total = sum(o.keep_total for o in part)
    return total - sum(len(o.missing_keep) for o in part), total


def _fact_share(part: list[Outcome]) -> tuple[int, int]:
    total = sum(o.facts_total for o in part)
    return total - sum(len(o.facts_missing) for o in part), total


def _any(o: Outcome) -> bool:
    return True


def _calmable(o: Outcome) -> bool:
    return o.hot and not o.writer


OUTCOMES: list[tuple[str, Measure]] = [
    ("sendable", _share(lambda o: o.hot, lambda o: o.sendable)),
    ("  calmable", _share(_calmable, lambda o: o.sendable)),
    ("  to writer", _share(lambda o: o.writer, lambda o: o.sendable)),
    ("keep kept", _keep_share),
    ("regex facts", _fact_share),
    ("fine changed", _share(lambda o: not o.hot, lambda o: o.changed)),
]
DEFECTS: list[tuple[str, Measure]] = [
    ("fragments", _share(_any, lambda o: bool(o.fragments))),
    ("insertions", _share(_any, lambda o: bool(o.doubles))),
    ("protected", _share(lambda o: o.regions > 0, lambda o: bool(o.protected))),
    ("deadline soft", _share(_any, lambda o: bool(o.softened))),
    ("still flagged", _share(_calmable, lambda o: o.flagged_after)),
    ("unearned calm", _share(lambda o: o.hot and o.flagged_before, lambda o: o.unearned_calm)),
    ("unseen", _share(lambda o: o.hot, lambda o: o.unseen)),
    ("not idempotent", _share(_any, lambda o: not o.idempotent)),
]


def grid(heads: list[str], rows: list[list[str]]) -> None:
    """Columns padded to fit, the first left-aligned; a rule above the header's rows and
    above the closing "all" row."""
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]

    def show(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    line = "  ".join("-" * w for w in widths)
    print(show(heads))
    print(line)
    for r in rows:
        if r[0] == "all":
            print(line)
        print(show(r))


def table(title: str, rows: list[tuple[str, list]], columns: list[tuple[str, Measure]],
          overall: list) -> None:
    heads = ["category", "drafts", "hot"] + [c for c, _ in columns]
    body = []
    for name, part in rows:
        body.append([name, str(len(part)), str(sum(o.hot for o in part))]
                    + [cell(*m(part)) for _, m in columns])
    body.append(["all", str(len(overall)), str(sum(o.hot for o in overall))]
                + [pct(*m(overall)) for _, m in columns])
    print(title)
    grid(heads, body)
    print()


def by_category(outcomes: list[Outcome]) -> list[tuple[str, list[Outcome]]]:
    names = sorted({o.category for o in outcomes})
    return [(n, [o for o in outcomes if o.category == n]) for n in names]


def print_gold(outcomes: list[Outcome], verbose: bool) -> None:
    hot = sum(o.hot for o in outcomes)
    writer = sum(o.writer for o in outcomes)
    print(f"gold set: {len(outcomes)} drafts, {hot} hot ({hot - writer} to calm, {writer} left to "
          f"the writer), {len(outcomes) - hot} fine")
    print()
    rows = by_category(outcomes)
    table("outcomes (hot drafts sendable; keep strings and regex facts kept; fine drafts changed)",
          rows, OUTCOMES, outcomes)
    table("defects (drafts with at least one)", rows, DEFECTS, outcomes)
    print(f"sendable share of hot drafts: {100 * sendable_share(outcomes):.1f}% "
          f"(issue 12 target: 85%)")
    failing = [o for o in outcomes if o.problems]
    print(f"drafts with any problem: {len(failing)}/{len(outcomes)}")
    if verbose:
        print("\nper-draft failures")
        for o in failing:
            print(f"\n[{o.id}] ({o.category}, {'hot' if o.hot else 'fine'}"
                  f"{', needs writer' if o.writer else ''})")
            for p in o.problems:
                print(f"  - {p}")
            print("  draft:    " + "\n            ".join(o.original.split("\n")))
            print("  revision: " + "\n            ".join(o.revision.split("\n")))


# --- corpora ---------------------------------------------------------------------------

def corpus_rows(data: Path, emobank: bool) -> list[tuple[str, list]]:
    sys.path.insert(0, str(ROOT / "bench"))
    from agreement import load_emobank, load_goemotions, load_politeness

    politeness = load_politeness(data)
    goemotions = load_goemotions(data)
    out = [(f"politeness {label}", [r for r in politeness if r.label == label])
           for label in ("impolite", "polite")]
    out += [(f"goemotions {label}", [r for r in goemotions if r.label == label])
            for label in ("emotional", "neutral")]
    if emobank:
        out.append(("emobank", load_emobank(data)))
    return out


@dataclass
class Auto:
    changed: int = 0
    rows: int = 0
    fragments: int = 0
    doubles: int = 0
    with_regions: int = 0
    protected: int = 0
    numbers: int = 0
    numbers_kept: int = 0
    flagged: int = 0
    still_flagged: int = 0
    not_idempotent: int = 0


def auto_rates(rows: list, profile: str) -> Auto:
    a = Auto()
    for row in rows:
        try:
            report = revise(row.text, profile, "text")
        except InputError:
            continue
        a.rows += 1
        original, text = from_string(row.text, "text").source, report.revision.text
        before = flagged(report.scores, profile)
        a.flagged += before
        if text == original:
            a.still_flagged += before
            continue
        a.changed += 1
        a.fragments += bool(fragments(original, text))
        a.doubles += bool(double_insertions(original, text))
        regions, changed = protected_edits(original, text, report.revision.edits)
        a.with_regions += regions > 0
        a.protected += bool(changed)
        total, gone = missing_facts(original, text, names=False)
        a.numbers += total
        a.numbers_kept += total - len(gone)
        a.still_flagged += before and flagged(report.revision.scores, profile)
        a.not_idempotent += revise(text, profile, "text").revision.text != text
    return a


def print_corpora(data: Path, emobank: bool, profile: str) -> None:
    print(f"\ncorpora (profile '{profile}', text kind): rates over the revisions that changed "
          "something; still flagged over the texts flagged before")
    heads = ["corpus", "texts", "revised", "fragments", "insertions", "protected", "numbers kept",
             "still flagged", "not idempotent"]
    body = []
    total = Auto()
    for name, rows in corpus_rows(data, emobank):
        a = auto_rates(rows, profile)
        for k in vars(total):
            setattr(total, k, getattr(total, k) + getattr(a, k))
        body.append((name, a))
    body.append(("all", total))
    cells = [[name, str(a.rows), pct(a.changed, a.rows), pct(a.fragments, a.changed),
              pct(a.doubles, a.changed), pct(a.protected, a.with_regions),
              pct(a.numbers_kept, a.numbers), pct(a.still_flagged, a.flagged),
              pct(a.not_idempotent, a.changed)] for name, a in body]
    grid(heads, cells)
    print("(protected: over the revised texts holding a quote, '>' line or code)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="folder with the corpora (e.g. ../shared/data): also run over their texts")
    parser.add_argument("--emobank", action="store_true", help="with --data, EmoBank's sentences too")
    parser.add_argument("--profile", default="default", help="profile for the corpora's texts")
    parser.add_argument("--verbose", action="store_true",
                        help="print every gold draft that fails, what failed and its revision")
    args = parser.parse_args(argv)
    if args.data is not None and not args.data.is_dir():
        parser.error(f"no such folder: {args.data}")
    print(f"tonecheck {tonecheck.__version__}: revisions against the gold set "
          f"({GOLD_PATH.relative_to(ROOT)})")
    print_gold(evaluate_all(), args.verbose)
    if args.data is not None:
        print_corpora(args.data, args.emobank, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
