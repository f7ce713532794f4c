"""Grammar and spelling: UA-GEC for Ukrainian, our own Russian set beside pylat_ru.

    python benchmarks/bench_grammar.py [--sample 500]

Ukrainian: the test split of UA-GEC (Syvokon et al., "UA-GEC: Grammatical
Error Correction and Fluency Corpus for the Ukrainian Language", PyPI package
``ua-gec``), written by people nobody here knows. Sentence level: a balanced
sample of sentences with Spelling or Grammar errors and sentences without any
error (fixed seed); a sentence counts as flagged when the engine reports
anything in it. Span level, over every test sentence: a finding is correct when
it overlaps an annotated error; recall per UA-GEC error type. The
precision/recall curve is over the engine's confidence.

Russian: ``corpora/grammar/ru.jsonl`` (written by us, never used to write the
rules), run side by side with pylat_ru (a Python port of LanguageTool's Russian
rules; benchmark-only dependency): recall of annotated errors, false alarms on
correct sentences, and time per sentence.

Speed: p50 per sentence on one core; cold start of the engine in a fresh process.
Writes ``benchmarks/results/grammar.md`` and ``.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time

from _common import ROOT, machine, markdown_table, pin_to_one_core, read_jsonl, write_report

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
UAGEC_TYPES = ("Spelling", "Grammar", "Punctuation", "Fluency")


def engine(picky: bool = False):
    from replyaid.checks.base import CheckContext
    from replyaid.checks.grammar import Grammar
    from replyaid.config import Settings
    from replyaid.nlp import make_doc

    grammar = Grammar()
    settings = Settings(picky_grammar=picky)

    def issues(text: str, lang: str) -> list:
        doc = make_doc(text, lang)
        return grammar.issues(CheckContext(draft=doc, language=lang, settings=settings))

    return issues


def uagec_sentences() -> list[dict]:
    from ua_gec import Corpus

    sentences = []
    for doc in Corpus(partition="test"):
        annotated = doc.annotated
        original = annotated.get_original_text()
        annotations = annotated.get_annotations()
        position = 0
        for sentence in doc.source_sentences:
            start = original.find(sentence, position)
            if start < 0:
                continue
            end = start + len(sentence)
            position = end
            errors = []
            for a in annotations:
                if start <= a.start < end or (a.start == a.end == end):
                    kind = a.meta.get("error_type", "")
                    kind = "Grammar" if kind.startswith("G/") else "Fluency" if kind.startswith("F/") else kind
                    errors.append({"start": a.start - start, "end": max(a.end, a.start + 1) - start, "type": kind})
            sentences.append({"text": sentence, "errors": errors, "doc": doc.doc_id})
    return sentences


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def sentence_level(rows: list[dict], predictions: list[list]) -> dict:
    curve = []
    for threshold in THRESHOLDS:
        tp = fp = fn = 0
        for row, found in zip(rows, predictions):
            flagged = any(i.confidence >= threshold for i in found)
            positive = bool(row["errors"])
            tp += flagged and positive
            fp += flagged and not positive
            fn += positive and not flagged
        curve.append({"threshold": threshold, "precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0})
    return {"curve": curve}


def span_level(rows: list[dict], predictions: list[list]) -> dict:
    found_by_type: dict[str, list[bool]] = {}
    recall_by_type: dict[str, list[bool]] = {t: [] for t in UAGEC_TYPES}
    for row, found in zip(rows, predictions):
        for issue in found:
            correct = any(overlaps(issue.finding.start, issue.finding.end, e["start"], e["end"]) for e in row["errors"])
            found_by_type.setdefault(issue.type, []).append(correct)
        for e in row["errors"]:
            if e["type"] in recall_by_type:
                recall_by_type[e["type"]].append(any(overlaps(i.finding.start, i.finding.end, e["start"], e["end"]) for i in found))
    return {
        "precision_by_finding_type": {k: {"precision": sum(v) / len(v), "findings": len(v)} for k, v in found_by_type.items() if v},
        "recall_by_error_type": {k: {"recall": sum(v) / len(v) if v else None, "errors": len(v)} for k, v in recall_by_type.items()},
    }


def ukrainian(sample: int, modes: dict) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    """UA-GEC for every engine mode (default, picky): name -> issues function."""
    sentences = uagec_sentences()
    with_sg = [s for s in sentences if any(e["type"] in ("Spelling", "Grammar") for e in s["errors"])]
    clean = [s for s in sentences if not s["errors"]]
    rng = random.Random(0)
    rows = rng.sample(with_sg, min(sample, len(with_sg))) + rng.sample(clean, min(sample, len(clean)))
    sent, spans = {}, {}
    for mode, issues in modes.items():
        sent[mode] = sentence_level(rows, [issues(r["text"], "uk") for r in rows])
        spans[mode] = span_level(sentences, [issues(s["text"], "uk") for s in sentences])
    names = list(modes)
    curve_rows = [
        [point["threshold"], *[x for m in names for x in (sent[m]["curve"][i]["precision"], sent[m]["curve"][i]["recall"])]]
        for i, point in enumerate(sent[names[0]]["curve"])
    ]
    defaults = {m: next(p for p in sent[m]["curve"] if p["threshold"] == 0.5) for m in names}
    finding_types = sorted({t for m in names for t in spans[m]["precision_by_finding_type"]})

    def precision_cell(mode: str, kind: str) -> str:
        v = spans[mode]["precision_by_finding_type"].get(kind)
        return f"{v['precision']:.3f} ({v['findings']})" if v else "—"

    lines = [
        f"## Ukrainian: UA-GEC test split ({len(sentences)} sentences)",
        f"Sentence level, balanced sample: {len(rows) // 2} sentences with Spelling/Grammar errors and {len(rows) // 2} without any error (seed 0). "
        "Reference from the issue: plain hunspell-uk P 0.81, R 0.47. Modes: `default` is what `check_reply` runs; `picky` adds the "
        "euphony advice (у/в, і/й, з/із/зі) that UA-GEC's annotators correct as spelling (`Assistant(picky_grammar=True)`, `replyaid check --picky`).",
        markdown_table(["min confidence", *[f"{m} {k}" for m in names for k in ("precision", "recall")]], curve_rows),
        "Every finding (min confidence 0.5), targets P >= 0.85, R >= 0.5: "
        + "; ".join(f"{m}: precision {d['precision']:.3f}, recall {d['recall']:.3f}" for m, d in defaults.items()) + ".",
        "Span level over all test sentences, precision by the type of our finding (number of findings):",
        markdown_table(["finding type", *names], [[k, *[precision_cell(m, k) for m in names]] for k in finding_types]),
        "Recall by UA-GEC error type (Fluency reported apart: it is style, not error):",
        markdown_table(["error type", *names, "errors"], [
            [k, *[spans[m]["recall_by_error_type"][k]["recall"] if spans[m]["recall_by_error_type"][k]["recall"] is not None else "—" for m in names],
             spans[names[0]]["recall_by_error_type"][k]["errors"]]
            for k in UAGEC_TYPES
        ]),
    ]
    return "\n\n".join(lines), {"sentences": len(sentences), "sample": len(rows), "sentence_level": sent, "span_level": spans}


def russian(issues) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    from pylat_ru import LanguageToolRU

    rows = read_jsonl(ROOT / "corpora" / "grammar" / "ru.jsonl")
    for row in rows:
        spans = []
        for e in row["errors"]:
            start = row["text"].find(e["text"])
            spans.append((start, start + len(e["text"]), e["type"]))
        row["spans"] = spans
    lt = LanguageToolRU()
    lt.check("Прогрев.")

    def evaluate(predict) -> dict:  # type: ignore[no-untyped-def]
        times, found_all = [], []
        for row in rows:
            start = time.perf_counter()
            found = predict(row["text"])
            times.append((time.perf_counter() - start) * 1000)
            found_all.append(found)
        errors = [(row, s) for row in rows for s in row["spans"]]
        hits = [any(overlaps(a, b, s[0], s[1]) for a, b in found) for row, found in zip(rows, found_all) for s in row["spans"]]
        by_type = {}
        for kind in ("spelling", "grammar", "punctuation"):
            flags = [h for h, (row, s) in zip(hits, errors) if s[2] == kind]
            by_type[kind] = sum(flags) / len(flags) if flags else None
        correct = [found for row, found in zip(rows, found_all) if not row["errors"]]
        findings = [(a, b, row) for row, found in zip(rows, found_all) for a, b in found]
        true_findings = sum(any(overlaps(a, b, s[0], s[1]) for s in row["spans"]) for a, b, row in findings)
        return {
            "recall": sum(hits) / len(hits),
            "recall_by_type": by_type,
            "false_alarm_sentences": sum(bool(f) for f in correct) / len(correct),
            "precision": true_findings / len(findings) if findings else 0.0,
            "p50_ms": statistics.median(times),
        }

    ours = evaluate(lambda text: [(i.finding.start, i.finding.end) for i in issues(text, "ru")])
    theirs = evaluate(lambda text: [(m.offset, m.offset + m.length) for m in lt.check(text)])
    n_err = sum(len(r["errors"]) for r in rows)
    n_bad = sum(bool(r["errors"]) for r in rows)
    table = [
        ["recall of annotated errors", ours["recall"], theirs["recall"], ">= pylat_ru"],
        ["  spelling", ours["recall_by_type"]["spelling"], theirs["recall_by_type"]["spelling"], ""],
        ["  grammar", ours["recall_by_type"]["grammar"], theirs["recall_by_type"]["grammar"], ""],
        ["  punctuation", ours["recall_by_type"]["punctuation"], theirs["recall_by_type"]["punctuation"], ""],
        ["correct sentences with a false alarm", ours["false_alarm_sentences"], theirs["false_alarm_sentences"], "<= pylat_ru"],
        ["precision of findings", ours["precision"], theirs["precision"], ""],
        ["p50 ms per sentence", ours["p50_ms"], theirs["p50_ms"], ">= 10x faster"],
        ["speed ratio", theirs["p50_ms"] / ours["p50_ms"], 1.0, ">= 10"],
    ]
    text = "\n\n".join([
        f"## Russian: `corpora/grammar/ru.jsonl` ({len(rows)} sentences: {n_bad} with {n_err} annotated errors, {len(rows) - n_bad} correct)",
        markdown_table(["metric", "replyaid", "pylat_ru", "target"], table),
    ])
    return text, {"replyaid": ours, "pylat_ru": theirs}


COLD = """
import time
t = time.perf_counter()
import replyaid
replyaid.Assistant(models=False, disabled_checks=["canned", "jargon", "tone", "name", "length", "language", "timing"]).check_reply("Извените, ответим в течении двух дней.", lang="ru")
print(time.perf_counter() - t)
"""


def speed(issues) -> dict:  # type: ignore[no-untyped-def]
    rows = [r["text"] for r in read_jsonl(ROOT / "corpora" / "grammar" / "ru.jsonl")]
    long_enough = [t for t in rows if 14 <= len(t.split()) <= 26] or rows
    times = []
    for text in long_enough:
        start = time.perf_counter()
        issues(text, "ru")
        times.append((time.perf_counter() - start) * 1000)
    colds = []
    for _ in range(3):
        out = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", COLD], capture_output=True, text=True, check=True)
        colds.append(float(out.stdout.strip().splitlines()[-1]))
    return {"sentences": len(long_enough), "p50_ms": statistics.median(times), "cold_start_s": statistics.median(colds)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=500)
    args = parser.parse_args()
    pin_to_one_core()
    issues = engine()
    issues("Прогрів.", "uk")
    issues("Прогрев.", "ru")
    uk_text, uk = ukrainian(args.sample, {"default": issues, "picky": engine(picky=True)})
    ru_text, ru = russian(issues)
    perf = speed(issues)
    perf_text = markdown_table(["metric", "value", "target"], [
        ["p50 per 14-26-word sentence, ms (built-in engine, incl. tokenisation)", perf["p50_ms"], "<= 5"],
        ["cold start: import + first check in a new process, s", perf["cold_start_s"], "<= 1"],
    ])
    markdown = "\n\n".join([
        "# Grammar and spelling",
        f"Machine: {machine()}. Command: `python benchmarks/bench_grammar.py`. Engine: built-in (rules in `data/<lang>/grammar.yaml` "
        "and the pymorphy3 speller), no LanguageTool.",
        uk_text, ru_text, "## Speed (one core)", perf_text,
    ])
    write_report("grammar", markdown, {"ukrainian": uk, "russian": ru, "speed": perf})


if __name__ == "__main__":
    main()
