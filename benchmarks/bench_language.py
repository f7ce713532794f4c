"""Language identification: accuracy and speed against lingua, same texts, same run.

    python benchmarks/bench_language.py

Reads the fixed test set ``corpora/language/test.jsonl`` (written by us; never
used to build the identifier). lingua-language-detector is restricted to
Russian, Ukrainian and English, and its English answer counts as ``other``.
Speed is measured on one core: texts per second over the whole set, best of
five interleaved passes; for replyaid also the first pass, before its per-word
memo is warm. Writes ``benchmarks/results/language.md`` and ``.json``.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Callable

from _common import ROOT, machine, markdown_table, pin_to_one_core, read_jsonl, throughput, write_report


def lingua_identifier() -> Callable[[str], str]:
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(Language.RUSSIAN, Language.UKRAINIAN, Language.ENGLISH).build()
    names = {Language.RUSSIAN: "ru", Language.UKRAINIAN: "uk"}

    def identify(text: str) -> str:
        language = detector.detect_language_of(text)
        return names.get(language, "other") if language is not None else "other"

    return identify


def accuracy(predict: Callable[[str], str], rows: list[dict]) -> dict[str, float]:
    buckets: dict[str, list[bool]] = {"1-4 words": [], "5+ words": [], "ru": [], "uk": [], "other": [], "all": []}
    for row in rows:
        ok = predict(row["text"]) == row["lang"]
        buckets["1-4 words" if row["words"] <= 4 else "5+ words"].append(ok)
        buckets[row["lang"]].append(ok)
        buckets["all"].append(ok)
    return {k: sum(v) / len(v) for k, v in buckets.items() if v}


def main() -> None:
    pin_to_one_core()
    rows = read_jsonl(ROOT / "corpora" / "language" / "test.jsonl")
    texts = [r["text"] for r in rows]

    start = time.perf_counter()
    from replyaid.language import identify

    identify("прогрів")  # loads word lists and dictionaries
    ours_load = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        identify(text)
    ours_first = len(texts) / (time.perf_counter() - start)

    def ours(text: str) -> str:
        return identify(text).language

    start = time.perf_counter()
    theirs = lingua_identifier()
    theirs("прогрів")
    lingua_load = time.perf_counter() - start

    acc_ours, acc_lingua = accuracy(ours, rows), accuracy(theirs, rows)
    # Interleaved passes, best of five each, so that a slow moment of the
    # machine does not fall on one side only.
    speed_ours = speed_lingua = 0.0
    for _ in range(5):
        speed_ours = max(speed_ours, throughput(ours, texts, repeat=1))
        speed_lingua = max(speed_lingua, throughput(theirs, texts, repeat=1))

    errors = Counter((r["lang"], ours(r["text"])) for r in rows if ours(r["text"]) != r["lang"])
    sizes = Counter("1-4 words" if r["words"] <= 4 else "5+ words" for r in rows)
    header = ["metric", "replyaid", "lingua (ru, uk, en)", "target"]
    table = [
        ["accuracy, 5+ words", acc_ours["5+ words"], acc_lingua["5+ words"], ">= 0.99"],
        ["accuracy, 1-4 words", acc_ours["1-4 words"], acc_lingua["1-4 words"], ">= 0.95"],
        ["accuracy, all", acc_ours["all"], acc_lingua["all"], ""],
        ["accuracy, ru", acc_ours["ru"], acc_lingua["ru"], ""],
        ["accuracy, uk", acc_ours["uk"], acc_lingua["uk"], ""],
        ["accuracy, other", acc_ours["other"], acc_lingua["other"], ""],
        ["texts/s, one core (best of 5)", speed_ours, speed_lingua, f">= 10x lingua = {10 * speed_lingua:,.0f}"],
        ["texts/s, first pass (cold memo)", ours_first, "", ""],
        ["speed ratio", speed_ours / speed_lingua, 1.0, ">= 10"],
        ["load time, s", ours_load, lingua_load, ""],
    ]
    markdown = "\n\n".join(
        [
            "# Language identification",
            f"Test set: `corpora/language/test.jsonl`, {len(rows)} texts "
            f"({sizes['1-4 words']} of 1-4 words, {sizes['5+ words']} of 5+ words; "
            f"{sum(r['lang'] == 'ru' for r in rows)} ru, {sum(r['lang'] == 'uk' for r in rows)} uk, "
            f"{sum(r['lang'] == 'other' for r in rows)} other). Machine: {machine()}. "
            "Command: `python benchmarks/bench_language.py`.",
            markdown_table(header, table),
            "replyaid errors (expected -> predicted): "
            + (", ".join(f"{a}->{b}: {n}" for (a, b), n in errors.most_common()) or "none"),
        ]
    )
    write_report(
        "language",
        markdown,
        {
            "texts": len(rows),
            "replyaid": {"accuracy": acc_ours, "texts_per_s": speed_ours, "first_pass_texts_per_s": ours_first},
            "lingua": {"accuracy": acc_lingua, "texts_per_s": speed_lingua},
            "speed_ratio": speed_ours / speed_lingua,
            "errors": [{"expected": a, "predicted": b, "count": n} for (a, b), n in errors.most_common()],
        },
    )


if __name__ == "__main__":
    main()
