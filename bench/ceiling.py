"""How far can words alone go? The ceiling a lexical intensity score can reach here.

    pip install -e '.[bench]'
    python bench/ceiling.py --data ../shared/data [--out bench/results/ceiling.txt]

tonecheck's intensity is a sum of points for words and patterns, each shown as a finding.
The best any such score can do on a corpus is roughly what an unconstrained bag of words
does when it is fitted on that corpus's own training part: every word of the training
texts (seen in 8+ of them) with a free signed weight, no rule, no cap, no product
constraint (warm words, capitals and courtesy weigh what the data says). Fitted as
bench/fit_lexicon.py fits (logistic loss on GoEmotions, squared loss on standardised
EmoBank arousal, L2 picked by 5-fold CV on the training rows), on each corpus alone and
on both, and measured on the dev parts, never seen in fitting. The in-corpus cells are
the ceiling; the cross-corpus cells say how much of a word's weight carries to another
community's text, which is what tonecheck meets in use.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit import Extractor  # noqa: E402
from fit_lexicon import Fit, corpora, cross_validate, metric  # noqa: E402

import tonecheck  # noqa: E402

LAMBDAS = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--out", type=Path, help="also save the report here")
    args = parser.parse_args(argv)
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401
    except ImportError:
        parser.error("the fit needs numpy and scipy: pip install -e '.[bench]'")
    ex = Extractor(tonecheck.load_settings(use_config=False))
    no_rules = {r.id: 0.0 for r in ex.rules}  # words only: the offset is 0
    words, (eb_train, eb_dev, ge_train, ge_dev) = corpora(args.data, ex, None, no_rules)
    free = [None] * len(words)
    out = [f"bag of words: {len(words)} words seen in 8+ training texts, signed weights, no rules", ""]
    rows = []
    for label, parts in (("GoEmotions train", [ge_train]), ("EmoBank train", [eb_train]),
                         ("both, one score", [eb_train, ge_train])):
        out.append(f"fitted on {label}:")
        lam = cross_validate(parts, free, out, lo=None, lambdas=LAMBDAS)
        w = Fit(parts, lam, free, lo=None).w
        rows.append((label, metric(ge_dev, w), metric(eb_dev, w)))
        out.append("")
    out += ["dev parts (never seen in fitting)",
            f"  {'fitted on':20} {'GoEmotions dev AUC':>18} {'EmoBank dev r':>14}"]
    out += [f"  {label:20} {g:18.3f} {e:14.3f}" for label, g, e in rows]
    out.append("  (in-corpus: GoEmotions fit on GoEmotions, EmoBank fit on EmoBank; the other cells"
               " are cross-corpus)")
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
