"""An ingest run and the sources' health in the terminal: a rich progress bar and tables.

Errors and names can hold what a server sent: shown without control characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from digest.config import SourceConfig
from digest.ingest import SourceReport
from digest.records import SourceHealth
from digest.render._safe import terminal_safe
from digest.store import parse_timestamp


class IngestProgress:
    """A rich progress bar per stage of an ingest run (see `digest.ingest.Progress`)."""

    def __init__(self, console: Console):
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> IngestProgress:
        self._bar.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._bar.stop()

    def start(self, stage: str, total: int) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=self._bar.tasks[-1].total)
        self._task = self._bar.add_task(stage, total=total)

    def advance(self) -> None:
        if self._task is not None:
            self._bar.advance(self._task)


def ingest_table(reports: Iterable[SourceReport]) -> Table:
    """One row per source; errors and failed items are listed in full below it."""
    table = Table(title="Ingest")
    table.add_column("source")
    for column in ("seen", "new", "updated", "duplicates", "skipped", "failed"):
        table.add_column(column, justify="right")
    table.add_column("status")
    for r in reports:
        seen = "304" if r.not_modified else str(r.seen)
        counts = (r.new, r.updated, r.duplicates, r.skipped, len(r.failed_articles))
        status = "ERROR" if r.error else "ok"
        name = terminal_safe(r.name)
        table.add_row(name, seen, *map(str, counts), status, style="red" if r.error else None)
    return table


def summary_line(report: SourceReport) -> str:
    """`name: 3 seen, 1 new`, then any other non-zero count."""
    line = f"{report.name}: {report.seen} seen, {report.new} new"
    others = ("updated", "duplicates", "skipped", "deferred")
    line += "".join(f", {getattr(report, k)} {k}" for k in others if getattr(report, k))
    return terminal_safe(line)


def problems(reports: Iterable[SourceReport]) -> list[str]:
    """Each source error, unread item and warning in full, one line each."""
    lines = []
    for report in reports:
        if report.error:
            lines.append(f"{report.name}: error: {report.error}")
        lines += [f"{report.name}: skipped {failure}" for failure in report.failed_articles]
        lines += [f"{report.name}: warning: {warning}" for warning in report.warnings]
    return [terminal_safe(line) for line in lines]


def sources_table(
    configured: Iterable[SourceConfig], health: Mapping[str, SourceHealth], failing_after: int
) -> Table:
    table = Table(title="Sources")
    for column in ("source", "kind", "location", "health", "last run", "last success"):
        table.add_column(column, overflow="fold")
    table.add_column("last error", overflow="fold")
    for source in configured:
        row = health.get(source.name)
        state = _health(row, failing_after)
        cells = (
            _when(row.last_run if row else None, ""),
            _when(row.last_success if row else None, "never"),
        )
        table.add_row(
            *map(terminal_safe, (source.name, source.kind, source.location, state, *cells)),
            terminal_safe((row.last_error if row else None) or ""),
            style="bold red" if state.startswith("FAILING") else None,
        )
    return table


def _when(stamp: str | None, missing: str) -> str:
    """A stored time as a reader wants it: '2026-11-20 13:05 UTC'."""
    if not stamp:
        return missing
    try:
        return f"{parse_timestamp(stamp):%Y-%m-%d %H:%M} UTC"
    except ValueError:
        return stamp


def _health(row: SourceHealth | None, failing_after: int) -> str:
    if row is None:
        return "not run yet"
    failures = row.consecutive_failures
    if failures >= failing_after:
        return f"FAILING ({failures} runs in a row)"
    return f"failed last {failures} run(s)" if failures else "ok"
