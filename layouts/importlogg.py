"""Importlogg (administrators only): each source's last successful import, with a warning when
it is older than expected, and every import run, dry runs and failures included."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks.importera import LOG_COLUMNS, LOG_NUMERIC, local_time, log_caption, log_rows
from dashboard.core.urls import page_url
from data_access.queries.freshness import SourceState, source_states
from data_access.queries.imports import ImportRunRow, import_runs
from layouts.components import card, data_table, note, page_header
from layouts.page import Page, section_nav

TITLE = "Importlogg"
LEAD = (
    "Varje import: vem som gjorde den och när, vilken fil (med kontrollsumma), hur många "
    "rader som blev nya, ändrade, oförändrade och avvisade, och hur det gick."
)
SHOWN = 200
SOURCE_COLUMNS = ["Källa", "Förväntas", "Senast lyckad import", "Ålder", "Läge"]
SOURCE_NUMERIC = [False, False, False, True, False]


@dataclass(frozen=True)
class LogData:
    """Each followed source's state as of `today`, and the latest SHOWN runs."""

    today: dt.date
    sources: list[SourceState]
    runs: list[ImportRunRow]


def load(session, viewer, _args, today: dt.date | None = None) -> LogData:
    """The sources' last successful imports and the latest SHOWN import runs, newest first."""
    today = today or dt.date.today()
    return LogData(today, source_states(session, viewer, today),
                   import_runs(session, viewer, SHOWN))


def _days(days: int) -> str:
    return "1 dag" if days == 1 else f"{days} dagar"


def state_text(state: SourceState) -> str:
    """A source's state in words (never colour alone)."""
    if state.last_success is None:
        return "Ingen lyckad import ännu"
    if state.overdue:
        return f"Varning: äldre än väntat (mer än {_days(state.source.days)})"
    return "I tid"


def source_rows(states: list[SourceState]) -> list[list]:
    """One row per source: its name, its expected interval, its last success, age and state."""
    return [
        [s.source.name, f"{s.source.interval} (högst {_days(s.source.days)})",
         local_time(s.last_success) if s.last_success else "–",
         _days(s.age_days) if s.age_days is not None else "–",
         html.Span([html.Span("⚠ ", **{"aria-hidden": "true"}), state_text(s)],
                   className="fw-semibold") if s.overdue else state_text(s)]
        for s in states
    ]


def warning(states: list[SourceState]) -> list:
    """A visible warning naming each source older than its expected interval (or nothing)."""
    old = [s for s in states if s.overdue]
    if not old:
        return []
    items = [html.Li(f"{s.source.name}: senast lyckad import {local_time(s.last_success)}, "
                     f"för {_days(s.age_days)} sedan (väntas {s.source.interval}).")
             for s in old]
    lead = ("En källa är äldre än väntat:" if len(old) == 1
            else f"{len(old)} källor är äldre än väntat:")
    return [dbc.Alert([html.H2("Varning: gamla data", className="h5"), html.P(lead),
                       html.Ul(items, className="mb-0")],
                      color="warning", id="importlogg-varning", class_name="mt-3")]


def view(data: LogData) -> list:
    """The sources (with a warning for old ones) and the import runs (or why there are none),
    with the way back to the import."""
    runs = data.runs
    table = (data_table(log_caption(len(runs), SHOWN), LOG_COLUMNS, log_rows(runs), LOG_NUMERIC)
             if runs else note("Inga importer är gjorda ännu."))
    sources = data_table(f"Källorna per {data.today.isoformat()}", SOURCE_COLUMNS,
                         source_rows(data.sources), SOURCE_NUMERIC)
    return [
        section_nav("admin", "importlogg"),
        page_header(TITLE, LEAD),
        html.P(dcc.Link("Till importen", href=page_url("importera"))),
        *warning(data.sources),
        card("Källor", None, sources,
             note("En källa vars senaste lyckade import är äldre än väntat får en varning. "
                  "Koladas intervall anges i dagar med RODTRAD_KOLADA_INTERVAL_DAYS."),
             card_id="importlogg-kallor"),
        card("Importer", None, table, card_id="importlogg-lista"),
    ]


PAGE = Page(
    key="importlogg", path="/admin/importlogg", title=TITLE, lead=LEAD, access="admin",
    order=190, section="admin", subnav="Importlogg", load=load, layout=view,
)
