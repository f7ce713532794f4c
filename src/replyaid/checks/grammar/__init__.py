"""``grammar``: spelling, grammar and punctuation.

The built-in engine needs nothing but the package: grammar rules from
``data/<lang>/grammar.yaml`` and a dictionary speller over pymorphy3. With
``Assistant(grammar="languagetool")`` LanguageTool's findings are merged in
(duplicates of built-in findings dropped); if LanguageTool fails, the
built-in findings are returned and a warning is issued.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Iterator

from replyaid.checks.base import MIN_STEM, CheckContext, word_stems
from replyaid.checks.grammar.languagetool import LanguageToolBackend, LanguageToolUnavailable
from replyaid.checks.grammar.rules import apply_rules, builtin_rules
from replyaid.checks.grammar.spelling import speller
from replyaid.checks.jargon import jargon_matches
from replyaid.checks.lexicons import slug
from replyaid.nlp import morph
from replyaid.results import Finding

SENTENCE_END = frozenset({".", "!", "?", "…", "!!", "?!", "...", "\n"})
# A capitalised word at a sentence start is reported only when a close word is a
# typical slip (neighbouring key, sound-alike letter, swapped letters): «Извените».
CAPITALISED_MIN_CONFIDENCE = 0.8
MAX_ABBREVIATION = 4  # letters of a word cut short with a dot («каб.», «ауд.»)
OTHER_LANGUAGE_CONFIDENCE = 0.8  # a word of the other language (surzhyk)
_LT_CATEGORY_TYPES = {"TYPOS": "SPELLING", "PUNCTUATION": "PUNCTUATION", "TYPOGRAPHY": "PUNCTUATION"}
_ID_CHARS = re.compile(r"[^A-Z0-9]+")


@dataclass(frozen=True)
class Issue:
    """A built-in grammar finding with the engine's confidence and the error type
    (spelling, grammar, punctuation, style)."""

    finding: Finding
    confidence: float
    type: str


def _customer_stems(customer_words: frozenset[str], lang: str) -> set[str]:
    """Stems of the customer's words the dictionary does not know («бекап»):
    the agent may use them in any case («бекапу», «бекапів»)."""
    analyzer = morph(lang)
    return {stem for w in customer_words if len(w) >= MIN_STEM and not analyzer.word_is_known(w) for stem in word_stems(w)}


def _severity(confidence: float) -> str:
    return "error" if confidence >= 0.9 else "warning" if confidence >= 0.7 else "info"


def _overlaps(a: Finding, start: int, end: int) -> bool:
    return a.start < end and start < a.end


class Grammar:
    name = "grammar"
    category = "grammar"

    def __init__(self, backend: str = "builtin", languagetool_url: str | None = None) -> None:
        self.backend = backend
        self.languagetool = LanguageToolBackend(languagetool_url) if backend == "languagetool" else None

    def run(self, context: CheckContext) -> Iterator[Finding]:
        lang = context.draft.lang
        if lang not in ("ru", "uk") or self.backend == "off":
            return
        findings = [issue.finding for issue in self.issues(context)]
        if self.languagetool is not None:
            findings += self._languagetool(context, findings)
        yield from findings

    def issues(self, context: CheckContext) -> list[Issue]:
        """The built-in engine's findings with their confidence and error type,
        overlapping ones resolved in favour of the more confident."""
        if context.draft.lang not in ("ru", "uk"):
            return []
        kept: list[Issue] = []
        taken = bytearray(len(context.original) + 1)
        for issue in sorted([*self._rules(context), *self._spelling(context)], key=lambda i: (-i.confidence, i.finding.start)):
            start, end = issue.finding.start, max(issue.finding.end, issue.finding.start + 1)
            if taken.find(1, start, end) < 0:
                kept.append(issue)
                taken[start:end] = b"\x01" * (end - start)
        return sorted(kept, key=lambda i: i.finding.start)

    def _rules(self, context: CheckContext) -> Iterator[Issue]:
        nt = context.draft.normalized
        disabled = context.settings.disabled_checks
        picky = context.settings.picky_grammar
        rules = [r for r in builtin_rules(context.draft.lang) if picky or not r.picky]
        name_spans = context.memo.get("name_spans", ())
        for m in apply_rules(rules, nt.text):
            if m.rule.id in disabled or any(m.rule.id.startswith(d + ".") for d in disabled):
                continue
            start, end = nt.span_to_original(m.start, m.end)
            if any(s <= start and end <= e for s, e in name_spans):
                continue  # the name check reports it («антон» in lowercase)
            finding = context.finding(
                "grammar", slug(m.rule.id), start, end, message=m.rule.message,
                suggestions=[m.suggestion] if m.suggestion or m.rule.replace == "" else [],
                severity=_severity(m.rule.confidence),
            )
            yield Issue(finding, m.rule.confidence, m.rule.type)

    def _spelling(self, context: CheckContext) -> Iterator[Issue]:
        doc = context.draft
        speller_ = speller(doc.lang)
        allowed = context.settings.allowed_terms
        customer_words = context.customer_words
        customer_stems = _customer_stems(customer_words, doc.lang)
        # Slang and names have checks of their own; a word they report is not a typo.
        reported = bytearray(len(context.original) + 1)
        for start, end in [(m.start, m.end) for m in jargon_matches(context)] + list(context.memo.get("name_spans", ())):
            reported[start:end] = b"\x01" * (end - start)
        text = doc.text
        sentence_start = True
        for token in doc.tokens:
            if token.is_space:
                sentence_start = sentence_start or "\n" in token.text
                continue
            if not token.is_word:
                # «Контур.Диадок», «Дія.Підпис»: a dot inside a name ends no sentence
                sentence_start = token.text in SENTENCE_END and not text[token.norm_end : token.norm_end + 1].isalpha()
                continue
            starts_sentence, sentence_start = sentence_start, False
            word = token.text
            # A capitalised unknown word inside a sentence is a name or a brand; at
            # the start of one it is reported only for a typical slip (below).
            if (word[:1].isupper() and not starts_sentence) or word.isupper() or token.lower in allowed:
                continue
            if token.lower in customer_words or not word_stems(token.lower).isdisjoint(customer_stems):
                continue
            if text[token.norm_end : token.norm_end + 1] == "-" or text[max(0, token.norm_start - 1) : token.norm_start] == "-":
                continue  # part of a hyphenated compound («тёмно-синий»)
            if reported[token.start]:
                continue
            if len(word) <= MAX_ABBREVIATION and text[token.norm_end : token.norm_end + 1] == ".":
                continue  # an abbreviation: «каб. 12», «ауд. 5», «тел.»
            if not word[:1].isupper() and speller_.other_language(token.lower):
                finding = context.finding(
                    "grammar", f"{context.lang_prefix}_SPELLING_OTHER_LANGUAGE", token.start, token.end,
                    message_key="GRAMMAR_OTHER_LANGUAGE", severity="warning",
                )
                yield Issue(finding, OTHER_LANGUAGE_CONFIDENCE, "spelling")
                continue
            miss = speller_.check(token.lower)
            if miss is None or (word[:1].isupper() and miss.confidence < CAPITALISED_MIN_CONFIDENCE):
                continue
            suggestions = [s[:1].upper() + s[1:] if word[:1].isupper() else s for s in miss.suggestions]
            finding = context.finding(
                "grammar", f"{context.lang_prefix}_SPELLING", token.start, token.end,
                message_key="GRAMMAR_SPELLING", suggestions=suggestions, severity=_severity(miss.confidence),
            )
            yield Issue(finding, miss.confidence, "spelling")

    def _languagetool(self, context: CheckContext, builtin: list[Finding]) -> list[Finding]:
        assert self.languagetool is not None
        nt = context.draft.normalized
        try:
            matches = self.languagetool.check(nt.text, context.draft.lang)
        except LanguageToolUnavailable as exc:
            warnings.warn(f"replyaid: {exc}; using the built-in grammar engine only", RuntimeWarning, stacklevel=4)
            return []
        out = []
        for m in matches:
            if m.length <= 0 or m.offset < 0 or m.offset + m.length > len(nt.text):
                continue
            start, end = nt.span_to_original(m.offset, m.offset + m.length)
            if any(_overlaps(f, start, end) for f in builtin + out):
                continue
            kind = _LT_CATEGORY_TYPES.get(m.category.upper(), "GRAMMAR")
            code = f"{context.lang_prefix}_LT_{kind}_{_ID_CHARS.sub('_', m.rule_id.upper()).strip('_')}"
            out.append(context.finding("grammar", code, start, end, message=m.message or m.rule_id, suggestions=m.replacements, severity="warning"))
        return out
