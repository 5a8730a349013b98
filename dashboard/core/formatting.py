"""Swedish formatting of numbers, amounts, dates and follow-up periods for the interface.

Numbers follow Swedish convention: a non-breaking space between thousands, a decimal comma
and a real minus sign (U+2212), e.g. `−1 234,5`. Amounts are stored in tkr.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from functools import lru_cache

from babel import Locale

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = "\u2212"
MISSING = "–"  # shown where a value is missing


def _swedish_symbols() -> dict[int, str]:
    """Python's number symbols (`,` grouping, `.` decimal, `-`) to Babel's Swedish ones.

    Swedish groups by three like Python's `,` format, so a table translation gives Babel's
    result in a microsecond, where Babel's own formatter takes fifty: pages format thousands.
    """
    symbols = Locale.parse(LOCALE).number_symbols["latn"]
    return str.maketrans({",": symbols["group"], ".": symbols["decimal"], "-": MINUS})


SWEDISH_SYMBOLS = _swedish_symbols()

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")
MONTHS_SHORT = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
FOLLOWUP_NAMES = {"T1": "T1", "DELAR": "Delår", "HELAR": "Helår"}
COUNT = "antal"  # an indicator's unit when it counts things: the number alone says it


def rounded(value: float, places: int) -> float:
    """round(value, places), to whole numbers as round(value): the same value (both round the
    exact binary value half to even; -0.0 comes out as 0.0) at under half the cost, and the
    Ekonomi page rounds every unit's amounts to whole tkr, hundreds of units a view."""
    return float(round(value)) if places == 0 else round(value, places)


_SPECS = tuple(f",.{decimals}f" for decimals in range(7))  # number's formats, made once


def number(value: float | None, decimals: int = 0, *, signed: bool = False) -> str:
    """A number in Swedish format; `signed` puts a plus sign before positive numbers."""
    if value is None:
        return MISSING
    rounded = round(float(value), decimals) or 0.0  # `or` turns −0.0 into 0.0
    spec = _SPECS[decimals] if 0 <= decimals < len(_SPECS) else f",.{decimals}f"
    text = format(rounded, spec).translate(SWEDISH_SYMBOLS)
    return f"+{text}" if signed and rounded > 0 else text


def percent(value: float | None, decimals: int = 1) -> str:
    """A value already in percent, e.g. 87.3 → `87,3 %`."""
    return MISSING if value is None else f"{number(value, decimals)}{NBSP}%"


def value_decimals(value: float, unit: str) -> int:
    """Decimals for a measured value: none for a whole count or from 100 up (kr per invånare),
    else one (a count's unit may hide a rate, such as per 1 000 invånare: its decimals stay)."""
    if unit == COUNT and float(value).is_integer():
        return 0
    return 0 if abs(value) >= 100 else 1


@lru_cache(maxsize=8192)  # a page formats each value twice: its table and its chart's hover
def value_in_unit(value: float | None, unit: str) -> str:
    """A measured value with its unit, e.g. `87,3 %`, `43 711 kr/invånare`, `4,5 dagar`; a
    count as the number alone (`31`, not `31,0 antal`): the indicator's name says what it counts."""
    if value is None:
        return MISSING
    if unit == "%":
        return percent(value, 1)
    text = number(value, value_decimals(value, unit))
    return text if unit == COUNT else f"{text}{NBSP}{unit}"


def tkr(amount_tkr: float | None, *, signed: bool = False) -> str:
    """An amount in thousands of kronor, e.g. `−1 234 tkr`."""
    return MISSING if amount_tkr is None else f"{number(amount_tkr, 0, signed=signed)}{NBSP}tkr"


def mnkr(amount_tkr: float | None, decimals: int = 1, *, signed: bool = False) -> str:
    """An amount given in tkr, shown in millions of kronor, e.g. `−12,4 mnkr`."""
    if amount_tkr is None:
        return MISSING
    return f"{number(amount_tkr / 1000, decimals, signed=signed)}{NBSP}mnkr"


def iso_date(day: dt.date | None) -> str:
    """A date in ISO 8601, e.g. `2026-10-31`."""
    return MISSING if day is None else day.isoformat()


def followup_label(kind: str, year: int) -> str:
    """A follow-up period as the region writes it: `T1 2026`, `Delår 2026`, `Helår 2025`."""
    return f"{FOLLOWUP_NAMES[kind]} {year}"


def month_name(month: int) -> str:
    """A month's Swedish name in lower case, e.g. `oktober`."""
    return MONTHS[month - 1]


def month_label(year: int, month: int) -> str:
    """A month as the region writes it, e.g. `okt 2026`."""
    return f"{MONTHS_SHORT[month - 1]} {year}"


def year_to_date_label(year: int, last_month: int) -> str:
    """The months from January to `last_month`, e.g. `jan–okt 2026` (just `jan 2026` in January)."""
    if last_month == 1:
        return month_label(year, 1)
    return f"{MONTHS_SHORT[0]}–{MONTHS_SHORT[last_month - 1]} {year}"


def difference_decimals(first: float, second: float, decimals: int, most: int) -> int:
    """The decimals to show two amounts with so that their difference, taken of the rounded
    amounts, is zero only when the exact difference is (to `most` decimals): `decimals`, or
    more when a small difference would otherwise vanish (e.g. 4,612 − 4,586 shown as 0,0)."""
    if not round(second - first, most):
        return decimals
    return next(d for d in range(decimals, most + 1)
                if rounded(rounded(second, d) - rounded(first, d), d) or d == most)


def whole_percentages(counts: Sequence[int]) -> list[int] | None:
    """Each count's share of their total in whole per cent, adding up to exactly 100 (the
    largest remainders are rounded up); None when the total is 0."""
    total = sum(counts)
    if not total:
        return None
    exact = [100 * count / total for count in counts]
    shares = [math.floor(share) for share in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: shares[i] - exact[i])
    for i in by_remainder[:100 - sum(shares)]:
        shares[i] += 1
    return shares
