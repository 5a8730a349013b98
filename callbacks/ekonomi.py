"""Ekonomi: pure functions from the economy queries to statuses, texts, table rows, the chart
and the files (Excel and CSV); and the page's callbacks (the period selectors and a click on
a row of the children table write the URL).

Signs: amounts are signed (revenue positive, costs negative), so avvikelse = utfall − budget
and prognosavvikelse = prognos − the year's budget are negative when things go worse than
planned. Units: mnkr for the region, a nämnd and a förvaltning; tkr further down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from dash import get_relative_path

from callbacks.pagetools import (
    register_choice_writer,
    register_focus_after_render,
)
from dashboard import charts
from dashboard.core import exports
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.urls import carried, page_path, page_search, page_url, query_strings
from data_access.queries import economy as q
from data_access.queries.economy import (
    CategoryAmounts,
    ChildFigures,
    EconomyUnit,
    Figures,
    FinancialGoal,
    MonthAmounts,
)
from data_access.scope import Viewer
from data_access.status import (
    GREEN,
    GREY,
    RED,
    STATUS_LABELS_SV,
    YELLOW,
    StatusLabel,
    indicator_status,
)

KEY = "ekonomi"

# --- Units and signs ------------------------------------------------------------------------

MNKR_LEVELS = ("region", "namnd", "forvaltning")
DECIMALS = {"mnkr": 1, "tkr": 0}
MOST_DECIMALS = {"mnkr": 4, "tkr": 1}  # a tenth of a tkr: what amounts are stored to
UNIT_WORDS_SV = {"mnkr": "miljoner kronor", "tkr": "tusen kronor"}
LEVEL_LABELS_SV = {"region": "{level}", "namnd": "Nämnd", "forvaltning": "Förvaltning",
                   "omrade": "Verksamhetsområde", "enhet": "Enhet"}
CHILD_LABELS_SV = {"region": "Nämnder", "namnd": "Förvaltningar",
                   "forvaltning": "Verksamhetsområden", "omrade": "Enheter"}

RESULT_TEXT_SV = (
    "Intäkter räknas som plus och kostnader som minus. Budget, utfall och prognos är "
    "resultatet: intäkter minus kostnader. En nämnds resultat är negativt, eftersom "
    "skatteintäkterna som betalar verksamheten bokförs direkt på {noun}: det är nämndens "
    "nettokostnad. {Noun_gen} resultat är positivt när intäkterna är större än kostnaderna."
)
DEVIATION_TEXT_SV = (
    "Avvikelse = utfall − budget. En negativ avvikelse (med minustecken) betyder att det har "
    "gått sämre än planerat: högre kostnader eller lägre intäkter än budgeterat. En positiv "
    "avvikelse betyder att det har gått bättre."
)
SHARE_TEXT_SV = (
    "Avvikelse i procent räknas på de budgeterade kostnaderna för samma månader. En rad som "
    "bara har intäkter (som skatterna som bokförs direkt på {noun}) har inga budgeterade "
    "kostnader: där räknas den på de budgeterade intäkterna."
)
UNITS_TEXT_SV = (
    "Belopp visas i mnkr (miljoner kronor) med en decimal för {noun}, nämnder och "
    "förvaltningar, och i tkr (tusen kronor) utan decimaler för verksamhetsområden och "
    "enheter. Varje rubrik säger om beloppen är i mnkr eller tkr och vilka månader de gäller."
)
ROUNDING_TEXT_SV = (
    "Varje belopp avrundas för sig, och avvikelsen räknas på de avrundade beloppen: utfall − "
    "budget som de visas ger alltid avvikelsen som visas. När en avvikelse annars skulle "
    "visas som 0 fast den inte är noll, visas de beloppen med fler decimaler. En summa av "
    "avrundade rader kan skilja sig någon tiondel från den avrundade totalen."
)
SIGNS_TEXT_SV = (
    RESULT_TEXT_SV,
    DEVIATION_TEXT_SV,
    "Prognos är den prognos för resultatet för hela året som lämnades i den valda månaden. "
    "Prognosavvikelse = prognos − budget för helåret; negativ betyder att året väntas sluta "
    "sämre än budget.",
    SHARE_TEXT_SV,
    UNITS_TEXT_SV,
    ROUNDING_TEXT_SV,
)


def amount_unit(level: str) -> str:
    """`mnkr` for the region, nämnder and förvaltningar; `tkr` for områden and enheter."""
    return "mnkr" if level in MNKR_LEVELS else "tkr"


def in_unit(amount_tkr: float | None, unit: str) -> float | None:
    """An amount in tkr expressed in `unit` (not rounded)."""
    if amount_tkr is None:
        return None
    return amount_tkr / 1000 if unit == "mnkr" else amount_tkr


def scaled(amount_tkr: float | None, unit: str) -> float | None:
    """An amount in tkr expressed in `unit`, rounded to the unit's usual decimals."""
    value = in_unit(amount_tkr, unit)
    return None if value is None else round(value, DECIMALS[unit])


def amount(amount_tkr: float | None, unit: str, *, signed: bool = False) -> str:
    """An amount with its unit, e.g. `−12,4 mnkr` or `−1 234 tkr`."""
    if unit == "mnkr":
        return fmt.mnkr(amount_tkr, signed=signed)
    return fmt.tkr(amount_tkr, signed=signed)


def number(amount_tkr: float | None, unit: str, *, signed: bool = False) -> str:
    """An amount in `unit` without the unit (table cells; the header names the unit)."""
    return fmt.number(scaled(amount_tkr, unit), DECIMALS[unit], signed=signed)


def share_text(share: float | None) -> str:
    """A share as a signed percentage, e.g. `−3,4 %`."""
    return fmt.MISSING if share is None else f"{fmt.number(share * 100, 1, signed=True)}{fmt.NBSP}%"


@dataclass(frozen=True)
class Shown:
    """A budget and its outcome (utfall or prognos) as the page shows them: in `unit`, rounded
    to `places` decimals, their difference taken of the rounded amounts, so that a reader's
    outcome − budget gives the avvikelse shown. `places` is the unit's usual, or more where a
    difference that is not zero would otherwise show as 0 (see ROUNDING_TEXT_SV)."""

    unit: str
    places: int
    budget: float | None
    outcome: float | None

    @property
    def difference(self) -> float | None:
        if self.budget is None or self.outcome is None:
            return None
        return fmt.rounded(self.outcome - self.budget, self.places)

    def number(self, value: float | None, *, signed: bool = False) -> str:
        """One of the pair's values without the unit, e.g. `−4 660,2`."""
        return fmt.number(value, self.places, signed=signed)

    def amount(self, value: float | None, *, signed: bool = False) -> str:
        """One of the pair's values with the unit, e.g. `−4 660,2 mnkr`."""
        if value is None:
            return fmt.MISSING
        return f"{self.number(value, signed=signed)}{fmt.NBSP}{self.unit}"


def as_shown(budget_tkr: float | None, outcome_tkr: float | None, unit: str) -> Shown:
    """A budget and its outcome (in tkr) as shown in `unit` (see Shown)."""
    budget, outcome = in_unit(budget_tkr, unit), in_unit(outcome_tkr, unit)
    places = DECIMALS[unit]
    if budget is not None and outcome is not None:
        places = fmt.difference_decimals(budget, outcome, places, MOST_DECIMALS[unit])
    return Shown(unit, places, *(None if v is None else fmt.rounded(v, places) + 0.0
                                 for v in (budget, outcome)))


def subtraction(pair: Shown) -> str:
    """The subtraction behind a difference as shown, e.g. `: −4 908,0 − (−4 660,2)` ('' when
    there is no outcome), for a reader to check."""
    if pair.difference is None:
        return ""
    budget = pair.number(pair.budget)
    return f": {pair.number(pair.outcome)} − {f'({budget})' if pair.budget < 0 else budget}"


def to_date(figures: Figures, unit: str) -> Shown:
    """Budget and utfall from January to the month, as shown."""
    return as_shown(figures.budget_tkr, figures.utfall_tkr, unit)


def whole_year(figures: Figures, unit: str) -> Shown:
    """The year's budget and the prognos, as shown."""
    return as_shown(figures.year_budget_tkr, figures.prognos_tkr, unit)


def unit_title(unit: str) -> str:
    """A unit in words, e.g. `mnkr (miljoner kronor)`."""
    return f"{unit} ({UNIT_WORDS_SV[unit]})"


# --- The status of a deviation ----------------------------------------------------------------

SMALL_DEVIATION = 0.01  # of the budgeted costs to date: worse than budget by at most this is ◐
ECONOMY_STATUS_SV = {
    GREEN: StatusLabel("I fas", STATUS_LABELS_SV[GREEN].symbol),
    YELLOW: StatusLabel("Viss avvikelse", STATUS_LABELS_SV[YELLOW].symbol),
    RED: StatusLabel("Stor avvikelse", STATUS_LABELS_SV[RED].symbol),
    GREY: StatusLabel("Saknar utfall", STATUS_LABELS_SV[GREY].symbol),
}
STATUS_RULES_SV = {
    GREEN: "utfallet är lika med eller bättre än budget för samma månader (avvikelsen är 0 "
           "eller plus).",
    YELLOW: "sämre än budget, men med högst 1 % av de budgeterade kostnaderna för samma "
            "månader (för en rad med bara intäkter: av de budgeterade intäkterna).",
    RED: "sämre än budget med mer än 1 % av de budgeterade kostnaderna för samma månader (för "
         "en rad med bara intäkter: av de budgeterade intäkterna).",
    GREY: "det finns inget utfall för perioden.",
}
STATUS_ORDER = {RED: 0, YELLOW: 1, GREEN: 2, GREY: 3}  # worst first


def deviation_base(figures: Figures) -> float:
    """What a deviation in per cent is of (SHARE_TEXT_SV): the budgeted costs to date; for a
    row without costs (revenue only, e.g. tax booked on the region), its budget, the revenue."""
    return figures.budget_costs_tkr if round(figures.budget_costs_tkr) else abs(figures.budget_tkr)


def deviation_share(figures: Figures | None) -> float | None:
    """Avvikelse as a share of the budgeted costs to date, or None."""
    if figures is None or figures.deviation_tkr is None or not deviation_base(figures):
        return None
    return figures.deviation_tkr / deviation_base(figures)


def deviation_status(figures: Figures | None) -> str:
    """✓ at or better than budget, ◐ worse by at most 1 % of budgeted costs, ✗ worse still."""
    if figures is None or figures.deviation_tkr is None:
        return GREY
    deviation = round(figures.deviation_tkr, 1)  # amounts are stored to a tenth of a tkr
    if deviation >= 0:
        return GREEN
    return YELLOW if -deviation <= SMALL_DEVIATION * deviation_base(figures) else RED


# --- Which unit and month the URL asks for ---------------------------------------------------

NOT_FOUND_SV = ("Enheten finns inte, eller så har du inte behörighet att se ekonomin för den. "
                "Ledamöter i en nämnd ser hela organisationens och alla nämnders totaler och "
                "detaljer för sin egen nämnd.")
NO_DATA_SV = "Det finns inget ekonomiskt utfall ännu."
BAD_YEAR_SV = "Det finns inget utfall för det året. Välj ett år i listan."
BAD_MONTH_SV = "Det finns inget utfall för den månaden. Välj en månad i listan."


DEFAULT_SORT = "deviation"  # the children table's order: the largest negative avvikelse first
BAD_SORT_SV = "Sorteringen finns inte. Klicka på en kolumnrubrik i tabellen för att sortera."


@dataclass(frozen=True)
class View:
    """What the page shows: a unit the viewer may see, at a year and month with utfall; the
    order of the table of the units one level down and the page of it shown."""

    unit: EconomyUnit
    year: int
    month: int
    periods: dict[int, list[int]]  # {year: its months with utfall}, newest year first
    sort: str = DEFAULT_SORT  # a column's field (SORT_FIELDS), `-` first for descending
    page: int = 1  # of the children table, `pages` in all
    pages: int = 1

    @cached_property  # read for every row of the table: once per view
    def args(self) -> dict:
        """The view's URL arguments without the table's page (`sida`): the files hold every
        row, and another unit or month starts from the first page. The order is kept."""
        return {"unit": self.unit.code, "year": self.year, "month": self.month,
                "sort": None if self.sort == DEFAULT_SORT else self.sort}

    @property
    def url(self) -> str:
        """The view's permalink, with the table's page."""
        return page_url(KEY, **self.args, sida=self.page if self.page > 1 else None)

    def unit_url(self, code: str) -> str:
        """Another unit at the same month, in the same order."""
        return page_url(KEY, **self.args | {"unit": code})

    @property
    def money(self) -> str:
        """The unit amounts are shown in: `mnkr` or `tkr`."""
        return amount_unit(self.unit.level)


def parse_number(text: object) -> int | None:
    """An integer from a URL argument such as `2026`, or None."""
    if isinstance(text, int):
        return text
    if isinstance(text, str) and text.strip().isdigit():
        return int(text.strip())
    return None


def choose(argument: str, options: list[int], asked: object, message: str) -> int:
    """The option the URL's `argument` asks for (the last one when it asks for none), else
    BadArgument."""
    if not options:
        raise BadArgument(argument, NO_DATA_SV)
    chosen = options[-1] if asked in (None, "") else parse_number(asked)
    if chosen not in options:
        raise BadArgument(argument, message)
    return chosen


def resolve(session, viewer: Viewer, unit: object = None, year: object = None,
            month: object = None, sort: object = None) -> View:
    """The view for the URL's arguments, or BadArgument with a message for the reader."""
    order = read_sort(sort)
    periods = q.utfall_months(session, viewer)
    chosen_year = choose("year", sorted(periods), year, BAD_YEAR_SV)
    chosen_month = choose("month", periods[chosen_year], month, BAD_MONTH_SV)
    if unit in (None, ""):
        found = q.region_unit(session, viewer)
    else:
        found = q.economy_unit(session, viewer, unit.strip()) if isinstance(unit, str) else None
    if found is None:
        raise BadArgument("unit", NOT_FOUND_SV)
    return View(found, chosen_year, chosen_month, periods, order)


def read_sort(text: object) -> str:
    """The children table's order from `?sort=` (a column's field, `-` first for descending;
    the default when absent), else BadArgument."""
    if text in (None, ""):
        return DEFAULT_SORT
    if not isinstance(text, str) or text.removeprefix("-") not in SORT_FIELDS:
        raise BadArgument("sort", BAD_SORT_SV)
    return text


def year_options(view: View) -> list[tuple[str, str]]:
    """(search, label) per year with utfall, newest first: another year opens at the same
    month (comparable figures), or at its last month with utfall if it has none later."""
    return [(page_search(**view.args | {"year": year, "month": min(view.month, months[-1])}),
             str(year)) for year, months in view.periods.items()]


def month_options(view: View) -> list[tuple[str, str]]:
    """(search, label) per month with utfall in the view's year, latest first."""
    return [(page_search(**view.args | {"month": month}), fmt.month_name(month).capitalize())
            for month in reversed(view.periods[view.year])]


def period_text(view: View) -> str:
    """The months the figures cover, e.g. `jan–okt 2026`."""
    return fmt.year_to_date_label(view.year, view.month)


def unit_change_text(view: View, trail: Sequence[EconomyUnit]) -> str | None:
    """Said where the page's unit is not the one of the level above (förvaltning in mnkr,
    område in tkr), so that no reader compares a tkr figure with an mnkr one; else None."""
    above = trail[-1] if trail else None
    if above is None or amount_unit(above.level) == view.money:
        return None
    return (f"Observera: här visas beloppen i {unit_title(view.money)}, inte i "
            f"{amount_unit(above.level)} som för {above.name} ovanför.")


def children_unit_text(view: View, children: Sequence[ChildFigures]) -> str | None:
    """Said where the units one level down are shown in this page's unit here but in another
    on their own pages; else None."""
    levels = {child.unit.level for child in children}  # hundreds of units, a level or two
    own = {amount_unit(level) for level in levels} - {view.money}
    if not own:
        return None
    label = CHILD_LABELS_SV.get(view.unit.level, "Enheter")
    return (f"{label} visas här i {view.money}, som {view.unit.name}; på sina egna sidor "
            f"visas de i {own.pop()}.")


# --- Everything the page shows for a view ------------------------------------------------------


@dataclass(frozen=True)
class EconomyData:
    """The figures behind one view of the page."""

    trail: list[EconomyUnit]  # the units above, from the region down
    amounts: q.UnitAmounts
    children: list[ChildFigures]
    hidden_children: int  # units one level down whose figures the viewer may not see
    goals: list[FinancialGoal]  # the region's financial goals (region view only)

    def figures(self, month: int) -> Figures:
        """The unit's key figures to `month`."""
        return self.amounts.figures(month)


def economy_data(session, viewer: Viewer, view: View) -> EconomyData:
    """Every figure the page shows for the view, in a handful of queries."""
    unit = view.unit
    children = q.children_figures(session, viewer, unit.id, view.year, view.month)
    return EconomyData(
        trail=q.unit_trail(session, viewer, unit.id),
        amounts=q.unit_amounts(session, viewer, unit.id, view.year),
        children=children,
        hidden_children=q.child_count(session, viewer, unit.id) - len(children),
        goals=q.financial_goals(session, viewer, unit.id) if unit.level == "region" else [],
    )


def booked_on_unit(total: Figures, children: Sequence[ChildFigures]) -> Figures | None:
    """The amounts booked on the unit itself (e.g. the region's tax revenue), or None if none."""
    parts = [c.figures for c in children if c.figures is not None]  # tuples of _FIGURE_NAMES
    rest = {}
    for name, column in zip(_FIGURE_NAMES, zip(*parts) if parts else [()] * len(_FIGURE_NAMES)):
        value = getattr(total, name)
        known = sum([v for v in column if v is not None])
        rest[name] = None if value is None else value - known
    remainder = Figures(**rest)
    amounts = (remainder.budget_tkr, remainder.utfall_tkr, remainder.year_budget_tkr,
               remainder.prognos_tkr)
    return remainder if any(a is not None and abs(a) >= 0.5 for a in amounts) else None


_FIGURE_NAMES = Figures._fields


# --- The table of the units one level down -----------------------------------------------------

TO_DATE, WHOLE_YEAR = "to_date", "whole_year"  # the months a column covers


class FigureColumn(NamedTuple):
    """A column of the children table (on the page and in its file), amounts in the view's unit."""

    field: str
    header: str  # under its group's header (which names the months and the unit)
    kind: str  # "amount", "percent" or "status"
    period: str  # TO_DATE or WHOLE_YEAR
    part: str = ""  # of an amount: "budget", "outcome" or "difference" of its period's Shown


FIGURE_COLUMNS = (
    FigureColumn("budget", "Budget", "amount", TO_DATE, "budget"),
    FigureColumn("utfall", "Utfall", "amount", TO_DATE, "outcome"),
    FigureColumn("deviation", "Avvikelse", "amount", TO_DATE, "difference"),
    FigureColumn("share", "Avvikelse (%)", "percent", TO_DATE),
    FigureColumn("status", "Status", "status", TO_DATE),
    FigureColumn("year_budget", "Budget", "amount", WHOLE_YEAR, "budget"),
    FigureColumn("prognos", "Prognos", "amount", WHOLE_YEAR, "outcome"),
    FigureColumn("forecast_deviation", "Prognos\u00adavvikelse",  # may break at the hyphen
                 "amount", WHOLE_YEAR, "difference"),
)


def months_text(view: View, period: str = TO_DATE) -> str:
    """The months a figure covers: `jan–nov 2026`, or `helår 2026`."""
    return period_text(view) if period == TO_DATE else f"helår {view.year}"


def group_header(view: View, period: str) -> str:
    """The header over a group of the table's columns, e.g. `Resultat jan–nov 2026`."""
    return f"Resultat {months_text(view, period)}"


def table_header(view: View, column: FigureColumn) -> str:
    """A column's header under its group, an amount's with its unit, e.g. `Budget (mnkr)`."""
    return f"{column.header} ({view.money})" if column.kind == "amount" else column.header


def file_header(view: View, column: FigureColumn) -> str:
    """A column's header in a file (which has no groups), e.g.
    `Budget, resultat jan–nov 2026 (mnkr)`."""
    unit = f" ({view.money})" if column.kind == "amount" else ""
    return f"{plain(column.header)}, resultat {months_text(view, column.period)}{unit}"


def figure_pairs(figures: Figures | None, unit: str) -> dict[str, Shown]:
    """The figures to date and for the whole year as shown, by period."""
    if figures is None:
        return dict.fromkeys((TO_DATE, WHOLE_YEAR), as_shown(None, None, unit))
    return {TO_DATE: to_date(figures, unit), WHOLE_YEAR: whole_year(figures, unit)}


def figure_values(figures: Figures | None, unit: str) -> dict:
    """A unit's figures as the table's values and their Swedish texts (`<field>_text`):
    amounts in `unit` as shown (Shown), the share and the status."""
    status = deviation_status(figures)
    share = deviation_share(figures)
    values = {"share": share, "share_text": share_text(share), "status": status,
              "status_symbol": ECONOMY_STATUS_SV[status].symbol,
              "status_word": ECONOMY_STATUS_SV[status].word, "status_rank": STATUS_ORDER[status]}
    pairs = figure_pairs(figures, unit)
    for column in FIGURE_COLUMNS:
        if column.kind == "amount":
            pair = pairs[column.period]
            value = getattr(pair, column.part)
            values[column.field] = value
            values[f"{column.field}_text"] = pair.number(value,
                                                         signed=column.part == "difference")
    return values


# The table's order: a column's field (the status column sorts by its rank, worst first), and
# `-` first for descending. Units without figures come last either way; the amounts booked on
# the unit itself are not a unit and stay last of all.
SORT_FIELDS = ("name", *(c.field for c in FIGURE_COLUMNS))
PAGE_ROWS = 25  # units a page of the table shows; the files hold them all
SWEDISH_LETTERS = str.maketrans({"å": "{", "ä": "|", "ö": "}"})  # after z, in this order


def shown_part(budget_tkr: float | None, outcome_tkr: float | None, unit: str, part: str):
    """`part` of as_shown(budget_tkr, outcome_tkr, unit), without building it where the unit's
    usual decimals show a difference (then they are the decimals shown): the sort reads one
    per unit, hundreds per view."""
    if budget_tkr is not None and outcome_tkr is not None:
        places = DECIMALS[unit]
        budget = fmt.rounded(in_unit(budget_tkr, unit), places) + 0.0
        outcome = fmt.rounded(in_unit(outcome_tkr, unit), places) + 0.0
        difference = fmt.rounded(outcome - budget, places)
        if difference:
            return budget if part == "budget" else outcome if part == "outcome" else difference
    return getattr(as_shown(budget_tkr, outcome_tkr, unit), part)


def sort_key(field: str, unit: str):
    """What a unit is ordered by in the column `field`: the value shown (None: no figures)."""
    if field == "name":
        return lambda child: child.unit.name.casefold().translate(SWEDISH_LETTERS)
    if field == "status":
        return lambda child: STATUS_ORDER[deviation_status(child.figures)]
    if field == "share":
        return lambda child: deviation_share(child.figures)
    column = next(c for c in FIGURE_COLUMNS if c.field == field)
    first, second = (_FIGURE_NAMES.index(name) for name in (
        ("budget_tkr", "utfall_tkr") if column.period == TO_DATE
        else ("year_budget_tkr", "prognos_tkr")))
    part = column.part
    which = ("budget", "outcome", "difference").index(part)
    places, divisor = DECIMALS[unit], 1000 if unit == "mnkr" else 1

    if places == 0 and divisor == 1:
        amount_shown = round  # whole tkr: an int, the value fmt.rounded gives as a float
    else:
        def amount_shown(amount_tkr: float) -> float:
            return fmt.rounded(amount_tkr / divisor, places) + 0.0

    def shown(child: ChildFigures):
        figures = child.figures
        if figures is None:
            return None
        budget_tkr, outcome_tkr = figures[first], figures[second]
        if budget_tkr is not None and outcome_tkr is not None:
            # shown_part's common case written out, hundreds of units a view (a test holds
            # the two to the same values for every column).
            budget, outcome = amount_shown(budget_tkr), amount_shown(outcome_tkr)
            difference = fmt.rounded(outcome - budget, places)
            if difference:
                return (budget, outcome, difference)[which]
        return shown_part(budget_tkr, outcome_tkr, unit, part)
    return shown


def ordered_children(view: View, children: Sequence[ChildFigures]) -> list[ChildFigures]:
    """The units in the view's order (see SORT_FIELDS); equals keep the organisation's order."""
    key = sort_key(view.sort.removeprefix("-"), view.money)
    keys = list(map(key, children))
    known = sorted([i for i, value in enumerate(keys) if value is not None],
                   key=keys.__getitem__, reverse=view.sort.startswith("-"))
    return [children[i] for i in known] + [
        child for value, child in zip(keys, children) if value is None]


def sort_text(view: View) -> str:
    """The table's order in words, e.g. `Sorterad med störst negativ avvikelse först`."""
    field, descending = view.sort.removeprefix("-"), view.sort.startswith("-")
    if field == "deviation" and not descending:
        return "Sorterad med störst negativ avvikelse först"
    if field == "name":
        return f"Sorterad efter namn, {'Ö–A' if descending else 'A–Ö'}"
    if field == "status":
        return f"Sorterad efter status, {'i fas' if descending else 'störst avvikelse'} först"
    column = next(c for c in FIGURE_COLUMNS if c.field == field)
    header = plain(column.header).lower()
    return (f"Sorterad efter {header} {months_text(view, column.period)}, "
            f"{'högst' if descending else 'lägst'} först")


def table_entries(view: View, data: EconomyData) -> list[ChildFigures | Figures]:
    """The children table's rows in order, before they are texts: each unit one level down,
    then what is booked on this unit (its Figures) when there is any."""
    entries: list[ChildFigures | Figures] = ordered_children(view, data.children)
    direct = booked_on_unit(data.figures(view.month), data.children) if data.children else None
    if direct is not None and not data.hidden_children:
        entries.append(direct)
    return entries


def child_row(view: View, entry: ChildFigures | Figures) -> dict:
    """A row of the table: a unit one level down (a link), or what is booked on this unit."""
    return _row_maker(view)(entry)


def _row_maker(view: View):
    """`child_row` for the view's entries, with what the rows' links share worked out once
    (the path, the carried switches and the view's arguments): a view has hundreds."""
    path = get_relative_path(page_path(KEY))
    enhet_path = get_relative_path(page_path("enhet"))
    switches = carried()
    unit_search = query_strings({**switches, **view.args}, "unit")  # as View.unit_url
    unit_page = query_strings({**switches, "year": view.year, "month": view.month}, "code")
    money = view.money

    def row(entry: ChildFigures | Figures) -> dict:
        if isinstance(entry, Figures):
            return {"name": f"Bokfört direkt på {view.unit.name}", "code": "",
                    "search": "direct", "href": None, **figure_values(entry, money)}
        code = entry.unit.code
        search = unit_search(code)
        return {"name": entry.unit.name, "code": code, "search": search,
                "href": path + search, "unit_page": enhet_path + unit_page(code),
                **figure_values(entry.figures, money)}
    return row


def child_rows(view: View, data: EconomyData, entries: Sequence | None = None) -> list[dict]:
    """The table's rows: each unit one level down (a link) in the view's order, then what is
    booked on this unit; of `entries` (table_entries) when given."""
    row = _row_maker(view)
    return [row(entry) for entry in (table_entries(view, data) if entries is None
                                     else entries)]


def page_of(view: View, entries: Sequence) -> Sequence:
    """The entries on the view's page of the table."""
    first = (view.page - 1) * PAGE_ROWS
    return entries[first:first + PAGE_ROWS]


def children_table(view: View, rows: list[dict]) -> exports.Table:
    """The units one level down as a file: code, name and the figures (numbers, not text)."""
    columns = [exports.Column("Kod"), exports.Column("Namn")] + [
        amount_column(file_header(view, c), view.money, [row[c.field] for row in rows])
        if c.kind == "amount" else
        exports.Column(file_header(view, c), "percent" if c.kind == "percent" else "text")
        for c in FIGURE_COLUMNS
    ]
    values = [[row["code"], row["name"]] + [
        row["status_word"] if c.kind == "status" else row[c.field] for c in FIGURE_COLUMNS]
        for row in rows]
    return exports.Table(f"{CHILD_LABELS_SV.get(view.unit.level, 'Enheter')} {period_text(view)}",
                         columns, values)


def plain(header: str) -> str:
    """A header without its soft hyphens (they are for the narrow columns on screen)."""
    return header.replace("\u00ad", "")


def amount_column(header: str, money: str, values, signed: bool = False) -> exports.Column:
    """A file's column of amounts in `money` as shown: the unit's usual decimals (one in mnkr,
    none in tkr), or as many as the values shown with more have (see Shown)."""
    places = max(DECIMALS[money], exports.decimals_needed(values, MOST_DECIMALS[money]))
    return exports.Column(header, "decimal", signed, decimals=places)


# --- The breakdown by category --------------------------------------------------------------


RESULT_LINE_SV = "Resultat (intäkter minus kostnader)"
CATEGORY_SHARE_TEXT_SV = (
    "Avvikelse i procent är avvikelsen i förhållande till radens egen budget. För resultatet "
    "(sista raden) räknas den i stället på de budgeterade kostnaderna, som i nyckeltalen, "
    "eftersom resultatets budget kan ligga nära noll. Där den budgeten är 0 visas ingen procent."
)


@dataclass(frozen=True)
class CategoryLine:
    """A row of the breakdown: a category (indented when under another) and its figures, or
    the result (all categories; `result_costs_tkr` its budgeted costs, as a positive amount).

    The deviation in per cent is of the row's own budget; for the result, of the budgeted
    costs (as in the key figures), since a net budget may be near zero (CATEGORY_SHARE_TEXT_SV).
    """

    name: str
    indented: bool
    budget_tkr: float
    utfall_tkr: float
    result_costs_tkr: float | None = None  # set on the result line only

    @property
    def deviation_tkr(self) -> float:
        return self.utfall_tkr - self.budget_tkr

    @property
    def share_base_tkr(self) -> float:
        """What the deviation in per cent is of: the budget's size, the result's costs."""
        return abs(self.budget_tkr) if self.result_costs_tkr is None else self.result_costs_tkr

    @property
    def share(self) -> float | None:
        base = self.share_base_tkr
        return self.deviation_tkr / base if round(base, 1) else None

    def shown(self, unit: str) -> Shown:
        """Budget and utfall as shown in `unit`."""
        return as_shown(self.budget_tkr, self.utfall_tkr, unit)


def category_lines(categories: list[CategoryAmounts]) -> list[CategoryLine]:
    """Top categories always, each followed by the categories under it that have amounts;
    then the result."""
    by_parent: dict[int | None, list[CategoryAmounts]] = {}
    for c in categories:
        by_parent.setdefault(c.category.parent_id, []).append(c)
    lines = []
    for top in by_parent.get(None, []):
        lines.append(CategoryLine(top.category.name, False, top.budget_tkr, top.utfall_tkr))
        lines += [CategoryLine(c.category.name, True, c.budget_tkr, c.utfall_tkr)
                  for c in by_parent.get(top.category.id, []) if c.budget_tkr or c.utfall_tkr]
    tops = by_parent.get(None, [])
    costs = -sum(c.budget_tkr for c in tops if c.category.kind == "kostnad")
    lines.append(CategoryLine(RESULT_LINE_SV, False, sum(c.budget_tkr for c in tops),
                              sum(c.utfall_tkr for c in tops), costs))
    return lines


def category_headers(view: View, first: str = "Kostnad (−) eller intäkt (+)",
                     unit: str | None = None) -> list[str]:
    """The breakdown's headers, each naming its months and unit (default the view's)."""
    months, unit = period_text(view), unit or view.money
    return [first, f"Budget {months} ({unit})", f"Utfall {months} ({unit})",
            f"Avvikelse {months} ({unit})", "Avvikelse (%)"]


def category_values(line: CategoryLine, unit: str) -> list:
    """A line's budget, utfall and avvikelse as shown (Shown), and its share."""
    pair = line.shown(unit)
    return [pair.budget, pair.outcome, pair.difference, line.share]


def category_texts(line: CategoryLine, unit: str) -> list[str]:
    """A line's budget, utfall, avvikelse and share as Swedish text."""
    pair = line.shown(unit)
    return [pair.number(pair.budget), pair.number(pair.outcome),
            pair.number(pair.difference, signed=True), share_text(line.share)]


def category_table(view: View, lines: list[CategoryLine], title: str | None = None,
                   first: str = "Kostnad (−) eller intäkt (+)",
                   indent: str = "    ") -> exports.Table:
    """The breakdown by category as a file (the Nämndrapport's worst lines too)."""
    rows = [[(indent if line.indented else "") + line.name, *category_values(line, view.money)]
            for line in lines]
    name, budget, utfall, deviation, share = category_headers(view, first)
    columns = [exports.Column(name),
               *(amount_column(header, view.money, [row[n] for row in rows], n == 3)
                 for n, header in ((1, budget), (2, utfall), (3, deviation))),
               exports.Column(share, "percent", signed=True)]
    return exports.Table(title or f"Kategorier {period_text(view)}", columns, rows)


# --- The chart: month by month ----------------------------------------------------------------

BUDGET_COLOUR, UTFALL_COLOUR, PROGNOS_COLOUR = "#5F6B73", "#1F3A5F", "#AA3377"
WORSE_COLOUR, BETTER_COLOUR = "#B84A00", "#007A5A"  # the status colours ✗ and ✓


@dataclass(frozen=True)
class MonthLine:
    """A month of the chart's data table, in tkr (cumulative from January)."""

    month: int
    budget_tkr: float | None
    utfall_tkr: float | None
    cumulative_budget_tkr: float
    cumulative_utfall_tkr: float | None
    prognos_tkr: float | None

    @property
    def deviation_tkr(self) -> float | None:
        return None if self.utfall_tkr is None else self.utfall_tkr - (self.budget_tkr or 0.0)


def month_lines(months: list[MonthAmounts], month: int) -> list[MonthLine]:
    """Every month of the year with cumulative budget; utfall and prognos up to `month`."""
    by_month = {m.month: m for m in months}
    lines, budget, utfall = [], 0.0, 0.0
    for number_ in range(1, 13):
        m = by_month.get(number_)
        budget += (m and m.budget_tkr) or 0.0
        reported = m is not None and number_ <= month and m.utfall_tkr is not None
        utfall += m.utfall_tkr if reported else 0.0
        lines.append(MonthLine(number_, m and m.budget_tkr, m.utfall_tkr if reported else None,
                               budget, utfall if reported else None,
                               m.prognos_tkr if m is not None and number_ <= month else None))
    return lines


def monthly_figure(lines: list[MonthLine], month: int, prognos_tkr: float | None,
                   unit: str) -> dict:
    """Cumulative budget and utfall, the prognos path to December, monthly deviation as bars."""
    x = [fmt.MONTHS_SHORT[line.month - 1] for line in lines]
    shown = lines[:month]
    traces = [
        _line("Budget, ackumulerad", x, [line.cumulative_budget_tkr for line in lines], unit,
              BUDGET_COLOUR, "dot"),
        _line("Utfall, ackumulerat", x[:month], [line.cumulative_utfall_tkr for line in shown],
              unit, UTFALL_COLOUR, "solid", width=3),
    ]
    reached = shown[-1].cumulative_utfall_tkr if shown else None
    if prognos_tkr is not None and reached is not None and month < 12:
        traces.append(_line("Prognos till årets slut", [x[month - 1], x[-1]],
                            [reached, prognos_tkr], unit, PROGNOS_COLOUR, "dash"))
    deviation = [line.deviation_tkr for line in shown]
    traces.append({
        "type": "bar", "name": "Avvikelse per månad", "x": x[:month],
        "y": [scaled(d, unit) for d in deviation], "xaxis": "x2", "yaxis": "y2",
        "text": [month_deviation_text(line, unit) for line in shown], "textposition": "none",
        "hovertemplate": "%{x}: %{text}<extra>Avvikelse</extra>",
        "marker": {"color": [WORSE_COLOUR if (d or 0) < 0 else BETTER_COLOUR for d in deviation]},
    })
    return {"data": traces, "layout": _chart_layout(x, unit)}


def _line(name: str, x: list, amounts_tkr: list, unit: str, colour: str, dash: str,
          width: int = 2) -> dict:
    """A line trace of amounts in tkr, drawn in `unit`, with Swedish hover texts."""
    return {"type": "scatter", "mode": "lines+markers", "name": name, "x": x,
            "y": [scaled(a, unit) for a in amounts_tkr],
            "text": [amount(a, unit) for a in amounts_tkr],
            "line": {"color": colour, "dash": dash, "width": width}, "marker": {"size": 6},
            "hovertemplate": f"%{{x}}: %{{text}}<extra>{name}</extra>"}


def _chart_layout(x: list, unit: str) -> dict:
    """Two stacked plots sharing the months: cumulative amounts above, monthly deviation below."""
    axis = {"gridcolor": "#E3E7EB", "zeroline": True, "zerolinecolor": "#8C959F",
            "tickfont": {"size": 13}}
    months = {**axis, "categoryorder": "array", "categoryarray": x}
    return charts.layout(
        460, margin={"l": 8, "r": 16, "t": 56, "b": 8},
        paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF", hovermode="x unified",
        hoverlabel={"font": dict(charts.FONT)},
        legend={"orientation": "h", "x": 0, "y": 1.14, "font": {"size": 13}},
        xaxis={**months, "anchor": "y", "showticklabels": False},
        xaxis2={**months, "anchor": "y2", "matches": "x"},
        yaxis={**axis, "domain": [0.36, 1], "title": {"text": f"Ackumulerat, {unit}"},
               "tickformat": ",~f", "exponentformat": "none"},
        yaxis2={**axis, "domain": [0, 0.27], "title": {"text": f"Per månad, {unit}"},
                "tickformat": ",~f", "exponentformat": "none"},
        bargap=0.35,
    )


MONTH_HEADERS = ("Budget", "Utfall", "Avvikelse", "Budget ackumulerad", "Utfall ackumulerat",
                 "Prognos helår lämnad i månaden")


def month_headers(unit: str) -> list[str]:
    """The chart's data table's headers, each naming the unit."""
    return ["Månad", *(f"{header} ({unit})" for header in MONTH_HEADERS)]


def month_values(line: MonthLine, unit: str) -> tuple[Shown, list]:
    """A month's budget, utfall and avvikelse as shown (Shown), then the cumulative budget and
    utfall and the prognos, each rounded on its own."""
    pair = as_shown(line.budget_tkr, line.utfall_tkr, unit)
    return pair, [pair.budget, pair.outcome, pair.difference,
                  *(scaled(value, unit) for value in (line.cumulative_budget_tkr,
                                                     line.cumulative_utfall_tkr, line.prognos_tkr))]


def month_deviation_text(line: MonthLine, unit: str) -> str:
    """A month's avvikelse with its unit, as the chart's table shows it."""
    pair = month_values(line, unit)[0]
    return pair.amount(pair.difference, signed=True)


def month_rows(lines: list[MonthLine], month: int, unit: str) -> list[list[str]]:
    """The chart's data table: each month up to `month`, amounts in `unit`."""
    rows = []
    for line in lines[:month]:
        pair, (budget, utfall, deviation, *rest) = month_values(line, unit)
        rows.append([fmt.month_name(line.month).capitalize(), pair.number(budget),
                     pair.number(utfall), pair.number(deviation, signed=True),
                     *(fmt.number(value, DECIMALS[unit]) for value in rest)])
    return rows


def months_table(view: View, lines: list[MonthLine]) -> exports.Table:
    """The chart's data table as a file."""
    rows = [[fmt.month_name(line.month).capitalize(), *month_values(line, view.money)[1]]
            for line in lines[:view.month]]
    columns = [exports.Column("Månad")] + [
        amount_column(header, view.money, [row[n] for row in rows], header.startswith("Avv"))
        for n, header in enumerate(month_headers(view.money)[1:], start=1)]
    return exports.Table(f"Månader {view.year}", columns, rows)


# --- The financial goals ----------------------------------------------------------------------

DIRECTION_WORDS_SV = {"higher": "minst", "lower": "högst"}


def goal_value(value: float | None, unit: str) -> str:
    """A financial goal's value with its unit, e.g. `1,7 %` or `790 kr/invånare`."""
    if value is None:
        return fmt.MISSING
    if unit == "%":
        return fmt.percent(value)
    return f"{fmt.number(value, 0 if abs(value) >= 100 else 1)}{fmt.NBSP}{unit}"


def goal_target(goal: FinancialGoal) -> str:
    """The target in words, e.g. `minst 2,0 %`."""
    if goal.target is None:
        return fmt.MISSING
    if goal.direction == "band":
        return f"{goal_value(goal.target, goal.unit)}–{goal_value(goal.upper, goal.unit)}"
    return f"{DIRECTION_WORDS_SV[goal.direction]} {goal_value(goal.target, goal.unit)}"


def goal_status(goal: FinancialGoal) -> str:
    """The goal's status by the indicator rule (target, direction and tolerance)."""
    return indicator_status(goal.outcome, goal.target, direction=goal.direction,
                            tolerance=goal.tolerance, upper=goal.upper)


# --- Callbacks ----------------------------------------------------------------------------


def register(app) -> None:
    """The period selectors write the URL (in the browser: assets/callbacks.js); the table's
    headers, names and pages are links (a click elsewhere on a row follows its name's link:
    assets/ekonomi.js). After a drill-down the link used is gone, so the focus goes to the
    heading, as in Mål (the selectors keep it); after a new order it stays on the header."""
    register_choice_writer(app, KEY, "year", "month")
    register_focus_after_render(app, KEY, f"{KEY}-args")
