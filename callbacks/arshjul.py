"""Årshjul: pure functions from the calendar's dates to words, report links, the next meeting,
the downloadable table and the calendar feed (.ics)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple
from zoneinfo import ZoneInfo

import icalendar

from dashboard.core import exports
from dashboard.core import formatting as fmt
from dashboard.core.urls import page_url
from dashboard.core.wording import fill
from data_access.queries.arshjul import CalendarRow

TIMEZONE = "Europe/Stockholm"
REFRESH = dt.timedelta(hours=1)


class KindWords(NamedTuple):
    """A kind of date in words, as a symbol, and its colour class (never colour alone)."""

    word: str
    symbol: str
    colour: str


KIND_SV = {
    "plan": KindWords("Plan och budget", "◆", "kind-plan"),
    "arsredovisning": KindWords("Årsredovisning", "▣", "kind-report"),
    "tertialrapport": KindWords("Tertialrapport", "▣", "kind-report"),
    "delarsrapport": KindWords("Delårsrapport", "▣", "kind-report"),
    "sammantrade": KindWords("Sammanträde", "●", "kind-meeting"),
    "rapportering": KindWords("Rapportering", "⚑", "kind-deadline"),
    "internkontroll": KindWords("Internkontroll", "⚑", "kind-control"),
}
REPORT_KINDS = ("arsredovisning", "tertialrapport", "delarsrapport")


def followup_text(followup: str | None) -> str:
    """'2026-DELAR' as the region writes it: 'Delår 2026' (empty for none)."""
    if not followup:
        return ""
    year, kind = followup.split("-")
    return fmt.followup_label(kind, int(year))


def when(row: CalendarRow) -> str:
    """The time of day, '09:00–16:00', or 'Heldag' for a date without one."""
    if row.start_time is None:
        return "Heldag"
    start = row.start_time.strftime("%H:%M")
    return f"{start}–{row.end_time.strftime('%H:%M')}" if row.end_time else start


def who(row: CalendarRow) -> str:
    """The nämnd a date belongs to, or the whole organisation's."""
    return row.namnd_name or fill("{Whole}")


def reading(row: CalendarRow) -> tuple[str, str] | None:
    """(what to read, its URL) for a date: the Nämndrapport a nämnd's meeting or reporting
    discusses, the Regionrapport a report or the council's meeting discusses, the
    internkontrollplan a deadline concerns, the goals the plan sets; None when nothing."""
    if row.kind == "internkontroll" and row.namnd_code:
        year = int(row.followup.split("-")[0]) if row.followup else row.day.year
        return (f"Internkontrollplan {year}",
                page_url("internkontrollplan", namnd=row.namnd_code, year=year))
    if row.kind == "plan":
        return ("Målen", page_url("mal"))
    if not row.followup:
        return None
    period = followup_text(row.followup)
    if row.namnd_code and row.kind in ("sammantrade", "rapportering"):
        return (f"Nämndrapport {period}",
                page_url("namndrapport", namnd=row.namnd_code, period=row.followup))
    return (f"Regionrapport {period}", page_url("regionrapport", period=row.followup))


def next_meeting(rows: Sequence[CalendarRow], today: dt.date) -> CalendarRow | None:
    """The first meeting on or after `today` (rows in date order)."""
    return next((r for r in rows if r.kind == "sammantrade" and r.day >= today), None)


def anchor(row: CalendarRow) -> str:
    """The id of a date's row in the page's table."""
    return "arshjul-" + re.sub(r"[^A-Za-z0-9_-]", "-", row.code)


def accessible_name(row: CalendarRow) -> str:
    """Everything a screen reader needs of a date, in one sentence."""
    read = reading(row)
    parts = [fmt.iso_date(row.day), when(row).replace("Heldag", "hela dagen"),
             KIND_SV[row.kind].word, row.title]
    if read:
        parts.append(f"läs {read[0]}")
    return ", ".join(parts)


COLUMNS = (exports.Column("Datum"), exports.Column("Tid"), exports.Column("Typ"),
           exports.Column("Händelse"), exports.Column("Nämnd"), exports.Column("Uppföljning"),
           exports.Column("Plats"))


def events_file(rows: Sequence[CalendarRow], year: int, namnd_name: str | None) -> exports.Table:
    """The year's dates as a downloadable table."""
    about = f"{year}, {namnd_name}" if namnd_name else str(year)
    return exports.Table(
        "Årshjul", COLUMNS,
        [[fmt.iso_date(r.day), when(r), KIND_SV[r.kind].word, r.title, who(r),
          followup_text(r.followup), r.place] for r in rows],
        about=about)


# --- The calendar feed ---------------------------------------------------------------------


def _event(row: CalendarRow, host: str, base_url: str, stamp: dt.datetime) -> icalendar.Event:
    """One date as a VEVENT: all-day without a time, else in Swedish time."""
    event = icalendar.Event()
    event.add("uid", f"{row.code}@{host}")  # the code is the date's natural key: stable
    event.add("dtstamp", stamp)
    event.add("summary", row.title)
    if row.start_time is None:
        event.add("dtstart", row.day)
        event.add("dtend", row.day + dt.timedelta(days=1))
    else:
        zone = ZoneInfo(TIMEZONE)
        event.add("dtstart", dt.datetime.combine(row.day, row.start_time, zone))
        if row.end_time is not None:
            event.add("dtend", dt.datetime.combine(row.day, row.end_time, zone))
    event.add("categories", [KIND_SV[row.kind].word])
    if row.place:
        event.add("location", row.place)
    lines = [f"{KIND_SV[row.kind].word} · {who(row)}"]
    if row.followup:
        lines.append(f"Uppföljning: {followup_text(row.followup)}")
    read = reading(row)
    if read:
        lines.append(f"Läs: {read[0]}, {base_url}{read[1]}")
        event.add("url", base_url + read[1])
    event.add("description", "\n".join(lines))
    return event


def calendar_feed(rows: Sequence[CalendarRow], name: str, host: str, base_url: str,
                  stamp: dt.datetime) -> bytes:
    """The dates as an iCalendar file (RFC 5545) that calendar clients subscribe to."""
    feed = icalendar.Calendar()
    feed.add("prodid", "-//Rödtråd//Årshjul//SV")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", TIMEZONE)
    # How often a subscribed client should ask again (RFC 7986, and Outlook's own word).
    feed.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    feed.add("x-published-ttl", "PT1H")
    for row in rows:
        feed.add_component(_event(row, host, base_url, stamp))
    feed.add_missing_timezones()
    return feed.to_ical()
