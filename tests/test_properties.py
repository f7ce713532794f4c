"""Property tests: no input string makes the API raise, and spans always hold."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import replyaid
from replyaid.text import normalize

_assistant = replyaid.Assistant()
_picky = replyaid.Assistant(picky_grammar=True)

fragments = st.sampled_from(
    [
        "Добрий день", "Где заказ?", "<b>", "</p>", "&nbsp;", "&amp;", "&#0;", "<script>x</script>", "<!--",
        "\u200b", "\u00ad", "\x00", "\x1b", "\r\n", "’", "ʼ", "кoмпания", "й\u0306", "👍", "😡", "!!!", "ЛОЛ",
        "> quoted", "-----Original Message-----", "писал(а):", "https://x.ua/a?b=1", "a@b.com", "№ 45-118", "\ud800",
        "Олено", "иван", "тикет", " ", "\n", "\t", "брат в", "вже", "з с", "в\U00017000", "ПВЗ-е", "КЕПом",
    ]
)
texts = st.one_of(st.text(max_size=200), st.lists(st.one_of(fragments, st.text(max_size=10)), max_size=30).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_normalize_maps_every_span(text):
    nt = normalize(text)
    for start in range(0, len(nt.text) + 1, 3):
        s, e = nt.span_to_original(start, min(len(nt.text), start + 2))
        assert 0 <= s <= e <= len(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_analyze_never_raises(text):
    result = _assistant.analyze(text).to_dict()
    assert result["language"] in {"ru", "uk", "other", "unknown"}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.one_of(st.none(), texts), st.one_of(st.none(), st.sampled_from(["Олена", "Иван", "", "олена", "Петро", "А©\U00017000", "\U00017000"])))
@example("А©\U00017000", None, None)  # a letter without a Unicode name once crashed pymorphy3
@example("Брат в\U00017000", None, None)
@example("\U00017000, добрий день!", None, "\U00017000")  # a customer name pymorphy3 cannot parse
def test_check_reply_never_raises_and_spans_hold(draft, incoming, name):
    for assistant in (_assistant, _picky):  # picky mode adds the Ukrainian euphony rules
        report = assistant.check_reply(draft, customer_name=name, incoming=incoming)
        assert 0 <= report.score <= 100
        for finding in report.findings:
            assert draft[finding.start : finding.end] == finding.text
