"""Reading records from JSON Lines and CSV/TSV files, for batches and training data."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterator

from replyaid.errors import DataError


def iter_records(path: Path, fmt: str, *, strings_as: str | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, record)`` of a ``jsonl`` or ``csv`` file (tab-separated
    when the name ends in ``.tsv``). With ``strings_as``, a JSON line that is a
    plain string becomes ``{strings_as: string}``. An unreadable file or a bad
    line raises :class:`DataError` naming the file and the line.
    """
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise DataError(f"cannot read {path}: no such file") from None
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        try:
            if fmt == "csv":
                delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
                for number, row in enumerate(csv.DictReader(handle, delimiter=delimiter), start=2):
                    yield number, dict(row)
                return
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}, line {number}: invalid JSON ({exc.msg})") from None
                if strings_as is not None and isinstance(value, str):
                    value = {strings_as: value}
                if not isinstance(value, dict):
                    expected = "a JSON object or string" if strings_as is not None else "a JSON object"
                    raise DataError(f"{path}, line {number}: expected {expected}")
                yield number, value
        except UnicodeDecodeError:
            raise DataError(f"cannot read {path}: not UTF-8 text") from None
