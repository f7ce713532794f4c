"""Word lists for the speller, from the train split of our corpora.

    python scripts/build_word_frequency.py

* ``data/<lang>/word_frequency.tsv``: forms in messages and clean drafts, to
  rank spelling suggestions by how common a word is (forms seen twice or more);
* ``data/<lang>/reply_words.txt``: forms used at least twice in clean, good
  draft replies (no typos by construction), accepted as words even where the
  dictionary lacks them.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[а-яёіїєґ']+")
MIN_COUNT = 2


def main() -> None:
    for lang in ("ru", "uk"):
        counts: collections.Counter[str] = collections.Counter()
        clean: collections.Counter[str] = collections.Counter()
        for name, key in (("messages", "text"), ("drafts", "draft")):
            path = ROOT / "corpora" / name / f"{lang}.jsonl"
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                if row.get("split") == "train" and (name == "messages" or not row.get("expected")):
                    words = WORD.findall(row[key].lower().replace("’", "'"))
                    counts.update(words)
                    if name == "drafts":
                        clean.update(words)
        with (ROOT / "src" / "replyaid" / "data" / lang / "reply_words.txt").open("w", encoding="utf-8") as f:
            f.write("# word forms used at least twice in clean train-split draft replies\n")
            f.writelines(f"{w}\n" for w in sorted(w for w, c in clean.items() if c >= MIN_COUNT))
        out = ROOT / "src" / "replyaid" / "data" / lang / "word_frequency.tsv"
        with out.open("w", encoding="utf-8") as f:
            f.write("# word\tcount (train split of corpora/messages and clean train drafts)\n")
            for word, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                if count >= MIN_COUNT:
                    f.write(f"{word}\t{count}\n")
        print(lang, sum(c >= MIN_COUNT for c in counts.values()))


if __name__ == "__main__":
    main()
