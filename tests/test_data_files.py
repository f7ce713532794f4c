"""The shipped language data files parse and hold what the checks need."""

from __future__ import annotations

import pytest

from replyaid.resources import LANGUAGES, data_path, iter_tsv, read_lines

LEXICONS = {
    "canned.tsv": (("id", "phrase", "alternative", "kind", "example"), {"greeting", "template", "bureaucratic", "filler"}, 100),
    "jargon.tsv": (("id", "term", "alternative", "kind", "example"), {"slang", "abbr", "tech"}, 200),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_lexicon(lang, name):
    columns, kinds, minimum = LEXICONS[name]
    rows = list(iter_tsv(data_path(lang, name), columns))
    assert len(rows) >= minimum
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(r["id"].startswith(f"{lang}.") for r in rows)
    assert {r["kind"] for r in rows} <= kinds


@pytest.mark.parametrize("lang", LANGUAGES)
def test_same_file_names_in_every_language(lang):
    for name in ("marker_words.txt", "messages.tsv", "triage_cues.tsv", "canned.tsv", "jargon.tsv"):
        assert data_path(lang, name).is_file(), name


def test_marker_words_do_not_overlap():
    assert not set(read_lines("ru", "marker_words.txt")) & set(read_lines("uk", "marker_words.txt"))
