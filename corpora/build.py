"""Assemble the corpora from the writers' batches: ids, de-duplication, fixed split.

    python corpora/build.py

Reads ``messages/raw/*.jsonl`` (and ``drafts/raw/*.jsonl``), drops
near-duplicates (the first occurrence stays), gives stable ids and assigns the
test split once: 30% of every (language, topic, complaint) stratum, chosen by
a hash of the text, so that the split does not depend on file order. It is
run once when batches are added; the test split is never used for training
or tuning.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from pathlib import Path

from validate import NEAR_DUPLICATE, normalised

HERE = Path(__file__).resolve().parent
TEST_SHARE = 0.30
MESSAGE_KEYS = ("id", "lang", "text", "topic", "department", "complaint", "sentiment", "split", "domain", "style", "implicit", "override", "batch")


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _dedupe(rows: list[dict], key: str) -> list[dict]:
    from rapidfuzz import fuzz, process

    kept: list[dict] = []
    keys: list[str] = []
    for row in rows:
        k = normalised(row[key])
        if not k:
            continue
        if keys and process.extractOne(k, keys, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE) is not None:
            continue
        kept.append(row)
        keys.append(k)
    return kept


def _existing_splits(path: Path, text_key: str) -> dict[str, str]:
    """Splits already given: a text keeps its split when batches are added."""
    if not path.exists():
        return {}
    rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    return {_hash(r[text_key]): r["split"] for r in rows if r.get("split")}


def _assign_split(rows: list[dict], stratum: callable, text_key: str, fixed: dict[str, str]) -> None:
    """Keep earlier splits; give new rows of each stratum the test split until
    the stratum's test share reaches TEST_SHARE (new rows ordered by hash)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[stratum(row)].append(row)
    for members in groups.values():
        new = []
        for row in members:
            known = fixed.get(_hash(row[text_key]))
            if known:
                row["split"] = known
            else:
                new.append(row)
        new.sort(key=lambda r: _hash(r[text_key]))
        wanted = math.ceil(TEST_SHARE * len(members)) if len(members) > 1 else 0
        missing = max(0, wanted - sum(r.get("split") == "test" for r in members if r not in new))
        for i, row in enumerate(new):
            row["split"] = "test" if i < missing else "train"


def build_messages() -> None:
    raw = sorted((HERE / "messages" / "raw").glob("*.jsonl"))
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for path in raw:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row["batch"] = path.stem
                by_lang[row["lang"]].append(row)
    for lang, rows in by_lang.items():
        rows = _dedupe(rows, "text")
        fixed = _existing_splits(HERE / "messages" / f"{lang}.jsonl", "text")
        _assign_split(rows, lambda r: (r["topic"], r["complaint"]), "text", fixed)
        rows.sort(key=lambda r: (r["batch"], _hash(r["text"])))
        with (HERE / "messages" / f"{lang}.jsonl").open("w", encoding="utf-8") as f:
            for number, row in enumerate(rows, start=1):
                row["id"] = f"{lang}-msg-{number:05d}"
                record = {k: row.get(k) for k in MESSAGE_KEYS if k in row or k == "id"}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"messages {lang}: {len(rows)}")


def _locate(draft: str, text: str, occurrence: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(max(1, occurrence)):
        start = draft.find(text, start + 1)
        if start < 0:
            return None
    return start, start + len(text)


def build_drafts() -> None:
    """``drafts/raw/<lang>.jsonl`` and further batches ``<lang>_<name>.jsonl``."""
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for path in sorted((HERE / "drafts" / "raw").glob("*.jsonl")):
        lang = path.stem.split("_")[0]
        by_lang[lang] += [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    for lang, rows in by_lang.items():
        name = f"{lang}.jsonl"
        rows = _dedupe(rows, "draft")
        for row in rows:
            expected = []
            for item in row.get("expected", []):
                span = _locate(row["draft"], item["text"], int(item.get("occurrence") or 1))
                if span is None:
                    raise SystemExit(f"{name}: {item['text']!r} not found in draft {row['draft'][:60]!r}")
                expected.append({"category": item["category"], "start": span[0], "end": span[1], "text": item["text"], "why": item.get("why", "")})
            row["expected"] = expected
        fixed = _existing_splits(HERE / "drafts" / f"{lang}.jsonl", "draft")
        _assign_split(rows, lambda r: tuple(sorted({e["category"] for e in r["expected"]})) or ("clean",), "draft", fixed)
        rows.sort(key=lambda r: _hash(r["draft"]))
        with (HERE / "drafts" / f"{lang}.jsonl").open("w", encoding="utf-8") as f:
            for number, row in enumerate(rows, start=1):
                row["id"] = f"{lang}-draft-{number:04d}"
                row.pop("occurrence", None)
                f.write(json.dumps({"id": row["id"], **{k: v for k, v in row.items() if k != "id"}}, ensure_ascii=False) + "\n")
        print(f"drafts {lang}: {len(rows)}")


if __name__ == "__main__":
    import sys

    if "drafts" in sys.argv[1:]:
        build_drafts()
    else:
        build_messages()
