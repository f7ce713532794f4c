from __future__ import annotations

import json
import threading

import pytest

import replyaid
from replyaid import Assistant


def test_version():
    assert isinstance(replyaid.__version__, str) and replyaid.__version__.count(".") >= 1


def test_analyze_shape():
    result = replyaid.analyze("Добрий день, де моє замовлення?").to_dict()
    assert result["language"] == "uk"
    assert set(result) == {"language", "language_score", "topic", "department", "complaint", "sentiment"}
    for field in ("topic", "department", "complaint", "sentiment"):
        assert set(result[field]) == {"label", "score"}
    json.dumps(result)


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_text(text):
    a = replyaid.analyze(text)
    assert a.language == "unknown"
    assert a.topic.label is None and a.complaint.label is None
    r = replyaid.check_reply(text)
    assert r.language == "unknown" and r.findings == () and r.score == 100


@pytest.mark.parametrize("value", [None, 42, b"text", ["a"]])
def test_non_string_raises(value):
    with pytest.raises(TypeError, match="text"):
        replyaid.analyze(value)
    with pytest.raises(TypeError, match="draft"):
        replyaid.check_reply(value)


def test_non_string_optional_arguments_raise():
    with pytest.raises(TypeError, match="customer_name"):
        replyaid.check_reply("Добрый день", customer_name=5)
    with pytest.raises(TypeError, match="incoming"):
        replyaid.check_reply("Добрый день", incoming=["x"])
    with pytest.raises(ValueError, match="lang"):
        replyaid.check_reply("Добрый день", lang="en")
    with pytest.raises(ValueError, match="received_at"):
        replyaid.check_reply("Добрый день", received_at="yesterday")


def test_wrong_language_finding_spans_the_draft():
    draft = "Добрый день! Ваш заказ отправлен."
    report = replyaid.check_reply(draft, incoming="Де моє замовлення?")
    (finding,) = [f for f in report.findings if f.category == "language"]
    assert (finding.start, finding.end) == (0, len(draft))
    assert finding.severity == "error"
    assert "украин" in finding.message
    assert report.score < 100


def test_same_language_has_no_language_finding():
    report = replyaid.check_reply("Олено, добрий день! Замовлення вже в дорозі.", incoming="Де моє замовлення?")
    assert not [f for f in report.findings if f.category == "language"]


@pytest.mark.parametrize("incoming", ["так", "ок", "Ok!"])
def test_reply_to_a_word_of_either_language_is_not_in_the_wrong_language(incoming):
    report = replyaid.check_reply("Готово, з 1 липня у вас тариф «Лояльний» за 220 грн.", incoming=incoming)
    assert not [f for f in report.findings if f.category == "language"]


def test_disabled_check():
    report = Assistant(disabled_checks=["language"]).check_reply("Добрый день!", incoming="Де моє замовлення?")
    assert report.findings == ()


def test_huge_text_is_bounded():
    text = "Де моє замовлення? " * 60_000  # > 1 MB
    a = Assistant().analyze(text)
    assert a.language == "uk" and a.truncated
    report = Assistant().check_reply(text)
    assert report.stats["characters"] == len(text)


def test_batches_stream_and_validate():
    assistant = Assistant()
    results = list(assistant.analyze_many(iter(["Где заказ?", "Де замовлення?"])))
    assert [r.language for r in results] == ["ru", "uk"]
    reports = list(assistant.check_many(["Добрый день!", {"draft": "Добрий день!", "incoming": "Где заказ?"}]))
    assert [r.language for r in reports] == ["ru", "uk"]
    assert reports[1].findings[0].category == "language"
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        list(assistant.analyze_many(["ok", 3]))


def test_thread_safety():
    assistant = Assistant()
    texts = ["Где мой заказ? Жду уже неделю", "Де моє замовлення? Чекаю тиждень"] * 50
    expected = [assistant.analyze(t).to_dict() for t in texts]
    results: list = [None] * len(texts)

    def work(offset: int) -> None:
        for i in range(offset, len(texts), 4):
            results[i] = assistant.analyze(texts[i]).to_dict()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == expected


def test_results_are_frozen():
    a = replyaid.analyze("Где заказ?")
    with pytest.raises(AttributeError):
        a.language = "uk"  # type: ignore[misc]
