"""Reading labelled messages from CSV or JSON Lines for training and evaluation.

A file needs a text column and any subset of the label columns ``topic``,
``department``, ``complaint`` and ``sentiment``; label values are free (a
company may have its own 30 topics). An optional ``lang`` column (``ru``/``uk``)
is used when present, otherwise the language is identified. Empty label cells
mean "not labelled" for that field.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from replyaid.errors import DataError
from replyaid.records import iter_records
from replyaid.triage.models import FIELDS

TRUE_VALUES = {"true", "1", "yes", "да", "так", "t", "y"}
FALSE_VALUES = {"false", "0", "no", "нет", "ні", "f", "n"}
MAX_REPORTED_PROBLEMS = 10


@dataclass
class Dataset:
    texts: list[str]
    langs: list[str | None]
    labels: dict[str, list[str | None]] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)
    sha256: str = ""

    def __len__(self) -> int:
        return len(self.texts)

    def subset(self, indices: list[int]) -> "Dataset":
        return Dataset(
            texts=[self.texts[i] for i in indices],
            langs=[self.langs[i] for i in indices],
            labels={k: [v[i] for i in indices] for k, v in self.labels.items()},
            ids=[self.ids[i] for i in indices],
            sha256=self.sha256,
        )


def _normalise_label(name: str, value: Any, where: str, problems: list[str]) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        text = "True" if value else "False"
    else:
        text = str(value).strip()
    if not text:
        return None
    if name == "complaint":
        lowered = text.lower()
        if lowered in TRUE_VALUES:
            return "True"
        if lowered in FALSE_VALUES:
            return "False"
        problems.append(f"{where}: complaint must be true/false, got {text!r}")
        return None
    return text


_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv"}


def _read_rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(f"{path}: unsupported file type {path.suffix.lower()!r}; use .csv, .tsv or .jsonl")
    return [(f"line {number}", row) for number, row in iter_records(path, fmt)]


def load_dataset(path: str | Path, text_column: str = "text", split: str | None = None) -> Dataset:
    """Read a labelled CSV/TSV/JSONL file; a bad file raises :class:`DataError`
    listing its first problems (missing columns, empty texts, bad labels).

    ``split`` keeps only rows whose ``split`` column has that value.
    """
    path = Path(path)
    rows = _read_rows(path)
    if split is not None:
        rows = [(where, row) for where, row in rows if row.get("split") == split]
    if not rows:
        raise DataError(f"{path}: no rows" + (f" with split={split!r}" if split else ""))
    columns = set().union(*(row.keys() for _, row in rows))
    if text_column not in columns:
        raise DataError(f"{path}: no {text_column!r} column; columns are {sorted(columns)}")
    fields = [name for name in FIELDS if name in columns]
    if not fields:
        raise DataError(f"{path}: no label column; expected any of {', '.join(FIELDS)}")
    problems: list[str] = []
    data = Dataset(texts=[], langs=[], labels={name: [] for name in fields})
    for index, (where, row) in enumerate(rows):
        text = row.get(text_column)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: empty or missing {text_column!r}")
            continue
        lang = row.get("lang")
        if lang not in (None, "", "ru", "uk"):
            problems.append(f"{where}: lang must be ru or uk, got {lang!r}")
            continue
        data.texts.append(text)
        data.langs.append(lang or None)
        data.ids.append(str(row.get("id", index)))
        for name in fields:
            data.labels[name].append(_normalise_label(name, row.get(name), where, problems))
    for name in fields:
        if not any(v is not None for v in data.labels[name]):
            problems.append(f"column {name!r} has no labels")
    if problems:
        shown = "\n  ".join(problems[:MAX_REPORTED_PROBLEMS])
        more = f"\n  ... and {len(problems) - MAX_REPORTED_PROBLEMS} more" if len(problems) > MAX_REPORTED_PROBLEMS else ""
        raise DataError(f"{path} has {len(problems)} problem(s):\n  {shown}{more}")
    data.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return data
