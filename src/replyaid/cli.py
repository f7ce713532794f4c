"""The ``replyaid`` command line: a thin layer over the Python API.

Exit codes: 0 success; 1 with ``--strict`` when a draft has a finding of
severity ``error``; 2 bad usage, unreadable input or unusable models/config
(one line on stderr, no traceback).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional

import typer

from replyaid._version import __version__
from replyaid.errors import ReplyaidError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Triage customer messages and check draft replies (Russian and Ukrainian), offline.",
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
PROGRESS_MIN_ITEMS = 300


class UsageFailure(Exception):
    """A problem the user must fix; printed as one line, exit code 2."""


def _fail(message: str) -> "typer.Exit":
    typer.echo(f"replyaid: error: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"replyaid {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True, help="Print the version and exit."),
) -> None:
    """Triage customer messages and check draft replies (Russian and Ukrainian), offline."""


# -- input helpers -----------------------------------------------------------------
def _read_text_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageFailure(f"cannot read {path}: no such file") from None
    except UnicodeDecodeError:
        raise UsageFailure(f"cannot read {path}: not UTF-8 text") from None
    except OSError as exc:
        raise UsageFailure(f"cannot read {path}: {exc.strerror or exc}") from None


def _read_stdin() -> str:
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageFailure("no text given: pass TEXT, --file PATH, or pipe text on stdin")
    try:
        return sys.stdin.read()
    except UnicodeDecodeError:
        raise UsageFailure("stdin is not UTF-8 text") from None


def _batch_format(path: Path | None, fmt: str | None) -> str | None:
    if fmt:
        if fmt not in ("jsonl", "csv", "text"):
            raise UsageFailure(f"--format must be jsonl, csv or text, got {fmt!r}")
        return None if fmt == "text" else fmt
    if path is not None and path.suffix.lower() in (".jsonl", ".ndjson"):
        return "jsonl"
    if path is not None and path.suffix.lower() in (".csv", ".tsv"):
        return "csv"
    return None


def _count_records(path: Path, fmt: str) -> int:
    try:
        with path.open("rb") as f:
            lines = sum(1 for line in f if line.strip())
    except FileNotFoundError:
        raise UsageFailure(f"cannot read {path}: no such file") from None
    except OSError as exc:
        raise UsageFailure(f"cannot read {path}: {exc.strerror or exc}") from None
    return max(0, lines - 1) if fmt == "csv" else lines


def _iter_records(path: Path, fmt: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of a JSONL or CSV file; a plain JSON string is a message text."""
    from replyaid.records import iter_records

    return iter_records(path, fmt, strings_as="text")


def _progress(total: int, label: str) -> Any:
    from tqdm import tqdm

    enabled = total > PROGRESS_MIN_ITEMS and sys.stderr is not None and sys.stderr.isatty()
    return tqdm(total=total, desc=label, unit=" items", file=sys.stderr, disable=not enabled)


def _open_output(output: Path | None) -> Any:
    if output is None:
        return sys.stdout
    try:
        return output.open("w", encoding="utf-8")
    except OSError as exc:
        raise UsageFailure(f"cannot write {output}: {exc.strerror or exc}") from None


def _assistant(models: Path | None, config: Path | None = None, disable: list[str] | None = None, picky: bool = False) -> Any:
    from replyaid.assistant import Assistant

    return Assistant(models=models, config=config, disabled_checks=disable or (), picky_grammar=picky)


def _run(body: Any) -> None:
    """Run a command body, turning expected failures into exit code 2."""
    try:
        body()
    except UsageFailure as exc:
        raise _fail(str(exc)) from None
    except ReplyaidError as exc:
        raise _fail(str(exc)) from None
    except BrokenPipeError:
        raise typer.Exit(EXIT_OK) from None


# -- analyze --------------------------------------------------------------------------
@app.command()
def analyze(
    text: Optional[List[str]] = typer.Argument(None, help="Message text(s); each argument is one message."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read from a file: plain text (one message), .jsonl or .csv (one per record)."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Force the file format: text, jsonl or csv."),
    text_field: str = typer.Option("text", "--text-field", help="Record field / CSV column with the message text."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write JSON Lines results here instead of stdout."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    models: Optional[Path] = typer.Option(None, "--models", help="Directory of models from `replyaid train`."),
) -> None:
    """Triage messages: language, topic, department, complaint, sentiment."""

    def body() -> None:
        assistant = _assistant(models)
        batch = _batch_format(file, fmt)
        if file is not None and batch:
            _analyze_batch(assistant, file, batch, text_field, output)
            return
        messages = list(text or [])
        if file is not None:
            messages.append(_read_text_file(file))
        if not messages:
            messages.append(_read_stdin())
        results = [assistant.analyze(message) for message in messages]
        if as_json or output is not None:
            _write_jsonl(output, (result.to_dict() for result in results))
        else:
            from replyaid.render import print_analyses

            print_analyses(messages, results)

    _run(body)


def _write_jsonl(output: Path | None, rows: Any) -> None:
    """Write dicts as JSON Lines to ``output`` (or stdout)."""
    out = _open_output(output)
    try:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


def _batch(path: Path, fmt: str, output: Path | None, label: str, process: Callable[[int, dict[str, Any]], dict[str, Any]]) -> None:
    """Run ``process`` on every record of a batch file, with a progress bar on a terminal."""

    def rows() -> Iterator[dict[str, Any]]:
        with _progress(_count_records(path, fmt), label) as bar:
            for number, record in _iter_records(path, fmt):
                yield {"id": record.get("id", number), **process(number, record)}
                bar.update(1)

    _write_jsonl(output, rows())


def _analyze_batch(assistant: Any, path: Path, fmt: str, text_field: str, output: Path | None) -> None:
    def process(number: int, record: dict[str, Any]) -> dict[str, Any]:
        value = record.get(text_field)
        if not isinstance(value, str):
            raise UsageFailure(f"{path}, line {number}: no string field {text_field!r}")
        return assistant.analyze(value).to_dict()

    _batch(path, fmt, output, "analyze", process)


# -- check -----------------------------------------------------------------------------
@app.command()
def check(
    text: Optional[str] = typer.Argument(None, help="The draft reply."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the draft from a file, or many from .jsonl/.csv (fields draft, incoming, customer_name, ...)."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Force the file format: text, jsonl or csv."),
    incoming: Optional[str] = typer.Option(None, "--incoming", "-i", help="The customer's message the draft answers."),
    incoming_file: Optional[Path] = typer.Option(None, "--incoming-file", help="Read the customer's message from a file."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="The customer's first name."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Force the draft language: ru or uk."),
    received_at: Optional[str] = typer.Option(None, "--received-at", help="When the customer's message arrived (ISO 8601)."),
    sent_at: Optional[str] = typer.Option(None, "--sent-at", help="When the reply goes out (ISO 8601)."),
    customer_tz: Optional[str] = typer.Option(None, "--customer-tz", help="The customer's time zone, e.g. Europe/Kyiv."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Company configuration (YAML)."),
    disable: Optional[List[str]] = typer.Option(None, "--disable", help="Switch off a check or category (repeatable)."),
    picky: bool = typer.Option(False, "--picky", help="Also give picky grammar advice (Ukrainian euphony: у/в, і/й, з/із/зі)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write JSON Lines results here."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a standalone HTML report."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of highlighted text."),
    strict: bool = typer.Option(False, "--strict", help="Exit with 1 when a finding of severity error exists."),
) -> None:
    """Check a draft reply before it is sent."""
    has_errors = False

    def body() -> None:
        nonlocal has_errors
        assistant = _assistant(None, config, disable, picky)
        batch = _batch_format(file, fmt)
        if file is not None and batch:
            has_errors = _check_batch(assistant, file, batch, output)
            return
        draft = text if text is not None else (_read_text_file(file) if file is not None else _read_stdin())
        incoming_text = incoming if incoming is not None else (_read_text_file(incoming_file) if incoming_file else None)
        try:
            report = assistant.check_reply(
                draft,
                customer_name=name,
                incoming=incoming_text,
                lang=lang,
                received_at=received_at,
                sent_at=sent_at,
                customer_tz=customer_tz,
            )
        except ValueError as exc:
            raise UsageFailure(str(exc)) from None
        has_errors = report.has_errors
        if html is not None:
            from replyaid.render import report_html

            try:
                html.write_text(report_html(draft, report), encoding="utf-8")
            except OSError as exc:
                raise UsageFailure(f"cannot write {html}: {exc.strerror or exc}") from None
        if as_json or output is not None:
            _write_jsonl(output, [report.to_dict()])
        else:
            from replyaid.render import print_report

            print_report(draft, report)

    _run(body)
    if strict and has_errors:
        raise typer.Exit(EXIT_FINDINGS)


def _check_batch(assistant: Any, path: Path, fmt: str, output: Path | None) -> bool:
    allowed = ("draft", "customer_name", "incoming", "lang", "received_at", "sent_at", "customer_tz")
    has_errors = False

    def process(number: int, record: dict[str, Any]) -> dict[str, Any]:
        nonlocal has_errors
        if not isinstance(record.get("draft"), str):
            raise UsageFailure(f"{path}, line {number}: no string field 'draft'")
        arguments = {k: (v or None) if k != "draft" else v for k, v in record.items() if k in allowed}
        try:
            report = assistant.check_reply(**arguments)
        except (TypeError, ValueError) as exc:
            raise UsageFailure(f"{path}, line {number}: {exc}") from None
        has_errors = has_errors or report.has_errors
        return report.to_dict()

    _batch(path, fmt, output, "check", process)
    return has_errors


# -- train / evaluate -------------------------------------------------------------
@app.command()
def train(
    data: Path = typer.Option(..., "--data", "-d", help="Labelled messages: .csv, .tsv or .jsonl with a text column and label columns."),
    out: Path = typer.Option(..., "--out", "-o", help="Directory to write the models and manifest.json to."),
    text_column: str = typer.Option("text", "--text-column", help="Column with the message text."),
    split: Optional[str] = typer.Option(None, "--split", help="Use only rows whose 'split' column has this value."),
    joint: bool = typer.Option(False, "--joint", help="One model for all languages instead of one per language."),
    seed: int = typer.Option(0, "--seed", help="Random seed (same data and seed give the same models)."),
) -> None:
    """Train triage models on your own labelled tickets."""

    def body() -> None:
        from replyaid.triage.dataset import load_dataset
        from replyaid.triage.train import train as train_models

        dataset = load_dataset(data, text_column=text_column, split=split)
        manifest = train_models(dataset, out, joint=joint, seed=seed, progress=lambda m: typer.echo(m, err=True))
        for group, metrics in manifest["metrics"].items():
            for name, values in metrics.items():
                if isinstance(values, dict):
                    typer.echo(f"{group:>4} {name:<11} C={values['C']:<4} cross-validated macro-F1 {values['cv_macro_f1']:.3f}")
        typer.echo(f"models written to {out}")

    _run(body)


@app.command()
def evaluate(
    data: Path = typer.Option(..., "--data", "-d", help="Labelled messages (.csv, .tsv or .jsonl)."),
    models: Path = typer.Option(..., "--models", "-m", help="Directory made by `replyaid train`."),
    text_column: str = typer.Option("text", "--text-column", help="Column with the message text."),
    split: Optional[str] = typer.Option(None, "--split", help="Use only rows whose 'split' column has this value."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write the full report as JSON here."),
    confusion: Optional[Path] = typer.Option(None, "--confusion", help="Write confusion matrices to a .html or .png file."),
) -> None:
    """Evaluate triage models: classification report and confusion matrix per field."""

    def body() -> None:
        from replyaid.triage.dataset import load_dataset
        from replyaid.triage.evaluate import confusion_html, confusion_png, evaluate as evaluate_models
        from replyaid.triage.models import TriageModels

        dataset = load_dataset(data, text_column=text_column, split=split)
        result = evaluate_models(TriageModels.load(models), dataset)
        for name, entry in result["fields"].items():
            typer.echo(f"== {name}: macro-F1 {entry['macro_f1']:.3f}, accuracy {entry['accuracy']:.3f}, ECE {entry['ece']:.3f}")
            typer.echo(entry["report_text"])
            typer.echo("confusion matrix (rows: true, columns: predicted): " + ", ".join(entry["labels"]))
            for label, row in zip(entry["labels"], entry["confusion_matrix"]):
                typer.echo(f"  {label:>18} " + " ".join(f"{v:4d}" for v in row))
        if report is not None:
            try:
                report.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
            except OSError as exc:
                raise UsageFailure(f"cannot write {report}: {exc.strerror or exc}") from None
        if confusion is not None:
            if confusion.suffix.lower() == ".png":
                confusion_png(result, confusion)
            else:
                confusion.write_text(confusion_html(result), encoding="utf-8")

    _run(body)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
