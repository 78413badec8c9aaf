"""Fit the intensity lexicon: which words make people read a text as emotionally charged.

    python bench/fit_lexicon.py --data ../shared/data            # report only
    python bench/fit_lexicon.py --data ../shared/data --write    # and write rules/lexicon.toml

The vocabulary is VADER's lexicon (MIT licence): the words VADER knows carry sentiment,
and this asks which of them carry *arousal*, which valence alone does not say (VADER's
|compound| tracks arousal at r = 0.18). Every word's weight is estimated from two
corpora of other communities than ours, on their training parts only:

- GoEmotions train (Reddit): comments labelled only with strong emotions against those
  labelled only neutral. A word's evidence is its log-odds of appearing in an emotional
  rather than a neutral comment, with an informative Dirichlet prior (Monroe, Colaresi and
  Quinn 2008, "Fightin' Words"), as a z-score.
- EmoBank train (news, blogs, fiction, letters): a word's evidence is the mean arousal of
  the sentences holding it, minus the corpus mean, shrunk towards 0 by `k` pseudo-sentences
  and scaled by the corpus sd.

The two are averaged (each corpus counts the same), negative evidence is cut to 0 (the
lexicon only charges; redress is the pressure packs' business), and words with little
evidence are dropped. Three kinds of word are left to the rest of the packs: the ones a
hand-written intensity rule already matches on its own ("furious", "love"), the
technical words the sentiment rules score as neutral ("failed", "killed"), courtesy
("sorry", "thanks", "please": politeness, which the pressure pack counts as redress, and
which a revision may add), and warmth (a word VADER scores positive), which is not heat:
the charged-sentence rule counts it, lightly. The shrinkage strengths are picked by 5-fold cross-validation on
the training parts (folds by a hash of each row's id), maximising the mean of GoEmotions
AUC and EmoBank r of the lexicon's own pooled score. Then the dev parts, never seen in
fitting, give the in-corpus figures, and fits on one corpus alone, tested on the other,
give the cross-corpus figures.

Reproducible: the same data gives the same output byte for byte. The pack's weight (the
lexicon rule's one multiplier) is left to bench/fit.py, which fits every rule together.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import sys
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from agreement import auc, pearson, read_goemotions  # noqa: E402

from tonecheck.text.sentences import WORD, split  # noqa: E402

PACK = Path(__file__).resolve().parent.parent / "rules" / "lexicon.toml"
FOLDS = 5
MIN_COUNT = 8  # occurrences in the training parts, both corpora together
KEEP_FROM = 0.05  # smallest weight written to the pack
PRIORS = (50.0, 200.0, 800.0)  # GoEmotions: strength of the Dirichlet prior
SHRINK = (5.0, 20.0, 80.0)  # EmoBank: pseudo-sentences at the mean
WARMTH = 0.0  # a positive word's share of its evidence: warmth is the charged-sentence rule's
COURTESY = {"sorry", "thanks", "thank", "please", "pls", "plz", "apologies", "apologize", "apologise",
            "appreciate", "appreciated", "welcome", "kind", "kindly", "grateful", "hello", "hi",
            "hey", "cheers", "moment", "glad"}


def vocabulary() -> tuple[set[str], set[str]]:
    """VADER's words, less courtesy and the words a hand-written intensity rule already
    matches on its own; and which of them VADER scores as warm."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    import tonecheck

    lexicon = SentimentIntensityAnalyzer().lexicon
    words = {w.lower() for w in lexicon if WORD.fullmatch(w)} - COURTESY
    settings = tonecheck.load_settings(use_config=False)
    hand = [r for r in settings.rules if r.dimension == "intensity" and r.kind != "lexicon"
            and r.kind != "metric"]

    def matched(word: str) -> bool:
        from tonecheck.drafts.load import from_text
        from tonecheck.engine.charges import raw_charges
        from tonecheck.engine.context import Context

        return bool(raw_charges(Context(from_text(word), settings), hand))

    words = {w for w in words if not matched(w)}
    # Technical words ("failed", "killed", "broken") that the charged-sentence rule scores
    # as neutral are no charge here either.
    for rule in settings.rules:
        words -= {w.lower() for w in rule.params.get("neutral_words", [])}
    warm = {w for w in words if lexicon.get(w, 0) > 0}
    return words, warm


def tokens(text: str, vocab: set[str]) -> tuple[Counter, int]:
    """The vocabulary words of a text, counted, and its sentence count (for pooling)."""
    return Counter(w for w in map(str.lower, WORD.findall(text)) if w in vocab), max(1, len(split(text)))


def fold(row_id: str) -> int:
    return zlib.crc32(row_id.encode("utf-8")) % FOLDS


def load_emobank(path: Path) -> dict[str, list[tuple[str, str, float]]]:
    parts: dict[str, list[tuple[str, str, float]]] = {"train": [], "dev": []}
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            parts.setdefault(r["split"], []).append((r["id"], r["text"], float(r["A"])))
    return parts


def goemotions_evidence(rows: Iterable[tuple[Counter, bool]], prior: float) -> dict[str, float]:
    """Each word's z-scored log-odds of an emotional over a neutral comment."""
    emotional, neutral = Counter(), Counter()
    for words, label in rows:
        (emotional if label else neutral).update(words)
    both = emotional + neutral
    total = sum(both.values()) or 1
    n_e, n_n = sum(emotional.values()), sum(neutral.values())
    out = {}
    for word, count in both.items():
        a = prior * count / total  # the prior, in proportion to the word's frequency
        a0 = prior
        ye, yn = emotional[word], neutral[word]
        delta = (math.log((ye + a) / (n_e + a0 - ye - a)) - math.log((yn + a) / (n_n + a0 - yn - a)))
        out[word] = delta / math.sqrt(1 / (ye + a) + 1 / (yn + a))
    return out


def emobank_evidence(rows: list[tuple[Counter, float]], shrink: float) -> dict[str, float]:
    """Each word's shrunk mean arousal above the corpus mean, in corpus sds."""
    values = [a for _, a in rows]
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((a - mean) ** 2 for a in values) / len(values)) or 1.0
    sums, counts = Counter(), Counter()
    for words, a in rows:
        for word in words:
            sums[word] += a - mean
            counts[word] += 1
    return {w: sums[w] / (counts[w] + shrink) / sd for w in counts}


def combine(parts: list[dict[str, float]], counts: Counter, warm: set[str] = frozenset()) -> dict[str, float]:
    """Mean evidence over the corpora given, each scaled to unit spread over the words,
    cut at 0, for words seen often enough."""
    scaled = []
    for evidence in parts:
        spread = math.sqrt(sum(v * v for v in evidence.values()) / max(1, len(evidence))) or 1.0
        scaled.append({w: v / spread for w, v in evidence.items()})
    out = {}
    for word, seen in counts.items():
        if seen < MIN_COUNT:
            continue
        value = sum(s.get(word, 0.0) for s in scaled) / len(scaled)
        if word in warm:
            value *= WARMTH
        if value > 0:
            out[word] = value
    top = max(out.values(), default=1.0)
    return {w: v / top for w, v in out.items()}  # the strongest word weighs 1


def lexicon_score(words: Counter, sentences: int, weights: dict[str, float]) -> float:
    return sum(weights.get(w, 0.0) * n for w, n in words.items()) / math.sqrt(sentences)


def measure(weights: dict[str, float], go: list, emo: list) -> tuple[float, float]:
    g = auc([lexicon_score(w, s, weights) for w, s, y in go if y],
            [lexicon_score(w, s, weights) for w, s, y in go if not y]) if go else float("nan")
    e = pearson([lexicon_score(w, s, weights) for w, s, _ in emo], [a for _, _, a in emo]) if emo \
        else float("nan")
    return g, e


WARM: set[str] = set()


def fit(go: list, emo: list, prior: float, shrink: float) -> dict[str, float]:
    counts = Counter()
    for w, _, _ in go + emo:
        counts.update(w)
    parts = []
    if go:
        parts.append(goemotions_evidence(((w, y) for w, _, y in go), prior))
    if emo:
        parts.append(emobank_evidence([(w, a) for w, _, a in emo], shrink))
    return combine(parts, counts, WARM)


def cross_validate(go: list, emo: list, out: list[str]) -> tuple[float, float]:
    out.append(f"5-fold cross-validation on the training parts ({len(go)} GoEmotions, "
               f"{len(emo)} EmoBank rows)")
    out.append(f"  {'prior':>6} {'shrink':>6}  {'GoEmotions AUC':>14}  {'EmoBank r':>9}  {'mean':>6}")
    best = None
    for prior in PRIORS:
        for shrink in SHRINK:
            gs, es = [], []
            for k in range(FOLDS):
                weights = fit([r[:3] for r in go if r[3] != k],
                              [r[:3] for r in emo if r[3] != k], prior, shrink)
                g, e = measure(weights, [r[:3] for r in go if r[3] == k], [r[:3] for r in emo if r[3] == k])
                gs.append(g)
                es.append(e)
            g, e = sum(gs) / FOLDS, sum(es) / FOLDS
            out.append(f"  {prior:6.0f} {shrink:6.0f}  {g:14.3f}  {e:9.3f}  {(g - 0.5) + e:6.3f}")
            if best is None or (g - 0.5) + e > best[0]:
                best = ((g - 0.5) + e, prior, shrink)
    assert best is not None
    out.append(f"  chosen: prior {best[1]:.0f}, shrink {best[2]:.0f} (the best mean of AUC - 0.5 and r)")
    return best[1], best[2]


def write_pack(weights: dict[str, float], path: Path) -> None:
    kept = {w: round(v, 2) for w, v in sorted(weights.items()) if round(v, 2) >= KEEP_FROM}
    lines = [
        "# The intensity lexicon: words people read as emotionally charged, each with its own",
        "# weight (the strongest is 1). Fitted by bench/fit_lexicon.py on GoEmotions train and",
        "# EmoBank train from VADER's vocabulary (MIT); do not edit by hand, re-run the fit.",
        "",
        "[pack]",
        'name = "lexicon"',
        'description = "Emotionally charged words, each weighted by how charged people read it (fitted)."',
        "",
        "[[rules]]",
        'id = "charged-word"',
        'kind = "lexicon"',
        'dimension = "intensity"',
        "weight = 1.0",
        'message = "A charged word raises the temperature"',
        'suggestion = "Use a plainer word, or leave it out."',
        "",
        "[rules.words]",
    ]
    lines += [f"{w} = {v}" if w.isidentifier() or w.replace("-", "_").isidentifier() else f'"{w}" = {v}'
              for w, v in kept.items()]
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept_weight = next((ln for ln in old.splitlines() if ln.startswith("weight = ")), None)
    if kept_weight:  # bench/fit.py's fitted multiplier stays
        lines[lines.index("weight = 1.0")] = kept_weight
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--write", action="store_true", help="write rules/lexicon.toml")
    parser.add_argument("--out", type=Path, help="also save the report here")
    args = parser.parse_args(argv)
    vocab, warm = vocabulary()
    WARM.update(warm)

    def prepared(rows: list[tuple[str, str, object]]) -> list[tuple]:
        return [(*tokens(text, vocab), label, fold(rid)) for rid, text, label in rows]

    go_train = prepared(read_goemotions(args.data, "goemotions-train.tsv"))
    go_dev = [r[:3] for r in prepared(read_goemotions(args.data, "goemotions-dev.tsv"))]
    emobank = load_emobank(args.data / "emobank-train-dev.csv")
    emo_train = prepared(emobank["train"])
    emo_dev = [r[:3] for r in prepared(emobank["dev"])]

    out = [f"intensity lexicon: {len(vocab)} VADER words considered", ""]
    prior, shrink = cross_validate(go_train, emo_train, out)
    go_all, emo_all = [r[:3] for r in go_train], [r[:3] for r in emo_train]
    joint = fit(go_all, emo_all, prior, shrink)
    only_go = fit(go_all, [], prior, shrink)
    only_emo = fit([], emo_all, prior, shrink)
    out += ["", "held-out dev parts (never seen in fitting); the lexicon's own pooled score",
            f"  {'fitted on':26} {'GoEmotions dev AUC':>18} {'EmoBank dev r':>14}  words"]
    for label, weights in (("both training parts", joint), ("GoEmotions train only", only_go),
                           ("EmoBank train only", only_emo)):
        g, e = measure(weights, go_dev, emo_dev)
        out.append(f"  {label:26} {g:18.3f} {e:14.3f}  {sum(1 for v in weights.values() if v >= KEEP_FROM)}")
    out.append("  (cross-corpus: the GoEmotions-only fit on EmoBank, and the EmoBank-only fit on GoEmotions)")
    top = sorted(joint.items(), key=lambda kv: -kv[1])[:25]
    out += ["", "strongest words: " + ", ".join(f"{w} {v:.2f}" for w, v in top)]
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    if args.write:
        write_pack(joint, PACK)
        print(f"wrote {PACK}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
