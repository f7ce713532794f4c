"""Validate the labelled corpora; exit code 1 on any violation.

    python corpora/validate.py            # messages and drafts
    python corpora/validate.py messages

Checks the schema and label sets (TAXONOMY.md), unique ids, the split field,
near-duplicate texts (normalised similarity >= 0.9) within and across splits,
and the minimum counts of the corpus guide; prints per-label counts.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = {"delivery", "payment", "refund_return", "pricing_promo", "technical_issue", "account_access",
          "product_question", "documents", "cancellation", "staff_behavior", "gratitude", "other"}
DEPARTMENTS = {"support", "tech", "billing", "logistics", "sales", "marketing", "legal", "quality"}
SENTIMENTS = {"negative", "neutral", "positive"}
SPLITS = {"train", "test"}
MESSAGE_FIELDS = {"id": str, "lang": str, "text": str, "topic": str, "department": str, "complaint": bool,
                  "sentiment": str, "split": str}
CATEGORIES = {"canned", "jargon", "length", "name", "grammar", "tone", "language", "timing"}
NEAR_DUPLICATE = 90  # rapidfuzz ratio of normalised texts
MIN_PER_LABEL = 80
MIN_TEST_SHARE = 0.25
_NON_WORD = re.compile(r"[\W_]+")


def normalised(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def read_jsonl(path: Path, problems: list[str]) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{number}: invalid JSON ({exc.msg})")
    return rows


def near_duplicates(texts: list[str]) -> list[tuple[int, int, float]]:
    from rapidfuzz import fuzz, process

    keys = [normalised(t) for t in texts]
    matrix = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, dtype="uint8", workers=-1)
    pairs = []
    for i, j in zip(*matrix.nonzero()):
        if i < j:
            pairs.append((int(i), int(j), float(matrix[i, j])))
    return pairs


def validate_messages(problems: list[str]) -> None:
    ids: set[str] = set()
    for lang in ("ru", "uk"):
        path = HERE / "messages" / f"{lang}.jsonl"
        if not path.exists():
            problems.append(f"missing {path}")
            continue
        rows = read_jsonl(path, problems)
        for row in rows:
            where = f"{path.name} id={row.get('id')}"
            for name, kind in MESSAGE_FIELDS.items():
                if not isinstance(row.get(name), kind):
                    problems.append(f"{where}: field {name!r} must be {kind.__name__}")
            if row.get("id") in ids:
                problems.append(f"{where}: duplicate id")
            ids.add(row.get("id"))
            if row.get("lang") != lang:
                problems.append(f"{where}: lang {row.get('lang')!r} in the {lang} file")
            for name, allowed in (("topic", TOPICS), ("department", DEPARTMENTS), ("sentiment", SENTIMENTS), ("split", SPLITS)):
                if row.get(name) not in allowed:
                    problems.append(f"{where}: {name} {row.get(name)!r} not in {sorted(allowed)}")
            if isinstance(row.get("text"), str) and not row["text"].strip():
                problems.append(f"{where}: empty text")
        texts = [r.get("text", "") for r in rows]
        for i, j, score in near_duplicates(texts):
            problems.append(f"{path.name}: near-duplicates ({score:.0f}) {rows[i].get('id')} [{rows[i].get('split')}] ~ {rows[j].get('id')} [{rows[j].get('split')}]")
        print(f"\n{lang}: {len(rows)} messages")
        for name in ("split", "topic", "department", "complaint", "sentiment"):
            counts = Counter(str(r.get(name)) for r in rows)
            print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
            if name in ("topic", "department"):
                for label, n in counts.items():
                    if n < MIN_PER_LABEL:
                        problems.append(f"{lang}: only {n} messages with {name}={label} (need {MIN_PER_LABEL})")
        test_share = sum(r.get("split") == "test" for r in rows) / max(1, len(rows))
        print(f"  test share: {test_share:.3f}")
        if test_share < MIN_TEST_SHARE:
            problems.append(f"{lang}: test split is {test_share:.2f} of the corpus (need >= {MIN_TEST_SHARE})")
        implicit = sum(bool(r.get("implicit")) for r in rows)
        override = sum(bool(r.get("override")) for r in rows)
        print(f"  implicit complaints: {implicit}, department overrides: {override}")


def validate_drafts(problems: list[str]) -> None:
    ids: set[str] = set()
    for lang in ("ru", "uk"):
        path = HERE / "drafts" / f"{lang}.jsonl"
        if not path.exists():
            continue
        rows = read_jsonl(path, problems)
        spans = Counter()
        for row in rows:
            where = f"{path.name} id={row.get('id')}"
            if row.get("id") in ids:
                problems.append(f"{where}: duplicate id")
            ids.add(row.get("id"))
            draft = row.get("draft")
            if not isinstance(draft, str) or not draft.strip():
                problems.append(f"{where}: empty draft")
                continue
            if row.get("split") not in SPLITS:
                problems.append(f"{where}: split {row.get('split')!r}")
            for item in row.get("expected", []):
                if item.get("category") not in CATEGORIES:
                    problems.append(f"{where}: category {item.get('category')!r}")
                start, end = item.get("start"), item.get("end")
                if not (isinstance(start, int) and isinstance(end, int) and draft[start:end] == item.get("text")):
                    problems.append(f"{where}: span {start}:{end} does not hold {item.get('text')!r}")
                spans[item.get("category")] += 1
        clean = sum(not r.get("expected") for r in rows)
        print(f"\ndrafts {lang}: {len(rows)} drafts, {clean} clean; spans: " + ", ".join(f"{k} {v}" for k, v in sorted(spans.items())))


def main(argv: list[str]) -> int:
    problems: list[str] = []
    which = set(argv) or {"messages", "drafts"}
    if "messages" in which:
        validate_messages(problems)
    if "drafts" in which:
        validate_drafts(problems)
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for problem in problems[:200]:
            print("  " + problem)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
