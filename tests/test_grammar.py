"""Grammar engine: every rule's examples, the speller, and the LanguageTool
backend against a fake local server."""

from __future__ import annotations

import json
import threading
import warnings
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest

from replyaid import Assistant
from replyaid.checks.grammar.rules import apply_rules, builtin_rules
from replyaid.checks.grammar.spelling import speller
from replyaid.resources import LANGUAGES


def _rule_cases():
    for lang in LANGUAGES:
        for rule in builtin_rules(lang):
            yield pytest.param(rule, id=rule.id)


@pytest.mark.parametrize("rule", list(_rule_cases()))
def test_rule_examples(rule):
    assert rule.wrong and rule.right, f"{rule.id} needs wrong and right examples"
    for sentence in rule.wrong:
        assert list(apply_rules([rule], sentence)), f"{rule.id} misses: {sentence}"
    for sentence in rule.right:
        assert not list(apply_rules([rule], sentence)), f"{rule.id} flags correct: {sentence}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_enough_rules(lang):
    rules = builtin_rules(lang)
    if lang == "uk" and not rules:
        pytest.skip("no Ukrainian rule file yet")
    assert len(rules) >= 60


@pytest.mark.parametrize(
    "lang,word,suggestion",
    [("ru", "извените", "извините"), ("ru", "здраствуйте", "здравствуйте"), ("ru", "агенство", "агентство"), ("uk", "замовленя", "замовлення")],
)
def test_speller_suggestions(lang, word, suggestion):
    miss = speller(lang).check(word)
    assert miss is not None and miss.suggestions[0] == suggestion


@pytest.mark.parametrize("lang,word", [("ru", "заказ"), ("ru", "айфон"), ("uk", "вже"), ("uk", "немає"), ("ru", "ок")])
def test_speller_leaves_words_alone(lang, word):
    assert speller(lang).check(word) is None


@pytest.mark.parametrize(
    "lang,word",
    [("ru", "засчитаются"), ("ru", "двухэтапной"), ("ru", "перезаказать"), ("uk", "згенерувався"), ("uk", "відеодзвінку")],
)
def test_speller_accepts_regular_word_formation(lang, word):
    assert speller(lang).check(word) is None


def test_one_letter_prefix_before_a_vowel_is_not_word_formation():
    assert speller("uk").check("составте") is not None


def test_short_customer_word_in_another_case_is_not_a_misspelling():
    draft = "Ні, без хаба не вийде: вимикач працює лише через хаб."
    found = Assistant(models=False).check_reply(draft, incoming="Чи можна підключити вимикач без хаба?").findings
    assert not [f for f in found if f.category == "grammar" and "хаб" in f.text]


def test_spelling_skips_names_codes_and_customer_words():
    checker = Assistant(models=False)
    draft = "Здравствуйте! Заказ RB123456789 для Анастасии отправлен на support@shop.ru, извените за ожидание."
    found = [f for f in checker.check_reply(draft).findings if f.category == "grammar"]
    assert [f.text for f in found] == ["извените"]
    assert found[0].suggestions[0] == "извините"


@pytest.mark.parametrize(
    "word,suggestion",
    [("аккаунт", "акаунт"), ("природньо", "природно"), ("поперше", "по-перше"), ("звязку", "зв'язку"), ("статтей", "статей")],
)
def test_speller_reports_non_standard_forms_one_slip_away(word, suggestion):
    miss = speller("uk").check(word)
    assert miss is not None and miss.suggestions[0] == suggestion


@pytest.mark.parametrize("word", ["доставки", "упаковку", "скачати"])
def test_speller_ignores_purist_marks_without_a_standard_neighbour(word):
    assert speller("uk").check(word) is None


def test_euphony_advice_only_in_picky_mode():
    draft = "Добрий день! Ми зв'язались з сервісом доставки, кур'єр вже їде."
    default = Assistant(models=False).check_reply(draft)
    picky = Assistant(models=False, picky_grammar=True).check_reply(draft)
    assert not [f for f in default.findings if "EUPHONY" in f.code]
    euphony = {(f.text, f.suggestions[0], f.severity) for f in picky.findings if "EUPHONY" in f.code}
    assert euphony == {("з", "із", "info"), ("вже", "уже", "info")}
    assert Assistant(models=False, config={"picky_grammar": True}).check_reply(draft).findings == picky.findings


def test_picky_grammar_config_must_be_boolean():
    from replyaid.errors import ConfigError

    with pytest.raises(ConfigError, match="picky_grammar"):
        Assistant(models=False, config={"picky_grammar": "yes"})


def test_lowercase_sentence_start_is_capitalised_but_names_are_left_to_the_name_check():
    found = Assistant(models=False).check_reply("Здравствуйте! заказ уже в пути.").findings
    assert [(f.text, f.suggestions) for f in found if f.code == "RU_SPELLING_SENTENCE_START_LOWERCASE"] == [("заказ", ("Заказ",))]
    found = Assistant(models=False).check_reply("антон, заказ уже в пути.", customer_name="Антон").findings
    assert not [f for f in found if f.category == "grammar"]
    assert [f.category for f in found if f.text == "антон"] == ["name"]


class _FakeLanguageTool(BaseHTTPRequestHandler):
    """Speaks just enough of LanguageTool's HTTP API: /v2/languages and /v2/check."""

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, payload):
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._send([{"name": "Russian", "code": "ru", "longCode": "ru-RU"}, {"name": "Ukrainian", "code": "uk", "longCode": "uk-UA"}])

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        text = parse_qs(self.rfile.read(length).decode())["text"][0]
        matches = []
        for word, replacement, rule, category in (("извените", "извините", "MORFOLOGIK_RULE_RU_RU", "TYPOS"),
                                                   ("в течении", "в течение", "V_TECHENIE", "GRAMMAR"),
                                                   ("отправлен", "отправили", "RU_PASSIVE", "STYLE")):
            if word in text:
                matches.append({
                    "message": f"Возможно, «{replacement}».", "shortMessage": "", "offset": text.index(word), "length": len(word),
                    "replacements": [{"value": replacement}], "context": {"text": text, "offset": 0, "length": 0},
                    "sentence": text, "rule": {"id": rule, "description": "", "issueType": "misspelling",
                                                "category": {"id": category, "name": category.title()}},
                })
        self._send({"matches": matches})


@pytest.fixture()
def fake_languagetool():
    server = HTTPServer(("127.0.0.1", 0), _FakeLanguageTool)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_languagetool_server_findings_are_merged(fake_languagetool):
    pytest.importorskip("language_tool_python")
    checker = Assistant(models=False, grammar="languagetool", languagetool_url=fake_languagetool)
    draft = "Здравствуйте! Заказ отправлен, извените. Ответим в течении дня."
    report = checker.check_reply(draft, lang="ru")
    grammar = [f for f in report.findings if f.category == "grammar"]
    # Both engines flag the first two errors, each is reported once; only LanguageTool flags the third.
    assert sorted(f.text for f in grammar) == ["в течении", "извените", "отправлен"]
    (lt,) = [f for f in grammar if f.code.startswith("RU_LT_")]
    assert lt.text == "отправлен" and lt.suggestions == ("отправили",) and lt.code == "RU_LT_GRAMMAR_RU_PASSIVE"


def test_languagetool_failure_falls_back_with_a_warning():
    pytest.importorskip("language_tool_python")
    checker = Assistant(models=False, grammar="languagetool", languagetool_url="http://127.0.0.1:9/")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = checker.check_reply("Здравствуйте! Заказ отправлен, извените.", lang="ru")
    assert any("built-in grammar engine" in str(w.message) for w in caught)
    assert [f.text for f in report.findings if f.category == "grammar"] == ["извените"]


def test_abbreviations_and_dotted_names_are_not_misspellings():
    checker = Assistant(models=False)
    for lang, draft in (
        ("uk", "Добрий день! Документи можна забрати в офісі, каб. 12, ауд. 5 зайнята."),
        ("ru", "Добрый день! Подписанный экземпляр придёт через Контур.Диадок сегодня."),
    ):
        found = [f for f in checker.check_reply(draft, lang=lang).findings if f.code.endswith("_SPELLING")]
        assert not found, found
