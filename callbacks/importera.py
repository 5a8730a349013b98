"""Import: the uploaded file through a dry run, its validation report, then the real import;
templates to download; the import log's rows. Pure functions first, register(app) last.

The upload arrives base64-encoded in the callback (dcc.Upload), so its size is checked
before it is decoded. Committing needs a dry run of the same file, kind and options first,
by the same user: a passed dry run sends the browser a receipt signed with the app's secret
key (its file hash, kind, option and user), and a commit is refused unless it brings back a
valid receipt for exactly what it commits. The browser keeps the receipt but cannot make one.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate
from flask import current_app
from flask_login import current_user
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from callbacks.pagetools import in_browser
from dashboard.core import formatting as fmt
from data_access.db import get_engine
from data_access.importers import KINDS, KOLADA, ImportReport, run_import, template
from data_access.importers.runner import SIE
from data_access.importers.values import match_key
from data_access.queries.imports import ImportRunRow
from layouts.components import card, data_table, note

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DRY_RUN_VALID_SECONDS = 8 * 3600  # a receipt from this working day
DRY_RUN_SALT = "rodtrad-import-provkorning"
SOURCE_LENGTH = 40  # a mapping's source (mappings.source)
PROBLEMS_SHOWN = 200
KIND_TITLES = {**{name: kind.title for name, kind in KINDS.items()},
               KOLADA: "Kolada (JSON)", SIE: "SIE 4 (ekonomisystem)",
               "demo": "Demodata"}
OUTCOMES_SV = {"ok": ("✓", "Klar"), "delvis": ("◐", "Delvis"), "fel": ("✗", "Fel")}
ALERT_COLOURS = {"ok": "success", "delvis": "warning", "fel": "danger"}
TEMPLATE_TYPES = {"csv": "text/csv",
                  "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class UploadProblem(ValueError):
    """The uploaded file cannot be used; the message is Swedish."""


def _megabytes(size: float) -> str:
    return f"{fmt.number(size / 1024 / 1024, 1)}\u00a0MB"


def decoded_upload(contents: str | None) -> bytes:
    """The bytes of a dcc.Upload's `data:…;base64,…`, refused when too big or not base64."""
    if not contents or "," not in contents:
        raise UploadProblem("Välj en fil först.")
    payload = contents.split(",", 1)[1]
    size = len(payload) * 3 // 4
    if size > MAX_UPLOAD_BYTES:
        raise UploadProblem(
            f"Filen är {_megabytes(size)}; här tas filer på högst "
            f"{_megabytes(MAX_UPLOAD_BYTES)} emot. Större filer importeras med kommandot "
            "rodtrad import på servern.")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise UploadProblem("Filen kom inte fram hel. Välj den igen.") from None


def fingerprint(data: bytes, kind: str, skip_invalid: bool, source: str | None = None) -> dict:
    """What a dry run was made of, and by whom: the commit must be of the same."""
    return {"sha256": hashlib.sha256(data).hexdigest(), "kind": kind, "skip": bool(skip_invalid),
            "source": source, "user": current_user.username}


def source_of(text) -> str | None:
    """The source a person typed (whose mappings apply), or None when the field is empty."""
    if not isinstance(text, str):
        return None
    return match_key(text)[:SOURCE_LENGTH] or None


def _receipts() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=DRY_RUN_SALT)


def dry_run_receipt(done: dict) -> str:
    """The signed receipt of a passed dry run, which the browser brings back to commit."""
    return _receipts().dumps(done)


def was_dry_run(receipt, done: dict) -> bool:
    """Whether a receipt is ours, recent, and of exactly this file, kind, option and user."""
    if not isinstance(receipt, str):
        return False
    try:
        return _receipts().loads(receipt, max_age=DRY_RUN_VALID_SECONDS) == done
    except BadData:
        return False


# --- The report -----------------------------------------------------------------------


def counts_table(report: ImportReport) -> html.Div:
    c = report.counts
    verb = "blir" if report.dry_run else "blev"
    return html.Div(data_table(
        f"Rader i filen och vad som {verb} av dem",
        ["Lästa", "Nya", "Ändrade", "Oförändrade", "Avvisade"],
        [[fmt.number(n) for n in (c.read, c.new, c.updated, c.unchanged, c.rejected)]],
        [True] * 5,
    ), className="import-counts")


def problems_table(report: ImportReport) -> list:
    """The problems, file row by file row, at most PROBLEMS_SHOWN of them."""
    if not report.problems:
        return []
    rows = [[fmt.MISSING if p.row is None else fmt.number(p.row), p.column or fmt.MISSING,
             fmt.MISSING if p.value in (None, "") else _short(str(p.value)), p.reason]
            for p in report.problems[:PROBLEMS_SHOWN]]
    shown = min(len(report.problems), PROBLEMS_SHOWN)
    more = ([note(f"Visar de första {fmt.number(shown)} av {fmt.number(report.problem_count)} "
                  "felen. Rätta dem och provkör igen.")]
            if report.problem_count > shown else [])
    return [html.H3("Fel i filen", className="h5 mt-4"),
            data_table(f"Fel i {report.file_name}", ["Rad", "Kolumn", "Värde", "Fel"], rows,
                       [True, False, False, False]), *more]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def samples_list(report: ImportReport) -> list:
    """The first keys that are (or would be) new and changed."""
    parts = []
    for category, word in (("new", "Nya"), ("updated", "Ändrade")):
        keys = report.samples[category]
        if keys:
            parts.append(html.P([html.Strong(f"{word} (de första): "), ", ".join(keys)]))
    return parts


def notes_list(report: ImportReport) -> list:
    """What the file holds but was not loaded (an SIE file's unmapped objects and accounts)."""
    if not report.notes:
        return []
    return [html.H3("Läses inte in", className="h6 mt-3"),
            html.Ul([html.Li(text) for text in report.notes], id="importera-ej-inlast")]


def next_step(report: ImportReport) -> str:
    """What the person can do now, in one sentence."""
    if report.outcome == "fel":
        if report.dry_run and not report.fatal and not report.skip_invalid:
            return ("Rätta felen och provkör igen, eller kryssa i att de giltiga raderna ska "
                    "sparas ändå.")
        return "Rätta felen i filen och provkör igen."
    if report.dry_run:
        return "Inget är sparat ännu. Klicka på Importera för att spara."
    return "Importen är sparad och står i importloggen."


def report_view(report: ImportReport) -> list:
    """The validation report or the import's result, as the page shows it."""
    symbol, word = OUTCOMES_SV[report.outcome]
    title = f"Provkörning: {word}" if report.dry_run else f"Import: {word}"
    alert = dbc.Alert([
        html.H2([html.Span(symbol, **{"aria-hidden": "true"}), f" {title}"], className="h5"),
        html.P(report.summary(), className="mb-1"),
        html.P(next_step(report), className="mb-0"),
    ], color=ALERT_COLOURS[report.outcome], class_name="import-result")
    as_of = ([html.P(f"Data per {fmt.iso_date(report.data_as_of)}.")]
             if report.data_as_of else [])
    details = card("Rader", report.file_name, counts_table(report), *as_of,
                   *samples_list(report), *notes_list(report), *problems_table(report),
                   card_id="importera-resultat")
    return [alert, details]


def problem_view(text: str) -> list:
    return [dbc.Alert(text, color="danger", class_name="import-result")]


# --- Running an import ----------------------------------------------------------------


def import_upload(data: bytes, filename: str, kind: str, skip_invalid: bool,
                  dry_run: bool, source: str | None = None) -> ImportReport:
    """Run the import of uploaded bytes on the app's database, as the logged-in user."""
    with Session(get_engine(current_app.config["DATABASE_URL"])) as session:
        return run_import(session, kind, io.BytesIO(data), filename or "uppladdad fil",
                          username=current_user.username, dry_run=dry_run,
                          skip_invalid=skip_invalid, source=source)


def handle(trigger: str | None, contents, filename, kind, skip_invalid, receipt,
           source=None) -> tuple:
    """(report, commit button disabled, dry-run receipt) after a click on a button."""
    if trigger not in ("importera-provkor", "importera-spara"):
        raise PreventUpdate
    if kind not in KIND_TITLES or kind == "demo":
        return problem_view("Välj vad filen innehåller."), True, None
    try:
        data = decoded_upload(contents)
    except UploadProblem as exc:
        return problem_view(str(exc)), True, None
    source = source_of(source)
    done = fingerprint(data, kind, skip_invalid, source)
    if trigger == "importera-spara" and not was_dry_run(receipt, done):
        return problem_view("Provkör filen först, med samma val, innan den importeras."), True, None
    dry_run = trigger == "importera-provkor"
    report = import_upload(data, filename, kind, bool(skip_invalid), dry_run, source)
    ready = dry_run and report.outcome != "fel"
    return report_view(report), not ready, dry_run_receipt(done) if ready else None


# --- The import log -------------------------------------------------------------------


def local_time(moment: dt.datetime) -> str:
    """A stored UTC time as Swedish local time, e.g. `2026-11-26 02:47`."""
    try:
        zone = ZoneInfo("Europe/Stockholm")
    except ZoneInfoNotFoundError:
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def outcome_text(run: ImportRunRow) -> str:
    symbol, word = OUTCOMES_SV[run.outcome]
    return f"{symbol} {'Provkörning, ' + word.lower() if run.dry_run else word}"


def details(run: ImportRunRow) -> html.Details:
    """The run's message and the file's checksum, folded away."""
    return html.Details([
        html.Summary("Visa"),
        html.Div(run.message, className="import-message"),
        html.P(["sha256: ", html.Code(run.file_hash or fmt.MISSING)], className="small mb-0"),
    ])


LOG_COLUMNS = ["Tid", "Vem", "Fil", "Resultat", "Rader", "Data per", "Detaljer"]
LOG_NUMERIC = [False] * 7


def rows_text(run: ImportRunRow) -> html.Span:
    """How many rows were read, and what became of them."""
    parts = (("nya", run.rows_new), ("ändrade", run.rows_updated),
             ("oförändrade", run.rows_unchanged), ("avvisade", run.rows_rejected))
    return html.Span([
        f"{fmt.number(run.rows_read)} lästa", html.Br(),
        html.Small(" · ".join(f"{fmt.number(n)} {word}" for word, n in parts),
                   className="text-body-secondary"),
    ])


def log_caption(count: int, limit: int) -> str:
    """The import log's caption: how many imports it lists, of how many (at most `limit`)."""
    if count == 1:
        return "Den enda importen"
    if count < limit:
        return f"Alla {count} importer, nyaste först"
    return f"De senaste {count} importerna, nyaste först"


def log_rows(runs: list[ImportRunRow]) -> list[list]:
    """The import log as table rows, newest first."""
    return [
        [html.Span(local_time(r.started_at), className="text-nowrap"), r.username,
         html.Span([r.file_name, html.Br(),
                    html.Small(KIND_TITLES.get(r.kind, r.kind), className="text-body-secondary")]),
         outcome_text(r), rows_text(r),
         html.Span(fmt.iso_date(r.data_as_of), className="text-nowrap"), details(r)]
        for r in runs
    ]


def register(app) -> None:
    """The chosen file (in the browser, assets/callbacks.js: named with its size, refused there
    when bigger than the limit), the dry run and import, and the template downloads."""
    app.clientside_callback(
        in_browser("importChoice"),
        Output("importera-vald", "children"),
        Output("importera-provkor", "disabled"),
        Output("importera-rapport", "children", allow_duplicate=True),
        Output("importera-spara", "disabled", allow_duplicate=True),
        Output("importera-provad", "data", allow_duplicate=True),
        Input("importera-fil", "contents"),
        Input("importera-fil", "filename"),
        Input("importera-sort", "value"),
        Input("importera-hoppa", "value"),
        Input("importera-kalla", "value"),
        State("importera-grans", "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("importera-rapport", "children"),
        Output("importera-spara", "disabled"),
        Output("importera-provad", "data"),
        Input("importera-provkor", "n_clicks"),
        Input("importera-spara", "n_clicks"),
        State("importera-fil", "contents"),
        State("importera-fil", "filename"),
        State("importera-sort", "value"),
        State("importera-hoppa", "value"),
        State("importera-provad", "data"),
        State("importera-kalla", "value"),
        prevent_initial_call=True,
    )
    def import_file(_try, _save, contents, filename, kind, skip_invalid, receipt, source):
        """Dry-run or import the chosen file (a commit needs a dry run of the same choices)."""
        return handle(ctx.triggered_id, contents, filename, kind, skip_invalid, receipt, source)

    @app.callback(
        Output("importera-mall", "data"),
        Input("importera-mall-xlsx", "n_clicks"),
        Input("importera-mall-csv", "n_clicks"),
        State("importera-sort", "value"),
        prevent_initial_call=True,
    )
    def download_template(_xlsx, _csv, kind):
        """The chosen kind's template, with Swedish headers and one example row."""
        if kind not in KINDS:
            raise PreventUpdate
        file_format = "xlsx" if ctx.triggered_id == "importera-mall-xlsx" else "csv"
        return dcc.send_bytes(template(kind, file_format), f"{kind}-mall.{file_format}",
                              type=TEMPLATE_TYPES[file_format])
