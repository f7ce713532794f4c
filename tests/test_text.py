from __future__ import annotations

import pytest

from replyaid.text import apply_edits, normalize, strip_quoted
from helpers import ROOT


def _unescape(value: str) -> str:
    return value.encode("raw_unicode_escape").decode("unicode_escape")


def _cases():
    for line in (ROOT / "tests" / "data" / "normalize_cases.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        source, expected, why = line.split("\t")
        yield pytest.param(_unescape(source), _unescape(expected), id=why)


@pytest.mark.parametrize("source,expected", list(_cases()))
def test_normalize_table(source, expected):
    assert normalize(source).text == expected


def test_unchanged_text_has_identity_map():
    nt = normalize("Добрий день")
    assert not nt.changed
    assert nt.span_to_original(0, 6) == (0, 6)


@pytest.mark.parametrize(
    "source,word",
    [
        ("Доброго&nbsp;дня, <b>Олено</b>!", "Олено"),
        ("При\u200bвет, кoмпания", "компания"),
        ("Шановна&nbsp;Олено,\r\nпам’ять", "пам'ять"),
        ("<div>и\u0306од</div> текст", "йод"),
    ],
)
def test_spans_map_back_to_original(source, word):
    nt = normalize(source)
    start = nt.text.index(word)
    s, e = nt.span_to_original(start, start + len(word))
    # The original span covers exactly the characters that became the word.
    assert normalize(source[s:e]).text == word


def test_apply_edits_rejects_overlaps():
    with pytest.raises(ValueError):
        apply_edits(normalize("abcdef"), [(2, 4, "x"), (3, 5, "y")])


@pytest.mark.parametrize(
    "message,kept,dropped",
    [
        ("Посылка не пришла.\n\n> Здравствуйте, ваш заказ отправлен\n> Служба поддержки", "Посылка не пришла.", "отправлен"),
        ("Ничего не изменилось!\n\n12.03.2025, 14:05, Служба поддержки писал(а):\nВаша заявка принята", "Ничего не изменилось!", "заявка"),
        ("Досі чекаю.\n\n-----Original Message-----\nFrom: support@shop.ua\nВаше замовлення в дорозі", "Досі чекаю.", "дорозі"),
        ("Коли буде повернення?\n13.03.2025 о 10:00 Підтримка написав(ла):\n> Повернення оформлено", "повернення", "оформлено"),
        ("Прошу выставить счёт.\n\nС уважением,\nИрина Петровна\nООО «Ромашка»", "выставить счёт", "Ромашка"),
        ("Дякую за допомогу!\n--\nОлена Коваль\nтел. +380 67 000 00 00", "Дякую", "Коваль"),
    ],
)
def test_strip_quoted(message, kept, dropped):
    text = strip_quoted(normalize(message)).text
    assert kept in text
    assert dropped not in text


def test_strip_quoted_keeps_a_message_that_is_only_a_quote():
    message = "> Ваш заказ отправлен"
    assert strip_quoted(normalize(message)).text == message


def test_customer_saying_wrote_is_not_a_quote_header():
    message = "Я уже писал: заказ не пришёл, а деньги списали"
    assert strip_quoted(normalize(message)).text == message
