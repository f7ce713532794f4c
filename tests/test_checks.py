"""Draft checks on a table of real-looking ru/uk drafts (tests/data/check_cases.jsonl)."""

from __future__ import annotations

import pytest

from helpers import ROOT, read_jsonl
from replyaid import Assistant
from replyaid.checks import check_names
from replyaid.checks.names import address_form
from replyaid.errors import ConfigError

CASES = read_jsonl(ROOT / "tests" / "data" / "check_cases.jsonl")


@pytest.fixture(scope="module")
def checker():
    return Assistant(models=False)


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_check_cases(checker, case):
    report = checker.check_reply(case["draft"], customer_name=case.get("customer_name"), incoming=case.get("incoming"))
    found = {(f.category, f.text) for f in report.findings}
    for category, text in case.get("flag", []):
        assert (category, text) in found, f"expected {category} «{text}», got {sorted(found)}"
    for category in case.get("pass", []):
        assert not [f for f in report.findings if f.category == category], report.findings
    for f in report.findings:
        assert case["draft"][f.start : f.end] == f.text
        assert f.message and f.code


def test_registered_check_names_are_stable():
    """Check names are configuration keys: renaming one must be deliberate."""
    assert check_names() == [
        "language.wrong_language", "canned.phrases", "canned.template", "jargon.terms", "jargon.technical",
        "length", "name", "tone.phrases", "tone.curt", "tone.shouting", "tone.greeting", "grammar", "timing",
    ]


def test_vocative():
    assert address_form("Олена", "uk") == "Олено"
    assert address_form("Андрій", "uk") == "Андрію"
    assert address_form("Иван", "ru") == "Иван"


def test_timing():
    checker = Assistant(models=False)
    late = checker.check_reply("Добрый день! Заказ отправлен.", received_at="2025-03-10T09:00:00+03:00", sent_at="2025-03-12T10:00:00+03:00", customer_tz="Europe/Moscow")
    assert [f.code for f in late.findings if f.category == "timing"] == ["RU_TIMING_LATE"]
    night = checker.check_reply("Добрый день! Заказ отправлен.", received_at="2025-03-10T15:00:00+02:00", sent_at="2025-03-10T23:30:00+02:00", customer_tz="Europe/Kyiv")
    assert [f.code for f in night.findings if f.category == "timing"] == ["RU_TIMING_NIGHT"]
    fine = checker.check_reply("Добрый день! Заказ отправлен.", received_at="2025-03-10T15:00:00+02:00", sent_at="2025-03-10T16:00:00+02:00", customer_tz="Europe/Kyiv")
    assert not [f for f in fine.findings if f.category == "timing"]
    with pytest.raises(ValueError, match="customer_tz"):
        checker.check_reply("Добрый день!", customer_tz="Mars/Olympus")


def test_company_configuration(tmp_path):
    draft = "Здравствуйте! Тикет закрыт, данный вопрос решён."
    config = {"allowed_terms": ["тикет"], "lexicons": {"ru": {"canned": {"disable": ["ru.canned.dannyy_sushchestvitelnoe"], "add": [{"phrase": "вопрос решён", "alternative": "всё готово"}]}}}}
    report = Assistant(models=False, config=config).check_reply(draft)
    codes = {f.code for f in report.findings}
    assert "RU_JARGON_TIKET" not in codes and "RU_CANNED_DANNYY_SUSHCHESTVITELNOE" not in codes
    assert any(f.text == "вопрос решён" for f in report.findings)
    yaml_file = tmp_path / "company.yaml"
    yaml_file.write_text("disabled_checks: [jargon]\nthresholds: {max_words: 5}\n", encoding="utf-8")
    report = Assistant(models=False, config=yaml_file).check_reply(draft)
    assert not [f for f in report.findings if f.category == "jargon"]
    assert [f for f in report.findings if f.code == "RU_LENGTH_TOO_LONG"]


@pytest.mark.parametrize(
    "config,match",
    [({"thresholds": {"max_wordz": 3}}, "unknown threshold"), ({"lexicons": {"en": {}}}, "unknown language"), ({"colour": 1}, "unknown configuration key")],
)
def test_bad_configuration(config, match):
    with pytest.raises(ConfigError, match=match):
        Assistant(config=config)


@pytest.mark.parametrize("phrase", ["<futr> сразу", "— …"])
def test_company_phrase_that_cannot_match(phrase):
    config = {"lexicons": {"ru": {"tone": {"add": [{"id": "acme.tone.x", "phrase": phrase, "kind": "blame"}]}}}}
    with pytest.raises(ConfigError, match="ru tone lexicon"):
        Assistant(models=False, config=config).check_reply("Здравствуйте! Сделаем сразу.")


def test_report_stats_have_readability(checker):
    report = checker.check_reply("Здравствуйте! Заказ отправлен сегодня. Курьер приедет завтра.")
    assert report.stats["sentences"] == 3
    assert isinstance(report.stats["flesch_oborneva"], float)


def test_jargon_term_the_customer_wrote_in_another_form_is_not_flagged(checker):
    report = checker.check_reply(
        "Добрий день! Ні, без хаба не вийде: потрібен хаб Aqara M2.", incoming="Чи можна підключити вимикач Aqara без хаба?"
    )
    assert not [f for f in report.findings if f.category == "jargon"]


def test_technical_terms_to_a_technical_customer_are_only_noted(checker):
    draft = "Ганно, добрий день! Сертифікат випуститься, щойно DNS-записи домену вкажуть на наш сервер. Я перевірю о 15:30."
    technical = checker.check_reply(draft, incoming="Після перенесення домену не працює SSL, браузер пише, що з'єднання не захищене.")
    plain = checker.check_reply(draft, incoming="Сайт не відкривається, браузер пише, що з'єднання не захищене.")
    assert [f.severity for f in technical.findings if f.text == "DNS"] == ["info"]
    assert [f.severity for f in plain.findings if f.text == "DNS"] == ["warning"]


def test_stock_phrase_that_is_a_vague_promise_is_reported_once_as_tone(checker):
    report = checker.check_reply("Здравствуйте, Анна! Мы решим вопрос в кратчайшие сроки.", incoming="Третий день нет интернета!")
    spans = {(f.category, f.text) for f in report.findings}
    assert ("tone", "кратчайшие сроки") in spans
    assert not [f for f in report.findings if f.category == "canned" and "кратчайшие" in f.text]
