"""The command line: input sources, batch files, JSON output, exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from replyaid.cli import app

runner = CliRunner()


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("replyaid ")


def test_analyze_text_json():
    result = run("analyze", "Де моє замовлення?", "--json")
    assert result.exit_code == 0
    assert json.loads(result.output)["language"] == "uk"


def test_analyze_stdin():
    result = run("analyze", "--json", stdin="Где мой заказ? Жду неделю")
    assert result.exit_code == 0
    assert json.loads(result.output)["language"] == "ru"


def test_analyze_batch_jsonl(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": f"t{i}", "text": t}) for i, t in enumerate(["Где заказ?", "Де замовлення?", ""])), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("analyze", "--file", str(source), "--output", str(out))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["t0", "t1", "t2"]
    assert [r["language"] for r in rows] == ["ru", "uk", "unknown"]


def test_analyze_batch_csv(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,body\n1,Где заказ?\n", encoding="utf-8")
    result = run("analyze", "--file", str(source), "--text-field", "body")
    assert result.exit_code == 0
    assert json.loads(result.output.strip())["language"] == "ru"


@pytest.mark.parametrize(
    "args,message",
    [
        (["analyze", "--file", "/nonexistent/x.jsonl"], "no such file"),
        (["check", "--file", "/nonexistent/draft.txt"], "no such file"),
        (["check", "Добрий день", "--lang", "en"], "lang must be"),
        (["check", "Добрий день", "--received-at", "yesterday"], "received_at"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_jsonl_line(tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_text('{"text": "ok"}\n{not json\n', encoding="utf-8")
    result = run("analyze", "--file", str(source))
    assert result.exit_code == 2 and "line 2" in result.output


def test_check_strict_and_html(tmp_path):
    html = tmp_path / "report.html"
    result = run("check", "Добрый день, иван! Заказ отправлен.", "--name", "Иван", "--strict", "--html", str(html))
    assert result.exit_code == 1
    assert "RU_NAME_LOWERCASE" in result.output
    assert '<mark class="error">иван</mark>' in html.read_text(encoding="utf-8")
    result = run("check", "Добрый день! Заказ отправлен.", "--incoming", "Де моє замовлення?", "--strict")
    assert result.exit_code == 1 and "WRONG_LANGUAGE" in result.output
    clean = run("check", "Олено, добрий день! Ваше замовлення вже в дорозі, ТТН 20450012345678.", "--incoming", "Де моє замовлення?", "--name", "Олена", "--strict", "--json")
    assert clean.exit_code == 0, clean.output
    assert json.loads(clean.output)["score"] == 100


def test_check_batch(tmp_path):
    source = tmp_path / "drafts.jsonl"
    source.write_text(json.dumps({"id": "d1", "draft": "Добрий день, олено!", "customer_name": "Олена"}) + "\n", encoding="utf-8")
    result = run("check", "--file", str(source), "--strict")
    assert result.exit_code == 1
    row = json.loads(result.output.strip())
    assert row["id"] == "d1" and row["findings"][0]["category"] == "name"


def test_train_and_evaluate(tmp_path):
    models = tmp_path / "models"
    result = run("train", "--data", str(ROOT / "tests" / "data" / "custom_tickets.csv"), "--out", str(models), "--joint")
    assert result.exit_code == 0, result.output
    assert (models / "manifest.json").is_file()
    report = tmp_path / "report.json"
    confusion = tmp_path / "confusion.html"
    result = run("evaluate", "--data", str(ROOT / "tests" / "data" / "custom_tickets.csv"), "--models", str(models), "--report", str(report), "--confusion", str(confusion))
    assert result.exit_code == 0, result.output
    assert "confusion matrix" in result.output
    assert json.loads(report.read_text())["fields"]["topic"]["support"] == 30
    assert "<table>" in confusion.read_text()


def test_train_bad_file_exits_2():
    result = run("train", "--data", str(ROOT / "tests" / "data" / "bad_tickets.csv"), "--out", "never-written")
    assert result.exit_code == 2 and "problem(s)" in result.output
