"""Evaluating triage models on labelled data with scikit-learn's metrics."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from replyaid.triage.dataset import Dataset
from replyaid.triage.models import TriageModels, decode_label
from replyaid.triage.train import message_doc

ECE_BINS = 10


def expected_calibration_error(confidences: list[float], correct: list[bool], bins: int = ECE_BINS) -> float:
    """Weighted mean gap between confidence and accuracy over equal-width bins."""
    total = len(confidences)
    if not total:
        return 0.0
    error = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [i for i, c in enumerate(confidences) if (low < c <= high) or (b == 0 and c == 0)]
        if members:
            accuracy = sum(correct[i] for i in members) / len(members)
            confidence = sum(confidences[i] for i in members) / len(members)
            error += len(members) / total * abs(accuracy - confidence)
    return error


def predict_dataset(models: TriageModels, data: Dataset) -> dict[str, list[tuple[str, float]]]:
    """(label as stored, probability) for every message and field."""
    out: dict[str, list[tuple[str, float]]] = {name: [] for name in data.labels}
    for text, given in zip(data.texts, data.langs):
        predicted = models.predict_doc(message_doc(text, given))
        for name in data.labels:
            label, score, _ = predicted.get(name, (None, 0.0, None))
            out[name].append((str(label) if label is not None else "", score))
    return out


def evaluate(models: TriageModels, data: Dataset) -> dict[str, Any]:
    """Per-field classification report, confusion matrix, macro-F1, accuracy and ECE."""
    from sklearn.metrics import accuracy_score, classification_report, confusion_matrix, f1_score

    predictions = predict_dataset(models, data)
    report: dict[str, Any] = {"messages": len(data), "fields": {}}
    for name, gold in data.labels.items():
        rows = [i for i, value in enumerate(gold) if value is not None]
        y_true = [gold[i] for i in rows]
        y_pred = [predictions[name][i][0] for i in rows]
        confidence = [predictions[name][i][1] for i in rows]
        labels = sorted(set(y_true) | set(y_pred))
        entry = {
            "support": len(rows),
            "accuracy": accuracy_score(y_true, y_pred),
            "macro_f1": f1_score(y_true, y_pred, average="macro", zero_division=0),
            "ece": expected_calibration_error(confidence, [a == b for a, b in zip(y_true, y_pred)]),
            "labels": labels,
            "report": classification_report(y_true, y_pred, labels=labels, output_dict=True, zero_division=0),
            "report_text": classification_report(y_true, y_pred, labels=labels, zero_division=0),
            "confusion_matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
        }
        if name == "complaint":
            entry["f1_true"] = f1_score(
                [decode_label(name, v) for v in y_true], [decode_label(name, v) for v in y_pred], pos_label=True, zero_division=0
            )
        report["fields"][name] = entry
    return report


def confusion_html(report: dict[str, Any]) -> str:
    """A standalone HTML page with one confusion matrix per field."""
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>replyaid evaluation</title>",
             "<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:2em}"
             "td,th{border:1px solid #ccc;padding:.3em;text-align:right}</style></head><body>"]
    for name, entry in report["fields"].items():
        labels = entry["labels"]
        matrix = entry["confusion_matrix"]
        peak = max((max(row) for row in matrix), default=1) or 1
        parts.append(f"<h2>{html.escape(name)}: macro-F1 {entry['macro_f1']:.3f}, accuracy {entry['accuracy']:.3f}</h2>")
        parts.append("<table><tr><th>true \\ predicted</th>" + "".join(f"<th>{html.escape(l)}</th>" for l in labels) + "</tr>")
        for label, row in zip(labels, matrix):
            cells = "".join(
                f"<td style='background:rgba(40,90,200,{value / peak:.2f})'>{value}</td>" for value in row
            )
            parts.append(f"<tr><th>{html.escape(label)}</th>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def confusion_png(report: dict[str, Any], path: Path) -> None:
    """Confusion matrices as a PNG (needs matplotlib: pip install 'replyaid[plot]')."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from replyaid.errors import OptionalDependencyError

        raise OptionalDependencyError("a PNG confusion matrix", "plot", "matplotlib") from None
    fields = list(report["fields"].items())
    fig, axes = plt.subplots(1, len(fields), figsize=(6 * len(fields), 5.5))
    axes = [axes] if len(fields) == 1 else list(axes)
    for ax, (name, entry) in zip(axes, fields):
        ax.imshow(entry["confusion_matrix"], cmap="Blues")
        ax.set_title(f"{name} (macro-F1 {entry['macro_f1']:.2f})")
        ax.set_xticks(range(len(entry["labels"])), entry["labels"], rotation=90)
        ax.set_yticks(range(len(entry["labels"])), entry["labels"])
        for i, row in enumerate(entry["confusion_matrix"]):
            for j, value in enumerate(row):
                if value:
                    ax.text(j, i, str(value), ha="center", va="center", fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
