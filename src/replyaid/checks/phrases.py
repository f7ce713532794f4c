"""Lemma-aware phrase lexicons: the one matching engine behind ``canned``,
``jargon`` and ``tone``.

A phrase is lemmatised once with pymorphy3 (every parse counts, so «данный»
is both the adjective and a form of «дать»). It matches a run of words in one
sentence of the draft when each phrase word shares a lemma with a draft word
and their first letters agree (so «дала» does not match «данный»). Between
the phrase words there may be one other word (not a preposition right after
an adjective, which starts a phrase of its own: «данные о тарифе»), plus a
few words that only colour a phrase: personal pronouns, first names and the
possessives, particles and softeners of ``filler_words.txt`` («приносим вам,
Анна, наши глубочайшие извинения»). Phrases of three or more words may come in any order
(«важно для нас ваше обращение»).

A verb written in a phrase keeps its person, tense and mood («не
відповідаємо» does not match «не відповідайте», «треба було» not «треба
буде»), and a third-person pronoun its case («звоните им», not «на их сайт»).
A slot written as grammemes in angle brackets matches any word with a reading
that has them: «обязательно <futr,perf>» is «обязательно вернём»,
«обязательно рассмотрим», ... Single jargon words the dictionary does not know
(slang such as «пофиксили», also with a verb prefix: «заескалювала») match by
stem, and a capitalised abbreviation matches its inflected forms («КЕПом»,
«ПВЗ-е»).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterable

from replyaid.nlp import Doc, Token, analyze_word, make_doc, parse_word
from replyaid.resources import data_path, read_lines

STEM_PREFIX = 3  # letters a draft word must share with a one-word entry
PHRASE_STEM_PREFIX = 2  # ... and with a word of a longer phrase, which the other words already pin down
MAX_INSERTED = 1
MAX_TRANSPARENT = 3  # pronouns, particles, names and softeners inserted on top
CANDIDATE_CACHE = 20_000  # distinct word forms whose candidate entries are remembered
PERSONAL = frozenset({"pers", "1per", "2per", "3per"})  # uk / ru tags of personal pronouns («вам», not «цей»)
THIRD_PERSON = frozenset({"он", "она", "оно", "они", "він", "вона", "воно", "вони"})
UNINFLECTED = frozenset({"PRCL", "CONJ", "PREP", "INTJ"})
ADJECTIVES = frozenset({"ADJF", "ADJS", "PRTF", "PRTS"})
PARTICIPLE_LIKE = frozenset({"PRTF", "PRTS", "ADJS"})  # participles and short adjectives («правы», «предупреждены»)
_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"})
MIN_STEM = 4
_CLAUSE_BREAK = re.compile(r"[,;:.!?—–()]")
#: punctuation no phrase spans: «…до вашей покупки, — это ошибка поставщика» is not «это ваша ошибка»
#: (a dash alone may be a copula inside a phrase: «Качество — наш приоритет»)
_PHRASE_BREAK = re.compile(r"[;:()]|,\s*[—–-]\s")
#: an abbreviation with a case ending: «КЕПом», «ПВЗ-у»
_INFLECTED_ABBREVIATION = re.compile(r"^([A-ZА-ЯЁІЇЄҐ]{2,})-?[а-яёіїєґ]{1,3}$")
#: the infinitive ending of a slang verb, reflexive or not, with its thematic vowel
_VERB_ENDING = re.compile(r"[аеиіїоуыяюё]?(?:ться|тись|тися|ть|ти)$")
_GRAMMEME_SLOT = re.compile(r"^<([A-Za-z0-9]+(?:,[A-Za-z0-9]+)*)>$")


@dataclass(frozen=True)
class PhraseEntry:
    """One lexicon entry: an id, the phrase and what to write instead."""

    id: str
    phrase: str
    alternative: str = ""
    kind: str = ""
    example: str = ""
    #: lemma sets and surface forms of the phrase words
    lemmas: tuple[frozenset[str], ...] = field(default=(), compare=False)
    surfaces: tuple[str, ...] = field(default=(), compare=False)
    #: per slot and alternative, the lemmas and the person, tense and mood of a verb
    #: written in the phrase («відповідаємо»: 1st person, present), which a draft
    #: verb of the same lemma must not contradict
    verb_forms: tuple[tuple[tuple[frozenset[str], frozenset[str]], ...], ...] = field(default=(), compare=False)
    #: per slot, the grammemes a word must have to fill a ``<futr>``-style slot (empty: a word slot)
    required: tuple[frozenset[str], ...] = field(default=(), compare=False)
    #: per slot, every lemma and written form that fills it (a quick test of a sentence)
    words: tuple[frozenset[str], ...] = field(default=(), compare=False)
    case_sensitive: bool = False
    lang: str = ""

    def __hash__(self) -> int:  # entries are looked up often; their id is unique
        return hash(self.id)


@dataclass(frozen=True)
class PhraseMatch:
    entry: PhraseEntry
    tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def compile_entry(entry: PhraseEntry, lang: str, tense: bool = False) -> PhraseEntry:
    """Lemmatise the phrase; a slot written ``a|b|c`` accepts any of the words.
    With ``tense``, a verb's tense counts too (tone: «треба було» is blame,
    «треба буде» is not; a bureaucratic «имеет место» is one in any tense)."""
    lemmas: list[frozenset[str]] = []
    surfaces: list[str] = []
    verb_forms: list[tuple[tuple[frozenset[str], frozenset[str]], ...]] = []
    required: list[frozenset[str]] = []
    for slot in entry.phrase.split():
        grammemes = _GRAMMEME_SLOT.match(slot)
        if grammemes is not None:
            lemmas.append(frozenset())
            surfaces.append(slot)
            verb_forms.append(())
            required.append(frozenset(grammemes.group(1).split(",")))
            continue
        slot_lemmas: set[str] = set()
        slot_surfaces: list[str] = []
        slot_forms: list[tuple[frozenset[str], frozenset[str]]] = []
        for word in slot.split("|"):
            doc = make_doc(word, lang)
            tokens = [t for t in doc.tokens if t.is_word or t.text.isalnum()]
            if len(tokens) != 1:  # «в|у», «з'язку» stay one word; punctuation inside a slot is kept as is
                tokens = [t for t in tokens if not t.is_punct][:1]
            if not tokens:
                continue
            slot_lemmas |= tokens[0].lemmas | {tokens[0].lower}
            if tokens[0].pos in PARTICIPLE_LIKE:
                form = frozenset({tokens[0].pos})
            elif "Impe" in tokens[0].grammemes:
                form = frozenset({"Impe"})  # uk «прийнято», «передано»: a participle, not a finite verb
            elif _is_infinitive(tokens[0]):
                form = frozenset({"INFN"})  # an infinitive accepts every form of its verb
            else:
                form = _verb_form(tokens[0])
            if form:
                slot_forms.append((tokens[0].lemmas | {tokens[0].lemma}, form if tense else form - _TENSE))
            surface = tokens[0].text if len(tokens) == 1 and tokens[0].text == word else word
            slot_surfaces.append(surface if entry.case_sensitive else surface.lower())
        if slot_surfaces:
            lemmas.append(frozenset(slot_lemmas))
            surfaces.append("|".join(slot_surfaces))
            verb_forms.append(tuple(slot_forms))
            required.append(frozenset())
    if not lemmas:
        raise ValueError(f"{entry.id}: phrase {entry.phrase!r} has no words")
    if required[0]:
        raise ValueError(f"{entry.id}: phrase {entry.phrase!r} must start with a word, not a grammeme slot")
    return PhraseEntry(
        id=entry.id,
        phrase=entry.phrase,
        alternative=entry.alternative,
        kind=entry.kind,
        example=entry.example,
        lemmas=tuple(lemmas),
        surfaces=tuple(surfaces),
        verb_forms=tuple(verb_forms),
        required=tuple(required),
        words=tuple(slot | frozenset(surface.split("|")) for slot, surface in zip(lemmas, surfaces)),
        case_sensitive=entry.case_sensitive,
        lang=lang,
    )


_PERSON = frozenset({"1per", "2per", "3per"})
_TENSE = frozenset({"past", "pres", "futr"})
_VERB_FORM = _PERSON | _TENSE | {"impr"}


def _verb_form(token: Token) -> frozenset[str]:
    """The person, tense and mood grammemes of a verb (empty for anything else)."""
    return token.grammemes & _VERB_FORM if token.pos == "VERB" else frozenset()


def _is_infinitive(token: Token) -> bool:
    """pymorphy3 gives Russian infinitives their own part of speech, Ukrainian ones a grammeme."""
    return token.pos == "INFN" or "infn" in token.grammemes


def _form_agrees(token: Token, wanted: frozenset[str]) -> bool:
    """«не відповідаємо» (we) is not «не відповідаєте» (you) nor «не відповідайте»
    (imperative), «треба було» (past) is not «треба буде» (future); a grammeme
    the draft verb lacks (a past tense has no person) does not contradict. A
    participle or short adjective («предупреждены», «правы») is not filled by a
    verb, an infinitive or a noun («должен был предупредить», «не имел права»),
    nor an imperative by an infinitive."""
    if "INFN" in wanted:
        return True
    if wanted & PARTICIPLE_LIKE:
        return token.pos not in ("VERB", "INFN", "NOUN")
    if "Impe" in wanted:
        return "Impe" in token.grammemes or token.pos in ADJECTIVES
    if "impr" in wanted and _is_infinitive(token):
        return False  # «довелося чекати» is not «чекайте»; an entry lists infinitives it means
    if not wanted or token.pos != "VERB":
        return True
    form = _verb_form(token)
    if ("impr" in wanted) != ("impr" in form):
        return not form  # an unanalysed verb form does not contradict
    for group in (_PERSON, _TENSE):
        if wanted & group and form & group and wanted & group != form & group:
            return False
    return True


def _slot_form_agrees(token: Token, alternatives: tuple[tuple[frozenset[str], frozenset[str]], ...]) -> bool:
    """A draft verb agrees with an alternative of its own lemma: in
    «позвоните|пишите им» «позвонит ей» is not «позвоните» (3rd person, not 2nd)."""
    if not alternatives:
        return True
    own = [form for lemmas, form in alternatives if token.lemma in lemmas or token.lemmas & lemmas]
    return not own or any(_form_agrees(token, form) for form in own)


def _same_stem(a: str, b: str, prefix: int) -> bool:
    n = min(prefix, len(a), len(b))
    return a[:n] == b[:n]


def word_matches(token: Token, lemmas: frozenset[str], surface: str, case_sensitive: bool, prefix: int = STEM_PREFIX) -> bool:
    """Does a draft token fill a phrase slot? Same lemma and the same first
    letters (pronouns change their stem: «вы» / «вам» / «вас»)."""
    alternatives = tuple(surface.split("|"))
    if case_sensitive:
        inflected = _INFLECTED_ABBREVIATION.match(token.text)
        return any(
            token.text == s or (token.text.isupper() and token.text.lower() == s.lower()) or (inflected is not None and inflected.group(1) == s)
            for s in alternatives
        )
    if token.lower in alternatives:
        return True
    if token.pos in UNINFLECTED:
        return False  # a particle or conjunction is written as is: «саме» (exactly) is not «самі»
    if not (token.lemmas & lemmas) and token.lemma not in lemmas:
        return False
    if token.pos == "NPRO":  # pronouns change their stem: «вы» / «вам» / «вас»
        if token.lemma not in THIRD_PERSON:
            return True
        # «им» / «ему» (to them) is not «их» / «его» (their, his: «пишите на их сайт»)
        cases = _pronoun_cases(alternatives)
        return not cases or bool(token.grammemes & cases)
    return any(_same_stem(token.lower, s, prefix) for s in alternatives)



@functools.lru_cache(maxsize=4096)
def _pronoun_cases(alternatives: tuple[str, ...]) -> frozenset[str]:
    """The cases of the pronouns written in a phrase slot (empty: none written);
    the slot's words are read in both languages, which can only widen the set."""
    cases: set[str] = set()
    for word in alternatives:
        for lang in ("ru", "uk"):
            morph = analyze_word(lang, word)
            if morph.pos == "NPRO":
                cases |= morph.grammemes & _CASES
    return frozenset(cases)


@functools.lru_cache(maxsize=20_000)
def _some_parse_has(lang: str, word: str, grammemes: frozenset[str]) -> bool:
    """Is there a reading of the word with these grammemes («исправим» is first
    read as the short adjective, but it is also «исправить», 1st person future)?"""
    return any(grammemes <= parse.tag.grammemes for parse in parse_word(lang, word))


def _slot_matches(token: Token, entry: PhraseEntry, k: int, prefix: int = PHRASE_STEM_PREFIX) -> bool:
    if entry.required[k]:
        return token.is_word and (entry.required[k] <= token.grammemes or _some_parse_has(entry.lang, token.lower, entry.required[k]))
    return word_matches(token, entry.lemmas[k], entry.surfaces[k], entry.case_sensitive, prefix) and _slot_form_agrees(token, entry.verb_forms[k])


def _stem_match(token: Token, entry: PhraseEntry, prefixes: tuple[str, ...] = ()) -> bool:
    """An unknown single word («пофиксили») against a single-word slang entry
    («пофиксить»), also with a verb prefix added («заескалювала»)."""
    surface = entry.surfaces[0]
    if token.known or len(surface) < MIN_STEM + 1 or entry.case_sensitive or "|" in surface:
        return False
    verb = _VERB_ENDING.search(surface)  # «перелогиниться» -> «перелогин» (also «перелогинься»)
    stem = surface[: max(MIN_STEM + 1, verb.start() if verb else len(surface) - 2)]
    word = token.lower
    if word.startswith(stem) and len(word) <= len(surface) + 3:
        return True
    return any(word.startswith(p + stem) and len(word) <= len(p) + len(surface) + 3 for p in prefixes if not surface.startswith(p))


NEGATIONS = frozenset({"не", "ні", "ни", "нет", "немає"})


def _without_please(words: list[Token]) -> list[Token]:
    """Words without «пожалуйста» / «будь ласка», which agents insert anywhere
    («Зверніться, будь ласка, на рецепцію») and which no phrase depends on."""
    if not any(t.lower in ("пожалуйста", "ласка") for t in words):
        return words
    kept = []
    for k, t in enumerate(words):
        if t.lower == "пожалуйста" or (t.lower == "ласка" and k and words[k - 1].lower == "будь"):
            continue
        if t.lower == "будь" and k + 1 < len(words) and words[k + 1].lower == "ласка":
            continue
        kept.append(t)
    return kept


def _negated(words: list[Token], i: int, match: tuple[Token, ...], entry: PhraseEntry, text: str) -> bool:
    if len(entry.surfaces) < 2:  # a single term stays jargon under negation («это не апсейл»)
        return False
    if any(n in surface.split("|") for surface in entry.surfaces for n in NEGATIONS):
        return False
    last = words.index(match[-1], i)
    if any(t.lower in NEGATIONS for t in words[i : last + 1]):
        return True
    # a negation right before the match, in the same clause («не вопрос магазина»,
    # but not «ограничений нет, это проблема магазина»)
    before = words[i - 1] if i > 0 else None
    return before is not None and before.lower in NEGATIONS and not _CLAUSE_BREAK.search(text, before.end, words[i].start)


class PhraseMatcher:
    """Finds the entries of one lexicon in a :class:`Doc`."""

    def __init__(self, entries: Iterable[PhraseEntry], lang: str, tense: bool = False) -> None:
        self.entries = [compile_entry(e, lang, tense) for e in entries]
        self.prefixes = tuple(read_lines(lang, "verb_prefixes.txt")) if data_path(lang, "verb_prefixes.txt").is_file() else ()
        self.fillers = frozenset(read_lines(lang, "filler_words.txt")) if data_path(lang, "filler_words.txt").is_file() else frozenset()
        self._by_lemma: dict[str, list[PhraseEntry]] = {}
        self._candidate_cache: dict[str, frozenset[PhraseEntry]] = {}
        self._single_by_stem: dict[str, list[PhraseEntry]] = {}
        for entry in self.entries:
            keys = set().union(*entry.lemmas) if len(entry.surfaces) >= 3 else entry.lemmas[0]
            for key in keys | set(entry.surfaces[0].split("|")):
                self._by_lemma.setdefault(key.lower(), []).append(entry)
            if len(entry.surfaces) == 1 and len(entry.surfaces[0]) > MIN_STEM:
                self._single_by_stem.setdefault(entry.surfaces[0][:MIN_STEM], []).append(entry)

    def _candidates(self, token: Token) -> frozenset[PhraseEntry]:
        """Entries that may match at this token (memoised by the token's text,
        which fixes its lemmas)."""
        found = self._candidate_cache.get(token.text)
        if found is None:
            if len(self._candidate_cache) >= CANDIDATE_CACHE:
                self._candidate_cache.clear()
            found = self._candidate_cache[token.text] = frozenset(self._find_candidates(token))
        return found

    def _find_candidates(self, token: Token) -> set[PhraseEntry]:
        found: set[PhraseEntry] = set()
        for key in token.lemmas | {token.lower, token.lemma}:
            found.update(self._by_lemma.get(key, ()))
        inflected = _INFLECTED_ABBREVIATION.match(token.text)
        if inflected is not None:
            found.update(self._by_lemma.get(inflected.group(1).lower(), ()))
        if not token.known:
            found.update(self._single_by_stem.get(token.lower[:MIN_STEM], ()))
            for prefix in self.prefixes:
                if token.lower.startswith(prefix):
                    found.update(self._single_by_stem.get(token.lower[len(prefix) : len(prefix) + MIN_STEM], ()))
        return found

    def find(self, doc: Doc) -> list[PhraseMatch]:
        """Non-overlapping matches, longer phrases first. A negation the phrase
        does not have, right before or inside the match, cancels it («вы ни в
        чём не виноваты» is not «вы виноваты»)."""
        matches: list[PhraseMatch] = []
        for sentence in doc.sentence_tokens():
            words = _without_please([t for t in sentence if t.is_word or (t.text.isalnum() and not t.is_space)])
            # Every slot of a phrase must find some word of the sentence: a cheap
            # test that spares the window search for most candidates.
            available: set[str] = set()
            for t in words:
                available |= t.lemmas
                available.add(t.lower)
                available.add(t.lemma)
            possible: dict[str, bool] = {}  # by entry id, whose hash Python caches
            for i, token in enumerate(words):
                for entry in self._candidates(token):
                    if len(entry.surfaces) > 1:
                        ok = possible.get(entry.id)
                        if ok is None:
                            ok = possible[entry.id] = entry.case_sensitive or all(
                                required or not slot.isdisjoint(available) for slot, required in zip(entry.words, entry.required)
                            )
                        if not ok:
                            continue
                    match = self._match_at(words, i, entry)
                    if match is None:
                        continue
                    found = PhraseMatch(entry, match)
                    if len(match) > 1 and _PHRASE_BREAK.search(doc.original, found.start, found.end):
                        continue
                    if not _negated(words, i, match, entry, doc.original):
                        matches.append(found)
        # longer first; among equal spans the entry id decides, so the result does not
        # depend on the order a set of candidates happens to iterate in
        matches.sort(key=lambda m: (-(m.end - m.start), m.start, m.entry.id))
        taken = bytearray(len(doc.original) + 1)
        result = []
        for m in matches:
            if taken.find(1, m.start, m.end) < 0:
                taken[m.start : m.end] = b"\x01" * (m.end - m.start)
                result.append(m)
        result.sort(key=lambda m: m.start)
        return result

    def _transparent(self, token: Token) -> bool:
        """A word that colours a phrase without changing it: a personal pronoun
        («вам»), a first name, or a word of ``filler_words.txt`` (possessives,
        particles, softeners: «наши», «же», «искренне»)."""
        return (
            (token.pos == "NPRO" and bool(token.grammemes & PERSONAL))
            or token.lower in self.fillers
            or (token.name_grammemes is not None and token.text[:1].isupper())
        )

    def _match_at(self, words: list[Token], i: int, entry: PhraseEntry) -> tuple[Token, ...] | None:
        n = len(entry.surfaces)
        if n == 1:
            token = words[i]
            if _slot_matches(token, entry, 0, STEM_PREFIX) or _stem_match(token, entry, self.prefixes):
                return (token,)
            return None
        # Ordered for two words and for phrases with a grammeme slot (a
        # construction: «это не к <datv>»), in any order otherwise; between the
        # phrase words at most MAX_INSERTED other words plus MAX_TRANSPARENT
        # transparent ones.
        remaining = list(range(n))
        ordered = n == 2 or any(entry.required)
        matched: list[Token] = []
        inserted = transparent = 0
        for token in words[i:]:
            candidates = remaining[:1] if ordered else remaining
            hit = next((k for k in candidates if _slot_matches(token, entry, k)), None)
            if hit is None:
                if not matched:
                    return None
                if transparent < MAX_TRANSPARENT and self._transparent(token):
                    transparent += 1
                else:
                    inserted += 1
                    # a preposition after an adjective starts a phrase of its own:
                    # «данные о тарифе» is not «данный тариф»
                    if inserted > MAX_INSERTED or (token.pos == "PREP" and matched[-1].pos in ADJECTIVES):
                        return None
                continue
            remaining.remove(hit)
            matched.append(token)
            if not remaining:
                return tuple(matched)
        return None
