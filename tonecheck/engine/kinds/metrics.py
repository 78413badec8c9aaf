"""The named measurements a metric rule runs: shouting, stacked punctuation, exclamation,
questions, length, sentiment, open questions, repetition.

Each is a function registered with `@metric(name, local=..., **parameter types)`; a rule
pack names it (`metric = "shouting"`) and may set its parameters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from ...core.rule import Hit
from ...text.sentences import WORD, count_words, last_word

if TYPE_CHECKING:
    from ...core.rule import Rule
    from ..context import Context

MetricFn = Callable[["Context", "Rule"], Iterator[Hit]]
METRICS: dict[str, tuple[MetricFn, dict[str, type]]] = {}
#: Metrics whose hits each lie in one sentence and depend on nothing else (Metric.is_local).
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
    from ...text.sentiment import score  # only the sentences that exclaim need scoring

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
    detail = f"{len(marks)} questions; keep it to {limit}"
    for extra in marks[limit:]:
        yield Hit(extra.start, extra.end, detail=detail)


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
        positive_threshold=float, neutral_words=list, neutral_unless=list, neutral_window=int)
def _sentiment(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """VADER, sentence by sentence: strongly worded sentences, with the words behind them.

    `neutral_words` are scored as neutral: technical words VADER reads as charged ("the
    build failed", "kill the job") say nothing about the writer's mood. A sentence holding
    one is scored again without it; one near a person keeps its charge ("you failed me",
    "I'll kill you"): a word of `neutral_unless` within `neutral_window` words of it."""
    threshold = rule.params.get("threshold", 0.3)
    # Warmth ("Thanks so much!") is not heat: positive sentences must be far stronger.
    pos_threshold = rule.params.get("positive_threshold", 0.6)
    neg_w = rule.params.get("negative", 1.0)
    pos_w = rule.params.get("positive", 0.4)
    neutral = frozenset(w.lower() for w in rule.params.get("neutral_words", ()))
    details: dict[float, str] = {}
    for sentence, compound, charged in ctx.sentiment():
        if neutral and compound:  # a sentence VADER scores 0 has nothing to take back
            compound, charged = _without_neutral(sentence.text, compound, charged, neutral,
                                                 rule.params)
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
        detail = details.get(compound)
        if detail is None:  # one string per score, shared by its hits (a long paste has many)
            mood = "negative" if compound < 0 else "positive"
            detail = details[compound] = f"strongly {mood} ({compound:+.2f})"
        yield Hit(start, end, scale=scale, detail=detail)


def _without_neutral(text: str, compound: float, charged: list[tuple[int, int]],
                     neutral: frozenset[str], params: dict) -> tuple[float, list[tuple[int, int]]]:
    """The sentence's score and charged spans with its neutral words left out (those
    within `neutral_window` words of a word of `neutral_unless` count as they are)."""
    if neutral.isdisjoint(map(str.lower, WORD.findall(text))):
        return compound, charged  # the common case: no neutral word, nothing re-scored
    words = list(WORD.finditer(text))
    lowered = [m.group(0).lower().replace("’", "'") for m in words]
    unless = frozenset(w.lower().replace("’", "'") for w in params.get("neutral_unless", ()))
    window = params.get("neutral_window", 3)
    cut = [
        i for i, w in enumerate(lowered)
        if w in neutral and unless.isdisjoint(lowered[max(0, i - window):i + window + 1])
    ]
    if not cut:
        return compound, charged
    from ...text.sentiment import score_text  # memoised per text, like the sentence's own

    pieces, at = [], 0
    for i in cut:
        pieces.append(text[at:words[i].start()])
        at = words[i].end()
    pieces.append(text[at:])
    spans = {(words[i].start(), words[i].end()) for i in cut}
    return score_text("".join(pieces))[0], [c for c in charged if c not in spans]


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
