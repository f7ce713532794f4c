"""Russian / Ukrainian / other language identification.

The identifier adds up evidence word by word as a log-odds of Ukrainian
against Russian:

* letters only one of the two alphabets has (і ї є ґ versus ы э ъ ё): strong
  evidence, not proof, since a Ukrainian message may quote a Russian phrase;
* frequent words that belong to one language only (``data/<lang>/marker_words.txt``);
* for any other word, how typical its first and last three letters are of
  each language, counted over every word form of pymorphy3's Russian and
  Ukrainian dictionaries (``data/langid/affixes.tsv``);
* when that is still undecided, whether each word is in one dictionary only.

Latin words that are frequent function words of other languages, words in
other scripts and words with letters of other Cyrillic alphabets (ў, ј, ә, ...)
count towards ``other``; Latin product names, URLs and numbers inside a
Cyrillic text do not. A text without letters is ``unknown``.
"""

from __future__ import annotations

import math
import re
import threading
from typing import NamedTuple

from replyaid.errors import require_str
from replyaid.resources import data_path, iter_tsv, read_lines

RU, UK, OTHER, UNKNOWN = "ru", "uk", "other", "unknown"

_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff][\u0400-\u04ff']*")
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|„[^“”]*[“”]|“[^”]*”")
# Russian writes ъ only before е, ё, ю, я (объём); Bulgarian uses it as a vowel (пъти, Добър).
_BULGARIAN_HARD_SIGN = re.compile(r"ъ(?![еёюя])")
_QUOTE_MARK = re.compile(r"[«\"„“]")
_SPECIAL = re.compile(r"[@«\"„“a-z\u00c0-\u024f]|www|://|[^\x00-\u00bf\u0400-\u04ff\u2000-\u206f\u2116]")
_NON_CYRILLIC_WORD = re.compile(r"[^\W\d_\u0400-\u04ff]+")
#: the case ending of an abbreviation («ПВЗ-е», «СМС-ку»): not a word of its own
_ABBREVIATION_ENDING = re.compile(r"(?<=[А-ЯЁІЇЄҐ]{2})-[а-яёіїєґ]{1,3}\b")
_URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_UK_LETTERS = frozenset("іїєґ")
_RU_LETTERS = frozenset("ыэъё")
_OTHER_CYR_LETTERS = frozenset("ўђјљњћџѓќѕәғқңөұүһ")

LETTER_WEIGHT = 3.0
MARKER_WEIGHT = 2.5
AFFIX_CLIP = 1.5
DICTIONARY_WEIGHT = 1.5
UNKNOWN_WEIGHT = 0.8
BOTH_KNOWN_AFFIX_SHARE = 0.3
OTHER_CYRILLIC_WEIGHT = 4
OTHER_CYRILLIC = 1000.0  # sentinel score of a word of another Cyrillic language
_CACHE_LIMIT = 200_000


class _WordScores(dict):  # type: ignore[type-arg]
    """Log-odds (uk against ru) of a lowercase Cyrillic word, memoised."""

    def __init__(self, profile: "_Profile") -> None:
        super().__init__()
        self.profile = profile

    def __missing__(self, word: str) -> float:
        score = self.profile.score_word(word)
        if len(self) < _CACHE_LIMIT:
            self[word] = score
        return score


class LanguageGuess(NamedTuple):
    language: str
    score: float


class _Profile:
    """Word lists and affix log-odds, loaded once."""

    def __init__(self) -> None:
        self.ru_markers = frozenset(read_lines("ru", "marker_words.txt"))
        self.uk_markers = frozenset(read_lines("uk", "marker_words.txt"))
        self.other_cyr_markers = frozenset(read_lines("langid", "other_cyrillic_words.txt"))
        self.latin_function_words = frozenset(read_lines("langid", "latin_function_words.txt"))
        self.affix = self._load_affixes()
        self.translit = {
            lang: sorted(
                ((row["latin"], row["cyrillic"]) for row in iter_tsv(data_path(lang, "translit.tsv"), ("latin", "cyrillic"))),
                key=lambda pair: -len(pair[0]),
            )
            for lang in (RU, UK)
        }
        self.transliterated: dict[tuple[str, str], tuple[str, bool]] = {}
        self.unknown_words: set[str] = set()  # in neither dictionary
        self.word_scores = _WordScores(self)

    def score_word(self, word: str) -> float:
        letters = set(word)
        if letters & _OTHER_CYR_LETTERS or word in self.other_cyr_markers or _BULGARIAN_HARD_SIGN.search(word):
            return OTHER_CYRILLIC
        if letters & _UK_LETTERS:
            # і/ї/є next to ы/э/ъ/ё inside one word is Belarusian, not ru or uk.
            return OTHER_CYRILLIC if letters & _RU_LETTERS else LETTER_WEIGHT
        if letters & _RU_LETTERS:
            return -LETTER_WEIGHT
        if word in self.uk_markers:
            return MARKER_WEIGHT
        if word in self.ru_markers:
            return -MARKER_WEIGHT
        score, known = _dictionary_log_odds(word)
        if not known:
            self.unknown_words.add(word)
        if len(word) > 3:  # the letters of very short words say nothing about the language
            padded = f"^{word}$"
            affix = self.affix.get(padded[:4], 0.0) + self.affix.get(padded[-4:], 0.0)
            # A word both dictionaries know is shared vocabulary: its letters weigh little.
            score += affix * (BOTH_KNOWN_AFFIX_SHARE if known and score == 0.0 else 1.0)
        return score

    @staticmethod
    def _load_affixes() -> dict[str, float]:
        rows = []
        for line in data_path("langid", "affixes.tsv").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                key, ru, uk = line.split("\t")
                rows.append((key, int(ru), int(uk)))
        total_ru = sum(r for _, r, _ in rows) or 1
        total_uk = sum(u for _, _, u in rows) or 1
        table = {}
        for key, ru, uk in rows:
            odds = math.log((uk + 1) / total_uk) - math.log((ru + 1) / total_ru)
            table[key] = max(-AFFIX_CLIP, min(AFFIX_CLIP, odds))
        return table


_profile: _Profile | None = None
_lock = threading.Lock()


def _get_profile() -> _Profile:
    global _profile
    if _profile is None:
        with _lock:
            if _profile is None:
                _profile = _Profile()
    return _profile


def _dictionary_log_odds(word: str) -> tuple[float, bool]:
    """Evidence from a word being in one language's dictionary only, and
    whether either dictionary knows it."""
    from replyaid.nlp import morph  # imported lazily: the dictionaries load once

    in_ru, in_uk = morph("ru").word_is_known(word), morph("uk").word_is_known(word)
    if in_uk and not in_ru:
        return DICTIONARY_WEIGHT, True
    if in_ru and not in_uk:
        return -DICTIONARY_WEIGHT, True
    return 0.0, in_ru


TRANSLIT_MIN_KNOWN = 0.6
TRANSLIT_MIN_WORDS = 3


def _transliterate(word: str, table: list[tuple[str, str]]) -> str:
    out = []
    i = 0
    while i < len(word):
        for latin, cyrillic in table:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def _from_transliteration(latin: list[str]) -> LanguageGuess | None:
    """Russian or Ukrainian typed in Latin letters ("privet, gde moy zakaz",
    "pryvit, de moie zamovlennia"): each language's romanisation is undone and
    the one whose dictionary knows more of the words wins."""
    from replyaid.nlp import morph

    profile = _get_profile()
    memo = profile.transliterated
    best: tuple[int, str, list[str]] | None = None
    for lang in (RU, UK):
        known = 0
        words = []
        for word in latin:
            entry = memo.get((lang, word))
            if entry is None:
                cyrillic = _transliterate(word, profile.translit[lang])
                entry = (cyrillic, len(word) > 1 and morph(lang).word_is_known(cyrillic))
                if len(memo) < _CACHE_LIMIT:
                    memo[(lang, word)] = entry
            words.append(entry[0])
            known += entry[1]
        if best is None or known > best[0]:
            best = (known, lang, words)
    assert best is not None
    known, lang, words = best
    if known < TRANSLIT_MIN_KNOWN * len(words) or known < TRANSLIT_MIN_WORDS:
        return None
    return LanguageGuess(lang, round(0.5 + 0.5 * known / len(words), 4))


def identify(text: str) -> LanguageGuess:
    """Identify the language of ``text`` as ``ru``, ``uk``, ``other`` or ``unknown``.

    >>> identify("Добрий день, де моє замовлення?").language
    'uk'
    >>> identify("Где мой заказ? Жду уже неделю").language
    'ru'
    >>> identify("   ").language
    'unknown'
    """
    if not isinstance(text, str):
        require_str(text, "text")
    profile = _profile or _get_profile()
    if "-" in text:
        text = _ABBREVIATION_ENDING.sub("", text)
    lower = text.lower()
    # One cheap scan decides whether the text has anything beyond Cyrillic words
    # and punctuation (links, quotes, Latin or other scripts) that needs a closer look.
    special = _SPECIAL.search(lower) is not None
    if special:
        if "@" in lower or "www" in lower or "://" in lower:
            lower = _URLISH.sub(" ", lower)
        if _QUOTE_MARK.search(lower):
            # A quoted phrase in the other language does not decide the language of
            # the text around it ("Оператор відповів «ждите ответа»").
            unquoted = _QUOTED.sub(" ", lower)
            if len(_CYRILLIC_WORD.findall(unquoted)) >= 2:
                lower = unquoted
        foreign_words = _NON_CYRILLIC_WORD.findall(lower)
        latin = [w for w in foreign_words if w[0] <= "\u024f"]
        n_other = len(foreign_words) - len(latin)
        if latin:
            n_other += sum(map(profile.latin_function_words.__contains__, latin))
    else:
        latin, n_other = [], 0
    cyrillic = _CYRILLIC_WORD.findall(lower)
    if not cyrillic:
        if len(latin) >= TRANSLIT_MIN_WORDS and n_other * 4 < len(latin):
            guess = _from_transliteration(latin)
            if guess is not None:
                return guess
        if n_other or latin:
            return LanguageGuess(OTHER, round(0.5 + 0.5 * (1 - math.exp(-(n_other + len(latin)) / 2)), 4))
        return LanguageGuess(UNKNOWN, 0.0)
    scores = list(map(profile.word_scores.__getitem__, cyrillic))
    n_other_cyr = scores.count(OTHER_CYRILLIC)
    n_cyr = len(scores) - n_other_cyr
    # A letter or word of another Cyrillic alphabet is much rarer in ru/uk text
    # than a stray Latin word, so it counts more.
    n_other += OTHER_CYRILLIC_WEIGHT * n_other_cyr
    # Words neither dictionary knows are typos and names in ru/uk text, but
    # most of the words of a related language (Bulgarian, Serbian, Belarusian).
    n_unknown = sum(map(profile.unknown_words.__contains__, cyrillic))
    foreign = n_other + (UNKNOWN_WEIGHT * n_unknown if n_unknown >= 2 else 0.0)
    if foreign > n_cyr - n_unknown:
        return LanguageGuess(OTHER, round(foreign / (foreign + n_cyr - n_unknown), 4))
    log_odds = sum(scores) - n_other_cyr * OTHER_CYRILLIC
    p_uk = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, log_odds))))
    language, p = (UK, p_uk) if log_odds > 0 else (RU, 1.0 - p_uk)
    # Foreign words mixed into the text dilute the confidence.
    p *= n_cyr / (n_cyr + n_other)
    return LanguageGuess(language, round(p, 4))
