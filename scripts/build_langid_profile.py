"""Build the word-start/word-end letter profile used by language identification.

Counts, over every word form in pymorphy3's Russian and Ukrainian
dictionaries, how often each word-initial and word-final three-letter (plus the word boundary)
sequence occurs, and writes ``src/replyaid/data/langid/affixes.tsv``.  The
dictionaries are the whole vocabulary of each language, so the profile does
not depend on any corpus of ours.

    python scripts/build_langid_profile.py
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pymorphy3

OUT = Path(__file__).resolve().parents[1] / "src" / "replyaid" / "data" / "langid" / "affixes.tsv"
WORD = re.compile(r"^[а-яёіїєґ']+$")
MIN_COUNT = 30  # affixes rarer than this in both dictionaries carry no reliable signal


def affixes(word: str) -> tuple[str, str]:
    padded = f"^{word}$"
    return padded[:4], padded[-4:]


def count(lang: str) -> collections.Counter[str]:
    morph = pymorphy3.MorphAnalyzer(lang=lang)
    counter: collections.Counter[str] = collections.Counter()
    for word, *_ in morph.dictionary.iter_known_words():
        word = word.lower()
        if WORD.match(word):
            counter.update(affixes(word))
    return counter


def main() -> None:
    ru, uk = count("ru"), count("uk")
    keys = sorted(k for k in set(ru) | set(uk) if ru[k] + uk[k] >= MIN_COUNT)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        f.write(f"# affix\tru\tuk\t(totals ru={sum(ru.values())} uk={sum(uk.values())})\n")
        for key in keys:
            f.write(f"{key}\t{ru[key]}\t{uk[key]}\n")
    print(f"wrote {len(keys)} affixes to {OUT}")


if __name__ == "__main__":
    main()
