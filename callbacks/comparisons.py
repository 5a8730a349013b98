"""Comparisons with Kolada's areas, shared by the indicator pages (Indikator, Nyckeltal), the
open-data files and the API: the organisation's rank in words, the tables of the ranking and
of a region's kommuner, the comparison lines of a chart (each with its own dash pattern and
marker, so that no line needs its colour to be told apart) and the files.

Kolada's terms (https://www.kolada.se/om-oss/api, "Användarvillkor"): the data is free to use
without an agreement, commercial use included; a service using it must say "Källa: Kolada";
what is computed from it (here: positions and medians) must not be credited to Kolada; it is
provided as it is, and Kolada revises and removes values without notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dash import html

from dashboard.core import exports
from dashboard.core import formatting as fmt
from data_access import ranking as rk
from data_access.profile import Profile
from data_access.queries import indicators as q
from data_access.ranking import Comparisons, Line, Ranking

KOLADA = "Kolada"
KOLADA_SOURCE = f"Källa: {KOLADA}"
KOLADA_TERMS_URL = "https://www.kolada.se/om-oss/api"
KOLADA_TERMS = ("Värdena för andra områden kommer från Kolada, kommunernas och regionernas "
                "databas som drivs av RKA. De får användas fritt och ska anges med "
                f"”{KOLADA_SOURCE}”. Kolada kan revidera eller ta bort värden utan att "
                "meddela det.")


def own_work(about_name: str) -> str:
    """Who computed what is derived from Kolada's values (Kolada's terms: not Kolada)."""
    return (f"Placering och median är {about_name}s egen beräkning av Koladas värden, "
            "inte Koladas.")


# --- Chart lines ------------------------------------------------------------------------------
# Each comparison line has its own dash pattern and marker, riket and the median their fixed
# ones; the colours (Paul Tol's colour-blind-safe palette, apart from the sexes' purple and
# blue and the målvärde's green) only help.
RIKET_STYLE = ("dash", "square", "#5F6B73")
MEDIAN_STYLE = ("longdashdot", "diamond-open", "#997700")
AREA_STYLES = (("dashdot", "triangle-up", "#EE6677"), ("longdash", "x", "#228899"),
               ("dot", "star", "#CCBB44"), ("5px,3px,1px,3px", "triangle-down", "#66CCEE"),
               ("10px,4px", "cross", "#BBBBBB"))


def line_styles(lines: Sequence[Line]) -> list[tuple[str, str, str]]:
    """(dash, marker symbol, colour) for each line, none the same."""
    styles, chosen = [], iter(AREA_STYLES)
    for line in lines:
        if line.code == rk.RIKET:
            styles.append(RIKET_STYLE)
        elif line.code == rk.MEDIAN:
            styles.append(MEDIAN_STYLE)
        else:
            styles.append(next(chosen))
    return styles


# --- Words ------------------------------------------------------------------------------------


def chart_note(lines: Sequence[Line], about_name: str) -> str:
    """What the chart's comparison lines are, and that each is told apart without colour."""
    names = ", ".join(line.name for line in lines)
    median = (f" Medianen är {about_name}s egen beräkning av Koladas värden."
              if any(line.code == rk.MEDIAN for line in lines) else "")
    return (f"Jämförelserna från Kolada ({names}) gäller hela {about_name}s värden och har var "
            "sitt streckmönster och sin egen markör; förklaringen under diagrammet visar vilken "
            f"som är vilken.{median}")


def _plural(kind: str, count: int) -> str:
    return {rk.REGION_KIND: "region", rk.KOMMUN_KIND: "kommun"}[kind] if count == 1 \
        else rk.KIND_PLURALS_SV[kind]


def position_text(r: Ranking) -> str:
    """`Plats 5 av 21 regioner (2025)`, `Delad plats 2 av 21 …` with a tie."""
    own = r.own
    where = f"av {r.count} {_plural(r.kind, r.count)} ({r.period})"
    if r.tied > 1:
        others = r.tied - 1
        return (f"Delad plats {own.position} {where}: samma värde som {others} "
                f"{'annan' if others == 1 else 'andra'}")
    return f"Plats {own.position} {where}"


def rank_lines(r: Ranking, unit: str) -> list[str]:
    """The ranking in sentences: position, best value, median, missing areas."""
    plural = rk.KIND_DEFINITE_SV[r.kind]
    if not r.ranked:
        lines = [f"{plural.capitalize()} rangordnas inte för det här nyckeltalet: det har ingen "
                 f"riktning där högre eller lägre är bättre ({r.count} "
                 f"{_plural(r.kind, r.count)} med värde {r.period}).",
                 f"Lägst {fmt.value_in_unit(r.areas[0].value, unit)}, högst "
                 f"{fmt.value_in_unit(r.areas[-1].value, unit)}."]
    else:
        best = r.best
        names = ", ".join(a.name for a in best)
        lines = [f"{position_text(r)}. Plats 1 är bäst ({'högst' if r.direction == 'higher' else 'lägst'} "
                 "värde).",
                 f"Bäst: {fmt.value_in_unit(best[0].value, unit)} ({names})."]
    lines.append(f"Median för {plural}: {fmt.value_in_unit(r.median, unit)}; "
                 f"{r.own.name}: {fmt.value_in_unit(r.own.value, unit)}.")
    if r.missing:
        lines.append(f"Utan värde för {r.period}: {', '.join(r.missing)}.")
    return lines


# --- Table rows ---------------------------------------------------------------------------------

RANKING_COLUMNS = ("Plats", "Område", "Värde")
KOMMUN_COLUMNS = ("Plats", "Kommun", "Värde")


def ranking_rows(r: Ranking, unit: str) -> list[list]:
    """The ranking as table rows, best first, the organisation in bold."""
    return [[fmt.MISSING if a.position is None else str(a.position),
             html.Strong(a.name) if a.own else a.name,
             fmt.value_in_unit(a.value, unit).replace(" ", fmt.NBSP)]
            for a in r.areas]


def yearly_columns(own_name: str, lines: Sequence[Line]) -> list[str]:
    """The yearly table's columns: year, the organisation, then each comparison line."""
    return ["År", own_name, *(line.name for line in lines)]


def yearly_rows(own_values: Mapping[str, float], lines: Sequence[Line], unit: str) -> list[list]:
    """Per year (newest first): the organisation's value and each line's."""
    columns = [dict(own_values), *(dict(line.values) for line in lines)]
    years = sorted({p for c in columns for p in c}, reverse=True)
    return [[year, *(number_text(c.get(year), unit) for c in columns)] for year in years]


def number_text(value: float | None, unit: str) -> str:
    """A value without its unit (the table says the unit once), e.g. `43 711` or `87,3`."""
    return fmt.MISSING if value is None else fmt.number(value, fmt.value_decimals(value, unit))


# --- Files --------------------------------------------------------------------------------------

FILE_COLUMNS = ("Indikatorkod", "Indikator", "Områdes-id", "Område", "Typ av område", "År",
                "Värde", "Plats", "Antal rangordnade", "Median", "Mätenhet", "Källa")
KIND_WORDS = {rk.RIKET_KIND: "Riket", rk.REGION_KIND: "Region", rk.KOMMUN_KIND: "Kommun",
              rk.OTHER_KIND: "Annat område"}


def comparison_file_rows(code: str, name: str, unit: str, direction: str, about_kind: str,
                         own: tuple[str, str], own_values: Mapping[str, float],
                         series: rk.Series) -> list[list]:
    """Every area's value per year, the organisation's own first in each year, with the
    position among the organisation's kind and that kind's median in each year."""
    own_code, own_name = own
    peers = {c: s for c, s in series.items() if rk.area_kind(c) == about_kind and c != own_code}
    years = sorted({p for _, v in series.values() for p in v} | set(own_values))
    rows = []
    for year in years:
        ranked = {}
        if year in own_values:
            r = rk.ranking_for(year, about_kind, direction,
                               rk.AreaValue(own_code, own_name, own_values[year]), peers)
            ranked = {a.code: (a.position, r.count, r.median) for a in r.areas}
            rows.append(_file_row(code, name, unit, own_code, own_name, "Organisationen", year,
                                  own_values[year], ranked.get(own_code), own_name))
        for area, (area_name, values) in sorted(series.items()):
            if year in values:
                rows.append(_file_row(code, name, unit, area, area_name,
                                      KIND_WORDS[rk.area_kind(area)], year, values[year],
                                      ranked.get(area), KOLADA))
    return rows


def _file_row(code, name, unit, area, area_name, kind, year, value, ranked, source) -> list:
    position, count, median = ranked or (None, None, None)
    return [code, name, area, area_name, kind, year, value, position, count, median, unit,
            source]


def comparison_table(title: str, rows: list[list]) -> exports.Table:
    """The comparison rows as a file: values and medians as measured numbers."""
    columns = []
    for i, header in enumerate(FILE_COLUMNS):
        if header in ("Värde", "Median"):
            columns.append(exports.measured(header, [row[i] for row in rows]))
        elif header in ("Plats", "Antal rangordnade"):
            columns.append(exports.Column(header, "integer"))
        else:
            columns.append(exports.Column(header))
    return exports.Table(title, columns, rows, about=KOLADA_SOURCE)


def ranking_json(r: Ranking | None) -> dict | None:
    """The ranking as the API and the JSON file give it."""
    if r is None:
        return None
    return {"period": r.period, "kind": r.kind, "direction": r.direction,
            "position": r.own.position, "tied": r.tied if r.ranked else None, "count": r.count,
            "best": r.best[0].value if r.best else None,
            "best_areas": [a.code for a in r.best], "median": r.median, "value": r.own.value,
            "missing": list(r.missing),
            "areas": [{"area": a.code, "area_name": a.name, "value": a.value,
                       "position": a.position} for a in r.areas]}


# --- Loading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Compared:
    """An indicator's comparisons for a viewer: the organisation's yearly values, every
    comparison area's series and what the pages show of them."""

    about: Profile
    own_values: dict[str, float]
    series: dict
    view: Comparisons

    @property
    def any(self) -> bool:
        return self.view.any

    def file_rows(self, ind) -> list[list]:
        """Every area's value per year for the comparison file (see comparison_file_rows)."""
        return comparison_file_rows(ind.code, ind.name, ind.unit, ind.direction, self.view.kind,
                                    (self.about.kolada_area, self.about.name), self.own_values,
                                    self.series)


NOTHING = Comparisons("", rk.REGION_KIND, (), None, None)


def load(session, viewer, about: Profile, indicator_id: int, direction: str,
         upto_year: int | None = None) -> Compared:
    """The indicator's comparisons up to a year (default: all), as the viewer may see them."""
    found = q.comparison_series(session, viewer, indicator_id, upto_year)
    series = {s.area_code: (s.area_name, dict(s.values)) for s in found}
    if not series:
        return Compared(about, {}, {}, NOTHING)
    own = q.organisation_years(session, viewer, indicator_id, upto_year)
    return Compared(about, own, series, rk.compare(about, direction, own, series))
