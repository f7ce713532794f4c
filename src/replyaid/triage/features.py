"""Features of an incoming message for the triage classifiers.

All features are strings read off the shared :class:`~replyaid.nlp.Doc`
(never a second tokenisation):

* ``w:`` pymorphy3 lemma of every word, ``b:`` lemma bigrams;
* ``s:`` the first five letters of a word form, so that typos, surzhyk and
  unknown inflections still meet a known stem;
* ``c:`` letter 4-grams of every word longer than three letters (typos,
  slang, transliteration, surzhyk and unseen inflections still share them);
* ``n:`` a lemma under negation (``не работает`` -> ``n:работать``);
* ``cue:`` classes from ``data/<lang>/triage_cues.tsv`` (legal threat,
  escalation, repeated contact, rudeness, thanks, ...) and from emoji;
* ``x:`` intensity marks: exclamation and question marks, CAPS words, numbers,
  links; ``len:`` a length bucket.

Training scales the ``c:`` and ``s:`` families down (:data:`FAMILY_WEIGHTS`):
a word gives one lemma but up to a dozen letter 4-grams, which at full weight
drown the lemmas in the TF-IDF vector.
"""

from __future__ import annotations

import functools

from replyaid.nlp import Doc
from replyaid.resources import data_path, iter_tsv

NEGATIONS = frozenset({"не", "ни", "нет", "ні", "немає", "нема", "нету", "ніяк", "никак"})
_LENGTH_BUCKETS = ((3, "xs"), (8, "s"), (20, "m"), (50, "l"), (120, "xl"))
#: Weight of a feature family in the TF-IDF vector (families not listed: 1.0).
#: Chosen by 5-fold cross-validation on the training split of our corpus:
#: against full weight, macro-F1 of topic +0.008/+0.010 (ru/uk), department
#: +0.004/+0.005, complaint and sentiment +0.002 to +0.004.
FAMILY_WEIGHTS = {"c": 0.5, "s": 0.5}


def family_weight(feature: str) -> float:
    """Weight of a feature string by its family prefix (``c:ться$`` -> 0.5)."""
    return FAMILY_WEIGHTS.get(feature.partition(":")[0], 1.0)


@functools.lru_cache(maxsize=None)
def cue_lexicon(lang: str) -> dict[str, str]:
    if lang not in ("ru", "uk"):
        return {}
    return {row["lemma"]: row["cue"] for row in iter_tsv(data_path(lang, "triage_cues.tsv"), ("lemma", "cue"))}


@functools.lru_cache(maxsize=None)
def emoji_cues() -> dict[str, str]:
    return {row["emoji"]: row["cue"] for row in iter_tsv(data_path("emoji.tsv"), ("emoji", "cue"))}


# Features of the most recent words: each entry holds about ten strings, so the
# cache stays small; rebuilding a word's features is cheap string slicing.
@functools.lru_cache(maxsize=20_000)
def _word_features(lower: str, lemma: str, cue: str | None) -> tuple[str, ...]:
    features = [f"w:{lemma}"]
    if len(lower) > 5:
        features.append(f"s:{lower[:5]}")
    if len(lower) > 3:
        padded = f"^{lower}$"
        features.extend(f"c:{padded[i:i + 4]}" for i in range(len(padded) - 3))
    if cue:
        features.append(f"cue:{cue}")
    return tuple(features)


def extract_features(doc: Doc) -> list[str]:
    """Feature strings of one message.

    >>> from replyaid.nlp import make_doc
    >>> "n:работать" in extract_features(make_doc("Ничего не работает!", "ru"))
    True
    """
    cues = cue_lexicon(doc.lang)
    emoji = emoji_cues()
    features: list[str] = []
    previous: str | None = None
    n_words = 0
    for token in doc.tokens:
        if token.is_word:
            n_words += 1
            lemma = token.lemma
            features.extend(_word_features(token.lower, lemma, cues.get(lemma)))
            if previous is not None:
                features.append(f"b:{previous}_{lemma}")
                if previous in NEGATIONS:
                    features.append(f"n:{lemma}")
            if len(token.text) >= 3 and token.text.isupper():
                features.append("x:caps")
            previous = lemma
            continue
        if token.is_space:
            continue
        text = token.text
        if "!" in text:
            features.append("x:excl")
        if "?" in text:
            features.append("x:quest")
        if token.like_url or token.like_email:
            features.append("x:link")
        elif token.like_num or any(ch.isdigit() for ch in text):
            features.append("x:num")
        else:
            for ch in text:
                cue = emoji.get(ch)
                if cue:
                    features.append(f"cue:{cue}")
        previous = None if token.is_punct and text not in ",-" else previous
    if "!!" in doc.text or "?!" in doc.text or "!?" in doc.text:
        features.append("x:excl_many")
    features.append(f"len:{next((name for limit, name in _LENGTH_BUCKETS if n_words <= limit), 'xxl')}")
    return features
