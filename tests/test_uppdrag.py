"""Uppdrag: overdue against a fixed day on hand-built uppdrag (SQLite and PostgreSQL), the
list and counts against independent SQL on the demo region per viewer, the CSV and Excel
files, and the page over HTTP."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.orm import Session

from callbacks import uppdrag as cb
from dashboard.core import exports
from data_access.db import get_engine, session_scope
from data_access.models import Goal, OrgUnit, Uppdrag
from data_access.queries.uppdrag import STATUS_ORDER, uppdrag_counts, uppdrag_list
from data_access.scope import MANAGEMENT, Viewer
from tests.test_access import log_in
from tests.test_downloads import csv_rows, fetch, file_name, xlsx_rows, xlsx_sheet
from tests.test_indicator_page import render_page

TODAY = dt.date(2026, 6, 15)
# code: (reported status, deadline, shown status, overdue)
CASES = {
    "U1": ("pagaende", dt.date(2026, 6, 14), "forsenat", True),      # a day late
    "U2": ("pagaende", TODAY, "pagaende", False),                     # due today: not yet
    "U3": ("klart", dt.date(2025, 1, 31), "klart", False),            # done, however old
    "U4": ("avbrutet", dt.date(2025, 1, 31), "avbrutet", False),
    "U5": ("forsenat", dt.date(2026, 12, 31), "forsenat", False),     # reported late early
    "U6": ("ej_paborjat", dt.date(2026, 3, 31), "forsenat", True),    # never started, late
    "U7": ("pagaende", None, "pagaende", False),                      # no deadline
    "U8": ("ej_paborjat", dt.date(2026, 9, 30), "ej_paborjat", False),
}


@pytest.fixture
def small(db_url):
    """A region with nämnder A and B, one enhet each, and the uppdrag in CASES (to A's enhet,
    except U8, given by B to its own enhet)."""
    with session_scope(db_url) as s:
        region = OrgUnit(code="R", name="Regionen", level="region")
        s.add(region)
        s.flush()
        units = {"R": region}
        for code, order in (("A", 1), ("B", 2)):
            namnd = OrgUnit(code=code, name=f"Nämnd {code}", level="namnd", parent_id=region.id,
                            sort_order=order)
            s.add(namnd)
            s.flush()
            namnd.namnd_id = namnd.id
            enhet = OrgUnit(code=f"{code}-E", name=f"Enhet {code}", level="enhet",
                            parent_id=namnd.id, namnd_id=namnd.id)
            s.add(enhet)
            s.flush()
            units[code], units[f"{code}-E"] = namnd, enhet
        goal = Goal(code="A-M1", kind="namndmal", title="Mål A", owner_unit_id=units["A"].id,
                    plan_start_year=2024, plan_end_year=2026)
        s.add(goal)
        s.flush()
        for code, (status, deadline, _, _) in CASES.items():
            issuer, assignee = ("B", "B-E") if code == "U8" else ("R", "A-E")
            s.add(Uppdrag(code=code, title=f"Uppdrag {code}", issuer_unit_id=units[issuer].id,
                          assignee_unit_id=units[assignee].id, year=2026, deadline=deadline,
                          status=status, goal_id=goal.id if code == "U1" else None))
        ids = {"A": units["A"].id, "B": units["B"].id}
    with Session(get_engine(db_url)) as s:
        yield s, ids


def test_overdue_against_a_fixed_day(small):
    s, _ = small
    rows = uppdrag_list(s, MANAGEMENT, TODAY)
    assert {r.code: (r.status, r.deadline, r.shown_status, r.overdue) for r in rows} == CASES
    assert [r.code for r in rows] == ["U6", "U1", "U5", "U2", "U7", "U3", "U4", "U8"]
    a = [r for r in rows if r.namnd_code == "A"]
    assert [r.shown_status for r in a][:3] == ["forsenat"] * 3  # the overdue first
    assert rows[1].goal_code == "A-M1" and rows[1].issuer_level == "region"
    later = uppdrag_list(s, MANAGEMENT, dt.date(2026, 10, 1))
    assert {r.code for r in later if r.overdue} == {"U1", "U2", "U6", "U8"}


def test_counts_and_filters(small):
    s, ids = small
    counts = {c.code: c.counts for c in uppdrag_counts(s, MANAGEMENT, TODAY)}
    assert counts == {
        "A": {"forsenat": 3, "pagaende": 2, "ej_paborjat": 0, "klart": 1, "avbrutet": 1},
        "B": {"forsenat": 0, "pagaende": 0, "ej_paborjat": 1, "klart": 0, "avbrutet": 0},
    }
    assert [r.code for r in uppdrag_list(s, MANAGEMENT, TODAY, "A", "forsenat")] == \
        ["U6", "U1", "U5"]
    assert uppdrag_list(s, MANAGEMENT, TODAY, "B", "forsenat") == []
    member_of_b = Viewer("namnd", (ids["B"],))
    assert [r.code for r in uppdrag_list(s, member_of_b, TODAY)] == ["U8"]
    assert [c.code for c in uppdrag_counts(s, member_of_b, TODAY)] == ["B"]


# --- Against independent SQL on the demo region ---------------------------------------------


def raw_uppdrag(s, viewer: Viewer, today: dt.date) -> list[tuple]:
    """(nämnd code, code, shown status) of the uppdrag the viewer may see, in the page's order."""
    rows = s.execute(text("""
        SELECT p.code, p.status, p.deadline, COALESCE(n.code, a.code), COALESCE(n.sort_order,
               a.sort_order), i.namnd_id, a.namnd_id
        FROM uppdrag p JOIN org_units a ON a.id = p.assignee_unit_id
        JOIN org_units i ON i.id = p.issuer_unit_id LEFT JOIN org_units n ON n.id = a.namnd_id
    """)).all()
    result = []
    for code, status, deadline, namnd, order, issuer_namnd, assignee_namnd in rows:
        if not viewer.sees_everything and not {issuer_namnd, assignee_namnd} & set(
                viewer.namnd_ids):
            continue
        deadline = dt.date.fromisoformat(str(deadline)) if deadline else None
        late = deadline is not None and deadline < today and status not in ("klart", "avbrutet")
        shown = status if status in ("klart", "avbrutet") else (
            "forsenat" if late or status == "forsenat" else status)
        urgency = 0 if shown == "forsenat" else 2 if shown in ("klart", "avbrutet") else 1
        result.append(((order, urgency, deadline is None, deadline or dt.date.min, code),
                       (namnd, code, shown)))
    return [row for _, row in sorted(result)]


@pytest.mark.parametrize("who", ["ledning", "HSN", "RUN"])
def test_the_demo_list_equals_independent_sql(demo_url, who):
    today = dt.date(2026, 10, 31)
    with Session(get_engine(demo_url)) as s:
        viewer = MANAGEMENT if who == "ledning" else Viewer("namnd", (s.execute(text(
            "SELECT id FROM org_units WHERE code = :c"), {"c": who}).scalar_one(),))
        rows = uppdrag_list(s, viewer, today)
        assert [(r.namnd_code, r.code, r.shown_status) for r in rows] == \
            raw_uppdrag(s, viewer, today)
        counts = uppdrag_counts(s, viewer, today)
        assert {(c.code, st): n for c in counts for st, n in c.counts.items() if n} == \
            Counter((r.namnd_code, r.shown_status) for r in rows)
        assert cb.today_for(s, viewer) == today  # the demo's data date


def test_badges_have_a_symbol_and_a_word():
    for status in STATUS_ORDER:
        badge = cb.uppdrag_badge(status)
        symbol, word = badge.children
        assert symbol.children == cb.UPPDRAG_STATUS_SV[status].symbol
        assert word == cb.UPPDRAG_STATUS_SV[status].word
    assert cb.UPPDRAG_STATUS_SV["forsenat"].word == "Försenat"


def test_the_files(small):
    s, _ = small
    table = cb.list_file(uppdrag_list(s, MANAGEMENT, TODAY))
    content = exports.to_csv(table)
    assert content.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert parsed[0] == cb.FILE_HEADER and parsed[2][1] == "U1"
    assert parsed[2][8] == "2026-06-14" and parsed[2][9] == "Försenat" and parsed[2][11] == "Ja"
    assert parsed[2][10] == "Pågående" and parsed[2][4] == "Regionfullmäktige"
    book = load_workbook(io.BytesIO(exports.to_xlsx(table)))
    sheet = book["Uppdrag"]
    assert [c.value for c in sheet[3]] == cb.FILE_HEADER and sheet[3][0].font.bold
    assert sheet.max_row == len(CASES) + 3 and sheet["B5"].value == "U1"


# --- Over HTTP --------------------------------------------------------------------------------


def render(app, client, search: str) -> str:
    """The page for `search` (which must answer 200)."""
    status, page = render_page(app, client, "/mal/uppdrag", search)
    assert status == 200
    return page


def test_the_permalink_renders_the_filtered_list(app, client, demo_url):
    log_in(client, "ledning")
    page = render(app, client, "?namnd=HSN&status=forsenat")
    with Session(get_engine(demo_url)) as s:
        late = uppdrag_list(s, MANAGEMENT, dt.date(2026, 10, 31), "HSN", "forsenat")
        others = uppdrag_list(s, MANAGEMENT, dt.date(2026, 10, 31), "RS")
    assert late and all(r.title in page for r in late)
    assert not any(r.title in page for r in others)
    assert "Hälso- och sjukvårdsnämnden" in page and "Tidsfristen passerades" in page
    assert '"value": "forsenat"' in page and "Per 2026-10-31" in page


def test_a_member_sees_only_their_nämnders_uppdrag(app, client, demo_url):
    log_in(client, "hsn")
    page = render(app, client, "")
    with Session(get_engine(demo_url)) as s:
        hidden = s.execute(text("""
            SELECT p.title FROM uppdrag p JOIN org_units a ON a.id = p.assignee_unit_id
            JOIN org_units i ON i.id = p.issuer_unit_id
            WHERE a.namnd_id <> (SELECT id FROM org_units WHERE code = 'HSN')
            AND COALESCE(i.namnd_id, 0) <> (SELECT id FROM org_units WHERE code = 'HSN')
        """)).scalars().all()
    assert hidden and not any(title in page for title in hidden)
    assert "Du ser uppdragen som har getts till eller av din nämnd" in page


@pytest.mark.parametrize("search, words", [
    ("?status=sent", "Det finns ingen status som heter"),
    ("?namnd=FINNS-INTE", "Det finns ingen nämnd med koden"),
    ("?status=sent&status=klart", "Det finns ingen status som heter"),  # repeated: the first
])
def test_bad_permalinks_give_a_swedish_message(app, client, search, words):
    log_in(client, "ledning")
    page = render(app, client, search)
    assert words in page and "uppdrag-counts" not in page


def test_the_list_and_counts_download_as_csv_and_excel(app, client, demo_url):
    log_in(client, "ledning")
    for extension in ("csv", "xlsx"):
        response = fetch(client, "uppdrag", "list", extension, namnd="HSN")
        assert file_name(response) == f"uppdrag_lista_HSN.{extension}"
        if extension == "csv":
            assert response.data.startswith(b"\xef\xbb\xbfN\xc3\xa4mnd;Kod;Uppdrag")
        else:
            assert xlsx_sheet(response.data).max_row == 18
    with Session(get_engine(demo_url)) as s:
        late = uppdrag_list(s, MANAGEMENT, dt.date(2026, 10, 31), "HSN", "forsenat")
        everything = uppdrag_list(s, MANAGEMENT, dt.date(2026, 10, 31))
    rows = csv_rows(fetch(client, "uppdrag", "list", "csv", namnd="HSN", status="forsenat").data)
    assert [r[2] for r in rows[1:]] == [u.title for u in late]
    counts = xlsx_rows(fetch(client, "uppdrag", "counts", "xlsx").data)
    assert counts[0] == ("Nämnd", *(cb.UPPDRAG_STATUS_SV[k].plural for k in STATUS_ORDER),
                         "Totalt")
    *per_namnd, total = counts[1:]
    assert total[0] == "Alla nämnder" and total[-1] == len(everything)  # as on the page
    assert sum(r[-1] for r in per_namnd) == len(everything)


def test_a_member_downloads_only_their_namnders_uppdrag(app, client):
    log_in(client, "hsn")
    response = fetch(client, "uppdrag", "list", "csv", namnd="RUN")
    assert response.status_code == 400 and "Det finns ingen nämnd med koden" in response.text
    rows = csv_rows(fetch(client, "uppdrag", "list", "csv").data)
    page = render(app, client, "")
    assert rows[1:] and all(r[2] in page for r in rows[1:])  # what the page shows, no more

