"""Every lexicon entry is caught in its own example sentence (proselint-style
examples as tests)."""

from __future__ import annotations

import pytest

from replyaid.checks.lexicons import _entry, builtin_rows
from replyaid.checks.phrases import PhraseEntry, PhraseMatcher
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


def test_equal_matches_resolve_by_entry_id():
    """Two entries matching the same words: the result does not depend on set order."""
    entries = [PhraseEntry(id=f"ru.canned.t{k}", phrase="данный момент", kind=kind) for k, kind in ((2, "template"), (1, "bureaucratic"))]
    for order in (entries, entries[::-1]):
        found = PhraseMatcher(order, "ru").find(make_doc("На данный момент заказ в пути.", "ru"))
        assert [m.entry.id for m in found] == ["ru.canned.t1"]
