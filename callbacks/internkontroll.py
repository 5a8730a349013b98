"""Internkontroll: pure functions from the risk queries to the pages' views, rows, matrix,
texts, history chart and files, and the pages' callbacks (filters writing the URL, focus after a
drill-down, printing the internkontrollplan).

Every state change is a new URL, so the page router renders the view: filters, matrix cells
and sorting are permalinks for the minutes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks.pagetools import (
    register_choice_writer,
    register_focus_after_render,
    register_print,
)
from dashboard import charts
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Column, Table
from dashboard.core.urls import page_url, url_maker
from data_access.queries.risks import (
    HIGH_BANDS,
    HIGH_RISK_VALUE,
    RISK_BANDS,
    SCALE,
    CellCount,
    ControlSummary,
    NamndRisks,
    Option,
    PlanRow,
    RiskBand,
    RiskChoices,
    RiskRow,
    RiskSelection,
    Scoring,
    is_overdue,
    risk_band,
)
from data_access.scope import Viewer
from layouts.components import (
    HTML,
    card,
    data_table,
    empty_card,
    light,
    light_link,
    note,
)

TITLE = "Risker per nämnd"

PROBABILITY_SV = {1: "Mycket liten", 2: "Liten", 3: "Stor", 4: "Mycket stor"}
CONSEQUENCE_SV = {1: "Lindrig", 2: "Måttlig", 3: "Betydande", 4: "Allvarlig"}
CONSEQUENCE_BREAKS_SV = {3: "Bety\u00addande", 4: "Allvar\u00adlig"}  # soft hyphens for phones
RISK_STATUS_SV = {"oppen": "Öppen", "accepterad": "Accepterad", "stangd": "Stängd"}
STATUS_ALL = "alla"  # the status filter's value for every status
DEFAULT_STATUS = "oppen"
STATUS_FILTER_SV = {"oppen": "Öppna risker", "accepterad": "Accepterade risker",
                    "stangd": "Stängda risker", STATUS_ALL: "Alla risker"}
CONTROL_RESULT_SV = {"utan_anmarkning": ("✓", "Utan anmärkning"), "avvikelse": ("⚠", "Avvikelse")}
ACTION_STATUS_SV = {"ej_paborjad": "Ej påbörjad", "pagaende": "Pågående", "klar": "Klar"}
MOVES_SV = {"up": ("↑", "Upp"), "down": ("↓", "Ned"), "same": ("→", "Oförändrat"),
            "new": ("•", "Ny")}
# What a status filter's view holds beside the year's riskanalys (see risks._in_view).
CARRIED_SV = {"oppen": " och tidigare år", STATUS_ALL: " och öppna från tidigare år"}
DEFAULT_SORT = "riskvarde"  # see SORTS

NO_RISKS_SV = "Det finns inga riskanalyser som du kan se."
NAMND_NOT_FOUND_SV = ("Nämnden finns inte, eller så har du inte behörighet att se dess risker. "
                      "En nämnds risker visas bara för nämndens ledamöter och ledningen.")
RISK_NOT_FOUND_SV = ("Risken finns inte, eller så har du inte behörighet att se den. En nämnds "
                     "risker visas bara för nämndens ledamöter och ledningen.")
NO_RISK_CODE_SV = "Ingen risk är vald. Välj en risk i listan på sidan Internkontroll."
BAD_PROCESS_SV = "Processen finns inte bland de risker du kan se. Välj en process i listan."
BAD_STATUS_SV = "Statusen finns inte. Välj Öppna, Accepterade, Stängda eller Alla risker."
BAD_YEAR_SV = "Det finns ingen riskanalys för det året som du kan se. Välj ett år i listan."
BAD_CELL_SV = ("Rutan i riskmatrisen finns inte. Den skrivs som sannolikhet och konsekvens, "
               "två tal 1–4 med bindestreck, till exempel 3-4.")
BAD_SORT_SV = "Sorteringen finns inte. Klicka på en kolumnrubrik i tabellen för att sortera."
REPEATED_SV = "Adressen innehåller samma uppgift flera gånger. Ange varje uppgift en gång."
NO_PLAN_NAMND_SV = "Det finns ingen nämnd med en internkontrollplan som du kan se."

BAND_TEXT_SV = ("Riskvärdet är sannolikhet × konsekvens, från 1 till 16. Nivåerna: "
                + ", ".join(f"{b.word} {b.low}–{b.high}" for b in RISK_BANDS)
                + " (andra värden kan inte uppstå).")
# The one definition of a high risk in words, stated beside every count of high risks.
HIGH_RISK_SV = (f"riskvärde {HIGH_RISK_VALUE} eller högre "
                f"({' och '.join(band.word for band in HIGH_BANDS)})")
# What counts as an open risk, across the years' riskanalyser.
OPEN_RULE_SV = ("En risk är öppen tills den har accepterats eller stängts, oavsett vilket års "
                "riskanalys den kommer från. Öppna risker från tidigare års riskanalyser räknas "
                "därför med, och deras riskanalysår står utskrivet.")


# --- Words --------------------------------------------------------------------------------


def your_namnder(viewer: Viewer) -> str:
    """`din nämnds` or `dina nämnders`, by the number of nämnder a member belongs to."""
    return "din nämnds" if len(viewer.namnd_ids) == 1 else "dina nämnders"


def whose_risks(viewer: Viewer) -> str:
    """Whose riskanalyser the viewer sees, e.g. `din nämnds riskanalyser`."""
    return f"{'nämndernas' if viewer.sees_everything else your_namnder(viewer)} riskanalyser"


def scope_note(viewer: Viewer) -> list:
    """For a nämnd member, a sentence saying that other nämnders' risks are left out."""
    if viewer.sees_everything:
        return []
    return [note(f"Du ser risker i {whose_risks(viewer)}. Andra nämnders risker visas inte.")]


def whole(count: int) -> str:
    """A count in Swedish format. Below 1 000 that is the plain digits, written directly: Babel
    takes about 0.1 ms a call, and a long list of risks has hundreds of counts."""
    return str(count) if 0 <= count < 1000 else fmt.number(count)


def count_text(count: int, one: str, many: str) -> str:
    """`1 risk`, `3 risker`: a count with the right form of the noun."""
    return f"{whole(count)} {one if count == 1 else many}"


def scale_text(value: int, labels: Mapping[int, str]) -> str:
    """A value on a 1–4 scale with its word, e.g. `3 Stor`."""
    return f"{value} {labels[value]}"


def score_text(probability: int, consequence: int) -> str:
    """`sannolikhet 3 Stor × konsekvens 4 Allvarlig`."""
    return (f"sannolikhet {scale_text(probability, PROBABILITY_SV)} × "
            f"konsekvens {scale_text(consequence, CONSEQUENCE_SV)}")


def band_text(value: int) -> str:
    """A riskvärde with its band, e.g. `12 Mycket hög`."""
    return f"{value} {risk_band(value).word}"


def carried_year(year: int, view_year: int) -> int | None:
    """The riskanalys year to write beside a risk: only when it is earlier than the view's
    (an open risk carried from an earlier riskanalys)."""
    return year if year < view_year else None


def origin_text(namnd: str | None, year: int | None) -> str:
    """Whose risk and from which riskanalys, as far as given: `Hälso- och sjukvårdsnämnden,
    riskanalys 2025`, `Riskanalys 2025`, or the nämnd alone (empty when neither)."""
    text = ", ".join(part for part in (namnd, f"riskanalys {year}" if year else None) if part)
    return text[:1].upper() + text[1:]


def band_chip(value: int) -> dict:
    """A riskvärde as a chip in its band's colour, with the number and the band's word (a light
    span: one per row of the long risk lists)."""
    text, class_name = _band_words(value)
    return light("Span", text, className=class_name)


@functools.cache  # sixteen riskvärden at most, asked for on every row of the long lists
def _band_words(value: int) -> tuple[str, str]:
    band = risk_band(value)
    return f"{value} {band.word}", f"band-chip band-{band.key}"


def band_range_chip(band: RiskBand) -> html.Span:
    """A band as a chip in its colour with its word and riskvärden, e.g. `Hög 8–9`."""
    return html.Span(f"{band.word} {band.low}–{band.high}", className=f"band-chip band-{band.key}")


def date_text(day: dt.date | None) -> dict:
    """An ISO date that does not wrap at its hyphens (a light span, for table rows)."""
    return light("Span", fmt.iso_date(day), className="text-nowrap")


def result_badge(result: str | None) -> html.Span:
    """A control result as symbol and word (`✓ Utan anmärkning`), or `Ingen kontroll ännu`."""
    if result is None:
        return html.Span("Ingen kontroll ännu", className="text-body-secondary")
    symbol, word = CONTROL_RESULT_SV[result]
    return html.Span([html.Span(symbol, className="result-symbol", **{"aria-hidden": "true"}),
                      word], className=f"control-result result-{result}")


def overdue_flag() -> html.Span:
    """The mark of an overdue åtgärd: symbol and word."""
    return html.Span([html.Span("⚠", className="result-symbol", **{"aria-hidden": "true"}),
                      "Försenad"], className="overdue-flag")


def overdue_rule_text(today: dt.date) -> str:
    """What "försenad" means and as of which date."""
    return (f"En åtgärd är försenad när slutdatumet har passerat och den inte är klar. "
            f"Bedömt per {fmt.iso_date(today)}, det datum som senast inlästa data gäller.")


# --- Pieces the three pages share --------------------------------------------------------


def filter_select(component_id: str, label: str, options: list[dict], value: str) -> html.Div:
    """A labelled native select whose options' values are the page's query strings."""
    return html.Div([dbc.Label(label, html_for=component_id, class_name="mb-1"),
                     dbc.Select(id=component_id, options=options, value=value)],
                    className="ik-filter")


def problem(message: str, back_text: str, back_href: str, problem_id: str) -> dbc.Alert:
    """A bad or foreign URL argument: the message and a way back, nothing else."""
    return dbc.Alert([html.P(message, className="mb-2"),
                      html.P(dcc.Link(back_text, href=back_href), className="mb-0")],
                     color="warning", id=problem_id, class_name="ik-problem")


# --- The URL's arguments ------------------------------------------------------------------


def text_argument(value: object, name: str) -> str | None:
    """The URL (or stored) argument `name` as stripped text, None when missing or empty; a
    repeated one, or anything but text or a whole number, is bad."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise BadArgument(name, REPEATED_SV)
    return value.strip() or None


def choose_option(options: Sequence[Option], value: object, name: str,
                  message: str) -> Option | None:
    """The option whose code the URL's argument `name` names (any letter case); None when it
    names none."""
    code = text_argument(value, name)
    if code is None:
        return None
    found = next((o for o in options if o.code.upper() == code.upper()), None)
    if found is None:
        raise BadArgument(name, message)
    return found


def choose_year(years: Sequence[int], value: object) -> int:
    """The year the URL names, or the latest; it must be one the viewer has risks for."""
    text = text_argument(value, "year")
    if text is None:
        return years[0]
    if not (text.isdigit() and int(text) in years):
        raise BadArgument("year", BAD_YEAR_SV)
    return int(text)


def choose_status(value: object) -> str | None:
    """The status the URL names (default open); None means every status."""
    text = (text_argument(value, "status") or DEFAULT_STATUS).lower()
    if text not in STATUS_FILTER_SV:
        raise BadArgument("status", BAD_STATUS_SV)
    return None if text == STATUS_ALL else text


def parse_cell(value: object) -> tuple[int, int] | None:
    """(sannolikhet, konsekvens) from `3-4`; None when missing."""
    text = text_argument(value, "cell")
    if text is None:
        return None
    first, dash, second = text.partition("-")
    if not (dash and first.isdigit() and second.isdigit()
            and int(first) in SCALE and int(second) in SCALE):
        raise BadArgument("cell", BAD_CELL_SV)
    return int(first), int(second)


@dataclass(frozen=True)
class RiskView:
    """What the Internkontroll page shows, read from its URL."""

    year: int
    namnd: Option | None = None
    process: Option | None = None
    status: str | None = DEFAULT_STATUS
    cell: tuple[int, int] | None = None
    sort: str = DEFAULT_SORT

    @property
    def selection(self) -> RiskSelection:
        """The risks the view covers, for the queries."""
        return RiskSelection(self.year, self.namnd.id if self.namnd else None,
                             self.process.id if self.process else None, self.status)

    def args(self) -> dict[str, object]:
        """The view's URL arguments; defaults (open risks, riskvärde order) left out."""
        return {
            "namnd": self.namnd.code if self.namnd else None,
            "process": self.process.code if self.process else None,
            "status": None if self.status == DEFAULT_STATUS else (self.status or STATUS_ALL),
            "year": self.year,
            "cell": f"{self.cell[0]}-{self.cell[1]}" if self.cell else None,
            "sort": None if self.sort == DEFAULT_SORT else self.sort,
        }

    def url(self, **changes) -> str:
        """The Internkontroll page for this view with some fields changed."""
        return page_url("internkontroll", **replace(self, **changes).args())


def parse_view(args: Mapping[str, object], choices: RiskChoices) -> RiskView:
    """The view the URL's arguments ask for; BadArgument with a Swedish message if it can't be."""
    sort = text_argument(args.get("sort"), "sort") or DEFAULT_SORT
    if sort not in SORTS:
        raise BadArgument("sort", BAD_SORT_SV)
    return RiskView(
        year=choose_year(choices.years, args.get("year")),
        namnd=choose_option(choices.namnder, args.get("namnd"), "namnd", NAMND_NOT_FOUND_SV),
        process=choose_option(choices.processes, args.get("process"), "process",
                              BAD_PROCESS_SV),
        status=choose_status(args.get("status")),
        cell=parse_cell(args.get("cell")),
        sort=sort,
    )


def select_value(url: str) -> str:
    """A select option's value for a URL: its query string (`?` for none; a select needs one)."""
    return "?" + url.partition("?")[2]


def filter_options(view: RiskView, choices: RiskChoices) -> dict[str, list[dict]]:
    """Each filter's options; each value is the page's query string with that choice made.

    Changing a filter forgets the chosen matrix cell: its risks may no longer be there.
    """
    def option(label: str, **change) -> dict:
        return {"label": label, "value": select_value(view.url(cell=None, **change))}

    all_namnder = [option("Alla nämnder", namnd=None)] if len(choices.namnder) > 1 else []
    return {
        "namnd": all_namnder + [option(o.name, namnd=o) for o in choices.namnder],
        "process": [option("Alla processer", process=None)]
                   + [option(o.name, process=o) for o in choices.processes],
        "status": [option(label, status=None if key == STATUS_ALL else key)
                   for key, label in STATUS_FILTER_SV.items()],
        "year": [option(str(year), year=year) for year in choices.years],
    }


def selected_values(view: RiskView) -> dict[str, str]:
    """Each filter's current value (the query string of choosing what is already chosen)."""
    here = select_value(view.url(cell=None))
    return dict.fromkeys(("namnd", "process", "status", "year"), here)


def view_caption(view: RiskView, namnder: str = "alla nämnder") -> str:
    """What a view covers in words, e.g. `Öppna risker 2026 och tidigare år, Hälso- och
    sjukvårdsnämnden` (open risks of earlier years' riskanalyser are in the view)."""
    earlier = CARRIED_SV.get(view.status or STATUS_ALL, "")
    parts = [f"{STATUS_FILTER_SV[view.status or STATUS_ALL]} {view.year}{earlier}",
             view.namnd.name if view.namnd else namnder]
    if view.process:
        parts.append(f"process {view.process.name}")
    return ", ".join(parts)


# --- The matrix ---------------------------------------------------------------------------


def cell_counts(cells: Iterable[CellCount], status: str | None) -> dict[tuple[int, int], int]:
    """Risks per (sannolikhet, konsekvens) with the status (None: every status); all 16 cells."""
    counts = {(p, k): 0 for p in SCALE for k in SCALE}
    for cell in cells:
        if status is None or cell.status == status:
            counts[cell.probability, cell.consequence] += cell.count
    return counts


def band_counts(cells: Iterable[CellCount], status: str | None = "oppen") -> dict[str, int]:
    """Risks per band (by key, every band present) with the status."""
    counts = dict.fromkeys((b.key for b in RISK_BANDS), 0)
    for (p, k), count in cell_counts(cells, status).items():
        counts[risk_band(p * k).key] += count
    return counts


def _matrix_cell(view: RiskView | None, p: int, k: int, count: int) -> dict:
    """One cell: the count (a link listing the cell's risks when `view` is given) and its band."""
    value = p * k
    band = risk_band(value)
    selected = view is not None and view.cell == (p, k)
    # Light spans (layouts.components.light): a page draws up to 32 cells.
    hidden = light("Span", f" {count_text(count, 'risk', 'risker')} med {score_text(p, k)}"
                   + (" (vald)" if selected else ""), className="visually-hidden")
    number = [light("Span", whole(count), className="cell-count", **{"aria-hidden": "true"}),
              hidden]
    if view is not None and count:
        number = [light_link(number, view.url(cell=(p, k)), className="cell-link",
                             id=f"internkontroll-cell-{p}-{k}")]
    classes = f"matrix-cell band-{band.key}" + (" selected" if selected else "")
    return light("Td", [*number, light("Span", f"{value} {band.word}", className="cell-band")],
                 className=classes)


def matrix_table(counts: Mapping[tuple[int, int], int], caption: str,
                 view: RiskView | None = None, table_id: str | None = None) -> html.Div:
    """The 4×4 riskmatris as an HTML table: sannolikhet in rows (4 at the top), konsekvens in
    columns; each cell holds its number of risks and its riskvärde and band in words."""
    # Light elements (layouts.components.light): a page draws two matrices of 16 cells.
    # Soft hyphens let the axis names break on a phone.
    corner = light("Td", [light("Span", "Sanno\u00adlik\u00adhet ↓", className="d-block"),
                          light("Span", "Konse\u00adkvens →")], className="matrix-corner")
    head = light("Thead", light("Tr", [corner] + [
        light("Th", [light("Span", str(k), className="scale-value"),
                     CONSEQUENCE_BREAKS_SV.get(k, CONSEQUENCE_SV[k])], scope="col")
        for k in SCALE]))
    body = light("Tbody", [
        light("Tr", [light("Th", [light("Span", str(p), className="scale-value"),
                                  PROBABILITY_SV[p]], scope="row")]
              + [_matrix_cell(view, p, k, counts[p, k]) for k in SCALE])
        for p in reversed(SCALE)
    ])
    ids = {"id": table_id} if table_id else {}
    return html.Div(html.Table([html.Caption(caption), head, body], className="risk-matrix", **ids),
                    className="risk-matrix-wrap")


def band_legend() -> html.Ul:
    """The bands with their words and riskvärden, in their colours."""
    return html.Ul([html.Li([html.Span(className=f"legend-swatch band-{b.key}"),
                             f"{b.word}: riskvärde {b.low}–{b.high}"])
                    for b in reversed(RISK_BANDS)],
                   className="band-legend", **{"aria-label": "Nivåer för riskvärde"})


# --- Movement since the previous assessment -----------------------------------------------


def movement(row: RiskRow) -> str:
    """'up', 'down' or 'same' riskvärde since the previous assessment, or 'new' without one."""
    before = row.previous_value
    if before is None:
        return "new"
    return "up" if row.risk_value > before else "down" if row.risk_value < before else "same"


def movement_counts(rows: Iterable[RiskRow]) -> dict[str, int]:
    """How many risks moved each way (every direction present)."""
    return dict.fromkeys(MOVES_SV, 0) | Counter(movement(r) for r in rows)


def movement_text(row: RiskRow) -> str:
    """A risk's movement as arrow and words, e.g. `↑ Upp från 8`."""
    move = movement(row)
    symbol, word = MOVES_SV[move]
    since = f" från {row.previous_value}" if move in ("up", "down") else ""
    return f"{symbol} {word}{since}"


def movement_summary(rows: Sequence[RiskRow]) -> html.Ul:
    """How the risks moved since their previous assessment, in words with arrows."""
    counts = movement_counts(rows)
    texts = {"up": "har fått högre riskvärde", "down": "har fått lägre riskvärde",
             "same": "har oförändrat riskvärde", "new": "saknar tidigare bedömning"}
    return html.Ul([
        html.Li([html.Span(MOVES_SV[m][0], className="move-symbol", **{"aria-hidden": "true"}),
                 f"{count_text(counts[m], 'risk', 'risker')} {texts[m]}"],
                className=f"move move-{m}")
        for m in MOVES_SV
    ], className="movement-summary")


# --- The list of risks --------------------------------------------------------------------


# Sort keys in URLs -> (header, direction, key function); among equals the highest riskvärde
# and the most overdue åtgärder come first.
SORTS = {
    "riskvarde": ("Riskvärde", "descending",
                  lambda r: (-r.risk_value, -r.overdue_actions, r.title)),
    "forsenade": ("Försenade", "descending",
                  lambda r: (-r.overdue_actions, -r.risk_value, r.title)),
    "risk": ("Risk", "ascending", lambda r: (r.title.lower(), -r.risk_value)),
    "process": ("Process", "ascending", lambda r: (r.process.lower(), -r.risk_value, r.title)),
}


def sort_rows(rows: Iterable[RiskRow], sort: str) -> list[RiskRow]:
    """The rows in the order of a sort key (see SORTS)."""
    return sorted(rows, key=SORTS[sort][2])


def in_cell(rows: Iterable[RiskRow], cell: tuple[int, int]) -> list[RiskRow]:
    """The rows in one cell of the matrix."""
    return [r for r in rows if (r.probability, r.consequence) == cell]


def risk_link(code: str, title: str) -> dict:
    """A link to a risk's page (a light dcc.Link: one per row of the long risk lists)."""
    return light_link(title, page_url("risk", code=code))


def goal_links(goals) -> list:
    """Links to the goals on the Mål page, one per line, or a dash."""
    if not goals:
        return [fmt.MISSING]
    return [light_link(g.title, page_url("mal", goal=g.code), className="cell-link-line")
            for g in goals]


def _sort_header(view: RiskView, column: str, key: str) -> html.Th:
    """A sortable column's header: a link sorting by it; aria-sort on the sorted column."""
    label, direction, _ = SORTS[key]
    current = view.sort == key
    arrow = ("▼" if direction == "descending" else "▲") if current else "↕"
    arrow_span = html.Span(f" {arrow}", className="sort-arrow", **{"aria-hidden": "true"})
    link = dcc.Link([label, arrow_span], href=view.url(sort=key), id=f"internkontroll-sort-{key}",
                    className="sort-link")
    extra = {"aria-sort": direction} if current else {}
    return html.Th(link, scope="col", className=column_class(column), **extra)


# The list's columns; the risk's nämnd and owner unit are on a second line of Risk and Process.
RISK_COLUMNS = ("Risk", "Process", "S", "K", "Riskvärde", "Förändring", "I planen",
                "Senaste kontroll", "Åtgärder kvar", "Försenade", "Mål")
NUMERIC_COLUMNS = {"S", "K", "Riskvärde", "Åtgärder kvar", "Försenade"}
SORTABLE = {"Risk": "risk", "Process": "process", "Riskvärde": "riskvarde",
            "Försenade": "forsenade"}
COLUMN_TITLES = {"S": "Sannolikhet (1–4)", "K": "Konsekvens (1–4)"}
# Each column's label beside its cell on a phone (a stacked table has no header row to see).
LABELS = {c: COLUMN_TITLES.get(c, c) for c in RISK_COLUMNS}


@functools.cache  # a few columns, asked for in every cell of the long risk lists
def column_class(column: str) -> str:
    """A column's class for its width and alignment, e.g. `col-senaste-kontroll text-end`."""
    name = column.lower().replace(" ", "-").translate(str.maketrans("åäö", "aao"))
    return f"col-{name}" + (" text-end" if column in NUMERIC_COLUMNS else "")


# Each column's class and phone label, in the order of RISK_COLUMNS (for the rows).
_COLUMN_CLASSES = tuple(column_class(c) for c in RISK_COLUMNS)
_COLUMN_LABELS = tuple(LABELS[c] for c in RISK_COLUMNS)


def result_text(result: str | None, performed_on: dt.date | None) -> str:
    """A control result with symbol, word and date, e.g. `⚠ Avvikelse 2026-06-10`."""
    if result is None:
        return "Ingen kontroll ännu"
    symbol, word = CONTROL_RESULT_SV[result]
    return f"{symbol} {word} {fmt.iso_date(performed_on)}"


def second_line(text: str) -> dict:
    """A quiet second line in a cell (a light div, for table rows)."""
    return light("Div", text, className="cell-note")


def risk_cells_of(row: RiskRow, view: RiskView) -> dict[str, tuple[object, str]]:
    """One risk's cells by column, each with its class (plain text where possible: a long
    list renders faster with fewer components)."""
    return {c: (td["props"]["children"], td["props"]["className"])
            for c, td in zip(RISK_COLUMNS, _risk_row(row, view, _links()))}


def _links():
    """Link makers for a list's rows: the risk's page, the owner unit's, a goal's (the URL
    prefix and the carried switches worked out once per list, not once per link)."""
    return (url_maker("risk", "code"), url_maker("enhet", "code"), url_maker("mal", "goal"))


def _td(children, class_name: str, label: str) -> dict:
    """`light("Td", children, className=…, data-label=…)`, written out: eleven per row."""
    return {"type": "Td", "namespace": HTML,
            "props": {"children": children, "className": class_name, "data-label": label}}


def _risk_row(row: RiskRow, view: RiskView, links) -> list[dict]:
    """One risk's cells (light tds) in the order of RISK_COLUMNS."""
    risk_url, unit_url, goal_url = links
    overdue = row.overdue_actions
    move = movement(row)
    origin = origin_text(None if view.namnd else row.namnd, carried_year(row.year, view.year))
    title = [light_link(row.title, risk_url(row.code))]
    if origin:
        title.append(second_line(origin))
    owner = (light_link(row.owner_unit, unit_url(row.owner_code), className="unit-link")
             if row.owner_code else row.owner_unit)
    goals = ([light_link(g.title, goal_url(g.code), className="cell-link-line")
              for g in row.goals] if row.goals else [fmt.MISSING])
    symbol, word = MOVES_SV[move]
    since = f" från {row.previous_value}" if move in ("up", "down") else ""
    classes, labels = _COLUMN_CLASSES, _COLUMN_LABELS
    return [
        _td(title, classes[0], labels[0]),
        _td([row.process, light("Div", ["Ansvarig: ", owner], className="cell-note")],
            classes[1], labels[1]),
        _td(str(row.probability), classes[2], labels[2]),
        _td(str(row.consequence), classes[3], labels[3]),
        _td(band_chip(row.risk_value), classes[4] + " stack-first", labels[4]),
        _td(f"{symbol} {word}{since}", f"{classes[5]} move-{move}", labels[5]),
        _td("Ja" if row.in_control_plan else "Nej", classes[6], labels[6]),
        _td(result_text(row.latest_result, row.latest_result_on),
            classes[7] + (f" result-{row.latest_result}" if row.latest_result else ""),
            labels[7]),
        _td(whole(row.open_actions), classes[8], labels[8]),
        _td(f"⚠ {whole(overdue)}" if overdue else "0",
            classes[9] + (" overdue-flag" if overdue else ""), labels[9]),
        _td(goals, classes[10], labels[10]),
    ]


def _header(view: RiskView, column: str, sortable: bool) -> html.Th:
    """A column header: sortable ones are links; S and K are explained."""
    if sortable and column in SORTABLE:
        return _sort_header(view, column, SORTABLE[column])
    label = html.Abbr(column, title=COLUMN_TITLES[column]) if column in COLUMN_TITLES else column
    return html.Th(label, scope="col", className=column_class(column))


def risk_table(rows: Sequence[RiskRow], view: RiskView, caption: str, table_id: str,
               sortable: bool = True) -> html.Div:
    """The risks as an accessible table, sortable by links in the headers (a new URL)."""
    head = html.Thead(html.Tr([_header(view, c, sortable) for c in RISK_COLUMNS]))
    links = _links()
    body = light("Tbody", [light("Tr", _risk_row(row, view, links)) for row in rows])
    table = html.Table([html.Caption(caption), head, body],
                       className="table table-sm data-table risk-table stacked-table", id=table_id)
    return html.Div(table, className="table-responsive", tabIndex="0", role="region",
                    **{"aria-label": caption})


# --- The summary --------------------------------------------------------------------------


def share_text(part: int, whole: int) -> str:
    """`63 %` of a whole, or an empty string when the whole is 0."""
    return f" ({fmt.percent(100 * part / whole, 0)})" if whole else ""


def controls_text(summary: ControlSummary, year: int) -> str:
    """What the performed-controls figure means."""
    if not summary.planned:
        return f"Inga kontroller är planerade i internkontrollplanen {year} för urvalet."
    planned = count_text(summary.planned, "planerad kontroll", "planerade kontroller")
    return (f"utförda av {planned} "
            f"i internkontrollplanen {year}{share_text(summary.performed, summary.planned)}. "
            "Årets sista kontroller görs ofta i januari året efter.")


def summary_rule_text(year: int) -> str:
    """Which risks, controls and åtgärder the summary's figures cover."""
    return (f"Gäller vald nämnd och process. Kontroller och avvikelser gäller "
            f"internkontrollplanen {year}. Åtgärderna gäller riskerna i riskanalysen {year}, "
            "oavsett riskens status, och de risker från tidigare års riskanalyser som "
            f"fortfarande är öppna. {OPEN_RULE_SV}")


def deviations_text(summary: ControlSummary) -> str:
    """What the deviations figure means."""
    return (f"av {count_text(summary.performed, 'utförd kontroll', 'utförda kontroller')} "
            "visade en avvikelse, ett fel eller en brist som ska åtgärdas.")


def overdue_text(summary: ControlSummary, today: dt.date) -> str:
    """What the overdue-åtgärder figure means."""
    return (f"av {count_text(summary.open_actions, 'åtgärd', 'åtgärder')} som inte är klara har "
            f"passerat sitt slutdatum (per {fmt.iso_date(today)}).")


def high_count(counts: Mapping[str, int]) -> int:
    """Of the risks per band, those in the high bands (Hög and Mycket hög)."""
    return sum(counts[band.key] for band in HIGH_BANDS)


def band_rows(counts: Mapping[str, int]) -> list[list]:
    """Rows for the open risks per band, the most serious first."""
    return [[band_range_chip(b), fmt.number(counts[b.key])] for b in reversed(RISK_BANDS)]


# --- Risks per nämnd ----------------------------------------------------------------------


NAMND_COLUMNS = ("Nämnd", "Risker", "Öppna", "Varav höga", "Varav från tidigare år")


def risk_rows(rows: list[NamndRisks]) -> list[list[str]]:
    """Table rows: nämnd, risks, open risks, of those the high ones and the ones carried from
    earlier years' riskanalyser."""
    return [[r.namnd, *(fmt.number(n) for n in (r.total, r.open, r.open_high, r.open_earlier))]
            for r in rows]


def namnd_link_rows(rows: list[NamndRisks], view: RiskView | None) -> list[list]:
    """As `risk_rows`, each nämnd a link to the page filtered on it."""
    if view is None:
        return risk_rows(rows)
    return [[dcc.Link(r.namnd, href=view.url(namnd=Option(0, r.code, r.namnd), cell=None)),
             *values[1:]] for r, values in zip(rows, risk_rows(rows))]


def risk_card(year: int | None, rows: list[NamndRisks], viewer: Viewer,
              view: RiskView | None = None, *below):
    """The number of risks in each nämnd's riskanalys the viewer may see, for the year (and
    what goes `below` the table: its downloads)."""
    if year is None:
        return empty_card(TITLE, "Det finns inga riskanalyser att visa.")
    return card(
        TITLE,
        f"Riskanalyser {year} och öppna risker från tidigare år",
        *scope_note(viewer),
        note(
            f"Riskvärdet är sannolikhet × konsekvens (1–16); en hög risk har {HIGH_RISK_SV}. "
            f"En öppen risk är ännu inte förd ner till en godtagbar nivå. {OPEN_RULE_SV}"
        ),
        data_table(
            f"Risker i nämndernas riskanalyser {year} och öppna risker från tidigare år",
            list(NAMND_COLUMNS),
            namnd_link_rows(rows, view),
            [False, True, True, True, True],
        ),
        *below,
        card_id="risks-by-namnd",
    )


# --- One risk -----------------------------------------------------------------------------


def history_rows(history: Sequence[Scoring]) -> list[list]:
    """Table rows for the scoring history, the latest first."""
    return [[date_text(s.assessed_on), scale_text(s.probability, PROBABILITY_SV),
             scale_text(s.consequence, CONSEQUENCE_SV), band_chip(s.risk_value), s.comment]
            for s in reversed(history)]


def history_figure(history: Sequence[Scoring]) -> dict:
    """Sannolikhet and konsekvens over time as two step lines (different marks and dashes); a
    plain figure dict (plotly's Figure objects validate every property: slow on each view)."""
    dates = [s.assessed_on.isoformat() for s in history]
    traces = [
        {"type": "scatter", "x": dates, "y": values, "name": name, "mode": "lines+markers",
         "line": {"shape": "hv", "color": colour, "dash": dash},
         "marker": {"symbol": symbol, "size": 10}, "customdata": [labels[v] for v in values],
         "hovertemplate": f"{name} %{{y}} %{{customdata}}<br>%{{x}}<extra></extra>"}
        for name, values, labels, colour, symbol, dash in (
            ("Sannolikhet", [s.probability for s in history], PROBABILITY_SV, "#1f3a5f",
             "circle", "solid"),
            ("Konsekvens", [s.consequence for s in history], CONSEQUENCE_SV, "#B84A00",
             "square", "dash"),
        )
    ]
    return {"data": traces, "layout": charts.layout(
        240, margin={"l": 8, "r": 8, "t": 8, "b": 8}, legend={"orientation": "h", "y": -0.2},
        xaxis={"type": "date", "tickformat": "%Y-%m", "nticks": 5},
        yaxis={"range": [0.5, 4.5], "tickvals": list(SCALE), "title": {"text": "1–4"}},
    )}


def history_label(history: Sequence[Scoring]) -> str:
    """The history chart in words, for screen readers."""
    parts = "; ".join(f"{fmt.iso_date(s.assessed_on)}: sannolikhet {s.probability}, "
                      f"konsekvens {s.consequence}" for s in history)
    return f"Linjediagram, riskens bedömningar över tid: {parts}."


def action_overdue(action, today: dt.date):
    """The overdue mark of an åtgärd, or a dash."""
    return overdue_flag() if is_overdue(action.due_date, action.status, today) else fmt.MISSING


def other_risk_links(action) -> list:
    """Links to the other risks an åtgärd also covers, or a dash."""
    if not action.other_risks:
        return [fmt.MISSING]
    return [html.Div(risk_link(r.code, r.title)) for r in action.other_risks]


def action_rows(actions, today: dt.date) -> list[list]:
    """Table rows for a risk's åtgärder."""
    return [[a.title, a.owner, date_text(a.due_date), ACTION_STATUS_SV[a.status],
             date_text(a.done_on), action_overdue(a, today), other_risk_links(a)]
            for a in actions]


# --- The internkontrollplan ---------------------------------------------------------------


def method_text(row: PlanRow) -> str:
    """A kontrollmoment's method with its frequency, e.g. `Stickprov 20 attester (tertialvis)`."""
    if row.method is None:
        return fmt.MISSING
    return f"{row.method} ({row.frequency.lower()})" if row.frequency else row.method


PLAN_COLUMNS = ("Process", "Risk", "Riskvärde", "Kontrollmoment", "Metod", "Ansvarig",
                "Rapporteras")
PLAN_KINDS = {"Riskvärde": "integer"}  # the others are text


def plan_values(rows: Iterable[PlanRow]) -> list[list]:
    """The plan as plain values per line (for files): one line per kontrollmoment."""
    return [[r.process, r.risk, r.risk_value, r.control or "Kontrollmoment saknas",
             method_text(r), r.responsible or fmt.MISSING, r.reported_to or fmt.MISSING]
            for r in rows]


def plan_groups(rows: Sequence[PlanRow]) -> list[list[PlanRow]]:
    """The plan's lines grouped per risk, in order."""
    groups: list[list[PlanRow]] = []
    for row in rows:
        if groups and groups[-1][0].risk_code == row.risk_code:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def choose_plan(args: Mapping[str, object], choices: RiskChoices) -> tuple[Option, int]:
    """The nämnd (default the first) and year (default the latest) of the plan the URL asks for."""
    if not choices.namnder:
        raise BadArgument("namnd", NO_PLAN_NAMND_SV)
    namnd = choose_option(choices.namnder, args.get("namnd"), "namnd", NAMND_NOT_FOUND_SV)
    return namnd or choices.namnder[0], choose_year(choices.years, args.get("year"))


def plan_url(namnd: Option, year: int) -> str:
    """The Internkontrollplan page of a nämnd and year."""
    return page_url("internkontrollplan", namnd=namnd.code, year=year)


def plan_options(namnd: Option, year: int, choices: RiskChoices) -> dict[str, list[dict]]:
    """The plan's nämnd and year selectors; each value is the query string of that choice."""
    return {
        "namnd": [{"label": o.name, "value": select_value(plan_url(o, year))}
                  for o in choices.namnder],
        "year": [{"label": str(y), "value": select_value(plan_url(namnd, y))}
                 for y in choices.years],
    }


# --- The pages' files (their downloads) ---------------------------------------------------

RISK_FILE_COLUMNS = (
    Column("Kod"), Column("Risk"), Column("Nämnd"), Column("Riskanalys"),
    Column("Process"), Column("Ansvarig enhet"),
    Column("Sannolikhet", "integer"), Column("Konsekvens", "integer"),
    Column("Riskvärde", "integer"), Column("Nivå"), Column("Status"), Column("Förändring"),
    Column("I planen"), Column("Senaste kontroll"), Column("Åtgärder kvar", "integer"),
    Column("Försenade åtgärder", "integer"), Column("Mål"))


def risk_file(title: str, rows: Iterable[RiskRow]) -> Table:
    """Risks as a file: everything the list shows, numbers as numbers."""
    return Table(title, RISK_FILE_COLUMNS, [
        [r.code, r.title, r.namnd, str(r.year), r.process, r.owner_unit, r.probability,
         r.consequence, r.risk_value, risk_band(r.risk_value).word, RISK_STATUS_SV[r.status],
         movement_text(r), "Ja" if r.in_control_plan else "Nej",
         result_text(r.latest_result, r.latest_result_on), r.open_actions, r.overdue_actions,
         "; ".join(g.title for g in r.goals)] for r in rows])


def matrix_file(title: str, counts: Mapping[tuple[int, int], int]) -> Table:
    """The riskmatris as a file: sannolikhet 4–1 in rows, konsekvens 1–4 in columns."""
    return Table(title, [Column("Sannolikhet")] + [
        Column(f"Konsekvens {k} {CONSEQUENCE_SV[k]}", "integer") for k in SCALE],
        [[scale_text(p, PROBABILITY_SV), *(counts[p, k] for k in SCALE)]
         for p in reversed(SCALE)])


def bands_file(year: int, counts: Mapping[str, int]) -> Table:
    """Open risks per band, the most serious first."""
    return Table(f"Öppna risker per nivå {year} (med öppna från tidigare år)",
                 [Column("Nivå"), Column("Riskvärden"), Column("Antal", "integer")],
                 [[b.word, f"{b.low}–{b.high}", counts[b.key]] for b in reversed(RISK_BANDS)])


def namnder_file(year: int | None, rows: Iterable[NamndRisks]) -> Table:
    """The risks per nämnd, as the card beside the plan shows them."""
    return Table(f"Risker per nämnd {year} och öppna risker från tidigare år",
                 [Column(NAMND_COLUMNS[0])] + [Column(c, "integer") for c in NAMND_COLUMNS[1:]],
                 [[r.namnd, r.total, r.open, r.open_high, r.open_earlier] for r in rows])


def history_file(history: Sequence[Scoring]) -> Table:
    """A risk's assessments, the latest first."""
    return Table("Bedömningar", [Column("Datum"), Column("Sannolikhet", "integer"),
                                 Column("Konsekvens", "integer"), Column("Riskvärde", "integer"),
                                 Column("Kommentar")],
                 [[fmt.iso_date(s.assessed_on), s.probability, s.consequence, s.risk_value,
                   s.comment] for s in reversed(history)])


def controls_file(controls) -> Table:
    """A risk's control results, kontrollmoment by kontrollmoment."""
    return Table("Kontrollresultat", [Column("Kontrollmoment"), Column("Datum"),
                                      Column("Resultat"), Column("Kommentar")],
                 [[c.description, fmt.iso_date(r.performed_on), CONTROL_RESULT_SV[r.result][1],
                   r.comment] for c in controls for r in c.results])


def actions_file(actions, today: dt.date) -> Table:
    """A risk's åtgärder, with whether each is overdue per `today`."""
    return Table("Åtgärder", [Column("Åtgärd"), Column("Ansvarig"), Column("Slutdatum"),
                              Column("Status"), Column("Klar"), Column("Försenad"),
                              Column("Gäller även")],
                 [[a.title, a.owner, fmt.iso_date(a.due_date), ACTION_STATUS_SV[a.status],
                   fmt.iso_date(a.done_on) if a.done_on else "",
                   "Ja" if is_overdue(a.due_date, a.status, today) else "Nej",
                   "; ".join(r.title for r in a.other_risks)] for a in actions])


def plan_file(namnd: Option, year: int, rows: Iterable[PlanRow]) -> Table:
    """The plan a nämnd adopts for a year: one line per kontrollmoment."""
    return Table(f"Internkontrollplan {namnd.code} {year}",
                 [Column(c, PLAN_KINDS.get(c, "text")) for c in PLAN_COLUMNS], plan_values(rows))


# --- Callbacks ----------------------------------------------------------------------------

def register(app) -> None:
    """Register the Internkontroll pages' callbacks on `app` (in the browser:
    assets/callbacks.js). A select's value is the page's query string for choosing that
    option (`?` for none); after a render the focus goes back to the control that changed
    the view, or to the chosen cell's list or the sorted column."""
    register_choice_writer(app, "internkontroll", "namnd", "process", "status", "year")
    register_focus_after_render(app, "internkontroll")
    register_choice_writer(app, "internkontrollplan", "namnd", "year")
    register_print(app, "internkontrollplan")
