"""Årshjul: the `kalender` import (bad rows refused precisely, nothing half-written), the
demo's calendar, the page and its table over HTTP, the next meeting, and the calendar feeds
parsed back by a real iCalendar parser, for a calendar client and for logged-in viewers."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import icalendar
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from callbacks import arshjul as cb
from data_access.db import get_engine
from data_access.models import CalendarEvent
from data_access.queries.arshjul import calendar_events
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from layouts import arshjul as page
from tests.test_access import log_in
from tests.test_downloads import csv_rows, fetch, file_name
from tests.test_import_files import csv_bytes, load, small  # noqa: F401 (a fixture)
from tests.test_pages_http import render_page

HEADER = "Kod;Datum;Starttid;Sluttid;Typ;Titel;Nämnd;Uppföljning;Plats"
GOOD = "HSN-S1;2026-05-27;09:00;16:00;sammanträde;Nämndens möte;HSN;T1 2026;Sal A"


def stored(url: str) -> int:
    with Session(get_engine(url)) as session:
        return session.scalar(select(func.count()).select_from(CalendarEvent))


# --- Import -----------------------------------------------------------------------------------


def test_a_calendar_file_imports_and_reads_back(small):  # noqa: F811
    report = load(small, "kalender", csv_bytes(
        HEADER, GOOD, "ALLA-1;2026-06-16;;;budgetbeslut;Fullmäktige beslutar om plan;;;"))
    assert report.outcome == "ok", [str(p) for p in report.problems]
    with Session(get_engine(small)) as session:
        rows = {r.code: r for r in calendar_events(session, MANAGEMENT, 2026)}
    meeting, plan = rows["HSN-S1"], rows["ALLA-1"]
    assert (meeting.start_time, meeting.end_time, meeting.kind, meeting.namnd_code,
            meeting.followup, meeting.place) == (
        dt.time(9), dt.time(16), "sammantrade", "HSN", "2026-T1", "Sal A")
    assert (plan.day, plan.start_time, plan.kind, plan.namnd_code) == (
        dt.date(2026, 6, 16), None, "plan", None)


@pytest.mark.parametrize("line,column,reason", [
    ("X1;2026-02-30;;;sammanträde;Möte;HSN;;", "Datum", "är inte ett datum"),
    ("X2;2026-03-04;;;fika;Möte;HSN;;", "Typ", "ska vara något av: plan och budget"),
    ("X3;2026-03-04;;;sammanträde;Möte;OKAND;;", "Nämnd", "ingen nämnd med den koden"),
    ("X4;2026-03-04;;16:00;sammanträde;Möte;HSN;;", "Sluttid", "kräver en starttid"),
    ("X5;2026-03-04;10:00;09:00;sammanträde;Möte;HSN;;", "Sluttid", "före starttiden"),
    ("X6;2026-03-04;25:00;;sammanträde;Möte;HSN;;", "Starttid", "inte ett klockslag"),
    ("X7;2026-03-04;;;sammanträde;Möte;HSN;Kvartal 2 2026;", "Uppföljning",
     "inte en uppföljning"),
])
def test_a_bad_row_refuses_the_whole_file_and_says_where(small, line, column, reason):  # noqa: F811
    report = load(small, "kalender", csv_bytes(HEADER, GOOD, line))
    assert report.outcome == "fel"
    assert any(p.row == 3 and p.column == column and reason in p.reason
               for p in report.problems), [str(p) for p in report.problems]
    assert stored(small) == 0, "nothing half-written: not even the good row"


# --- The demo's calendar ----------------------------------------------------------------------


def test_the_demo_year_has_every_kind_of_date_for_every_namnd(demo_url):
    with Session(get_engine(demo_url)) as session:
        rows = calendar_events(session, MANAGEMENT, 2026)
    kinds = Counter(r.kind for r in rows)
    assert set(kinds) == set(cb.KIND_SV)
    by_namnd = Counter((r.namnd_code, r.kind) for r in rows)
    for namnd in ("RS", "HSN", "RUN", "KTN", "PN"):
        assert by_namnd[namnd, "sammantrade"] >= 8 and by_namnd[namnd, "rapportering"] == 3
        assert by_namnd[namnd, "internkontroll"] == 3
    assert by_namnd[None, "sammantrade"] == 5
    assert {r.followup for r in rows if r.kind in cb.REPORT_KINDS} == {
        "2025-HELAR", "2026-T1", "2026-DELAR"}


# --- The page ----------------------------------------------------------------------------------


def test_the_page_shows_a_namnds_year_with_links_to_what_to_read(client, app):
    log_in(client, "ledning")
    shown = render_page(client, app, "/arshjul", "?namnd=HSN&year=2026")
    assert "Hälso- och sjukvårdsnämndens sammanträde" in shown
    assert "Regionala utvecklingsnämndens sammanträde" not in shown
    assert "Regionfullmäktiges sammanträde" in shown  # the whole organisation's dates too
    assert '"href": "/namndrapport?namnd=HSN&period=2026-T1"' in shown
    assert '"href": "/regionrapport?period=2026-DELAR"' in shown
    assert '"href": "/internkontroll/plan?namnd=HSN&year=2026"' in shown  # the delår's
    assert '"href": "/internkontroll/plan?namnd=HSN&year=2025"' in shown  # last year's
    assert "Nästa sammanträde" in shown and " (vald)" in shown


def test_a_wrong_namnd_or_year_says_so(client, app):
    log_in(client, "ledning")
    assert "Det finns ingen nämnd med koden XYZ." in render_page(client, app, "/arshjul",
                                                                "?namnd=XYZ")
    assert "välj ett år mellan 2000 och 2100" in render_page(client, app, "/arshjul",
                                                             "?year=1066")
    assert "Årshjulet har inga datum för 2031" in render_page(client, app, "/arshjul",
                                                              "?year=2031")


def test_the_next_meeting_is_the_first_from_today(demo_url):
    with Session(get_engine(demo_url)) as session:
        before = page.load(session, MANAGEMENT, page.Args(2026, "HSN"), dt.date(2026, 6, 1))
        after = page.load(session, MANAGEMENT, page.Args(2026, "HSN"), dt.date(2026, 12, 31))
    meeting = before.next_meeting
    assert meeting.kind == "sammantrade" and meeting.day >= dt.date(2026, 6, 1)
    assert not [r for r in before.rows if r.kind == "sammantrade"
                and dt.date(2026, 6, 1) <= r.day < meeting.day]
    assert cb.reading(meeting) is not None or meeting.followup is None
    assert after.next_meeting is None


def test_the_table_downloads_as_the_page_shows_it(client):
    log_in(client, "hsn")
    response = fetch(client, "arshjul", "events", "csv", namnd="HSN", year=2026)
    assert response.status_code == 200
    assert file_name(response) == "arshjul_datum_HSN_2026.csv"
    rows = csv_rows(response.data)
    assert rows[0] == ["Datum", "Tid", "Typ", "Händelse", "Nämnd", "Uppföljning", "Plats"]
    assert ["2026-05-10", "Heldag", "Rapportering",
            "Hälso- och sjukvårdsnämnden: sista dag för uppföljning T1 2026 till "
            "regionstyrelsen", "Hälso- och sjukvårdsnämnden", "T1 2026", ""] in rows
    assert not any("Regionala utvecklingsnämnden" in row[4] for row in rows)


# --- The calendar feeds -----------------------------------------------------------------------


def parsed(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(response.data)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    found = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "every UID unique"
    return found


def test_a_calendar_client_gets_the_public_dates_of_a_namnd(client, demo_url):
    feed = parsed(client.get("/kalender/HSN.ics"))
    assert str(feed["version"]) == "2.0" and feed["prodid"]
    assert [str(tz["tzid"]) for tz in feed.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert feed.decoded("refresh-interval") == dt.timedelta(hours=1)
    found = events(feed)
    with Session(get_engine(demo_url)) as session:
        expected = calendar_events(session, PUBLIC, None, "HSN")
    assert set(found) == {f"{r.code}@localhost" for r in expected}
    assert {str(e["categories"].cats[0]) for e in found.values()} == {
        "Sammanträde", "Plan och budget", "Årsredovisning", "Tertialrapport", "Delårsrapport"}
    meeting = found["HSN-2026-S06@localhost"]
    start = meeting.decoded("dtstart")
    assert start.tzinfo is not None and start.utcoffset() == dt.timedelta(hours=2)
    assert (start.date(), start.hour) == (next(r.day for r in expected
                                                if r.code == "HSN-2026-S06"), 9)
    assert str(meeting["url"]) == "http://localhost/namndrapport?namnd=HSN&period=2026-T1"
    assert "Uppföljning: T1 2026" in str(meeting["description"])
    assert meeting.decoded("dtstamp").tzinfo is not None
    plan = found["RJH-2026-PLAN@localhost"]
    assert type(plan.decoded("dtstart")) is dt.date  # all day, no time zone to get wrong
    assert plan.decoded("dtend") - plan.decoded("dtstart") == dt.timedelta(days=1)
    again = events(parsed(client.get("/kalender/HSN.ics")))
    assert set(again) == set(found), "the UIDs are stable"


def test_a_logged_in_member_also_gets_their_deadlines(client):
    log_in(client, "hsn")
    found = events(parsed(client.get("/kalender.ics")))
    assert "HSN-2026-R-2026-T1@localhost" in found and "HSN-2026-IK-PLAN@localhost" in found
    assert "RUN-2026-R-2026-T1@localhost" not in found  # another nämnd's deadline
    assert "RUN-2026-S06@localhost" in found  # but its meetings are public
    assert parsed(client.get("/kalender/HSN.ics")) is not None


def test_an_unknown_namnd_has_no_feed(client):
    response = client.get("/kalender/OKAND.ics")
    assert response.status_code == 404
    assert "Det finns ingen nämnd med den koden" in response.get_data(as_text=True)


def test_text_is_escaped_and_reads_back_unchanged(demo_url, client):
    title = "Extra möte; budget, prognos\noch \\ annat"
    report = load(demo_url, "kalender", csv_bytes(
        HEADER, f'HSN-EXTRA;2026-12-15;13:00;;sammanträde;"{title}";HSN;;Sal B, plan 2'))
    assert report.outcome == "ok", [str(p) for p in report.problems]
    data = client.get("/kalender/HSN.ics").data
    assert b"Extra m\xc3\xb6te\\; budget\\, prognos\\noch \\\\ annat" in data
    extra = events(icalendar.Calendar.from_ical(data))["HSN-EXTRA@localhost"]
    assert str(extra["summary"]) == title and str(extra["location"]) == "Sal B, plan 2"
    assert "dtend" not in extra


def test_who_sees_which_dates(demo_url):
    """The row rule: public dates for everyone, deadlines for their own nämnder and the
    whole organisation to members, everything to ledning, nothing to an unknown role."""
    with Session(get_engine(demo_url)) as session:
        hsn_id = session.scalar(select(CalendarEvent.namnd_id).where(
            CalendarEvent.code == "HSN-2026-S02"))
        seen = {viewer: calendar_events(session, viewer) for viewer in (
            PUBLIC, MANAGEMENT, Viewer("namnd", (hsn_id,)), Viewer("okand", (hsn_id,)))}
    public, everything, member, unknown = seen.values()
    deadlines = ("rapportering", "internkontroll")
    assert public and not [r for r in public if r.kind in deadlines]
    assert {r.namnd_code for r in member if r.kind in deadlines} == {"HSN"}
    assert {r.code for r in public} < {r.code for r in member} < {r.code for r in everything}
    assert unknown == []
