"""Loading the phrase lexicons (built-in TSV files plus company changes)."""

from __future__ import annotations

import functools
import threading

from replyaid.checks.phrases import PhraseEntry, PhraseMatcher
from replyaid.config import Settings
from replyaid.errors import ConfigError
from replyaid.nlp import analyze_word
from replyaid.resources import data_path, iter_tsv, read_lines

_COLUMNS = {"canned": "phrase", "jargon": "term", "tone": "phrase"}
_lock = threading.Lock()
_cache: dict[tuple[str, str, str], PhraseMatcher] = {}


def _case_sensitive(term: str, lang: str) -> bool:
    """Mixed-case abbreviations («ЧаВО», «ПДн») and those whose lowercase form
    is an ordinary word («ПО», «ТО») only match as written; «ПЛЗ» also
    matches «плз», and «ИМХО» «имхо» (a dictionary word, but a parenthetical one)."""
    if not any(ch.isupper() for ch in term):
        return False
    if not term.isupper() or " " in term:
        return True
    lower = analyze_word(lang, term.lower())
    return lower.known and not lower.grammemes & {"Abbr", "Slng", "Prnt"}


def _entry(row: dict[str, str], lexicon: str, lang: str) -> PhraseEntry:
    phrase = row[_COLUMNS[lexicon]]
    case_sensitive = lexicon == "jargon" and row.get("kind") == "abbr" and _case_sensitive(phrase, lang)
    return PhraseEntry(
        id=row["id"],
        phrase=phrase,
        alternative=row.get("alternative", ""),
        kind=row.get("kind", ""),
        example=row.get("example", ""),
        case_sensitive=case_sensitive,
    )


def builtin_rows(lang: str, lexicon: str) -> list[dict[str, str]]:
    return list(iter_tsv(data_path(lang, f"{lexicon}.tsv"), ("id", _COLUMNS[lexicon])))


def matcher(lang: str, lexicon: str, settings: Settings) -> PhraseMatcher:
    """The matcher of one lexicon for one language and configuration, built once."""
    changes = settings.changes(lang, lexicon)
    key = (lang, lexicon, repr(changes))
    found = _cache.get(key)
    if found is None:
        with _lock:
            found = _cache.get(key)
            if found is None:
                rows = [r for r in builtin_rows(lang, lexicon) if r["id"].lower() not in changes.disable and r[_COLUMNS[lexicon]].lower() not in changes.disable]
                rows += list(changes.add)
                # tone phrases keep their verbs' tense: «треба було» (blame) is not «треба буде»
                try:
                    found = PhraseMatcher((_entry(r, lexicon, lang) for r in rows), lang, tense=lexicon == "tone")
                except ValueError as exc:  # a company's phrase that cannot be matched
                    raise ConfigError(f"{lang} {lexicon} lexicon: {exc}") from None
                _cache[key] = found
    return found


@functools.lru_cache(maxsize=None)
def word_list(lang: str, name: str) -> tuple[str, ...]:
    return tuple(line.lower() for line in read_lines(lang, name))


def slug(entry_id: str) -> str:
    """``ru.canned.vremeni_sutok`` -> ``RU_CANNED_VREMENI_SUTOK`` (a stable finding code)."""
    return entry_id.replace(".", "_").replace("-", "_").upper()
