"""Prognossäkerhet: each month's forecast error per nämnd, the mean absolute error, a verdict by
documented thresholds, the chart, the tables and the files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from callbacks.statsbidrag import badge, parse_year
from callbacks.pagetools import register_search_writer
from dashboard import charts
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Column, Table
from data_access.queries.forecast import NamndForecasts, closed_years, namnd_forecasts
from data_access.scope import Viewer

ACCURATE_MAE_PCT = 1.0  # träffsäker: the forecasts missed by at most this much on average
SYSTEMATIC_SHARE = 0.5  # one-sided: the mean error is at least this share of the mean miss

OPTIMISTIC, PESSIMISTIC, ACCURATE, MIXED, MISSING = (
    "optimistic", "pessimistic", "accurate", "mixed", "missing")


class Verdict(NamedTuple):
    """A verdict in words, as a symbol, and the badge colour (never alone)."""

    word: str
    symbol: str
    colour: str
    meaning: str


VERDICTS_SV = {
    ACCURATE: Verdict("Träffsäker", "✓", "green", "Prognoserna låg nära det verkliga utfallet."),
    OPTIMISTIC: Verdict("För optimistisk", "▲", "red",
                        "Prognoserna trodde på ett bättre resultat än det blev."),
    PESSIMISTIC: Verdict("För pessimistisk", "▼", "yellow",
                         "Prognoserna trodde på ett sämre resultat än det blev."),
    MIXED: Verdict("Ojämn", "↕", "yellow", "Prognoserna missade åt båda hållen."),
    MISSING: Verdict("Saknar prognoser", "–", "grey", "Det finns inga prognoser att jämföra."),
}
RULE_TEXT_SV = (
    "Varje månad gör nämnderna en prognos för helårets resultat. När året är slut jämför vi "
    "varje månads prognos med det verkliga utfallet för hela året.",
    "Prognosfel = prognos − utfall. Intäkter räknas positivt och kostnader negativt, så ett "
    "positivt prognosfel betyder att prognosen var för optimistisk: den trodde på ett bättre "
    "resultat än det blev. Ett negativt prognosfel betyder att prognosen var för pessimistisk.",
    "Felet i procent räknas på storleken av nämndens utfall för helåret. Medelfelet är "
    "genomsnittet av felens storlek, utan hänsyn till riktning.",
    f"Bedömning: {VERDICTS_SV[ACCURATE].symbol} {VERDICTS_SV[ACCURATE].word} när medelfelet är "
    f"högst {fmt.percent(ACCURATE_MAE_PCT, 0)}. Annars {VERDICTS_SV[OPTIMISTIC].symbol} "
    f"{VERDICTS_SV[OPTIMISTIC].word} när prognoserna i genomsnitt låg över utfallet med minst "
    "halva medelfelet, och "
    f"{VERDICTS_SV[PESSIMISTIC].symbol} {VERDICTS_SV[PESSIMISTIC].word} när de låg lika mycket "
    f"under. Övriga får {VERDICTS_SV[MIXED].symbol} {VERDICTS_SV[MIXED].word}: felen gick åt "
    "båda hållen.",
    "Skatter och generella statsbidrag som bokförs på {noun} gemensamt ingår inte.",
)
# Okabe–Ito: safe for colour-blind readers; each line also has its own marker and dash.
LINE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")
MARKERS = ("circle", "square", "diamond", "triangle-up", "x", "triangle-down", "star")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "solid", "dash")


# --- The computation -------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthError:
    """The full-year prognos made in `month` and how far it was from the outcome."""

    month: int
    forecast_tkr: float
    error_tkr: float
    error_pct: float | None  # of the outcome's size; None when the outcome is zero


@dataclass(frozen=True)
class Accuracy:
    """One nämnd's prognossäkerhet for a closed year."""

    code: str
    name: str
    outcome_tkr: float
    months: list[MonthError]
    mae_tkr: float | None
    mae_pct: float | None
    mean_error_pct: float | None
    verdict: str


def month_errors(outcome_tkr: float, forecasts_tkr: dict[int, float]) -> list[MonthError]:
    """Each month's prognos − outcome, in tkr and in percent of the outcome's size."""
    size = abs(outcome_tkr)
    return [MonthError(month, forecast, forecast - outcome_tkr,
                       (forecast - outcome_tkr) / size * 100 if size else None)
            for month, forecast in sorted(forecasts_tkr.items())]


def mean(values: list[float]) -> float | None:
    """The arithmetic mean, None for no values."""
    return sum(values) / len(values) if values else None


def verdict(mae_pct: float | None, mean_error_pct: float | None) -> str:
    """The verdict for a mean absolute error and mean signed error, both in percent."""
    if mae_pct is None or mean_error_pct is None:
        return MISSING
    if mae_pct <= ACCURATE_MAE_PCT:
        return ACCURATE
    if mean_error_pct >= SYSTEMATIC_SHARE * mae_pct:
        return OPTIMISTIC
    if mean_error_pct <= -SYSTEMATIC_SHARE * mae_pct:
        return PESSIMISTIC
    return MIXED


def accuracy(namnd: NamndForecasts) -> Accuracy:
    """A nämnd's month errors, mean absolute error, mean signed error and verdict."""
    months = month_errors(namnd.outcome_tkr, namnd.forecasts_tkr)
    pcts = [m.error_pct for m in months if m.error_pct is not None]
    mae_pct = mean([abs(p) for p in pcts])
    mean_pct = mean(pcts)
    return Accuracy(namnd.code, namnd.name, namnd.outcome_tkr, months,
                    mean([abs(m.error_tkr) for m in months]), mae_pct, mean_pct,
                    verdict(mae_pct, mean_pct))


# --- What the page shows ---------------------------------------------------------------------


def verdict_badge(key: str):
    """A verdict as a badge with symbol and word."""
    v = VERDICTS_SV[key]
    return badge(v.symbol, v.word, v.colour)


def verdict_text(key: str) -> str:
    """A verdict as symbol and word, e.g. `▲ För optimistisk`."""
    v = VERDICTS_SV[key]
    return f"{v.symbol} {v.word}"


SUMMARY_COLUMNS = ["Nämnd", "Resultat helår (utfall)", "Medelfel", "Medelfel i procent",
                   "Genomsnittlig riktning", "Bedömning"]
SUMMARY_NUMERIC = [False, True, True, True, True, False]


def summary_rows(results: list[Accuracy]) -> list[list]:
    """Per nämnd: outcome, mean absolute error (mnkr, %), mean signed error (%), verdict."""
    return [[a.name, fmt.mnkr(a.outcome_tkr), error_mnkr(a.mae_tkr), fmt.percent(a.mae_pct),
             signed_percent(a.mean_error_pct), verdict_badge(a.verdict)]
            for a in results]


def error_mnkr(error_tkr: float | None, *, signed: bool = False) -> str:
    """An error in mnkr, with the decimals it takes not to read 0,0 when it is not 0."""
    if error_tkr is None:
        return fmt.MISSING
    return fmt.mnkr(error_tkr, fmt.difference_decimals(0.0, error_tkr / 1000, 1, 4),
                    signed=signed)


def signed_percent(value: float | None) -> str:
    """A signed percentage, e.g. `+1,8 %`."""
    return fmt.MISSING if value is None else f"{fmt.number(value, 1, signed=True)}{fmt.NBSP}%"


def month_columns(results: list[Accuracy]) -> list[str]:
    """`Prognos gjord i`, then each nämnd's error in mnkr and in percent."""
    return ["Prognos gjord i", *[f"{a.code} {unit}" for a in results for unit in ("mnkr", "%")]]


def month_grid(results: list[Accuracy]) -> list[tuple[int, list[MonthError | None]]]:
    """Each month a prognos was made in, with each nämnd's error then (None if it made none)."""
    by_month = [{m.month: m for m in a.months} for a in results]
    months = sorted({month for errors in by_month for month in errors})
    return [(month, [errors.get(month) for errors in by_month]) for month in months]


def month_rows(results: list[Accuracy]) -> list[list]:
    """One row per month a prognos was made in: each nämnd's error in mnkr and percent."""
    return [[fmt.month_name(month).capitalize(),
             *(text for m in errors
               for text in ([error_mnkr(m.error_tkr, signed=True), signed_percent(m.error_pct)]
                            if m else [fmt.MISSING, fmt.MISSING]))]
            for month, errors in month_grid(results)]


def error_figure(results: list[Accuracy]) -> dict:
    """The forecast error in percent per month, one line per nämnd, with the zero line."""
    data = []
    for i, a in enumerate(results):
        style = i % len(LINE_COLOURS)
        data.append({
            "type": "scatter", "mode": "lines+markers", "name": a.code,
            "x": [fmt.MONTHS_SHORT[m.month - 1] for m in a.months],
            "y": [m.error_pct for m in a.months],
            "line": {"color": LINE_COLOURS[style], "width": 2.5, "dash": DASHES[style]},
            "marker": {"symbol": MARKERS[style], "size": 8},
            "customdata": [f"{error_mnkr(m.error_tkr, signed=True)} ({signed_percent(m.error_pct)})"
                           for m in a.months],
            "hovertemplate": f"{a.name}<br>Prognos gjord i %{{x}}: %{{customdata}}<extra></extra>",
        })
    zero = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0, "y1": 0,
            "line": {"color": "#1f2328", "width": 1}}
    layout = charts.layout(
        380, shapes=[zero], legend_above=True,
        xaxis={"type": "category", "categoryorder": "array",
               "categoryarray": list(fmt.MONTHS_SHORT),
               "title": {"text": "Månaden då prognosen gjordes"}},
        yaxis={"ticksuffix": "\u00a0%", "title": {"text": "Prognosfel (prognos − utfall)"}},
    )
    return {"data": data, "layout": layout}


def error_label(results: list[Accuracy], year: int) -> str:
    """What the chart shows, for screen readers."""
    parts = "; ".join(f"{a.name}: medelfel {fmt.percent(a.mae_pct)}, {verdict_text(a.verdict)}"
                      for a in results)
    return (f"Linjediagram, prognosfel i procent per månad och nämnd {year}. {parts}. Alla "
            "värden finns i tabellen under diagrammet.")


# --- The page's data and files ------------------------------------------------------------


@dataclass(frozen=True)
class ForecastData:
    """The chosen closed year, all closed years, and each nämnd's prognossäkerhet."""

    year: int | None
    years: list[int]
    results: list[Accuracy]
    fresh: str = ""  # how fresh the section's economy is (set by the page's load)


def choose_closed_year(text, years: list[int]) -> int | None:
    """The closed year asked for, or the newest; BadArgument if it is not a closed year."""
    year = parse_year(text)
    if year is None:
        return years[0] if years else None
    if year not in years:
        choices = ", ".join(map(str, years))
        raise BadArgument("year", f"{year} är inget avslutat år med utfall för alla tolv "
                                 "månader" + (f". Välj något av åren {choices}." if years else "."))
    return year


def forecast_data(session, viewer: Viewer, year=None) -> ForecastData:
    """Prognossäkerhet per nämnd for the URL's `year` (BadArgument for a bad one)."""
    years = closed_years(session, viewer)
    chosen = choose_closed_year(year, years)
    results = [] if chosen is None else [accuracy(n) for n in
                                         namnd_forecasts(session, viewer, chosen)]
    return ForecastData(chosen, years, results)


EXPORT_COLUMNS = (
    Column("År"), Column("Nämndkod"), Column("Nämnd"), Column("Prognosmånad", "integer"),
    Column("Prognos gjord i"), Column("Prognos för resultatet helår (tkr)", "decimal"),
    Column("Resultat helår, utfall (tkr)", "decimal"), Column("Prognosfel (tkr)", "decimal"),
    Column("Prognosfel (%)", "percent"), Column("Bedömning"),
)


SUMMARY_FILE_COLUMNS = (
    Column("Nämndkod"), Column("Nämnd"), Column("Resultat helår, utfall (mnkr)", "decimal"),
    Column("Medelfel (mnkr)", "decimal"), Column("Medelfel (%)", "percent"),
    Column("Genomsnittlig riktning (%)", "percent", signed=True), Column("Bedömning"),
)


def _mnkr(tkr: float | None) -> float | None:
    """An amount in tkr in mnkr."""
    return None if tkr is None else tkr / 1000


def _share(percent: float | None) -> float | None:
    """A percentage (12.3) as the share a file's percent column holds (0.123)."""
    return None if percent is None else percent / 100


def summary_table(data: ForecastData) -> Table:
    """Per nämnd: outcome, mean absolute error, mean signed error and verdict, as a file."""
    rows = [[a.code, a.name, a.outcome_tkr / 1000, _mnkr(a.mae_tkr), _share(a.mae_pct),
             _share(a.mean_error_pct), VERDICTS_SV[a.verdict].word] for a in data.results]
    return Table(f"Prognossäkerhet per nämnd {data.year}", SUMMARY_FILE_COLUMNS, rows)


def month_table(data: ForecastData) -> Table:
    """The error per month and nämnd (the chart's table) as a file: mnkr and per cent."""
    columns = [Column("Prognos gjord i")] + [
        column for a in data.results
        for column in (Column(f"{a.code} (mnkr)", "decimal", signed=True),
                       Column(f"{a.code} (%)", "percent", signed=True))]
    rows = [[fmt.month_name(month).capitalize(),
             *(value for m in errors
               for value in ((_mnkr(m.error_tkr), _share(m.error_pct)) if m else (None, None)))]
            for month, errors in month_grid(data.results)]
    return Table(f"Prognosfel per månad {data.year}", columns, rows)


def export_table(data: ForecastData) -> Table:
    """Every nämnd's monthly prognos, outcome and error as plain values for CSV and Excel."""
    rows = [[str(data.year), a.code, a.name, m.month, fmt.month_name(m.month), m.forecast_tkr,
             a.outcome_tkr, m.error_tkr, _share(m.error_pct), VERDICTS_SV[a.verdict].word]
            for a in data.results for m in a.months]
    return Table(f"Prognossäkerhet {data.year}", EXPORT_COLUMNS, rows)


def register(app) -> None:
    """The page's year selector."""
    register_search_writer(app, "prognossakerhet", "year")
