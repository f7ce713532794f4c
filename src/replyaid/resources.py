"""Access to the data files shipped inside the package.

Language data lives in ``replyaid/data/<lang>/`` with the same file names for
every language, so adding a language is adding a folder.
"""

from __future__ import annotations

import csv
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Iterator

from replyaid.errors import LexiconError

LANGUAGES: tuple[str, ...] = ("ru", "uk")


def data_path(*parts: str) -> Traversable:
    """Return a file inside ``replyaid/data`` (works from a wheel or a checkout)."""
    node = resources.files("replyaid").joinpath("data")
    for part in parts:
        node = node.joinpath(part)
    return node


def default_models_dir() -> Path:
    """The directory holding the default triage models.

    In an installed wheel they are package data (``replyaid/models``); in a
    source checkout they are the repository's top-level ``models/``.
    """
    packaged = Path(str(resources.files("replyaid").joinpath("models")))
    if (packaged / "manifest.json").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "models"
    return checkout if (checkout / "manifest.json").is_file() else packaged


def read_lines(*parts: str) -> list[str]:
    """Non-empty, non-comment lines of a shipped word list."""
    text = data_path(*parts).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def iter_tsv(source: Traversable | Path, required: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Rows of a TSV lexicon as dicts; a clear error names a bad file and line."""
    name = getattr(source, "name", str(source))
    text = source.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        return
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(reader)]
    missing = [column for column in required if column not in header]
    if missing:
        raise LexiconError(f"{name}: header lacks column(s) {', '.join(missing)}; found {header}")
    for number, row in enumerate(reader, start=2):
        if len(row) < len(required):
            raise LexiconError(f"{name}, line {number}: expected {len(header)} tab-separated fields, got {len(row)}")
        record = {key: value.strip() for key, value in zip(header, row)}
        if any(not record.get(column) for column in required):
            raise LexiconError(f"{name}, line {number}: empty required field in {record}")
        yield record
