"""Every lexicon entry is caught in its own example sentence (proselint-style
examples as tests)."""

from __future__ import annotations

import pytest

from replyaid.checks.lexicons import _entry, builtin_rows
from replyaid.checks.phrases import PhraseMatcher
from replyaid.nlp import make_doc
from replyaid.resources import LANGUAGES, data_path

LEXICONS = [name for name in ("canned", "jargon", "tone")]


def _cases():
    for lang in LANGUAGES:
        for lexicon in LEXICONS:
            if not data_path(lang, f"{lexicon}.tsv").is_file():
                continue
            for row in builtin_rows(lang, lexicon):
                yield pytest.param(lang, lexicon, row, id=row["id"])


@pytest.mark.parametrize("lang,lexicon,row", list(_cases()))
def test_entry_matches_its_example(lang, lexicon, row):
    assert row.get("example"), f"{row['id']} has no example"
    matcher = PhraseMatcher([_entry(row, lexicon, lang)], lang)
    found = matcher.find(make_doc(row["example"], lang))
    assert found, f"{row['id']}: {row[('term' if lexicon == 'jargon' else 'phrase')]!r} not found in {row['example']!r}"
