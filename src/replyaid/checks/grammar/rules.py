"""Grammar rules as data: ``data/<lang>/grammar.yaml``.

Each rule is a regular expression over the normalised text (case-insensitive)
with a replacement, a message, a type (spelling, grammar, punctuation), a
confidence and examples that must and must not match; the test suite runs
every example. A rule's id (``ru.grammar.v_techenii``) is its public code and
configuration key.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterator

from replyaid.errors import ConfigError
from replyaid.resources import data_path

TYPES = ("spelling", "grammar", "punctuation", "style")


@dataclass(frozen=True)
class GrammarRule:
    id: str
    type: str
    pattern: re.Pattern[str]
    replace: str
    message: str
    confidence: float
    wrong: tuple[str, ...] = ()
    right: tuple[str, ...] = ()

    def suggestion(self, match: re.Match[str]) -> str:
        try:
            text = match.expand(self.replace)
        except (re.error, IndexError):
            text = self.replace
        original = match.group(0)
        if text and original[:1].isupper() and not original.isupper():
            text = text[:1].upper() + text[1:]
        return text


@dataclass(frozen=True)
class RuleMatch:
    rule: GrammarRule
    start: int  # offsets into the normalised text
    end: int
    suggestion: str


def _rule(raw: Any, where: str) -> GrammarRule:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a rule must be a mapping")
    missing = [k for k in ("id", "type", "pattern", "message") if not raw.get(k)]
    if missing:
        raise ConfigError(f"{where}: rule {raw.get('id', '?')} lacks {', '.join(missing)}")
    if raw["type"] not in TYPES:
        raise ConfigError(f"{where}: rule {raw['id']} has type {raw['type']!r}; use one of {', '.join(TYPES)}")
    try:
        pattern = re.compile(raw["pattern"], re.IGNORECASE | re.UNICODE)
    except re.error as exc:
        raise ConfigError(f"{where}: rule {raw['id']} has a bad pattern: {exc}") from None
    return GrammarRule(
        id=str(raw["id"]),
        type=raw["type"],
        pattern=pattern,
        replace=str(raw.get("replace", "")),
        message=str(raw["message"]),
        confidence=float(raw.get("confidence", 0.9)),
        wrong=tuple(raw.get("wrong") or ()),
        right=tuple(raw.get("right") or ()),
    )


def parse_rules(text: str, where: str) -> list[GrammarRule]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it
    try:
        raw = yaml.load(text, Loader=loader) or []
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where} is not valid YAML: {exc}") from None
    if not isinstance(raw, list):
        raise ConfigError(f"{where} must be a list of rules")
    rules = [_rule(item, where) for item in raw]
    ids = [r.id for r in rules]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ConfigError(f"{where}: duplicate rule ids {sorted(duplicates)}")
    return rules


@functools.lru_cache(maxsize=None)
def builtin_rules(lang: str) -> tuple[GrammarRule, ...]:
    path = data_path(lang, "grammar.yaml")
    if not path.is_file():
        return ()
    return tuple(parse_rules(path.read_text(encoding="utf-8"), f"data/{lang}/grammar.yaml"))


def apply_rules(rules: tuple[GrammarRule, ...] | list[GrammarRule], text: str) -> Iterator[RuleMatch]:
    """Every match of every rule in ``text`` (normalised)."""
    for rule in rules:
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                yield RuleMatch(rule, m.start(), m.end(), rule.suggestion(m))
