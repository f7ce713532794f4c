"""Spelling: words that neither pymorphy3's dictionary nor our extra word lists
know, with ranked suggestions.

A word is reported only when a known word lies one edit away (a deleted,
inserted, replaced or swapped letter, or a common multi-letter confusion such
as «тся»/«ться»): an unknown word with no close known word is far more often a
rare word, a name or a brand than a typo. Suggestions are ranked by the kind
of edit (neighbouring keys and sound-alike letters are likely slips) and by
how common the word is (``data/<lang>/word_frequency.tsv``). Forms our clean
train-split replies use (``reply_words.txt``) are accepted as words, and so
are words built by regular word formation from known words: a verb with a
prefix (``verb_prefixes.txt``: «згенерувався»), a reflexive verb
(«засчитаются»), a compound with a common first part (``compound_parts.txt``:
«двухэтапной»).

The Ukrainian dictionary (VESUM) also lists forms it marks as non-standard
(pymorphy3's ``Dist`` grammeme): «маштаб», «аккаунт», «природньо», «поперше».
Such a form is reported when a standard word is one typical slip away (a
doubled letter, a soft sign, a missing apostrophe, «по-» without its
hyphen); purist marks with no such neighbour («доставка») are left alone.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from replyaid.nlp import morph
from replyaid.resources import data_path, read_lines

ALPHABETS = {"ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'"}
KEYBOARD_ROWS = {
    "ru": ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"),
    "uk": ("йцукенгшщзхї", "фівапролджє", "ячсмитьбю"),
}
SOUND_ALIKE = [("е", "и"), ("о", "а"), ("е", "я"), ("и", "ы"), ("е", "э"), ("с", "з"), ("т", "д"), ("б", "п"), ("в", "ф"),
               ("г", "к"), ("ж", "ш"), ("и", "і"), ("і", "ї"), ("е", "є"), ("г", "ґ"), ("ь", "ъ"), ("е", "ё"), ("ш", "щ")]
MULTI = [("тся", "ться"), ("ться", "тся"), ("сч", "щ"), ("щ", "сч"), ("жы", "жи"), ("шы", "ши"), ("чя", "ча"), ("щя", "ща"),
         ("чю", "чу"), ("щю", "щу"), ("нн", "н"), ("сс", "с"), ("н", "нн"), ("с", "сс")]
_CYRILLIC_WORD = re.compile(r"^[а-яёіїєґ']+$")
_UKRAINIAN_LETTERS = re.compile(r"[іїєґ']")
MIN_LENGTH = 3
MAX_SUGGESTIONS = 3
MIN_FORMED_PART = 4  # the known word inside a prefixed or compound word
VERB_POS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
REFLEXIVE = ("ся", "сь")
VOWELS = frozenset("аеёиоуыэюяіїє")


@dataclass(frozen=True)
class Misspelling:
    word: str
    suggestions: tuple[str, ...]
    confidence: float


def _neighbours(lang: str) -> set[tuple[str, str]]:
    pairs = set()
    for row in KEYBOARD_ROWS.get(lang, ()):
        for a, b in zip(row, row[1:]):
            pairs |= {(a, b), (b, a)}
    for a, b in SOUND_ALIKE:
        pairs |= {(a, b), (b, a)}
    return pairs


@functools.lru_cache(maxsize=None)
def _frequencies(lang: str) -> dict[str, int]:
    path = data_path(lang, "word_frequency.tsv")
    if not path.is_file():
        return {}
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, count = line.split("\t")
            table[word] = int(count)
    return table


@functools.lru_cache(maxsize=None)
def extra_words(lang: str) -> frozenset[str]:
    """Words the dictionaries lack but support replies use (brands, IT words, names)."""
    path = data_path(lang, "spelling_extra.txt")
    return frozenset(w.lower() for w in read_lines(lang, "spelling_extra.txt")) if path.is_file() else frozenset()


def _edits(word: str, alphabet: str) -> dict[str, float]:
    """Candidate words one edit away, with a base cost per kind of edit."""
    out: dict[str, float] = {}
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            out.setdefault(left + right[1:], 1.0)  # deletion
            for ch in alphabet:
                if ch != right[0]:
                    out.setdefault(left + ch + right[1:], 1.0)  # replacement
        if len(right) > 1:
            out[left + right[1] + right[0] + right[2:]] = 0.6  # transposition
        for ch in alphabet:
            out.setdefault(left + ch + right, 1.0)  # insertion
    for wrong, right in MULTI:
        start = word.find(wrong)
        while start >= 0:
            out[word[:start] + right + word[start + len(wrong):]] = 0.3
            start = word.find(wrong, start + 1)
    out.pop(word, None)
    return out


def _slips(word: str) -> dict[str, float]:
    """Standard spellings a non-standard form may be a slip of: a doubled letter
    or a soft sign too many, an apostrophe missing, «по-» unhyphenated."""
    out: dict[str, float] = {}
    for i, ch in enumerate(word):
        if ch == "ь" or word[i + 1 : i + 2] == ch:
            out[word[:i] + word[i + 1 :]] = 0.3
    for i in range(1, len(word)):
        out.setdefault(word[:i] + "'" + word[i:], 0.3)
    if word.startswith("по") and len(word) > 4:
        out["по-" + word[2:]] = 0.3
    out.pop(word, None)
    return out


class Speller:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.alphabet = ALPHABETS[lang]
        self.neighbours = _neighbours(lang)
        self.frequency = _frequencies(lang)
        self.extra = extra_words(lang)
        # Forms our good replies use are words even where pymorphy3's dictionary
        # lacks them (its Ukrainian dictionary misses «вже», «немає»).
        self.reply_words = frozenset(read_lines(lang, "reply_words.txt")) if data_path(lang, "reply_words.txt").is_file() else frozenset()
        self.verb_prefixes = tuple(sorted(read_lines(lang, "verb_prefixes.txt"), key=len, reverse=True))
        self.compound_parts = tuple(sorted(read_lines(lang, "compound_parts.txt"), key=len, reverse=True))

    def _known_verb(self, word: str) -> bool:
        analyzer = morph(self.lang)
        return analyzer.word_is_known(word) and any(p.tag.POS in VERB_POS for p in analyzer.parse(word))

    def _well_formed(self, word: str) -> bool:
        """An unknown word made by regular word formation from a known one."""
        analyzer = morph(self.lang)
        if word.endswith(REFLEXIVE) and len(word) - 2 >= MIN_FORMED_PART and self._known_verb(word[:-2]):
            return True
        for prefix in self.verb_prefixes:
            if not word.startswith(prefix):
                continue
            rest = word[len(prefix):]
            if len(prefix) == 1 and rest[:1] in VOWELS:
                continue  # «с» + «оставте» is a slip for «составьте», not a prefixed verb
            if len(rest) >= MIN_FORMED_PART and (
                self._known_verb(rest) or (rest.endswith(REFLEXIVE) and self._known_verb(rest[:-2]))
            ):
                return True
        return any(
            word.startswith(part) and len(word) - len(part) >= MIN_FORMED_PART and analyzer.word_is_known(word[len(part):])
            for part in self.compound_parts
        )

    def _cost(self, word: str, candidate: str, base: float) -> float:
        if base == 1.0 and len(word) == len(candidate):
            diff = [(a, b) for a, b in zip(word, candidate) if a != b]
            if len(diff) == 1 and diff[0] in self.neighbours:
                base = 0.5
        return base - 0.08 * math.log1p(self.frequency.get(candidate, 0))

    def _checkable(self, word: str) -> bool:
        """A Cyrillic word long enough to judge that no word list accepts."""
        return len(word) >= MIN_LENGTH and bool(_CYRILLIC_WORD.match(word)) and word not in self.extra and word not in self.reply_words

    def _non_standard(self, word: str) -> bool:
        """Every reading of a known word is marked non-standard (``Dist``)."""
        parses = morph(self.lang).parse(word)
        return bool(parses) and all("Dist" in p.tag for p in parses)

    @functools.lru_cache(maxsize=50_000)
    def other_language(self, word: str) -> bool:
        """A lowercase word only the other language's dictionary lists: «деньги»,
        «отменили» in a Ukrainian reply (surzhyk). In a Russian reply only words
        with Ukrainian letters count («дякуємо» is caught as a typo anyway):
        the Ukrainian dictionary is the larger one and lists compounds such as
        «самоочистка» that the Russian one lacks."""
        if not self._checkable(word):
            return False
        if self.lang == "ru" and not _UKRAINIAN_LETTERS.search(word):
            return False
        other = "ru" if self.lang == "uk" else "uk"
        return not morph(self.lang).word_is_known(word) and morph(other).word_is_known(word)

    @functools.lru_cache(maxsize=50_000)
    def check(self, word: str) -> Misspelling | None:
        """A misspelling of a lowercase word, or ``None`` if it is fine or unknown
        without a close known word."""
        if not self._checkable(word):
            return None
        analyzer = morph(self.lang)
        if analyzer.word_is_known(word):
            if not self._non_standard(word):
                return None
            edits = _slips(word)
            candidates = {c: cost for c, cost in edits.items() if analyzer.word_is_known(c) and not self._non_standard(c)}
            if not candidates:
                return None
            ranked = sorted(candidates, key=lambda c: (self._cost(word, c, candidates[c]), c))
            return Misspelling(word, tuple(ranked[:MAX_SUGGESTIONS]), 0.8)
        if "-" in word and all(analyzer.word_is_known(p) for p in word.split("-")):
            return None
        if self._well_formed(word):
            return None
        candidates = {c: cost for c, cost in _edits(word, self.alphabet).items() if c and analyzer.word_is_known(c)}
        if not candidates:
            return None
        ranked = sorted(candidates, key=lambda c: (self._cost(word, c, candidates[c]), c))
        best_cost = self._cost(word, ranked[0], candidates[ranked[0]])
        confidence = 0.9 if best_cost <= 0.5 else 0.8 if len(candidates) <= 3 else 0.7
        return Misspelling(word, tuple(ranked[:MAX_SUGGESTIONS]), confidence)


@functools.lru_cache(maxsize=None)
def speller(lang: str) -> Speller:
    return Speller(lang)
