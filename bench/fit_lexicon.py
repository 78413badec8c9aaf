"""Fit the intensity lexicon: which words make people read a text as emotionally charged.

    pip install -e '.[bench]'                                   # numpy and scipy, for the fit only
    python bench/fit_lexicon.py --data ../shared/data            # report only
    python bench/fit_lexicon.py --data ../shared/data --write    # and write rules/lexicon.toml

The vocabulary is VADER's lexicon (MIT licence): the words VADER knows carry sentiment,
and this asks which of them carry *arousal*, which valence alone does not say (VADER's
|compound| tracks arousal at r = 0.18). Left out are the words a hand-written intensity
rule already matches on its own ("furious", "love"), the technical words the sentiment
rules score as neutral ("failed", "killed") and courtesy ("sorry", "thanks", "please":
politeness, which the pressure pack counts as redress and a revision may add).

The words are fitted *on top of the rest of the intensity rules*, not alone: a text's
score is its rules' points (at their pack weights, pooled as tonecheck/scoring.py pools
them) plus the sum of its words' weights, pooled the same way. So a word earns weight
only for the charge the hand rules miss, and the weights come out in the same unit as a
rule's points. One model for two corpora of other communities than ours, on their
training parts only, each corpus's mean loss weighted equally (as bench/fit.py does):

- GoEmotions train (Reddit): comments labelled only with strong emotions against those
  labelled only neutral; logistic loss.
- EmoBank train (news, blogs, fiction, letters): arousal, standardised; squared loss
  with its own intercept and a fitted positive slope (the two corpora's scales differ).

Every weight is >= 0 (the lexicon only charges; redress is the pressure packs' business)
and at most MAX_WEIGHT. A warm word (one VADER scores positive: "amazing", "lovely") gets
at most WARM_CAP, which is 0: warmth is not heat, a warm note must stay fine to send
("Happy birthday!!! Hope you have an amazing day!"), and the charged-sentence rule
already counts strong warmth, lightly. Measured: a cap of 0.25 raised GoEmotions dev AUC
by 0.001 and flagged that birthday note. L2 penalty lambda/2 * |w|^2; lambda is picked
from a fixed grid by 5-fold cross-validation on the training rows (folds by crc32 of the
row id), by the mean validation loss. Then the dev parts, never seen in fitting, give the
in-corpus figures, and fits on one corpus alone, tested on the other's dev part, give the
cross-corpus figures. bench/agreement.py then measures the pack through tonecheck itself.

Reproducible: the same data gives the same output (L-BFGS-B from a zero start, rows in
file order). numpy and scipy are the bench's own dependencies (the `bench` extra), never
tonecheck's: the pack the fit writes is plain data.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from agreement import auc, pearson  # noqa: E402
from fit import Extractor, Item, fold_of, linear_points, read_emobank, read_goemotions  # noqa: E402

import tonecheck  # noqa: E402
from tonecheck.text.sentences import WORD  # noqa: E402

PACK = Path(__file__).resolve().parent.parent / "rules" / "lexicon.toml"
RULE = "lexicon.charged-word"
FOLDS = 5
MIN_COUNT = 8  # texts holding the word in the training parts, both corpora together
KEEP_FROM = 0.05  # smallest weight written to the pack
LAMBDAS = (3e-5, 1e-4, 3e-4, 1e-3, 3e-3)
WARM_CAP = 0.0  # points at most for a warm word: none, warmth is the charged-sentence rule's
MAX_WEIGHT = 1.5  # points at most for any word: one word is never a whole rule's charge
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


def tokens(text: str, vocab: dict[str, int]) -> Counter:
    return Counter(vocab[w] for w in map(str.lower, WORD.findall(text)) if w in vocab)


@dataclass
class Part:
    """One corpus part as the model sees it: pooled word counts, the other rules' pooled
    points, the labels and each row's fold."""

    name: str
    kind: str  # "logistic" (GoEmotions) or "squared" (EmoBank, standardised)
    x: object  # scipy.sparse.csr_matrix, rows x words
    offset: object  # numpy array
    y: object
    fold: object

    def subset(self, keep: object) -> Part:
        return Part(self.name, self.kind, self.x[keep], self.offset[keep], self.y[keep], self.fold[keep])


def prepare(name: str, kind: str, rows: list[tuple], ex: Extractor, vocab: dict[str, int],
            weights: dict[str, float]) -> Part:
    import numpy as np
    import scipy.sparse as sp

    from tonecheck.core.errors import InputError

    pool = ex.pooling["intensity"]
    data, cols, ptr, offset, ys, folds = [], [], [0], [], [], []
    for row_id, text, label, *_ in rows:
        try:
            item: Item = ex.item(row_id, text, label, vader=False)
        except InputError:  # a blank row: nothing to score
            continue
        scale = item.sentences ** pool
        for j, n in sorted(tokens(text, vocab).items()):
            cols.append(j)
            data.append(n / scale)
        ptr.append(len(cols))
        offset.append(linear_points(item, weights, "intensity"))
        ys.append(label)
        folds.append(fold_of(row_id))
    x = sp.csr_matrix((np.array(data), np.array(cols, dtype=np.int64), np.array(ptr)),
                      shape=(len(ys), len(vocab)))
    y = np.array(ys, dtype=float)
    return Part(name, kind, x, np.array(offset), y, np.array(folds))


def corpora(data: Path, ex: Extractor, candidates: set[str] | None,
            weights: dict[str, float]) -> tuple[list[str], tuple[Part, Part, Part, Part]]:
    """The words seen in MIN_COUNT+ training texts (of `candidates`, or any), and EmoBank
    train/dev, GoEmotions train/dev as the model sees them (EmoBank standardised on train)."""
    emobank = read_emobank(data)
    eb_train_rows = [r for r in emobank if r[3] == "train"]
    ge_train_rows = read_goemotions(data, "goemotions-train.tsv")
    seen = Counter()
    for text in [r[1] for r in eb_train_rows] + [r[1] for r in ge_train_rows]:
        seen.update({w for w in map(str.lower, WORD.findall(text))
                     if candidates is None or w in candidates})
    words = sorted(w for w, n in seen.items() if n >= MIN_COUNT)
    vocab = {w: j for j, w in enumerate(words)}
    mean = sum(r[2] for r in eb_train_rows) / len(eb_train_rows)
    sd = math.sqrt(sum((r[2] - mean) ** 2 for r in eb_train_rows) / len(eb_train_rows))

    def standard(rows: list[tuple]) -> list[tuple]:
        return [(r[0], r[1], (r[2] - mean) / sd) for r in rows]

    return words, (
        prepare("EmoBank", "squared", standard(eb_train_rows), ex, vocab, weights),
        prepare("EmoBank", "squared", standard([r for r in emobank if r[3] == "dev"]), ex, vocab,
                weights),
        prepare("GoEmotions", "logistic", ge_train_rows, ex, vocab, weights),
        prepare("GoEmotions", "logistic", read_goemotions(data, "goemotions-dev.tsv"), ex, vocab,
                weights),
    )


class Fit:
    """One weight vector for the words, with each part's own intercept (and slope)."""

    def __init__(self, parts: list[Part], lam: float, hi: object, lo: float | None = 0.0):
        import numpy as np
        from scipy.optimize import minimize

        self.parts, d = parts, parts[0].x.shape[1]
        extra = [2 if p.kind == "squared" else 1 for p in parts]
        start = np.zeros(d + sum(extra))
        bounds = [(lo, None if h is None else float(h)) for h in hi]
        at = d
        for e in extra:
            if e == 1:
                bounds.append((None, None))
            elif len(parts) == 1:
                # Alone, EmoBank needs no slope of its own, and one would undo the penalty
                # (a large slope times small weights): it is held at 1.
                bounds += [(1.0, 1.0), (None, None)]
                start[at] = 1.0
            else:
                bounds += [(0.0, None), (None, None)]
                start[at] = 0.3  # a positive slope to start from: zero is a saddle
            at += e
        result = minimize(self._loss, start, args=(lam,), jac=True, method="L-BFGS-B", bounds=bounds,
                          options={"maxiter": 2000})
        self.w = result.x[:d]
        self.heads = result.x[d:]

    def _loss(self, theta: object, lam: float) -> tuple[float, object]:
        import numpy as np

        d = self.parts[0].x.shape[1]
        w, grad = theta[:d], np.zeros_like(theta)
        total = 0.5 * lam * float(w @ w)
        grad[:d] = lam * w
        at = d
        for p in self.parts:
            s = p.x @ w + p.offset
            n = len(p.y)
            if p.kind == "logistic":
                eta = s + theta[at]
                prob = 1 / (1 + np.exp(-eta))
                total += float(np.mean(np.logaddexp(0, eta) - p.y * eta))
                grad[:d] += p.x.T @ (prob - p.y) / n
                grad[at] = np.mean(prob - p.y)
                at += 1
            else:
                a, c = theta[at], theta[at + 1]
                r = a * s + c - p.y
                total += 0.5 * float(np.mean(r * r))
                grad[:d] += a * (p.x.T @ r) / n
                grad[at], grad[at + 1] = np.mean(r * s), np.mean(r)
                at += 2
        return total, grad

    def loss_on(self, parts: list[Part]) -> float:
        """The mean loss of held-out rows, with this fit's intercepts and slopes."""
        import numpy as np

        total, at = 0.0, 0
        for p in parts:
            s = p.x @ self.w + p.offset
            if p.kind == "logistic":
                eta = s + self.heads[at]
                total += float(np.mean(np.logaddexp(0, eta) - p.y * eta))
                at += 1
            else:
                r = self.heads[at] * s + self.heads[at + 1] - p.y
                total += 0.5 * float(np.mean(r * r))
                at += 2
        return total


def metric(part: Part, w: object) -> float:
    """GoEmotions: AUC; EmoBank: Pearson r; of the rules' points plus the words'."""
    s = part.x @ w + part.offset
    if part.kind == "logistic":
        return auc(list(s[part.y == 1]), list(s[part.y == 0]))
    return pearson(list(s), list(part.y))


def cross_validate(parts: list[Part], hi: object, out: list[str], lo: float | None = 0.0,
                   lambdas: tuple[float, ...] = LAMBDAS) -> float:
    names = "  ".join(f"{p.name + (' AUC' if p.kind == 'logistic' else ' r'):>14}" for p in parts)
    sizes = ", ".join(f"{p.name} {len(p.y)}" for p in parts)
    out.append(f"5-fold cross-validation on the training parts ({sizes} rows)")
    out.append(f"  {'lambda':>8}  {'CV loss':>8}  {names}")
    best = None
    for lam in lambdas:
        losses, scores = [], [[] for _ in parts]
        for k in range(FOLDS):
            fit = Fit([p.subset(p.fold != k) for p in parts], lam, hi, lo)
            held = [p.subset(p.fold == k) for p in parts]
            losses.append(fit.loss_on(held))
            for i, p in enumerate(held):
                scores[i].append(metric(p, fit.w))
        loss = sum(losses) / FOLDS
        if best is None or loss < best[0]:
            best = (loss, lam)
        cells = "  ".join(f"{sum(s) / FOLDS:14.3f}" for s in scores)
        out.append(f"  {lam:8.0e}  {loss:8.5f}  {cells}")
    assert best is not None
    out.append(f"  chosen: lambda {best[1]:.0e} (the lowest mean validation loss)")
    return best[1]


def rounded(w: object, words: list[str]) -> dict[str, float]:
    return {words[j]: round(float(v), 2) for j, v in enumerate(w) if round(float(v), 2) >= KEEP_FROM}


def as_vector(weights: dict[str, float], words: list[str]) -> object:
    import numpy as np

    return np.array([weights.get(w, 0.0) for w in words])


def write_pack(weights: dict[str, float], path: Path) -> None:
    lines = [
        "# The intensity lexicon: words people read as emotionally charged, each with its own",
        "# weight in points, on top of the other intensity rules at their pack weights. Fitted",
        "# by bench/fit_lexicon.py on GoEmotions train and EmoBank train, from VADER's vocabulary",
        "# (MIT); do not edit by hand: re-run the fit (after changing another intensity weight too).",
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
    lines += [f"{w} = {v}" if w.replace("-", "_").isidentifier() else f'"{w}" = {v}'
              for w, v in sorted(weights.items())]
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
    try:
        import numpy as np
    except ImportError:
        parser.error("the fit needs numpy and scipy: pip install -e '.[bench]'")
    words_set, warm = vocabulary()
    settings = tonecheck.load_settings(use_config=False)
    ex = Extractor(settings)
    weights = {r.id: r.weight for r in ex.rules}
    weights[RULE] = 0.0  # the words are what is fitted: the rest of the rules are the offset

    words, (eb_train, eb_dev, ge_train, ge_dev) = corpora(args.data, ex, words_set, weights)
    hi = np.array([WARM_CAP if w in warm else MAX_WEIGHT for w in words])

    out = [f"intensity lexicon: {len(words_set)} VADER words considered, {len(words)} seen in "
           f"{MIN_COUNT}+ training texts ({sum(1 for w in words if w in warm)} warm, capped at "
           f"{WARM_CAP} points; the rest at {MAX_WEIGHT})",
           "fitted on top of the other intensity rules at their pack weights", ""]
    lam = cross_validate([eb_train, ge_train], hi, out)
    fits = {"both training parts": Fit([eb_train, ge_train], lam, hi).w,
            "GoEmotions train only": Fit([ge_train], lam, hi).w,
            "EmoBank train only": Fit([eb_train], lam, hi).w}
    out += ["", "held-out dev parts (never seen in fitting): rules' points plus the words' (pack weights, "
            "rounded as written)",
            f"  {'words fitted on':26} {'GoEmotions dev AUC':>18} {'EmoBank dev r':>14}  words"]
    none = np.zeros(len(words))
    out.append(f"  {'(no words: the rules alone)':26} {metric(ge_dev, none):18.3f} "
               f"{metric(eb_dev, none):14.3f}  0")
    packs = {}
    for label, w in fits.items():
        packs[label] = rounded(w, words)
        v = as_vector(packs[label], words)
        out.append(f"  {label:26} {metric(ge_dev, v):18.3f} {metric(eb_dev, v):14.3f}  {len(packs[label])}")
    out.append("  (cross-corpus: the GoEmotions-only fit on EmoBank, and the EmoBank-only fit on GoEmotions)")
    joint = packs["both training parts"]
    top = sorted(joint.items(), key=lambda kv: (-kv[1], kv[0]))[:30]
    out += ["", "strongest words: " + ", ".join(f"{w} {v:.2f}" for w, v in top)]
    warmest = sorted(((w, v) for w, v in joint.items() if w in warm), key=lambda kv: (-kv[1], kv[0]))[:15]
    out += ["strongest warm words (capped): " + ", ".join(f"{w} {v:.2f}" for w, v in warmest)]
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
