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
    #: the pattern without its leading look-behind context: where it matches is
    #: where a match of the whole pattern can start (None if there is no context)
    anchor: re.Pattern[str] | None = None

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


def _group_end(pattern: str, start: int) -> int:
    """Index just past the group that opens at ``pattern[start]``."""
    depth = 0
    i = start
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _is_lookbehind_group(pattern: str) -> bool:
    if pattern.startswith(("(?<=", "(?<!")):
        return True
    if not pattern.startswith("(?:"):
        return False
    end = _group_end(pattern, 0)
    inner = pattern[3 : end - 1]
    # a group of look-behind alternatives: (?:(?<=a)|(?<=b)|^|...)
    parts, depth, current = [], 0, ""
    for ch in inner:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return all(p.startswith(("(?<=", "(?<!")) or p in ("^", "") for p in parts)


def anchor_of(pattern: str) -> re.Pattern[str] | None:
    """The pattern with its leading look-behind context removed, compiled; a
    whole-pattern match can only start where this matches, which lets the engine
    skip trying dozens of look-behinds at every position of a long text."""
    rest = pattern
    stripped = False
    while rest and _is_lookbehind_group(rest):
        end = _group_end(rest, 0)
        if end <= 0:
            return None
        rest = rest[end:]
        stripped = True
    if not stripped or not rest:
        return None
    try:
        return re.compile(rest, re.IGNORECASE | re.UNICODE)
    except re.error:
        return None


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
        anchor=anchor_of(raw["pattern"]),
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
        if rule.anchor is None:
            matches = rule.pattern.finditer(text)
        else:
            matches = (m for a in rule.anchor.finditer(text) if (m := rule.pattern.match(text, a.start())) is not None)
        for m in matches:
            if m.end() > m.start():
                yield RuleMatch(rule, m.start(), m.end(), rule.suggestion(m))
