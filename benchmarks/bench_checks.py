"""Draft checks: per-category precision and recall, false alarms on clean
drafts, and speed.

    python benchmarks/bench_checks.py [--split test|train|all] [--show N]

Reads ``corpora/drafts/{ru,uk}.jsonl`` (the fixed test split by default). A
finding counts as correct when an expected finding of the same category
overlaps its span; an expected finding is found when such a finding exists.
Every finding counts for precision and recall; the clean-draft false-alarm
rate counts drafts with a warning or error (``info`` is advice). Accuracy is
measured with the built-in grammar engine on. Speed: p50 of ``check_reply``
on 100-word drafts (sentences of clean drafts joined), one core, grammar
engine off.
Writes ``benchmarks/results/checks.md`` and ``.json``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter, defaultdict

from _common import ROOT, machine, markdown_table, pin_to_one_core, read_jsonl, write_report

CATEGORIES = ("canned", "jargon", "length", "name", "grammar", "tone", "language", "timing")


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1] or a == b


def run(rows: list[dict], assistant, show: int) -> dict:  # type: ignore[no-untyped-def]
    tp_found = Counter()
    n_found = Counter()
    tp_expected = Counter()
    n_expected = Counter()
    info = Counter()
    clean_alarms = 0
    clean = 0
    misses: list[str] = []
    false_alarms: list[str] = []
    for row in rows:
        report = assistant.check_reply(
            row["draft"], customer_name=row.get("customer_name"), incoming=row.get("incoming"),
            received_at=row.get("received_at"), sent_at=row.get("sent_at"), customer_tz=row.get("customer_tz"),
        )
        findings = list(report.findings)
        for f in findings:
            if f.severity == "info":
                info[f.category] += 1
        expected = row["expected"]
        if not expected:
            clean += 1
            clean_alarms += any(f.severity != "info" for f in findings)
        for f in findings:
            n_found[f.category] += 1
            if any(e["category"] == f.category and overlaps((f.start, f.end), (e["start"], e["end"])) for e in expected):
                tp_found[f.category] += 1
            else:
                false_alarms.append(f"{row['id']} {f.category} {f.code} «{f.text[:50]}»")
        for e in expected:
            n_expected[e["category"]] += 1
            if any(f.category == e["category"] and overlaps((f.start, f.end), (e["start"], e["end"])) for f in report.findings):
                tp_expected[e["category"]] += 1
            else:
                misses.append(f"{row['id']} {e['category']} «{e['text'][:50]}»")
    per_category = {}
    for c in CATEGORIES:
        precision = tp_found[c] / n_found[c] if n_found[c] else None
        recall = tp_expected[c] / n_expected[c] if n_expected[c] else None
        per_category[c] = {"precision": precision, "recall": recall, "findings": n_found[c], "expected": n_expected[c], "info_findings": info[c]}
    if show:
        print("\n".join(["misses:", *misses[:show], "false alarms:", *false_alarms[:show]]))
    return {"categories": per_category, "clean": clean, "clean_with_alarm": clean_alarms, "clean_alarm_rate": clean_alarms / clean if clean else 0.0}


def hundred_word_drafts(lang: str) -> list[dict]:
    """Clean drafts of one language joined in file order into ~100-word drafts."""
    rows = [r for r in read_jsonl(ROOT / "corpora" / "drafts" / f"{lang}.jsonl") if not r["expected"]]
    drafts, current, incoming = [], [], None
    for r in rows:
        current.append(r["draft"])
        incoming = incoming or r.get("incoming")
        if sum(len(d.split()) for d in current) >= 100:
            drafts.append({"draft": "\n\n".join(current), "incoming": incoming})
            current, incoming = [], None
    return drafts


def speed() -> dict:
    import replyaid

    assistant = replyaid.Assistant(grammar="off")
    drafts = hundred_word_drafts("ru") + hundred_word_drafts("uk")
    for r in drafts[:10]:
        assistant.check_reply(r["draft"], incoming=r["incoming"])
    times = []
    for r in drafts:
        start = time.perf_counter()
        assistant.check_reply(r["draft"], incoming=r["incoming"])
        times.append((time.perf_counter() - start) * 1000)
    return {"drafts": len(drafts), "mean_words": statistics.mean(len(r["draft"].split()) for r in drafts), "p50_ms": statistics.median(times), "p95_ms": sorted(times)[int(0.95 * len(times))]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="test", choices=("test", "train", "all"))
    parser.add_argument("--show", type=int, default=0, help="print this many misses and false alarms")
    args = parser.parse_args()
    pin_to_one_core()
    import replyaid

    assistant = replyaid.Assistant()
    results: dict = {"split": args.split, "languages": {}}
    sections = []
    for lang in ("ru", "uk"):
        rows = [r for r in read_jsonl(ROOT / "corpora" / "drafts" / f"{lang}.jsonl") if args.split == "all" or r["split"] == args.split]
        result = run(rows, assistant, args.show)
        results["languages"][lang] = result
        table = []
        for c in CATEGORIES:
            m = result["categories"][c]
            fmt = lambda v: "—" if v is None else v  # noqa: E731
            table.append([c, fmt(m["precision"]), fmt(m["recall"]), m["findings"], m["expected"], m["info_findings"]])
        sections.append(f"## {lang} ({len(rows)} drafts, {result['clean']} clean)")
        sections.append(markdown_table(["category", "precision (>= 0.9)", "recall (>= 0.85)", "findings", "expected", "of them info"], table))
        sections.append(f"Clean drafts with a warning or error: {result['clean_with_alarm']} of {result['clean']} = {result['clean_alarm_rate']:.3f} (target <= 0.05).")
    perf = speed()
    results["speed"] = perf
    sections.append("## Speed (one core, grammar engine off)")
    sections.append(markdown_table(["metric", "value", "target"], [
        ["100-word drafts", perf["drafts"], ""],
        ["mean words", perf["mean_words"], ""],
        ["check_reply p50, ms", perf["p50_ms"], "<= 10"],
        ["check_reply p95, ms", perf["p95_ms"], ""],
    ]))
    markdown = "\n\n".join([
        "# Draft checks",
        f"Corpus: `corpora/drafts/`, split `{args.split}`. Machine: {machine()}. Command: `python benchmarks/bench_checks.py`. "
        "A finding is correct when an expected finding of its category overlaps its span. Clean-draft false alarms count "
        "warnings and errors (`info` is advice). Grammar engine: built-in.",
        *sections,
    ])
    write_report("checks", markdown, results)


if __name__ == "__main__":
    main()
