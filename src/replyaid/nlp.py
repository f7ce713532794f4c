"""The one shared NLP pass: spaCy tokenisation plus pymorphy3 morphology.

Every text is normalised once (:mod:`replyaid.text`), tokenised once with a
blank spaCy pipeline of its language and each word is analysed once by
pymorphy3. The resulting :class:`Doc` is what triage features and every draft
check read; nothing tokenises a text twice.

Heavy objects (spaCy tokenizers, pymorphy3 analyzers) are built lazily, once
per process, behind a lock, so a :class:`Doc` can be made from several threads.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from replyaid.text import NormalizedText, normalize

if TYPE_CHECKING:
    import pymorphy3

MORPH_LANGUAGES = ("ru", "uk")
# lexemes in a spaCy vocabulary before the tokenizer is rebuilt: each new word form
# costs about 1.4 KB there, so this bounds the vocabulary near 70 MB
MAX_VOCAB = 50_000

_lock = threading.Lock()
_tokenizers: dict[str, Any] = {}
_tokenizer_locks: dict[str, threading.Lock] = {}
_morphs: dict[str, "pymorphy3.MorphAnalyzer"] = {}


def _morph_lang(lang: str) -> str:
    return lang if lang in MORPH_LANGUAGES else "ru"


def morph(lang: str) -> "pymorphy3.MorphAnalyzer":
    """The process-wide pymorphy3 analyzer for ``ru`` or ``uk``."""
    lang = _morph_lang(lang)
    analyzer = _morphs.get(lang)
    if analyzer is None:
        with _lock:
            analyzer = _morphs.get(lang)
            if analyzer is None:
                import pymorphy3

                analyzer = pymorphy3.MorphAnalyzer(lang=lang)
                _morphs[lang] = analyzer
    return analyzer


#: spaCy's abbreviations that are far more often a word ending a sentence («звоните им.»)
_NOT_ABBREVIATIONS = {"ru": frozenset({"им."})}


def _tokenizer(lang: str) -> tuple[Any, threading.Lock]:
    lang = _morph_lang(lang)
    tokenizer = _tokenizers.get(lang)
    if tokenizer is None:
        with _lock:
            tokenizer = _tokenizers.get(lang)
            if tokenizer is None:
                import spacy

                tokenizer = spacy.blank(lang).tokenizer
                drop = _NOT_ABBREVIATIONS.get(lang)
                if drop:
                    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k not in drop}
                _tokenizer_locks[lang] = threading.Lock()
                _tokenizers[lang] = tokenizer
    return tokenizer, _tokenizer_locks[lang]


@dataclass(frozen=True, slots=True)
class Morph:
    """The first pymorphy3 parse of a word: lemma, part of speech, grammemes;
    ``lemmas`` holds the lemmas of every parse, ``name_grammemes`` the
    grammemes of the best parse as a first name (``None`` if it cannot be one)."""

    lemma: str
    pos: str | None
    grammemes: frozenset[str]
    known: bool
    lemmas: frozenset[str] = frozenset()
    name_grammemes: frozenset[str] | None = None


_MORPH_WORD = re.compile(r"^[a-zA-Z\u00c0-\u024f\u0400-\u04ff'\-]+$")


def parse_word(lang: str, word: str) -> list[Any]:
    """pymorphy3's parses of a lowercase word, or none for a word of another
    script: pymorphy3 knows only Cyrillic and Latin words and fails on letters
    that have no Unicode name."""
    return morph(lang).parse(word) if _MORPH_WORD.match(word) else []


@functools.lru_cache(maxsize=50_000)
def analyze_word(lang: str, word: str) -> Morph:
    """Morphology of one lowercase word, cached per process.

    >>> analyze_word("uk", "замовлення").lemma
    'замовлення'
    """
    parses = parse_word(lang, word)
    if not parses:  # words of other scripts get no analysis
        return Morph(word, None, frozenset(), False, frozenset({word}))
    best = parses[0]
    tag = best.tag
    known = any(p.is_known for p in parses)
    name = next((_shared(p.tag.grammemes) for p in parses if "Name" in p.tag.grammemes), None)
    lemmas = frozenset(p.normal_form for p in parses) | {word}
    return Morph(best.normal_form, tag.POS, _shared(tag.grammemes), known, lemmas, name)


_grammeme_sets: dict[frozenset[str], frozenset[str]] = {}


def _shared(grammemes: Any) -> frozenset[str]:
    """One frozenset per distinct set of grammemes: a few thousand sets serve
    every word the memos hold, instead of one set per word."""
    key = frozenset(grammemes)
    return _grammeme_sets.setdefault(key, key)


_WORDLIKE = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


class Token(NamedTuple):
    """One token; ``start``/``end`` point into the caller's original text.

    A named tuple rather than a dataclass: a text makes many of them, and a
    tuple is several times cheaper to build."""

    text: str
    lower: str
    start: int
    end: int
    lemma: str
    pos: str | None
    grammemes: frozenset[str]
    is_word: bool
    is_punct: bool
    is_space: bool
    like_num: bool
    like_url: bool
    like_email: bool
    known: bool
    lemmas: frozenset[str] = frozenset()
    name_grammemes: frozenset[str] | None = None
    #: offsets into the normalised text
    norm_start: int = 0
    norm_end: int = 0

    @property
    def is_upper(self) -> bool:
        return self.text.isupper()

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper() and not self.text.isupper()


@dataclass(frozen=True)
class Doc:
    """A text after the shared pass: normalised text, tokens and sentences."""

    lang: str
    normalized: NormalizedText
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...] = field(default=())

    @property
    def original(self) -> str:
        return self.normalized.original

    @property
    def text(self) -> str:
        return self.normalized.text

    @property
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.is_word)

    def lemmas(self) -> list[str]:
        return [t.lemma for t in self.tokens if t.is_word]

    def sentence_tokens(self) -> list[tuple[Token, ...]]:
        return [self.tokens[a:b] for a, b in self.sentences]


_SENTENCE_END = frozenset({".", "!", "?", "…", "?!", "!?", "!!", "??", "!!!", "..."})
_END_CHARS = frozenset(".!?…")


def _split_sentences(tokens: list[Token], text: str) -> tuple[tuple[int, int], ...]:
    """Sentence boundaries as token index ranges: end punctuation or a blank line."""
    sentences = []
    begin = 0
    content = False  # has the current sentence a token that is not a space?
    for i, token in enumerate(tokens):
        content = content or not token.is_space
        boundary = token.text in _SENTENCE_END or (token.is_punct and set(token.text) <= _END_CHARS)
        if token.is_space and "\n" in token.text:
            boundary = True
        if boundary:
            if content:
                sentences.append((begin, i + 1))
            begin = i + 1
            content = False
    if begin < len(tokens) and content:
        sentences.append((begin, len(tokens)))
    return tuple(sentences)


_token_info: dict[tuple[str, str], tuple[Any, ...]] = {}
_TOKEN_INFO_LIMIT = 50_000


def _describe(t: Any, word_text: str, lang: str) -> tuple[Any, ...]:
    """Everything about a token that depends only on its text (memoised):
    the Token fields from ``lower`` to ``name_grammemes`` minus the offsets."""
    lower = word_text.lower()
    is_space = t.is_space
    is_word = not is_space and _WORDLIKE.search(word_text) is not None and not t.like_url and not t.like_email
    if is_word and lang in MORPH_LANGUAGES and not _DIGIT.search(word_text):
        m = analyze_word(lang, lower)
        lemma, pos, grammemes, known, lemmas, name = m.lemma, m.pos, m.grammemes, m.known, m.lemmas, m.name_grammemes
    else:
        lemma, pos, grammemes, known, lemmas, name = lower, None, frozenset(), False, frozenset({lower}), None
    info = (lower, lemma, pos, grammemes, is_word, t.is_punct, is_space, t.like_num, t.like_url, t.like_email, known, lemmas, name)
    if len(_token_info) < _TOKEN_INFO_LIMIT:
        _token_info[(lang, word_text)] = info
    return info


def make_doc(text: str | NormalizedText, lang: str) -> Doc:
    """Run the shared pass over ``text`` in language ``lang`` (``ru``/``uk``).

    Texts in other languages are tokenised with the Russian rules; their words
    get no lemma beyond the lowercase form.

    >>> doc = make_doc("Де моє замовлення?", "uk")
    >>> [t.lemma for t in doc.words]
    ['де', 'мій', 'замовлення']
    """
    nt = text if isinstance(text, NormalizedText) else normalize(text)
    tokenizer, lock = _tokenizer(lang)
    with lock:
        spacy_doc = tokenizer(nt.text)
        if len(tokenizer.vocab) > MAX_VOCAB:
            # spaCy keeps every string it has seen; a plugin that runs for months
            # would grow without bound, so the tokenizer is rebuilt now and then.
            _tokenizers.pop(_morph_lang(lang), None)
    tokens: list[Token] = []
    span = nt.span_to_original
    new_token = tuple.__new__
    for t in spacy_doc:
        word_text = t.text
        start = t.idx
        end = start + len(word_text)
        info = _token_info.get((lang, word_text))
        if info is None:
            info = _describe(t, word_text, lang)
        o_start, o_end = span(start, end)
        tokens.append(new_token(Token, (word_text, info[0], o_start, o_end, *info[1:], start, end)))
    return Doc(lang=lang, normalized=nt, tokens=tuple(tokens), sentences=_split_sentences(tokens, nt.text))
