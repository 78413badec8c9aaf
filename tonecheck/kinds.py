"""Rule kinds: the code that turns one rule's data into matches.

A kind reads its keys from a rule's TOML table (`build`) and finds hits in a draft
(`find`). Packs in rules/ only hold data; adding a phrase never needs code.

- phrases: a list of words or phrases, matched as whole words, any case, any spacing.
- pattern: regular expressions, with an optional replacement template, optionally only in
  sentences that match a `sentence` expression.
- substitution: a table of phrase -> gentler phrase.
- metric: a named measurement in code (shouting, stacked punctuation, exclamation,
  sentiment, ...).

Any rule may also carry `when` and `unless` (rules.py): expressions searched in the whole
draft that switch it on only where the first is found and off where the second is.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from . import regexcache
from .sentences import WORD, count_words, last_word

if TYPE_CHECKING:
    from .analysis import Context
    from .rules import Rule


class RuleDataError(ValueError):
    """A rule's key has a bad value; rules.py adds the file and rule id."""

    def __init__(self, key: str, problem: str):
        self.key = key
        super().__init__(problem)


@dataclass(slots=True)  # no per-instance dict: a long draft makes tens of thousands
class Hit:
    start: int
    end: int
    #: Text that a revision puts in place of the hit; None leaves it to the user.
    replacement: str | None = None
    #: Multiplies the rule's weight, for metrics whose hits differ in strength.
    scale: float = 1.0
    #: Extra words for the message, e.g. a sentence's sentiment.
    detail: str = ""


def _phrase_regex(phrase: str) -> str:
    """A phrase as a regex: whole words, flexible spaces, straight or curly apostrophes,
    and `*` as a word-character wildcard (e.g. "fuck*")."""
    parts = []
    for token in phrase.split():
        esc = re.escape(token).replace(r"\*", r"\w*").replace("'", "['’]?")
        parts.append(esc)
    body = r"\s+".join(parts)
    left = r"\b" if re.match(r"\w", phrase) else ""
    right = r"\b" if re.search(r"[\w*]$", phrase) else ""
    return left + body + right


def compile_regex(regex: str, key: str, flags: int) -> re.Pattern[str]:
    try:
        return regexcache.compile(regex, flags)  # re.compile, remembered across runs
    except re.error as exc:
        raise RuleDataError(key, f"bad regular expression {regex!r}: {exc}") from None


def _strings(table: dict[str, Any], key: str) -> list[str]:
    value = table.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip()
                                                           for v in value):
        raise RuleDataError(key, "must be a non-empty list of non-empty strings")
    return value


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.7


def match_case(original: str, replacement: str) -> str:
    """Give the replacement the original's leading capital; a shouted original gets a
    calm replacement, so a rewrite never carries the capitals along."""
    if _shouted(original):
        replacement = replacement.lower()
    if replacement and original[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


class Phrases:
    keys = {"phrases", "case_sensitive"}

    def __init__(self, table: dict[str, Any], rule: Rule):
        phrases = sorted(_strings(table, "phrases"), key=len, reverse=True)
        flags = 0 if table.get("case_sensitive") else re.I
        self.regex = compile_regex("|".join(_phrase_regex(p) for p in phrases), "phrases", flags)
        self.replace = rule.replace

    def find(self, ctx: Context) -> Iterator[Hit]:
        for m in ctx.finditer(self.regex):
            repl = None if self.replace is None else match_case(m.group(0), self.replace)
            yield Hit(m.start(), m.end(), repl)


class Pattern:
    #: `sentence`: a regular expression the whole sentence around a match must also match,
    #: e.g. only sentences that speak to the reader. Lookarounds cannot see back to the
    #: start of a sentence; this can.
    keys = {"patterns", "case_sensitive", "sentence"}

    def __init__(self, table: dict[str, Any], rule: Rule):
        flags = re.M | (0 if table.get("case_sensitive") else re.I)
        self.regexes = [
            compile_regex(p, f"patterns[{i}]", flags)
            for i, p in enumerate(_strings(table, "patterns"))
        ]
        sentence = table.get("sentence")
        if sentence is not None and not (isinstance(sentence, str) and sentence.strip()):
            raise RuleDataError("sentence", "must be a non-empty regular expression")
        self.sentence = compile_regex(sentence, "sentence", flags) if sentence else None
        self.replace = rule.replace
        if self.replace is not None:
            for i, regex in enumerate(self.regexes):
                try:  # a template naming a missing group must fail at load, not mid-run
                    _check_template(regex, self.replace)
                except (re.error, IndexError) as exc:
                    raise RuleDataError("replace", f"does not fit patterns[{i}]: {exc}") from None

    def find(self, ctx: Context) -> Iterator[Hit]:
        # Each sentence is searched once however many matches it holds: a long run with no
        # punctuation is one sentence, and searching it per match would be quadratic.
        fits: dict[int, bool] = {}
        for regex in self.regexes:
            for m in ctx.finditer(regex):
                if m.end() == m.start():
                    continue
                if self.sentence and not self._in_sentence(ctx, m, fits):
                    continue
                repl = None
                if self.replace is not None:
                    repl = _expand(m, self.replace)
                yield Hit(m.start(), m.end(), repl)

    def _in_sentence(self, ctx: Context, m: re.Match[str], fits: dict[int, bool]) -> bool:
        # A match may take in the space or comma before its words; its sentence is the one
        # its first word is in.
        i = ctx.sentence_at(m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t,")))
        if i is None:
            return False
        if i not in fits:
            fits[i] = bool(self.sentence.search(ctx.sentences[i].text))  # type: ignore[union-attr]
        return fits[i]


_CASE_FN = re.compile(r"\\(lower|upper|cap)\{([^}]*)\}")


def _expand(m: re.Match[str], template: str) -> str:
    """re's template expansion plus \\lower{..}, \\upper{..} and \\cap{..} wrappers."""
    plain = _CASE_FN.sub(lambda c: "\x00" + c.group(1) + "\x01" + c.group(2) + "\x02", template)
    expanded = m.expand(plain)

    def case(c: re.Match[str]) -> str:
        fn, text = c.group(1), c.group(2)
        if fn == "lower":
            return text.lower()
        if fn == "upper":
            return text.upper()
        return text[:1].upper() + text[1:]

    result = re.sub("\x00(lower|upper|cap)\x01(.*?)\x02", case, expanded, flags=re.S)
    return match_case(m.group(0), result)


def _check_template(regex: re.Pattern[str], template: str) -> None:
    groups = set(regex.groupindex) | {str(i) for i in range(regex.groups + 1)}
    for ref in re.findall(r"\\g<(\w+)>|\\(\d+)", template):
        name = ref[0] or ref[1]
        if name not in groups:
            raise re.error(f"unknown group {name!r}")


class Substitution:
    keys = {"swap", "case_sensitive"}

    def __init__(self, table: dict[str, Any], rule: Rule):
        swap = table.get("swap")
        if not isinstance(swap, dict) or not swap or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in swap.items()
        ):
            raise RuleDataError("swap", "must be a table of \"phrase\" = \"replacement\" strings")
        self.swap = {k.lower(): v for k, v in swap.items()}
        flags = 0 if table.get("case_sensitive") else re.I
        ordered = sorted(swap, key=len, reverse=True)
        self.regex = compile_regex(
            "|".join(f"(?P<s{i}>{_phrase_regex(p)})" for i, p in enumerate(ordered)), "swap", flags
        )
        self.targets = [swap[p] for p in ordered]

    def find(self, ctx: Context) -> Iterator[Hit]:
        for m in ctx.finditer(self.regex):
            index = int(m.lastgroup[1:]) if m.lastgroup else 0
            yield Hit(m.start(), m.end(), match_case(m.group(0), self.targets[index]))


# --- metrics ---------------------------------------------------------------------------

MetricFn = Callable[["Context", "Rule"], Iterator[Hit]]
METRICS: dict[str, tuple[MetricFn, dict[str, type]]] = {}
#: Metrics whose hits each lie in one sentence and depend on nothing else (see is_local).
LOCAL_METRICS: set[str] = set()


def metric(name: str, local: bool = False, **params: type) -> Callable[[MetricFn], MetricFn]:
    def register(fn: MetricFn) -> MetricFn:
        METRICS[name] = (fn, params)
        if local:
            LOCAL_METRICS.add(name)
        return fn

    return register


_CAPS = re.compile(r"\b[A-Z][A-Z'’]*[A-Z]\b")


@metric("shouting", local=True, min_letters=int, allow=list)
def _shouting(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Runs of words in capitals; common acronyms are allowed."""
    min_letters = rule.params.get("min_letters", 3)
    allow = {w.upper() for w in rule.params.get("allow", [])} | ctx.allow_upper
    # Only a sentence with a loud word can shout, and most drafts have none: find them
    # in one sweep of the text (a sentence's edges are word boundaries in it too).
    loud_at = [m.start() for m in _CAPS.finditer(ctx.text)
               if len(m.group(0)) >= min_letters and m.group(0) not in allow]
    if not loud_at:
        return
    for sentence in ctx.sentences:
        i = bisect.bisect_left(loud_at, sentence.start)
        if i == len(loud_at) or loud_at[i] >= sentence.end:
            continue
        caps = [m for m in _CAPS.finditer(sentence.text) if m.group(0) not in allow]
        loud = [m for m in caps if len(m.group(0)) >= min_letters]
        words = max(1, len(WORD.findall(sentence.text)))
        # A few short capitalised words in a sentence are acronyms (PDF, CEO); shouting is
        # a sentence mostly in capitals, or a long word in them.
        if not loud or (len(caps) / words < 0.4 and all(len(m.group(0)) < 5 for m in loud)):
            continue
        # The span takes in short shouted words too ("ANSWER ME"), so the revision calms all.
        start = sentence.start + caps[0].start()
        end = sentence.start + caps[-1].end()
        span = ctx.text[start:end]
        yield Hit(start, end, _calm_caps(span, ctx.text, start, allow),
                  scale=min(3.0, 0.5 + 0.5 * len(loud)))


def _calm_caps(span: str, text: str, start: int, allow: set[str]) -> str:
    def lower(m: re.Match[str]) -> str:
        word = m.group(0)
        return word if word in allow or word == "I" else word.lower()

    calm = re.sub(r"[A-Z][A-Za-z'’]*", lower, span)
    before = text[max(0, start - 40):start].rstrip(" \t\"'“(")  # not a copy of all before it
    if not before or before[-1] in ".!?\n":  # a sentence start keeps its capital
        calm = calm[:1].upper() + calm[1:]
    return calm


# Every match starts with a mark; the lookahead says so, and lets the engine skip ahead
# to the next one instead of trying the pattern at every character.
_STACKED = re.compile(r"(?=[!?])(?:[!?]*(?:!\s*[!?]|\?\s*[!?])[!?\s]*[!?]|[!?]{2,})")


@metric("stacked_punctuation", local=True)
def _stacked(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """'!!!', '?!?!' and friends; a revision keeps one mark."""
    for m in ctx.finditer(_STACKED):
        marks = m.group(0)
        keep = "?" if "?" in marks else "!"
        # "!!" is mild; each further mark adds more.
        yield Hit(m.start(), m.end(), keep, scale=min(3.0, 0.4 * (len(marks.replace(" ", "")) - 1)))


@metric("exclamation", warm=float, warm_threshold=float)
def _exclamation(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Exclamations raise the voice. One hit, at the first, scaled by the share of
    sentences that exclaim: a cheery sign-off in a long email weighs less than a draft
    that exclaims throughout. A warm sentence ("Happy birthday!") counts for `warm` of
    a full one: excitement is arousal too, but it is not heat. Stacked marks ('!!!') are
    a rule of their own."""
    warm = rule.params.get("warm", 0.3)
    warm_at = rule.params.get("warm_threshold", 0.3)
    from .sentiment import score  # only the sentences that exclaim need scoring

    loud = [(s, score(s)[0]) for s in ctx.sentences if "!" in s.text]
    if not loud:
        return
    share = sum(warm if c >= warm_at else 1.0 for _, c in loud) / len(ctx.sentences)
    first = loud[0][0]
    at = first.start + first.text.index("!")
    yield Hit(at, at + 1, scale=share, detail=f"{len(loud)} of {len(ctx.sentences)} sentences")


@metric("questions", max_questions=int)
def _questions(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Questions beyond the profile's maximum pile up on the reader."""
    limit = rule.params.get("max_questions", ctx.settings.length.get("max_questions", 3))
    marks = [s for s in ctx.sentences if s.text.rstrip("\"')”’").endswith("?")]
    for extra in marks[limit:]:
        yield Hit(extra.start, extra.end, detail=f"{len(marks)} questions; keep it to {limit}")


@metric("length")
def _length(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One hit where the draft passes its word target, sized by how far it runs over."""
    target = int(ctx.settings.length.get("target_words", 150))
    count = count_words(ctx.text)  # without a match object per word: drafts can be long
    if count <= target:
        return
    over = count - target
    first = next(islice(WORD.finditer(ctx.text), target, None))
    yield Hit(first.start(), last_word(ctx.text).end(), scale=over / target,
              detail=f"{count} words; the target is {target}")


@metric("sentiment", local=True, negative=float, positive=float, threshold=float,
        positive_threshold=float)
def _sentiment(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """VADER, sentence by sentence: strongly worded sentences, with the words behind them."""
    threshold = rule.params.get("threshold", 0.3)
    # Warmth ("Thanks so much!") is not heat: positive sentences must be far stronger.
    pos_threshold = rule.params.get("positive_threshold", 0.6)
    neg_w = rule.params.get("negative", 1.0)
    pos_w = rule.params.get("positive", 0.4)
    for sentence, compound, charged in ctx.sentiment():
        floor = threshold if compound < 0 else pos_threshold
        if abs(compound) < floor or floor >= 1 or (compound > 0 and len(sentence.words) < 3):
            continue  # a one-word "Best," or "Thanks!" is a sign-off, not a feeling
        strength = (abs(compound) - floor) / (1 - floor)
        scale = strength * (neg_w if compound < 0 else pos_w)
        if scale <= 0:
            continue
        start, end = sentence.start, sentence.end
        if charged:
            start, end = sentence.start + charged[0][0], sentence.start + charged[-1][1]
        mood = "negative" if compound < 0 else "positive"
        yield Hit(start, end, scale=scale, detail=f"strongly {mood} ({compound:+.2f})")


@metric("open_question")
def _open_question(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """No question at all: nothing invites a reply. Points at the last sentence."""
    if ctx.sentences and not any(
        s.text.rstrip("\"')”’").endswith("?") for s in ctx.sentences
    ):
        last = ctx.sentences[-1]
        yield Hit(last.start, last.end)


@metric("repetition")
def _repetition(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """A sentence said again: the revision keeps the first."""
    seen: set[str] = set()
    for s in ctx.sentences:
        words = s.words
        key = " ".join(words).lower()
        if key in seen and len(words) >= 2:
            yield Hit(s.start, s.end, "")
        seen.add(key)


class Metric:
    keys = {"metric"}

    def __init__(self, table: dict[str, Any], rule: Rule):
        name = table.get("metric")
        if name not in METRICS:
            raise RuleDataError("metric", f"unknown metric {name!r}; known: {', '.join(METRICS)}")
        self.fn, self.param_types = METRICS[name]
        self.rule = rule
        for key, typ in self.param_types.items():
            if key in table:
                value = table[key]
                if typ is float and isinstance(value, int):
                    value = float(value)
                if not isinstance(value, typ) or (typ is float and not math.isfinite(value)):
                    raise RuleDataError(key, f"must be {typ.__name__}")
                rule.params[key] = value

    def find(self, ctx: Context) -> Iterator[Hit]:
        yield from self.fn(ctx, self.rule)


def regexes_of(matcher: Any) -> list[re.Pattern[str]]:
    """The regexes a rule's matcher runs over a draft: a pattern's, a phrase list's or a
    swap table's; none for a metric, whose code is tested in its own right."""
    found = getattr(matcher, "regexes", None)
    if found is None:
        regex = getattr(matcher, "regex", None)
        found = [regex] if regex is not None else []
    return list(found)


KINDS: dict[str, type] = {
    "phrases": Phrases,
    "pattern": Pattern,
    "substitution": Substitution,
    "metric": Metric,
}


#: Regex pieces that see any distance, across sentences (a whole-draft lookahead).
_FAR_SIGHTED = re.compile(r"\\s\\S|\\S\\s|\\w\\W|\\W\\w|\\d\\D|\\D\\d|\(\?[a-zA-Z]*s")


def is_local(kind: str, table: dict[str, Any]) -> bool:
    """Whether a rule's hits depend only on the sentence they are in (and the few
    characters around it): then a revision pass need not look again at sentences it left
    alone (tonecheck.recheck). Phrases and swaps are; patterns are unless they can see
    across sentences; metrics say so when they are registered."""
    if kind == "metric":
        return table.get("metric") in LOCAL_METRICS
    if kind == "pattern":
        regexes = [*table.get("patterns", []), table.get("sentence") or ""]
        return not any(_FAR_SIGHTED.search(r) for r in regexes if isinstance(r, str))
    return kind in ("phrases", "substitution")


def kind_keys(kind: str, table: dict[str, Any]) -> set[str]:
    keys = set(KINDS[kind].keys)
    if kind == "metric" and table.get("metric") in METRICS:
        keys |= set(METRICS[table["metric"]][1])
    return keys
