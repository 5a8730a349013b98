"""Riktade statsbidrag: the repayment-risk rule, table rows, sums per nämnd and the files.

Also what the three Ekonomi sub-pages (statsbidrag, åtgärder, prognossäkerhet) share: reading
`year` and `namnd` from the URL, the data's date, and the selectors writing the URL.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from dash import html

from callbacks.pagetools import register_search_writer
from dashboard.core.wording import fill
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, echo
from dashboard.core.exports import Column, Table
from data_access.queries.grants import (
    Grant,
    GrantReportRow,
    Namnd,
    find_namnd,
    grant_reports,
    grant_years,
    grants,
    namnder_with_detail,
)
from data_access.queries.meta import latest_import
from data_access.scope import Viewer

# --- The repayment-risk rule -----------------------------------------------------------------

RISK_MONTHS_LEFT = 3  # "close to the deadline": at most this many months left
RISK_UNUSED_SHARE = 0.5  # ... with more than this share of the grant unused
RISK_LAG = 0.4  # or the share used lags the share of the period gone by more than this

RISK_WORD, RISK_SYMBOL = "Risk för återbetalning", "⚠"
NO_RISK_WORD, NO_RISK_SYMBOL = "Ingen risk", "✓"
USED_UP_WORD = "Helt använt"

RISK_RULE_TEXT_SV = (
    f"Ett statsbidrag markeras med {RISK_SYMBOL} {RISK_WORD} när pengar finns kvar och något "
    "av följande gäller:",
    "sista dagen att använda bidraget har passerat;",
    f"det är högst {RISK_MONTHS_LEFT} månader kvar till sista dagen och mer än hälften av "
    "bidraget är oanvänt;",
    f"den använda andelen ligger mer än {RISK_LAG * 100:.0f} procentenheter efter den andel av "
    "bidragsperioden som har gått. Bidragsperioden räknas från den 1 januari bidragsåret till "
    f"sista dagen. Exempel: när {fmt.percent(80, 0)} av tiden har gått men mindre än "
    f"{fmt.percent(40, 0)} av pengarna är använda.",
)
RISK_RULE_NOTE_SV = (
    "Pengar som inte används i tid för det som staten har bestämt kan behöva betalas tillbaka. "
    "Bedömningen görs per {today}, det datum som uppgifterna gäller."
)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day if it is shorter (31 jan → 28 feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def elapsed_share(start: dt.date, deadline: dt.date, today: dt.date) -> float:
    """The share (0–1) of the period from `start` to `deadline` that has gone by `today`."""
    if deadline <= start:
        return 1.0
    return min(max((today - start).days / (deadline - start).days, 0.0), 1.0)


def repayment_risk(received_tkr: float, used_tkr: float, start: dt.date, deadline: dt.date,
                   today: dt.date) -> str | None:
    """Why the grant may have to be paid back, in Swedish, or None (RISK_RULE_TEXT_SV)."""
    remaining = received_tkr - used_tkr
    if received_tkr <= 0 or remaining <= 0:
        return None
    unused, used = remaining / received_tkr, used_tkr / received_tkr
    if today > deadline:
        return f"Sista dagen har passerat och {fmt.tkr(remaining)} är inte använda."
    if deadline <= add_months(today, RISK_MONTHS_LEFT) and unused > RISK_UNUSED_SHARE:
        return (f"Högst {RISK_MONTHS_LEFT} månader kvar och {fmt.percent(unused * 100, 0)} av "
                "bidraget är oanvänt.")
    elapsed = elapsed_share(start, deadline, today)
    if elapsed - used > RISK_LAG:
        return (f"{fmt.percent(used * 100, 0)} är använt fast {fmt.percent(elapsed * 100, 0)} "
                "av tiden har gått.")
    return None


def grant_risk(grant: Grant, today: dt.date) -> str | None:
    """The repayment-risk reason for one grant (its period starts on 1 January of its year)."""
    return repayment_risk(grant.received_tkr, grant.used_tkr, dt.date(grant.year, 1, 1),
                          grant.deadline, today)


# --- Shaping the grants ----------------------------------------------------------------------


@dataclass(frozen=True)
class AssessedGrant:
    """A grant with its repayment-risk reason (None when not at risk)."""

    grant: Grant
    risk: str | None

    @property
    def at_risk(self) -> bool:
        return self.risk is not None


@dataclass(frozen=True)
class GrantSums:
    """Grants summed for a nämnd (or all): count, tkr, and how many are at risk."""

    label: str
    count: int
    received_tkr: float
    used_tkr: float
    at_risk: int
    at_risk_remaining_tkr: float

    @property
    def remaining_tkr(self) -> float:
        return self.received_tkr - self.used_tkr


def share(part: float, whole: float) -> float | None:
    """`part` of `whole` in percent, or None when the whole is zero."""
    return part / whole * 100 if whole else None


def assess(grants_: list[Grant], today: dt.date) -> list[AssessedGrant]:
    """The grants with their risk, at-risk first, then the nearest deadline, then most left."""
    assessed = [AssessedGrant(g, grant_risk(g, today)) for g in grants_]
    return sorted(assessed, key=lambda a: (not a.at_risk, a.grant.deadline,
                                           -a.grant.remaining_tkr, a.grant.name))


NO_NAMND = "{Noun} gemensamt"
NO_NAMND_CODE = "Gemensamt"


def namnd_label(namnd: Namnd | None) -> str:
    """A nämnd's name, or what a row booked on the region itself is called."""
    return namnd.name if namnd else fill(NO_NAMND)


def namnd_code(namnd: Namnd | None) -> str:
    """A nämnd's code (short, for charts), or what a row booked on the region itself is called."""
    return namnd.code if namnd else NO_NAMND_CODE


def sums(label: str, assessed: list[AssessedGrant]) -> GrantSums:
    """The grants summed under `label`."""
    risky = [a.grant for a in assessed if a.at_risk]
    return GrantSums(label, len(assessed), sum(a.grant.received_tkr for a in assessed),
                     sum(a.grant.used_tkr for a in assessed), len(risky),
                     sum(g.remaining_tkr for g in risky))


def sums_by_namnd(assessed: list[AssessedGrant]) -> list[GrantSums]:
    """One GrantSums per nämnd in the order the grants came from the query (nämnd order)."""
    groups: dict[str, list[AssessedGrant]] = {}
    for a in sorted(assessed, key=lambda a: a.grant.namnd is None):
        groups.setdefault(namnd_label(a.grant.namnd), []).append(a)
    return [sums(label, members) for label, members in groups.items()]


def badge(symbol: str, word: str, colour: str) -> html.Span:
    """A coloured badge with symbol and word (colour one of the status colours), never colour
    alone."""
    return html.Span([html.Span(symbol, className="status-symbol", **{"aria-hidden": "true"}),
                      word], className=f"status-badge status-{colour}")


def risk_badge(risk: str | None, remaining_tkr: float) -> html.Span:
    """The grant's assessment as a badge: at risk, all used, or no risk."""
    if risk is not None:
        return badge(RISK_SYMBOL, RISK_WORD, "red")
    return badge(NO_RISK_SYMBOL, USED_UP_WORD if remaining_tkr <= 0 else NO_RISK_WORD, "green")


def with_detail(main, detail: str) -> list:
    """A cell's main text with a quieter line below it."""
    return [main, html.Br(), html.Small(detail, className="text-body-secondary")] if detail \
        else [main]


GRANT_COLUMNS = ["Statsbidrag och syfte", "Enhet", "Erhållet", "Använt", "Kvar", "Använd andel",
                 "Sista dag", "Bedömning"]
GRANT_NUMERIC = [False, False, True, True, True, True, False, False]


def grant_rows(assessed: list[AssessedGrant]) -> list[list]:
    """The table's rows: amounts in tkr, share used, deadline (ISO) and the assessment."""
    rows = []
    for a in assessed:
        g = a.grant
        rows.append([
            [*with_detail(html.Strong(g.name), g.purpose),
             *([html.Br(), html.Small(f"Villkor: {g.conditions}", className="text-body-secondary")]
               if g.conditions else [])],
            with_detail(g.unit_name, namnd_label(g.namnd)),
            fmt.tkr(g.received_tkr), fmt.tkr(g.used_tkr), fmt.tkr(g.remaining_tkr),
            fmt.percent(share(g.used_tkr, g.received_tkr), 0),
            html.Span(fmt.iso_date(g.deadline), className="text-nowrap"),
            with_detail(risk_badge(a.risk, g.remaining_tkr), a.risk or ""),
        ])
    return rows


SUM_COLUMNS = ["Nämnd", "Antal bidrag", "Erhållet", "Använt", "Kvar", "Använd andel",
               "Med risk för återbetalning", "Kvar i bidrag med risk"]
SUM_NUMERIC = [False] + [True] * 7


def sum_row(s: GrantSums, label=None) -> list:
    """A row of the sums table."""
    return [label or s.label, fmt.number(s.count), fmt.tkr(s.received_tkr), fmt.tkr(s.used_tkr),
            fmt.tkr(s.remaining_tkr), fmt.percent(share(s.used_tkr, s.received_tkr), 0),
            fmt.number(s.at_risk), fmt.tkr(s.at_risk_remaining_tkr)]


def with_total(per_namnd: list, total, row: Callable, *label) -> list[list]:
    """`row(s)` for each nämnd's sums, then `row(total, *label)` if there are several."""
    rows = [row(s) for s in per_namnd]
    if len(per_namnd) > 1:
        rows.append(row(total, *label))
    return rows


def sum_rows(assessed: list[AssessedGrant]) -> list[list]:
    """One row per nämnd, then the total (when there is more than one nämnd)."""
    return with_total(sums_by_namnd(assessed), sums("Totalt", assessed), sum_row,
                      html.Strong("Totalt"))


SUM_FILE_COLUMNS = (
    Column("Nämnd"), Column("Antal bidrag", "integer"), Column("Erhållet (tkr)", "decimal"),
    Column("Använt (tkr)", "decimal"), Column("Kvar (tkr)", "decimal"),
    Column("Använd andel (%)", "percent"), Column("Med risk för återbetalning", "integer"),
    Column("Kvar i bidrag med risk (tkr)", "decimal"),
)


def sum_values(s: GrantSums) -> list:
    """A row of the sums as plain values for CSV and Excel."""
    used = s.used_tkr / s.received_tkr if s.received_tkr else None
    return [s.label, s.count, s.received_tkr, s.used_tkr, s.remaining_tkr, used, s.at_risk,
            s.at_risk_remaining_tkr]


def sums_table(title: str, assessed: list[AssessedGrant]) -> Table:
    """The sums per nämnd (and the total) as a file."""
    return Table(title, SUM_FILE_COLUMNS,
                 with_total(sums_by_namnd(assessed), sums("Totalt", assessed), sum_values))


EXPORT_COLUMNS = (
    Column("Kod"), Column("Statsbidrag"), Column("Syfte"), Column("Enhetskod"), Column("Enhet"),
    Column("Nämnd"), Column("År"), Column("Erhållet (tkr)", "decimal"),
    Column("Använt (tkr)", "decimal"), Column("Kvar (tkr)", "decimal"),
    Column("Använd andel (%)", "percent"), Column("Sista dag"), Column("Uppdaterad"),
    Column("Risk för återbetalning"), Column("Skäl"),
)


def export_table(title: str, assessed: list[AssessedGrant]) -> Table:
    """The grants as plain values for CSV and Excel, in the page's order."""
    rows = [[g.code, g.name, g.purpose, g.unit_code, g.unit_name, namnd_label(g.namnd),
             str(g.year), g.received_tkr, g.used_tkr, g.remaining_tkr,
             g.used_tkr / g.received_tkr if g.received_tkr else None, fmt.iso_date(g.deadline),
             fmt.iso_date(g.updated_on), "Ja" if a.at_risk else "Nej", a.risk or ""]
            for a in assessed for g in (a.grant,)]
    return Table(title, EXPORT_COLUMNS, rows)


# --- What the URL asks for (shared by the Ekonomi sub-pages) ---------------------------------


@dataclass(frozen=True)
class Selection:
    """A valid request: the year (None when there is nothing at all) and nämnd, and the choices."""

    year: int | None
    years: list[int]
    namnd: Namnd | None
    namnder: list[Namnd]

    @property
    def args(self) -> dict:
        """The URL's arguments for this selection (the page's permalink)."""
        return {"year": self.year, "namnd": self.namnd.code if self.namnd else None}


def parse_year(text) -> int | None:
    """A `year` argument as an int (None when absent); BadArgument unless it is four digits."""
    if text in (None, ""):
        return None
    text = str(text).strip()
    if not (len(text) == 4 and text.isdigit()):
        raise BadArgument("year", f"”{echo(text)}” är inget årtal. Ange året med fyra siffror, "
                                 "till exempel year=2026.")
    return int(text)


def choose_year(text, years: list[int], what: str) -> int | None:
    """The year asked for, or the newest of `years`; BadArgument if there is nothing that year."""
    year = parse_year(text)
    if year is None:
        return years[0] if years else None
    if year not in years:
        raise BadArgument("year", f"Det finns inga {what} för {year} som du kan se.")
    return year


def your_namnder(namnder: list[Namnd]) -> str:
    """`HSN` or `HSN och RUN`: the nämnder a member may see details of."""
    codes = [n.code for n in namnder]
    return " och ".join([", ".join(codes[:-1]), codes[-1]]) if len(codes) > 1 else "".join(codes)


def choose_namnd(session, viewer: Viewer, code, namnder: list[Namnd], what: str) -> Namnd | None:
    """The nämnd a `namnd` argument names (None for all); BadArgument if unknown or not allowed."""
    if code in (None, ""):
        return None
    code = str(code).strip().upper()
    for namnd in namnder:
        if namnd.code == code:
            return namnd
    if find_namnd(session, viewer, code) is None:
        raise BadArgument("namnd", f"Det finns ingen nämnd med koden ”{echo(code)}”.")
    mine = f" Du kan se {what} för {your_namnder(namnder)}." if namnder else ""
    raise BadArgument("namnd", f"Du har inte behörighet att se {what} för {echo(code)} på "
                              f"enhetsnivå.{mine}")


def resolve(session, viewer: Viewer, years: list[int], namnd, year, what: str) -> Selection:
    """The selection for the URL's `namnd` and `year`, checked against what the viewer sees."""
    namnder = namnder_with_detail(session, viewer)
    chosen = choose_namnd(session, viewer, namnd, namnder, what)
    return Selection(choose_year(year, years, what), years, chosen, namnder)


def data_date(session, viewer: Viewer) -> dt.date:
    """The date the data is valid for (the latest import's), today if nothing says."""
    info = latest_import(session, viewer)
    return info.data_as_of if info and info.data_as_of else dt.date.today()


# --- The grants page's data ------------------------------------------------------------------

WHAT = "statsbidrag"
TITLE_SV = "Riktade statsbidrag"


@dataclass(frozen=True)
class GrantsData:
    """Everything the page shows: the selection, the data's date, the assessed grants and
    whether the viewer sees every nämnd's (else the page says whose)."""

    selection: Selection
    today: dt.date
    grants: list[AssessedGrant]
    sees_everything: bool
    fresh: str = ""  # how fresh the section's economy is (set by the page's load)
    reports: list[GrantReportRow] = field(default_factory=list)


def grants_data(session, viewer: Viewer, namnd=None, year=None,
                today: dt.date | None = None) -> GrantsData:
    """The grants for the URL's arguments (BadArgument for a bad one), assessed as of `today`."""
    selection = resolve(session, viewer, grant_years(session, viewer), namnd, year, WHAT)
    today = today or data_date(session, viewer)
    if selection.year is None:
        return GrantsData(selection, today, [], viewer.sees_everything)
    namnd_id = selection.namnd.id if selection.namnd else None
    return GrantsData(selection, today, assess(grants(session, viewer, selection.year, namnd_id),
                                               today), viewer.sees_everything,
                      reports=grant_reports(session, viewer, namnd_id, year=selection.year))


# --- Reports to the granting agencies --------------------------------------------------------

OVERDUE_SYMBOL, OVERDUE_WORD = "⚠", "Försenad"
REPORTS_NOTE_SV = (
    "Redovisningar som bidragens villkor kräver, till den myndighet som gav bidraget. "
    f"{OVERDUE_SYMBOL} {OVERDUE_WORD} betyder att redovisningen inte är inlämnad och att sista "
    "dagen har passerat."
)
REPORT_COLUMNS = ["Statsbidrag", "Redovisning", "Myndighet", "Sista dag", "Läge"]
REPORT_NUMERIC = [False] * 5


@dataclass(frozen=True)
class OverdueReports:
    """The reports overdue on the data's date (`today`), oldest first: Översikt's flag."""

    today: dt.date
    reports: list[GrantReportRow]


def overdue_reports(session, viewer: Viewer, namnd_id: int | None = None) -> OverdueReports:
    """The grant reports overdue on the data's date (of one nämnd, if given)."""
    today = data_date(session, viewer)
    return OverdueReports(today, grant_reports(session, viewer, namnd_id, overdue_on=today))


# A report's state: (symbol, word, badge colour), never colour alone.
REPORT_STATES = {"submitted": ("✓", "Inlämnad", "green"),
                 "overdue": (OVERDUE_SYMBOL, OVERDUE_WORD, "red"),
                 "owed": ("○", "Inte inlämnad än", "grey")}


def report_status(report: GrantReportRow, today: dt.date) -> str:
    """Submitted, overdue, or owed but not yet due (a key of REPORT_STATES)."""
    if report.submitted_on is not None:
        return "submitted"
    return "overdue" if report.overdue(today) else "owed"


def report_state(report: GrantReportRow, today: dt.date) -> html.Span:
    """The report's state as a badge; a submitted one with its date."""
    symbol, word, colour = REPORT_STATES[report_status(report, today)]
    when = f" {fmt.iso_date(report.submitted_on)}" if report.submitted_on else ""
    return badge(symbol, word + when, colour)


REPORT_FILE_COLUMNS = (
    Column("Statsbidrag (kod)"), Column("Statsbidrag"), Column("Enhet"), Column("Nämnd"),
    Column("Redovisning"), Column("Myndighet"), Column("Sista dag"), Column("Inlämnad"),
    Column("Läge"), Column("Kommentar"),
)


def reports_table(title: str, reports: list[GrantReportRow], today: dt.date) -> Table:
    """The reports as plain values for CSV and Excel, by due date."""
    return Table(title, REPORT_FILE_COLUMNS, [
        [r.grant_code, r.grant_name, r.unit_name, namnd_label(r.namnd), r.title, r.agency,
         fmt.iso_date(r.due_on), fmt.iso_date(r.submitted_on) if r.submitted_on else "",
         REPORT_STATES[report_status(r, today)][1], r.comment] for r in reports])


def report_rows(reports: list[GrantReportRow], today: dt.date) -> list[list]:
    """The reports, overdue first, then by due date."""
    return [[with_detail(html.Strong(r.grant_name), r.unit_name), with_detail(r.title, r.comment),
             r.agency or fmt.MISSING, html.Span(fmt.iso_date(r.due_on), className="text-nowrap"),
             report_state(r, today)]
            for r in sorted(reports, key=lambda r: not r.overdue(today))]


def register(app) -> None:
    """The grants page's year and nämnd selectors."""
    register_search_writer(app, "statsbidrag", "year", "namnd")
