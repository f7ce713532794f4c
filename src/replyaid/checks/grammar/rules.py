"""Grammar rules as data: ``data/<lang>/grammar.yaml``.

Each rule is a regular expression over the normalised text (case-insensitive)
with a replacement (or ``capitalize: true`` to suggest the match with a capital
letter), a message, a type (spelling, grammar, punctuation), a confidence and
examples that must and must not match; the test suite runs
every example. A rule's id (``ru.grammar.v_techenii``) is its public code and
configuration key.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterator

from replyaid.errors import ConfigError
from replyaid.nlp import morph
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
    #: suggest the matched text with a capital first letter (``capitalize: true``)
    capitalize: bool = False
    #: advice given only in picky mode (``picky: true``)
    picky: bool = False
    #: ``known_variant: <lang>``: report a match only when the word it sits in,
    #: with the match replaced, is a word of that language's dictionary sharing
    #: a part of speech with the original («вчора» -> «учора», not «вплив» -> «уплив»)
    known_variant: str = ""
    #: the pattern without its leading look-behind context: where it matches is
    #: where a match of the whole pattern can start (None if there is no context)
    anchor: re.Pattern[str] | None = None

    def suggestion(self, match: re.Match[str]) -> str:
        if self.capitalize:
            return match.group(0)[:1].upper() + match.group(0)[1:]
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
        capitalize=bool(raw.get("capitalize", False)),
        picky=bool(raw.get("picky", False)),
        known_variant=str(raw.get("known_variant") or ""),
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
                suggestion = rule.suggestion(m)
                if rule.known_variant and not _variant_known(rule.known_variant, text, m.start(), m.end(), suggestion):
                    continue
                yield RuleMatch(rule, m.start(), m.end(), suggestion)


_WORD_CHAR = re.compile(r"[^\W\d_]|'")
_CYRILLIC = re.compile(r"[а-яёіїєґ']+")


def _variant_known(lang: str, text: str, start: int, end: int, replacement: str) -> bool:
    left, right = start, end
    while left > 0 and _WORD_CHAR.match(text[left - 1]):
        left -= 1
    while right < len(text) and _WORD_CHAR.match(text[right]):
        right += 1
    word = text[left:right].lower()
    if not _CYRILLIC.fullmatch(word):
        return False  # only Cyrillic words go to the dictionary (pymorphy3 fails on some letters)
    return _is_variant(lang, word, (text[left:start] + replacement + text[end:right]).lower())


@functools.lru_cache(maxsize=20_000)
def _is_variant(lang: str, word: str, variant: str) -> bool:
    analyzer = morph(lang)
    if variant == word or not analyzer.word_is_known(variant):
        return False
    if not analyzer.word_is_known(word):
        return True  # a form the dictionary lacks («вже»)
    return bool({p.tag.POS for p in analyzer.parse(word)} & {p.tag.POS for p in analyzer.parse(variant)})
