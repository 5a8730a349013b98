"""Periods of the demo's calendar: months, tertials, years and follow-up dates."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

TERTIAL_END_MONTHS = (4, 8, 12)
FOLLOWUP_KINDS_BY_MONTH = {4: "T1", 8: "DELAR", 12: "HELAR"}
MONTH_NAMES_SV = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)


class Period(NamedTuple):
    """One measurement period: canonical text, last day, and its middle month for seasonality."""

    text: str
    end: dt.date
    year: int
    month: int  # the month the period's seasonal effect is taken from


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The last day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return month_end(index // 12, index % 12 + 1)


def latest_month_end(day: dt.date) -> dt.date:
    """`day` if it is a month's last day, else the last day of the month before."""
    return day if day == month_end(day.year, day.month) else add_months(day, -1)


def periods(frequency: str, first_year: int, as_of: dt.date) -> list[Period]:
    """Every period of a frequency from January of `first_year` that has ended by `as_of`."""
    result = []
    for year in range(first_year, as_of.year + 1):
        if frequency == "month":
            result += [Period(f"{year}-{m:02d}", month_end(year, m), year, m) for m in range(1, 13)]
        elif frequency == "tertial":
            result += [
                Period(f"{year}-T{i}", month_end(year, m), year, m - 2)
                for i, m in enumerate(TERTIAL_END_MONTHS, start=1)
            ]
        else:
            result.append(Period(str(year), dt.date(year, 12, 31), year, 6))
    return [p for p in result if p.end <= as_of]


def followup_dates(first_year: int, as_of: dt.date) -> list[tuple[int, str, dt.date]]:
    """(year, kind, end date) of every T1, Delår and Helår that has ended by `as_of`."""
    return [
        (year, FOLLOWUP_KINDS_BY_MONTH[month], month_end(year, month))
        for year in range(first_year, as_of.year + 1)
        for month in TERTIAL_END_MONTHS
        if month_end(year, month) <= as_of
    ]


def period_label(text: str) -> str:
    """A measurement period as the region writes it: '2025', 'T1 2025', 'april 2025'."""
    if "-T" in text:
        year, tertial = text.split("-T")
        return f"T{tertial} {year}"
    if "-" in text:
        year, month = text.split("-")
        return f"{MONTH_NAMES_SV[int(month) - 1]} {year}"
    return text


def followup_label(year: int, kind: str) -> str:
    """'T1 2026', 'Delår 2026', 'Helår 2025'."""
    return {"T1": f"T1 {year}", "DELAR": f"Delår {year}", "HELAR": f"Helår {year}"}[kind]
