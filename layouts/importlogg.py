"""Importlogg (administrators only): each source's last successful import, with a warning when
it is older than expected, what the latest Kolada import revised, and every import run, dry
runs and failures included."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks.importera import LOG_COLUMNS, LOG_NUMERIC, local_time, log_caption, log_rows
from dashboard.core.urls import page_url
from data_access.queries.freshness import SourceState, source_states
from data_access.importers.kolada import GENDER_WORDS, shown
from data_access.queries.imports import (
    ImportRunRow,
    KoladaRevisions,
    RevisionRow,
    import_runs,
    latest_kolada_revisions,
)
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
REVISIONS_SHOWN = 500
REVISION_COLUMNS = ["Indikator", "Område", "År", "Kön", "Tidigare värde", "Nytt värde",
                    "Ändring"]
REVISION_NUMERIC = [False, False, False, False, True, True, False]


@dataclass(frozen=True)
class LogData:
    """Each followed source's state as of `today`, and the latest SHOWN runs."""

    today: dt.date
    sources: list[SourceState]
    runs: list[ImportRunRow]
    kolada: KoladaRevisions | None = None


def load(session, viewer, _args, today: dt.date | None = None) -> LogData:
    """The sources' last successful imports, the latest SHOWN import runs, newest first, and
    what the latest saved Kolada import revised."""
    today = today or dt.date.today()
    return LogData(today, source_states(session, viewer, today),
                   import_runs(session, viewer, SHOWN),
                   latest_kolada_revisions(session, viewer, REVISIONS_SHOWN))


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


def revision_rows(revisions: list[RevisionRow]) -> list[list]:
    """One row per revised value: where, the old and the new value, and what Kolada did."""
    return [[r.indicator_code, f"{r.area_code} {r.area_name}", r.period, GENDER_WORDS[r.gender],
             shown(r.old_value), "–" if r.deleted else shown(r.new_value),
             "Borttaget av Kolada" if r.deleted else "Reviderat"]
            for r in revisions]


def revisions_card(kolada: KoladaRevisions | None):
    """What the latest saved Kolada import (a sync, a fetch or a file) revised."""
    if kolada is None:
        body = [note("Ingen Kolada-import är sparad ännu.")]
    else:
        run = kolada.run
        lead = html.P(f"Den senaste sparade Kolada-importen: {local_time(run.started_at)}, "
                      f"av {run.username}.")
        if not kolada.total:
            body = [lead, note("Kolada hade inte reviderat några lagrade värden.")]
        else:
            caption = (f"{kolada.total} värden som Kolada hade ändrat eller tagit bort"
                       if kolada.total == len(kolada.revisions) else
                       f"De första {len(kolada.revisions)} av {kolada.total} värden som Kolada "
                       "hade ändrat eller tagit bort")
            body = [lead, data_table(caption, REVISION_COLUMNS, revision_rows(kolada.revisions),
                                     REVISION_NUMERIC)]
    return card("Reviderade värden", None, *body,
                note("Kolada ändrar och tar bort värden i efterhand utan att säga till. Varje "
                     "Kolada-import jämför med de lagrade värdena, också rodtrad kolada sync "
                     "som en timer kör."),
                card_id="importlogg-reviderade")


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
        revisions_card(data.kolada),
        card("Importer", None, table, card_id="importlogg-lista"),
    ]


PAGE = Page(
    key="importlogg", path="/admin/importlogg", title=TITLE, lead=LEAD, access="admin",
    order=190, section="admin", subnav="Importlogg", load=load, layout=view,
)
