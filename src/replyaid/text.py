"""Text normalisation that keeps a map back to the original characters.

Every later step (language identification, tokenisation, checks) works on the
normalised text, and every finding is mapped back with
:meth:`NormalizedText.span_to_original` so that ``draft[start:end] == text``
holds for the text the caller passed in.

What is normalised, in this order:

* line breaks (``\\r\\n`` and ``\\r``) become ``\\n``;
* HTML, when the text looks like HTML: tags are dropped (block tags become a
  line break), ``<script>``/``<style>`` bodies and comments are dropped,
  entities are decoded;
* zero-width characters, soft hyphens and control characters are dropped,
  no-break and other exotic spaces become a plain space;
* Unicode NFC (a decomposed «й» or «ї» becomes one character);
* apostrophe variants inside words (’ ʼ ‘ ` ´ ′) become ``'``;
* Latin letters that look like Cyrillic ones inside a mostly Cyrillic word
  (``кoмпания`` with a Latin ``o``) become Cyrillic.

:func:`strip_quoted` additionally removes quoted earlier messages and
signatures from an e-mail reply; triage uses it, draft checks do not.
"""

from __future__ import annotations

import html
import re
import unicodedata
from array import array
from dataclasses import dataclass
from typing import Callable, Iterable

Edit = tuple[int, int, str]
"""Replace ``text[start:end]`` by the string (in the current text's offsets)."""


@dataclass(frozen=True)
class NormalizedText:
    """A normalised text with a character map back to the original.

    ``starts[i]``/``ends[i]`` give the original span of normalised character
    ``i``; both are ``None`` while the text is unchanged.

    >>> nt = normalize("Доброго&nbsp;дня")
    >>> nt.text
    'Доброго дня'
    >>> nt.span_to_original(8, 11)
    (13, 16)
    """

    original: str
    text: str
    starts: array | None = None
    ends: array | None = None

    @property
    def changed(self) -> bool:
        return self.starts is not None

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to the matching span of ``original``."""
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span {start}:{end} outside text of length {n}")
        if self.starts is None or self.ends is None:
            return start, end
        if start == end:
            pos = self.starts[start] if start < n else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _identity(text: str) -> NormalizedText:
    return NormalizedText(original=text, text=text)


def apply_edits(nt: NormalizedText, edits: Iterable[Edit]) -> NormalizedText:
    """Apply sorted, non-overlapping edits and compose the offset maps.

    A replacement of the same length maps character to character; any other
    replacement maps each new character to the whole replaced span.
    """
    edits = list(edits)
    if not edits:
        return nt
    text = nt.text
    n = len(text)
    old_starts = nt.starts if nt.starts is not None else array("i", range(n))
    old_ends = nt.ends if nt.ends is not None else array("i", range(1, n + 1))
    pieces: list[str] = []
    starts = array("i")
    ends = array("i")
    pos = 0
    for a, b, repl in edits:
        if a < pos or b < a:
            raise ValueError("edits must be sorted and must not overlap")
        pieces.append(text[pos:a])
        starts.extend(old_starts[pos:a])
        ends.extend(old_ends[pos:a])
        if repl:
            pieces.append(repl)
            if len(repl) == b - a:
                starts.extend(old_starts[a:b])
                ends.extend(old_ends[a:b])
            else:
                if a < b:
                    span_start, span_end = old_starts[a], old_ends[b - 1]
                else:  # pure insertion: anchor on the next character
                    anchor = old_starts[a] if a < n else len(nt.original)
                    span_start = span_end = anchor
                starts.extend([span_start] * len(repl))
                ends.extend([span_end] * len(repl))
        pos = b
    pieces.append(text[pos:])
    starts.extend(old_starts[pos:])
    ends.extend(old_ends[pos:])
    return NormalizedText(nt.original, "".join(pieces), starts, ends)


def _regex_step(
    pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], hint: re.Pattern[str] | None = None
) -> Callable[[NormalizedText], NormalizedText]:
    """A step that rewrites every match of ``pattern``; ``hint`` is a cheap
    pattern that must occur somewhere for ``pattern`` to have any match."""

    def step(nt: NormalizedText) -> NormalizedText:
        if hint is not None and hint.search(nt.text) is None:
            return nt
        edits = []
        for m in pattern.finditer(nt.text):
            new = repl(m)
            if new != m.group(0):
                edits.append((m.start(), m.end(), new))
        return apply_edits(nt, edits)

    return step


# --- line breaks -------------------------------------------------------------
_newlines = _regex_step(re.compile(r"\r\n?|[\u2028\u2029\x85]"), lambda m: "\n", re.compile("[\r\u2028\u2029\x85]"))

# --- HTML --------------------------------------------------------------------
_HTML_HINT = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?\s*>|<!--|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?\s*>"
    r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});",
    re.DOTALL | re.IGNORECASE,
)


def _html_replacement(m: re.Match[str]) -> str:
    token = m.group(0)
    if token.startswith("&"):
        decoded = html.unescape(token)
        # Keep unknown entities and decoded control characters out of the text.
        if decoded == token:
            return token
        return decoded if decoded.isprintable() or decoded in "\n\t" else " "
    tag = (m.group(2) or "").lower()
    return "\n" if tag in _BLOCK_TAGS else ""


def looks_like_html(text: str) -> bool:
    return _HTML_HINT.search(text) is not None


def _strip_html(nt: NormalizedText) -> NormalizedText:
    if not looks_like_html(nt.text):
        return nt
    return _regex_step(_HTML_TOKEN, _html_replacement)(nt)


# --- invisible and control characters -------------------------------------------
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufe00-\ufe0f\ufeff\ufff9-\ufffb\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]"
    "|[\ud800-\udfff]"
)
_odd_spaces = _regex_step(re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]"), lambda m: " ")
_invisible = _regex_step(_INVISIBLE, lambda m: "")

# --- NFC ---------------------------------------------------------------------------
_COMBINING_RUN = re.compile(r".[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.DOTALL)


def _nfc(nt: NormalizedText) -> NormalizedText:
    if unicodedata.is_normalized("NFC", nt.text):
        return nt
    return _regex_step(_COMBINING_RUN, lambda m: unicodedata.normalize("NFC", m.group(0)))(nt)


# --- apostrophes ----------------------------------------------------------------------
APOSTROPHES = "’ʼ‘`´′ʹ"
_apostrophes = _regex_step(re.compile(rf"(?<=\w)[{APOSTROPHES}](?=\w)"), lambda m: "'", re.compile(f"[{APOSTROPHES}]"))

# --- Latin/Cyrillic homoglyphs --------------------------------------------------------
_LAT_TO_CYR = str.maketrans(
    "aceopxyiAEOPCXYIBHKMT",
    "асеорхуіАЕОРСХУІВНКМТ",
)
_CYR = "а-яёіїєґА-ЯЁІЇЄҐ"
_MIXED_WORD = re.compile(rf"(?=[\w']*[{_CYR}])(?=[\w']*[A-Za-z])[\w']+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_CYR_LETTER = re.compile(rf"[{_CYR}]")


def _fix_homoglyphs_in_word(m: re.Match[str]) -> str:
    word = m.group(0)
    latin = _LATIN_LETTER.findall(word)
    # Only a word that is mostly Cyrillic and whose Latin letters all have a
    # Cyrillic twin is repaired; "SIMкарта"-like glued words stay as they are.
    if len(_CYR_LETTER.findall(word)) < len(latin):
        return word
    fixed = word.translate(_LAT_TO_CYR)
    return fixed if not _LATIN_LETTER.search(fixed) else word


# A mixed word has a Latin and a Cyrillic letter side by side somewhere («кoмпания»).
_homoglyphs = _regex_step(_MIXED_WORD, _fix_homoglyphs_in_word, re.compile(rf"[{_CYR}][A-Za-z]|[A-Za-z][{_CYR}]"))

_STEPS: tuple[Callable[[NormalizedText], NormalizedText], ...] = (
    _newlines,
    _strip_html,
    _odd_spaces,
    _invisible,
    _nfc,
    _apostrophes,
    _homoglyphs,
)


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` for analysis, keeping a map to its original offsets.

    >>> normalize("Пам’ять").text
    "Пам'ять"
    >>> normalize("<p>Дякую!</p>").text.strip()
    'Дякую!'
    """
    nt = _identity(text)
    for step in _STEPS:
        nt = step(nt)
    return nt


# --- quoted e-mails and signatures (triage only) -------------------------------------
_QUOTE_HEADER = re.compile(
    r"^[ \t]*(?:"
    r"-{2,}\s*(?:original message|forwarded message|исходное сообщение|пересылаемое сообщение|"
    r"пересланное сообщение|оригінальне повідомлення|пересланий лист|переслане повідомлення)\s*-*"
    r"|_{5,}"
    r"|[^\n]{0,160}[\d@][^\n]{0,160}\b(?:писал|писала|написал|написала|написав|написала|пише|wrote|пишет)\s*(?:\((?:а|ла)\))?\s*:"
    r"|[^\n]{0,160}\d[^\n]{0,160}<[^<>\s@]+@[^<>\s]+>\s*:"
    r"|(?:from|от|від|sent|отправлено|надіслано)\s*:.+\n[ \t]*(?:to|sent|date|кому|дата|отправлено|надіслано|тема|subject)\s*:"
    r")[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*(?:\n|\Z)", re.MULTILINE)
_SIGNATURE = re.compile(
    r"^[ \t]*(?:--|—|-- )[ \t]*$"
    r"|^[ \t]*(?:отправлено (?:с|из)|sent from my|надіслано (?:з|із))\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_CLOSING = re.compile(
    r"^[ \t]*(?:с уважением|с наилучшими пожеланиями|з повагою|з найкращими побажаннями|"
    r"best regards|kind regards|regards)\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE_MAX_LINES = 6


def _cut_from(nt: NormalizedText, pos: int) -> NormalizedText:
    return apply_edits(nt, [(pos, len(nt.text), "")])


def strip_quoted(nt: NormalizedText) -> NormalizedText:
    """Drop quoted earlier messages and signatures from an e-mail reply.

    The customer's own new text is what triage must classify; an earlier reply
    of the support team quoted below it would otherwise dominate. When nothing
    is left (a message that is only a quote) the input is returned unchanged.

    >>> strip_quoted(normalize("Не пришло.\\n\\n> Ваш заказ отправлен")).text.strip()
    'Не пришло.'
    """
    text = nt.text
    result = nt
    header = _QUOTE_HEADER.search(text)
    if header and text[: header.start()].strip():
        result = _cut_from(result, header.start())
    quoted = [(m.start(), m.end(), "") for m in _QUOTED_LINE.finditer(result.text)]
    if quoted and len(quoted) < result.text.count("\n") + 1:
        candidate = apply_edits(result, quoted)
        if candidate.text.strip():
            result = candidate
    text = result.text
    for pattern in (_SIGNATURE, _CLOSING):
        m = pattern.search(text)
        if m and text[: m.start()].strip() and text.count("\n", m.start()) < _SIGNATURE_MAX_LINES:
            result = _cut_from(result, m.start())
            text = result.text
    return result if result.text.strip() else nt

