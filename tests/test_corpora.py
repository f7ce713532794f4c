"""The corpora pass their validator (schema, labels, spans, duplicates, counts)."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_corpora_are_valid():
    result = subprocess.run(
        [sys.executable, str(ROOT / "corpora" / "validate.py")], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
