"""Sentiment: VADER's compound score per sentence, with a shortcut that must never differ."""

from __future__ import annotations

import random

from samples import BEGGING, COFFEE, SHOUTING, ULTIMATUM

from tonecheck.text import sentences, sentiment


def test_the_no_known_word_shortcut_gives_vaders_own_score() -> None:
    vader = sentiment.analyzer()
    rng = random.Random(1)
    words = sorted(vader.lexicon)[::5] + ["kind of", ":)", ":-(", "<3", "no", "NOT", "but", "...",
                                          "!!!", "ok.", "'", "--", "x", "hmm,", "(fine)", "😀", "café"]
    filler = ["the", "table", "Sam", "2024", "ran", "quarterly", "report", "", "   "]
    texts = [s.text for t in (COFFEE, SHOUTING, BEGGING, ULTIMATUM) for s in sentences.split(t)]
    texts += [" ".join(rng.choice(words + filler * 20) for _ in range(rng.randint(0, 10)))
              for _ in range(6000)]
    shortcut = 0
    for text in texts:
        assert sentiment.compound(text) == vader.polarity_scores(text)["compound"], text
        shortcut += text.isascii() and not sentiment._has_lexicon_word(text)
    assert shortcut > 300  # the shortcut was actually taken, many times


def test_scores_and_charged_words_match_the_plain_computation() -> None:
    # score() takes shortcuts (VADER's emoji pass skipped for ASCII text, no word-by-word
    # scan when no charged word occurs, no Sentence to cut up); none may change a result.
    vader = sentiment.analyzer()
    strong = sentiment.charged_words()
    rng = random.Random(2)
    words = sorted(vader.lexicon)[::7] + ["hate-filled", "Awful!", "HATE", "don't", "’love’",
                                          "😀", "café", "x", "2024", "the", "and", "table"]
    texts = [s.text for t in (COFFEE, SHOUTING, BEGGING, ULTIMATUM) for s in sentences.split(t)]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 140))) for _ in range(1500)]
    for text in texts:
        sentence = sentences.Sentence(0, len(text), text)
        value, charged = sentiment.score(sentence)
        words, size = text.split(), sentences.MAX_SENTENCE_WORDS  # the reference cut
        pieces = ([" ".join(words[i:i + size]) for i in range(0, len(words), size)]
                  if len(words) > size else [text])
        assert value == max((vader.polarity_scores(p)["compound"] for p in pieces), key=abs), text
        assert charged == [(m.start(), m.end()) for m in sentences.WORD.finditer(text)
                           if m.group(0).lower() in strong], text
