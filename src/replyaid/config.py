"""Per-company configuration of draft checks.

A YAML file (or the same structure as a mapping) passed as
``Assistant(config=...)`` or ``replyaid check --config``::

    disabled_checks: [timing, tone.greeting]     # check names or prefixes
    thresholds:                                  # see DEFAULT_THRESHOLDS
      max_words: 220
      response_hours: 8
    allowed_terms: [API, тикет, webhook]         # never flagged as jargon
    picky_grammar: true                          # Ukrainian euphony advice too
    lexicons:
      ru:
        canned:
          add: [{phrase: "с уважением коллектив", alternative: "подпишитесь своим именем"}]
          disable: [ru.canned.dannyy]            # entry ids or phrases
        jargon:
          add: company_jargon_ru.tsv             # a TSV like data/ru/jargon.tsv
        tone: {disable: ["в ближайшее время"]}

Paths inside the file are relative to the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from replyaid.errors import ConfigError
from replyaid.resources import LANGUAGES, iter_tsv

DEFAULT_THRESHOLDS: dict[str, float] = {
    # A reply over ~180 words no longer fits one phone screen; support style
    # guides ask for short answers, and our good replies stay under 150 words.
    "max_words": 180,
    # Russian and Ukrainian business-writing guides put the limit of an easily
    # read sentence at 20-25 words; 40 is where agents' run-on sentences start.
    "max_sentence_words": 40,
    # Paragraphs longer than this are a wall of text on a phone.
    "max_paragraph_words": 90,
    # A detailed message (this many words, or two questions) deserves more
    # than a one-liner:
    "detailed_incoming_words": 25,
    "min_reply_words": 8,
    # Share of the draft's words that may be technical terms before the draft
    # as a whole reads as too technical for a customer.
    "max_technical_share": 0.08,
    "min_technical_terms": 3,
    # Template score: share of the draft covered by stock phrases.
    "max_canned_share": 0.35,
    # Timing (hours, customer's local time).
    "response_hours": 24,
    "night_start": 22,
    "night_end": 8,
}

LEXICONS = ("canned", "jargon", "tone")


@dataclass(frozen=True)
class LexiconChanges:
    add: tuple[dict[str, str], ...] = ()
    disable: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Settings:
    disabled_checks: frozenset[str] = frozenset()
    thresholds: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    allowed_terms: frozenset[str] = frozenset()
    #: also run the grammar rules marked ``picky`` (Ukrainian euphony: у/в, і/й, з/із/зі)
    picky_grammar: bool = False
    lexicons: Mapping[tuple[str, str], LexiconChanges] = field(default_factory=dict)

    def changes(self, lang: str, lexicon: str) -> LexiconChanges:
        return self.lexicons.get((lang, lexicon), LexiconChanges())


def _as_list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        return [value]
    raise ConfigError(f"{where} must be a list, got {type(value).__name__}")


def _entries(value: Any, lexicon: str, lang: str, base: Path | None, where: str) -> list[dict[str, str]]:
    key = "term" if lexicon == "jargon" else "phrase"
    if isinstance(value, str):
        path = Path(value)
        if base is not None and not path.is_absolute():
            path = base / path
        if not path.is_file():
            raise ConfigError(f"{where}: no such file {path}")
        return [dict(row) for row in iter_tsv(path, (key,))]
    rows = []
    for i, item in enumerate(_as_list(value, where)):
        if isinstance(item, str):
            item = {key: item}
        if not isinstance(item, Mapping) or not str(item.get(key, "")).strip():
            raise ConfigError(f"{where}[{i}] needs a non-empty {key!r}")
        row = {k: str(v) for k, v in item.items()}
        row.setdefault("id", f"{lang}.{lexicon}.custom_{i}")
        rows.append(row)
    return rows


def load_settings(
    config: str | Path | Mapping[str, Any] | None, disabled_checks: frozenset[str] = frozenset(), picky_grammar: bool = False
) -> Settings:
    """Read and validate a configuration; errors name the offending key."""
    base: Path | None = None
    if config is None:
        raw: Mapping[str, Any] = {}
    elif isinstance(config, Mapping):
        raw = config
    elif isinstance(config, (str, Path)):
        path = Path(config)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read configuration {path}: {exc.strerror or exc}") from None
        import yaml

        try:
            raw = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path} is not valid YAML: {exc}") from None
        base = path.parent
    else:
        raise ConfigError(f"config must be a path, a mapping or None, got {type(config).__name__}")
    if not isinstance(raw, Mapping):
        raise ConfigError("configuration must be a mapping at the top level")
    unknown = set(raw) - {"disabled_checks", "thresholds", "allowed_terms", "lexicons", "picky_grammar"}
    if unknown:
        raise ConfigError(f"unknown configuration key(s): {', '.join(sorted(unknown))}")
    if not isinstance(raw.get("picky_grammar", False), bool):
        raise ConfigError(f"picky_grammar must be true or false, got {raw['picky_grammar']!r}")
    thresholds = dict(DEFAULT_THRESHOLDS)
    for key, value in (raw.get("thresholds") or {}).items():
        if key not in DEFAULT_THRESHOLDS:
            raise ConfigError(f"unknown threshold {key!r}; known: {', '.join(DEFAULT_THRESHOLDS)}")
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"threshold {key!r} must be a non-negative number, got {value!r}")
        thresholds[key] = value
    lexicons: dict[tuple[str, str], LexiconChanges] = {}
    for lang, per_lang in (raw.get("lexicons") or {}).items():
        if lang not in LANGUAGES:
            raise ConfigError(f"lexicons: unknown language {lang!r}")
        for lexicon, changes in (per_lang or {}).items():
            if lexicon not in LEXICONS:
                raise ConfigError(f"lexicons.{lang}: unknown lexicon {lexicon!r}; known: {', '.join(LEXICONS)}")
            where = f"lexicons.{lang}.{lexicon}"
            changes = changes or {}
            lexicons[(lang, lexicon)] = LexiconChanges(
                add=tuple(_entries(changes.get("add"), lexicon, lang, base, f"{where}.add")),
                disable=frozenset(str(x).lower() for x in _as_list(changes.get("disable"), f"{where}.disable")),
            )
    return Settings(
        disabled_checks=frozenset(_as_list(raw.get("disabled_checks"), "disabled_checks")) | disabled_checks,
        thresholds=thresholds,
        allowed_terms=frozenset(str(t).lower() for t in _as_list(raw.get("allowed_terms"), "allowed_terms")),
        picky_grammar=bool(raw.get("picky_grammar", False)) or picky_grammar,
        lexicons=lexicons,
    )
