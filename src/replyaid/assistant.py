"""``Assistant``: configuration, lazy loading and batch processing.

The module-level :func:`replyaid.analyze` and :func:`replyaid.check_reply`
use one shared default ``Assistant``; a helpdesk plugin that needs its own
models, lexicons or thresholds makes its own instance and keeps it for the life
of the process. An ``Assistant`` is safe to share between threads.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from replyaid.checks import CheckContext, default_checks, is_disabled
from replyaid.checks.length import readability
from replyaid.config import load_settings
from replyaid.errors import ConfigError, require_str
from replyaid.language import LanguageGuess, identify
from replyaid.nlp import Doc, make_doc
from replyaid.resources import LANGUAGES, default_models_dir
from replyaid.results import Analysis, Finding, Report
from replyaid.scoring import draft_score
from replyaid.text import NormalizedText, normalize, strip_quoted

DEFAULT_MAX_TRIAGE_CHARS = 20_000
"""Triage reads at most this many characters of a message; the rest of a very
long message rarely changes its topic and would only cost time."""

_UNSET = object()
#: below this confidence a draft's language is taken to be the customer's, and an
#: incoming message's language is too uncertain to call a reply's language wrong
SURE_LANGUAGE = 0.7
COMPLAINT_PROBABILITY = 0.3
"""Vague promises are flagged in replies to messages at least this likely to be complaints."""


def _parse_time(value: datetime | str | None, argument: str) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{argument} must be an ISO 8601 date-time such as 2025-03-14T09:12:00+02:00, got {value!r}") from None
    raise TypeError(f"{argument} must be a datetime, an ISO 8601 str or None, got {type(value).__name__}")


def _check_time_zone(name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"customer_tz must be an IANA time zone such as Europe/Kyiv, got {name!r}") from None


def _optional_str(value: object, argument: str) -> str | None:
    if value is None:
        return None
    return require_str(value, argument)


class Assistant:
    """Triage and draft checks with one configuration.

    >>> assistant = Assistant(disabled_checks=["timing"])
    >>> assistant.analyze("Де моє замовлення?").language
    'uk'

    Parameters
    ----------
    models:
        Directory of triage models made by ``replyaid train`` (or the default
        models shipped in the package when ``None``; ``False`` for none).
    config:
        Company configuration: a path to a YAML file or a mapping (extra and
        disabled phrases and jargon, allowed product terms, disabled checks,
        thresholds).
    disabled_checks:
        Check names or prefixes to switch off, e.g. ``["timing", "tone.greeting"]``.
    grammar:
        ``"builtin"`` (default), ``"languagetool"`` or ``"off"``.
    languagetool_url:
        URL of a LanguageTool server when ``grammar="languagetool"``.
    picky_grammar:
        Also give the advice of the rules marked ``picky`` (Ukrainian euphony:
        «у»/«в», «і»/«й», «з»/«із»/«зі»), like LanguageTool's picky level.
        The configuration key ``picky_grammar: true`` does the same.
    max_triage_chars:
        How much of a message triage reads (see ``Analysis.truncated``).
    """

    def __init__(
        self,
        models: str | Path | None | bool = None,
        *,
        config: str | Path | Mapping[str, Any] | None = None,
        disabled_checks: Iterable[str] = (),
        grammar: str = "builtin",
        languagetool_url: str | None = None,
        picky_grammar: bool = False,
        max_triage_chars: int = DEFAULT_MAX_TRIAGE_CHARS,
    ) -> None:
        if grammar not in ("builtin", "languagetool", "off"):
            raise ConfigError(f"grammar must be 'builtin', 'languagetool' or 'off', got {grammar!r}")
        if not isinstance(max_triage_chars, int) or max_triage_chars < 1:
            raise ConfigError(f"max_triage_chars must be a positive int, got {max_triage_chars!r}")
        if isinstance(disabled_checks, str):
            disabled_checks = [disabled_checks]
        self.models = models
        self.config = config
        self.grammar = grammar
        self.languagetool_url = languagetool_url
        self.max_triage_chars = max_triage_chars
        self.settings = load_settings(config, frozenset(disabled_checks), picky_grammar)
        self.disabled_checks = self.settings.disabled_checks
        self._lock = threading.Lock()
        self._triage: Any = _UNSET
        self._checks: list[Any] | None = None

    # -- triage -----------------------------------------------------------------
    def _triage_models(self) -> Any:
        if self._triage is _UNSET:
            with self._lock:
                if self._triage is _UNSET:
                    self._triage = self._load_triage()
        return self._triage

    def _load_triage(self) -> Any:
        if self.models is False:
            return None
        from replyaid.triage.models import TriageModels

        if self.models is None or self.models is True:
            directory = default_models_dir()
            if not (directory / "manifest.json").is_file():
                return None
            return TriageModels.load(directory)
        return TriageModels.load(Path(self.models))

    def _prepare_message(self, text: str) -> tuple[NormalizedText, LanguageGuess]:
        """A customer's message as triage reads it: its first ``max_triage_chars``
        characters, normalised, without quoted earlier mails, and its language."""
        nt = strip_quoted(normalize(text[: self.max_triage_chars]))
        return nt, identify(nt.text)

    def analyze(self, text: str) -> Analysis:
        """Triage one incoming message.

        >>> Assistant().analyze("Где мой заказ? Жду уже неделю").language
        'ru'
        """
        require_str(text, "text")
        if not text.strip():
            return Analysis(language="unknown", language_score=0.0)
        truncated = len(text) > self.max_triage_chars
        nt, guess = self._prepare_message(text)
        if guess.language not in LANGUAGES:
            return Analysis(language=guess.language, language_score=guess.score, truncated=truncated)
        models = self._triage_models()
        if models is None or not models.supports(guess.language):
            return Analysis(language=guess.language, language_score=guess.score, truncated=truncated)
        labels = models.predict(make_doc(nt, guess.language))
        return Analysis(language=guess.language, language_score=guess.score, truncated=truncated, **labels)

    def analyze_many(self, texts: Iterable[str]) -> Iterator[Analysis]:
        """Triage messages one by one as they come from ``texts`` (any iterable)."""
        for index, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{index}] must be a str, got {type(text).__name__}")
            yield self.analyze(text)

    # -- draft checks --------------------------------------------------------------
    def _active_checks(self) -> list[Any]:
        if self._checks is None:
            with self._lock:
                if self._checks is None:
                    self._checks = [c for c in default_checks(self.grammar, self.languagetool_url) if not is_disabled(c.name, self.disabled_checks)]
        return self._checks

    def check_reply(
        self,
        draft: str,
        customer_name: str | None = None,
        incoming: str | None = None,
        lang: str | None = None,
        *,
        received_at: datetime | str | None = None,
        sent_at: datetime | str | None = None,
        customer_tz: str | None = None,
    ) -> Report:
        """Check an agent's draft reply before it is sent.

        >>> report = Assistant().check_reply("Добрый день! Заказ отправлен.", incoming="Де моє замовлення?")
        >>> [f.category for f in report.findings]
        ['language']
        """
        require_str(draft, "draft")
        customer_name = _optional_str(customer_name, "customer_name")
        incoming = _optional_str(incoming, "incoming")
        lang = _optional_str(lang, "lang")
        customer_tz = _optional_str(customer_tz, "customer_tz")
        if lang is not None and lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {', '.join(LANGUAGES)} or None, got {lang!r}")
        received = _parse_time(received_at, "received_at")
        sent = _parse_time(sent_at, "sent_at")
        if customer_tz is not None:
            _check_time_zone(customer_tz)
        if not draft.strip():
            return Report(language="unknown", score=100)
        nt = normalize(draft)
        draft_guess = identify(nt.text) if lang is None else None
        incoming_doc: Doc | None = None
        incoming_language: str | None = None
        customer_language: str | None = None  # only when the incoming text is long enough to tell
        incoming_complaint: bool | None = None
        if incoming is not None and incoming.strip():
            incoming_nt, guess = self._prepare_message(incoming)
            incoming_language = guess.language
            if guess.score >= SURE_LANGUAGE:
                customer_language = incoming_language
            incoming_doc = make_doc(incoming_nt, incoming_language)
            models = self._triage_models() if incoming_language in LANGUAGES else None
            if models is not None and models.supports(incoming_language):
                complaint = models.predict_doc(incoming_doc).get("complaint")
                if complaint is not None:
                    label, score, _ = complaint
                    # A reply must not brush off even a likely complaint.
                    incoming_complaint = (score if label else 1.0 - score) >= COMPLAINT_PROBABILITY
        if draft_guess is None:
            language = str(lang)
        elif draft_guess.score < SURE_LANGUAGE and incoming_language in LANGUAGES:
            # «Ок.», «Дякую!»: too little text to tell; the reply is read in the customer's language
            language = incoming_language
        else:
            language = draft_guess.language
        doc = make_doc(nt, language)
        context = CheckContext(
            draft=doc,
            language=language,
            incoming=incoming_doc,
            incoming_language=customer_language,
            customer_name=customer_name,
            received_at=received,
            sent_at=sent,
            customer_tz=customer_tz,
            incoming_complaint=incoming_complaint,
            settings=self.settings,
        )
        findings: list[Finding] = []
        for check in self._active_checks():
            findings.extend(check.run(context))
        if any(f.category == "language" for f in findings):
            # A reply in the wrong language must be rewritten; its style details would only be
            # noise, but the customer's name and the timing stay true of any rewrite.
            findings = [f for f in findings if f.category in ("language", "name", "timing")]
        findings = _without_canned_under_tone(findings)
        findings.sort(key=lambda f: (f.start, f.end, f.category, f.code))
        return Report(
            language=language,
            score=draft_score(findings),
            findings=tuple(findings),
            stats={"characters": len(draft), **readability(doc)},
        )

    def check_many(self, items: Iterable[str | Mapping[str, Any]]) -> Iterator[Report]:
        """Check drafts one by one; an item is a draft string or a mapping of
        :meth:`check_reply` arguments (``{"draft": ..., "incoming": ...}``)."""
        for index, item in enumerate(items):
            if isinstance(item, str):
                yield self.check_reply(item)
            elif isinstance(item, Mapping):
                if "draft" not in item:
                    raise ValueError(f"items[{index}] has no 'draft' key")
                allowed = {"draft", "customer_name", "incoming", "lang", "received_at", "sent_at", "customer_tz"}
                yield self.check_reply(**{k: v for k, v in item.items() if k in allowed})
            else:
                raise TypeError(f"items[{index}] must be a str or a mapping, got {type(item).__name__}")


def _without_canned_under_tone(findings: list[Finding]) -> list[Finding]:
    """A stock phrase that is also a tone problem («в кратчайшие сроки» to a
    complaint, «вживемо заходів») is reported once, as the graver tone finding."""
    tone = [(f.start, f.end) for f in findings if f.category == "tone" and f.severity != "info"]
    if not tone:
        return findings
    return [f for f in findings if f.category != "canned" or not any(f.start < end and start < f.end for start, end in tone)]


_default: Assistant | None = None
_default_lock = threading.Lock()


def default_assistant() -> Assistant:
    """The shared ``Assistant`` behind :func:`replyaid.analyze` and :func:`replyaid.check_reply`."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Assistant()
    return _default
