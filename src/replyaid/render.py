"""Human output of results: terminal (rich) and a standalone HTML report."""

from __future__ import annotations

import html
from typing import Sequence

from replyaid.results import Analysis, Report

SEVERITY_STYLE = {"error": "bold white on red", "warning": "black on yellow", "info": "black on cyan"}
SEVERITY_COLOUR = {"error": "#f8d0d0", "warning": "#fff0b3", "info": "#d0ecf8"}
_RANK = {"error": 0, "warning": 1, "info": 2}


def print_analyses(messages: Sequence[str], results: Sequence[Analysis]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("message", "language", "topic", "department", "complaint", "sentiment"):
        table.add_column(column)

    def cell(label: object, score: float | None) -> str:
        return "—" if label is None else f"{label} ({score:.2f})"

    for message, a in zip(messages, results):
        snippet = " ".join(message.split())
        table.add_row(
            snippet[:60] + ("…" if len(snippet) > 60 else ""),
            f"{a.language} ({a.language_score:.2f})",
            cell(a.topic.label, a.topic.score),
            cell(a.department.label, a.department.score),
            cell(a.complaint.label, a.complaint.score),
            cell(a.sentiment.label, a.sentiment.score),
        )
    Console().print(table)


def _marked_segments(draft: str, report: Report) -> list[tuple[str, str | None]]:
    """Split the draft into (text, severity-or-None) segments, most severe on top."""
    severity_at: list[str | None] = [None] * len(draft)
    spans = [f for f in report.findings if f.end - f.start < len(draft) or len(draft) == 0]
    for finding in sorted(spans, key=lambda f: -_RANK[f.severity]):
        for i in range(finding.start, finding.end):
            severity_at[i] = finding.severity
    segments: list[tuple[str, str | None]] = []
    start = 0
    for i in range(1, len(draft) + 1):
        if i == len(draft) or severity_at[i] != severity_at[start]:
            segments.append((draft[start:i], severity_at[start]))
            start = i
    return segments


def print_report(draft: str, report: Report) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console()
    text = Text()
    for segment, severity in _marked_segments(draft, report):
        text.append(segment, style=SEVERITY_STYLE[severity] if severity else None)
    console.print(text)
    console.print()
    console.print(f"[bold]language[/bold] {report.language}   [bold]score[/bold] {report.score}/100")
    for category, findings in report.by_category().items():
        console.print(f"[bold]{category}[/bold]")
        for f in findings:
            hint = f" → {', '.join(f.suggestions)}" if f.suggestions else ""
            shown = f.text if len(f.text) <= 60 else f.text[:57] + "…"
            console.print(f"  [{SEVERITY_STYLE[f.severity]}]{f.severity}[/] {f.start}:{f.end} «{shown}» {f.message}{hint}  [dim]{f.code}[/dim]", highlight=False)
    if not report.findings:
        console.print("no findings")


def report_html(draft: str, report: Report) -> str:
    """A standalone HTML page: the draft with highlighted spans and the findings."""
    body = []
    for segment, severity in _marked_segments(draft, report):
        escaped = html.escape(segment)
        if severity:
            body.append(f'<mark class="{severity}">{escaped}</mark>')
        else:
            body.append(escaped)
    rows = []
    for f in report.findings:
        rows.append(
            "<tr>"
            f"<td>{html.escape(f.category)}</td><td class='{f.severity}'>{f.severity}</td>"
            f"<td>{f.start}:{f.end}</td><td>{html.escape(f.text[:120])}</td>"
            f"<td>{html.escape(f.message)}</td><td>{html.escape(', '.join(f.suggestions))}</td>"
            f"<td><code>{html.escape(f.code)}</code></td></tr>"
        )
    styles = "".join(f".{k}{{background:{v}}}" for k, v in SEVERITY_COLOUR.items())
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>replyaid report</title>"
        f"<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}"
        f"pre{{white-space:pre-wrap;font-family:inherit;border:1px solid #ccc;padding:1em}}"
        f"table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3em}}{styles}</style></head><body>"
        f"<h1>Draft check: {report.score}/100</h1><p>language: {html.escape(report.language)}</p>"
        f"<pre>{''.join(body)}</pre>"
        "<table><tr><th>category</th><th>severity</th><th>span</th><th>text</th><th>message</th>"
        f"<th>suggestions</th><th>code</th></tr>{''.join(rows)}</table></body></html>"
    )
