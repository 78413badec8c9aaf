"""Rule kinds: the code that turns one rule's data into matches. This is their registry.

A kind is a class, one file each, built from a rule's TOML table (`Kind(table, rule)`,
which raises base.RuleDataError naming the bad key) that finds hits in a draft
(`find(ctx)`). Packs in rules/ only hold data; adding a phrase never needs code. What the
rest of the engine needs to know about a kind, the kind says itself:

- `keys_of(table)`: the keys a rule of this kind may have, beyond the common ones;
- `is_local(table)`: whether its hits depend only on their own sentence, so that a
  revision pass need not read again the sentences it left alone (revision.recheck);
- `regexes`: the regexes it runs over a draft, which the pack cache anchors (fast.packcache)
  and bench/linearity.py times.

A new kind is a file here with those four and a line in KINDS.

- phrases: a list of words or phrases, matched as whole words, any case, any spacing.
- pattern: regular expressions, with an optional replacement template, optionally only in
  sentences that match a `sentence` expression.
- substitution: a table of phrase -> gentler phrase.
- metric: a named measurement in code (shouting, stacked punctuation, exclamation,
  sentiment, ...).

Any rule may also carry `when` and `unless` (tonecheck.engine.packs): expressions searched in the whole
draft that switch it on only where the first is found and off where the second is.
"""

from __future__ import annotations

from .lexicon import Lexicon
from .metric import Metric
from .pattern import Pattern
from .phrases import Phrases
from .substitution import Substitution

KINDS: dict[str, type] = {
    "phrases": Phrases,
    "pattern": Pattern,
    "substitution": Substitution,
    "lexicon": Lexicon,
    "metric": Metric,
}
