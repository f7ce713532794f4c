"""``name``: the customer's name in lowercase, a different name, a
misspelling, or the wrong grammatical form in address."""

from __future__ import annotations

from typing import Iterator

from rapidfuzz.distance import Levenshtein

from replyaid.checks.base import CheckContext
from replyaid.checks.lexicons import word_list
from replyaid.nlp import Doc, analyze_word, parse_word
from replyaid.results import Finding

ADDRESS_BEFORE = frozenset({",", "!", ".", "?", ":", "—", "-"})
MAX_EDITS = 2  # «Наталия» for «Наталья», «Алекесей» for «Алексей»
SIGNATURE_WORDS = 6  # a last line this short is the agent's signature


def _address_words(lang: str) -> frozenset[str]:
    return frozenset(word_list(lang, "address_words.txt"))


def in_address(doc: Doc, index: int) -> bool:
    """Is token ``index`` a direct address: at a sentence start, followed by
    punctuation, or after a greeting or «уважаемый/шановний»?"""
    tokens = doc.tokens
    following = next((tokens[i] for i in range(index + 1, len(tokens)) if not tokens[i].is_space), None)
    preceding = next((tokens[i] for i in range(index - 1, -1, -1) if not tokens[i].is_space), None)
    if preceding is not None and preceding.pos == "PREP":
        return False  # «об Андрее, ...»: a name after a preposition is not an address
    if preceding is not None and preceding.text == "-" and preceding.end == tokens[index].start:
        return False  # part of a compound: «пад-тай», «Нью-Йорк»
    if following is not None and following.text in ADDRESS_BEFORE:
        return True
    if preceding is None or preceding.text in (".", "!", "?", "\n"):
        return following is None or following.text in ADDRESS_BEFORE
    if preceding.is_word and (preceding.lemma in _address_words(doc.lang) or preceding.lower in _address_words(doc.lang)):
        return True
    return False


def signature_start(text: str) -> int:
    """Where the agent's signature begins: the last line of a draft of several
    lines when it is short («Марина, служба поддержки», «Олег»); the length of
    the text when there is none."""
    body = text.rstrip()
    cut = body.rfind("\n")
    if cut < 0 or not body[:cut].strip():
        return len(text)
    last = body[cut + 1 :]
    return cut + 1 if len(last.split()) <= SIGNATURE_WORDS else len(text)


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _name_lemmas(name: str, lang: str) -> frozenset[str]:
    """Lemmas of the customer's first name, given in the nominative: «Петро» is
    Петро, not also the vocative of Петра."""
    word = name.lower()
    parses = [p for p in parse_word(lang, word) if "Name" in p.tag.grammemes and "nomn" in p.tag.grammemes]
    return frozenset(p.normal_form for p in parses) | {word} if parses else analyze_word(lang, word).lemmas | {word}


def address_form(name: str, lang: str) -> str:
    """The form of a first name used in direct address: the Ukrainian vocative
    («Олено», «Андрію»), the Russian nominative."""
    if lang != "uk":
        return _capitalise(name)
    parses = parse_word("uk", name.lower())
    # the name as given is a nominative («Петро», not the vocative of Петра)
    for parse in sorted(parses, key=lambda p: "nomn" not in p.tag.grammemes):
        if "Name" in parse.tag.grammemes:
            inflected = parse.inflect({"voct"})
            if inflected is not None:
                return _capitalise(inflected.word)
    return _capitalise(name)


class CustomerName:
    name = "name"
    category = "name"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        doc = context.draft
        lang = doc.lang
        if lang not in ("ru", "uk"):
            return
        if context.customer_name and context.customer_name.strip():
            findings = list(self._with_name(context, context.customer_name.strip().split()[0]))
        else:
            findings = list(self._lowercase_names(context))
        context.memo["name_spans"] = [(f.start, f.end) for f in findings]
        yield from findings

    def _with_name(self, context: CheckContext, customer: str) -> Iterator[Finding]:
        doc = context.draft
        lang = doc.lang
        prefix = context.lang_prefix
        lemmas = _name_lemmas(customer, lang)
        wanted = address_form(customer, lang)
        near = lemmas | {customer.lower(), wanted.lower()}
        signature = signature_start(doc.original)
        for index, token in enumerate(doc.tokens):
            if not token.is_word or len(token.text) < 2:
                continue
            if bool(token.lemmas & lemmas) or token.lower == customer.lower():
                if token.text[0].islower():
                    suggestion = address_form(token.text, lang) if in_address(doc, index) else _capitalise(token.text)
                    yield context.finding("name", f"{prefix}_NAME_LOWERCASE", token.start, token.end, message_key="NAME_LOWERCASE", suggestions=[suggestion], severity="error")
                elif in_address(doc, index) and not _address_form_of(token.lower, lemmas, lang):
                    if token.lower != customer.lower() and _address_form_of(token.lower, None, lang):
                        # an address form, but of another name («Евгения» for Евгений)
                        yield context.finding("name", f"{prefix}_NAME_MISMATCH", token.start, token.end, message_key="NAME_MISMATCH", suggestions=[wanted], expected=customer, severity="error")
                    else:
                        yield context.finding("name", f"{prefix}_NAME_FORM", token.start, token.end, message_key=f"NAME_FORM_{lang.upper()}", suggestions=[wanted], expected=wanted, severity="warning")
                continue
            if not token.text[0].isupper() or token.text.isupper() or len(token.text) < 3 or not in_address(doc, index):
                continue
            if token.start >= signature:
                continue  # the agent's own name: «Марина, служба поддержки»
            # another first name, in the form of address («Мария» for Марина; not «Раді,»)
            is_name = token.name_grammemes is not None and analyze_word(lang, token.lower).known and _address_form_of(token.lower, None, lang)
            distance = min(Levenshtein.distance(token.lower, form) for form in near)
            if is_name:
                code, key = f"{prefix}_NAME_MISMATCH", "NAME_MISMATCH"
            elif distance <= (MAX_EDITS if not token.known else 1):
                # a word one slip from the name, even one the dictionary happens to list
                code, key = f"{prefix}_NAME_MISSPELLED", "NAME_MISSPELLED"
            else:
                continue
            yield context.finding("name", code, token.start, token.end, message_key=key, suggestions=[wanted], expected=customer, severity="error")

    def _lowercase_names(self, context: CheckContext) -> Iterator[Finding]:
        doc = context.draft
        for index, token in enumerate(doc.tokens):
            if token.is_word and token.text[:1].islower() and token.name_grammemes is not None and in_address(doc, index):
                # Only words that are first names and nothing else («роман» is also a novel).
                if token.pos is not None and token.lemma != analyze_word(doc.lang, token.lower).lemma:
                    continue
                first = analyze_word(doc.lang, token.lower)
                # a Ukrainian vocative of a name («максиме») is an address even
                # where the word has another reading («максим», a maxim)
                vocative = doc.lang == "uk" and "voct" in token.name_grammemes
                if not first.known or ("Name" not in first.grammemes and not vocative):
                    continue
                yield context.finding(
                    "name", f"{context.lang_prefix}_NAME_LOWERCASE", token.start, token.end,
                    message_key="NAME_LOWERCASE", suggestions=[_capitalise(token.text)], severity="error",
                )


def _address_form_of(word: str, lemmas: frozenset[str] | None, lang: str) -> bool:
    """Is ``word`` a first name in the form of address (the Ukrainian vocative,
    the Russian nominative singular), of one of ``lemmas`` if given?"""
    wanted = {"voct"} if lang == "uk" else {"nomn", "sing"}
    return any(
        "Name" in p.tag.grammemes and wanted <= p.tag.grammemes and (lemmas is None or p.normal_form in lemmas)
        for p in parse_word(lang, word)
    )
