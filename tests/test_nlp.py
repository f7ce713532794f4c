"""The shared NLP pass: tokens, lemmas, offsets into the original text, sentences."""

from __future__ import annotations

import threading

import pytest

from replyaid.nlp import analyze_word, make_doc


@pytest.mark.parametrize(
    "text,lang,lemmas",
    [
        ("Де моє замовлення?", "uk", ["де", "мій", "замовлення"]),
        ("Курьер не привёз заказы", "ru", ["курьер", "не", "привезти", "заказ"]),
        ("Оплатила карткою, гроші списали двічі", "uk", ["оплатити", "картка", "гріш", "списати", "двічі"]),
    ],
)
def test_lemmas(text, lang, lemmas):
    assert make_doc(text, lang).lemmas() == lemmas


def test_offsets_point_into_the_original_text():
    original = "<p>Шановна&nbsp;Олено,</p> пам’ять кoмпанії\u200b №45"
    doc = make_doc(original, "uk")
    for token in doc.tokens:
        if token.is_space:
            continue
        piece = original[token.start : token.end]
        assert piece, token
    words = {t.text: original[t.start : t.end] for t in doc.words}
    assert words["Олено"] == "Олено"
    assert words["пам'ять"] == "пам’ять"
    assert words["компанії"] == "кoмпанії"


def test_token_kinds():
    doc = make_doc("Напишіть на help@shop.ua або https://shop.ua, код 4512!", "uk")
    kinds = {t.text: t for t in doc.tokens}
    assert kinds["help@shop.ua"].like_email and not kinds["help@shop.ua"].is_word
    assert kinds["4512"].like_num
    assert kinds["!"].is_punct


def test_sentences():
    doc = make_doc("Добрий день! Замовлення відправлено.\n\nДякуємо", "uk")
    assert len(doc.sentences) == 3


def test_names_and_unknown_words():
    assert analyze_word("uk", "олено").name_grammemes is not None
    assert analyze_word("ru", "зказз").known is False
    assert analyze_word("ru", "заказ").known is True
    # letters of scripts pymorphy3 does not handle get no analysis, and no crash
    assert analyze_word("ru", "\U00017000").pos is None


def test_threads_share_the_pass_safely():
    texts = ["Где мой заказ? Жду уже неделю", "Де моє замовлення? Чекаю тиждень"] * 40
    expected = [make_doc(t, "ru" if "Где" in t else "uk").lemmas() for t in texts]
    results: list = [None] * len(texts)

    def work(k: int) -> None:
        for i in range(k, len(texts), 4):
            results[i] = make_doc(texts[i], "ru" if "Где" in texts[i] else "uk").lemmas()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == expected
