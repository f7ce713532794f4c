from __future__ import annotations

import pytest

from helpers import ROOT, read_jsonl
from replyaid.language import identify


def _cases():
    for line in (ROOT / "tests" / "data" / "language_cases.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, expected = line.split("\t")
            yield pytest.param(text, expected, id=text[:30])


@pytest.mark.parametrize("text,expected", list(_cases()))
def test_language_examples(text, expected):
    assert identify(text).language == expected


def test_score_is_a_probability():
    for text in ["Де моє замовлення?", "Где заказ?", "hello", ""]:
        score = identify(text).score
        assert 0.0 <= score <= 1.0


def test_non_string_raises_type_error():
    with pytest.raises(TypeError, match="text"):
        identify(b"bytes")  # type: ignore[arg-type]


def test_dev_set_accuracy():
    """The development split (the test split is only read by the benchmark)."""
    rows = read_jsonl(ROOT / "corpora" / "language" / "dev.jsonl")
    correct = sum(identify(r["text"]).language == r["lang"] for r in rows)
    assert correct / len(rows) >= 0.93
