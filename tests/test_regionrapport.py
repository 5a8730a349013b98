"""Regionrapport: the counts per målområde, perspective and nämnd against independent SQL, the
PDF read back with pypdf, the table downloads, the viewer's scope (a nämnd member sees the
summaries and only their own nämnd in detail), the adoption dates and a bad period."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from callbacks import regionrapport as rr
from dashboard.core import formatting as fmt
from dashboard.core.wording import fill
from data_access.db import get_engine
from callbacks.council import COUNCIL_TITLE
from data_access.models import Goal
from data_access.queries.council import goals_to_report
from data_access.queries.fulfilment import status_by_area, status_by_namnd
from data_access.queries.perspectives import status_by_perspective
from data_access.scope import MANAGEMENT, Viewer
from data_access.status import STATUSES
from tests.test_access import log_in
from tests.test_namndrapport import NAMNDER, pdf_text, plain
from tests.test_pages_http import render_page

PERIOD = "2026-DELAR"  # the demo's latest follow-up (data per 2026-10-31)
HEADINGS = ("Sammanfattning", "Måluppfyllelse", "Måluppfyllelse per målområde",
            "Måluppfyllelse per perspektiv", "Måluppfyllelse per nämnd", "Helårsprognos",
            "Finansiella mål",
            "Ekonomi per nämnd", "Internkontroll per nämnd", "Uppdrag per nämnd",
            "Försenade uppdrag")


def rows(url: str, sql: str, **params) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    finally:
        engine.dispose()


KINDS = ("namndmal", "framgangsfaktor")  # the levels summed: the demo uses framgångsfaktorer
STATUSES_AT = ("FROM goals g LEFT JOIN goal_statuses s ON s.goal_id = g.id AND "
               "s.followup_period_id = (SELECT id FROM followup_periods WHERE year = :year "
               "AND kind = :kind) {joins} WHERE g.kind = :goal_kind ")
STATUS = "COALESCE(s.reported_status, 'grey')"  # no status row at the follow-up: Saknar data


def sql_counts(url: str, group: str, joins: str, year=2026, kind="DELAR",
               goal_kind="namndmal") -> dict:
    """{group name: {status: count}} of the goals of a level at a follow-up, by plain SQL."""
    found: dict = {}
    for name, status, count in rows(url, (
            f"SELECT {group}, {STATUS}, COUNT(*) " + STATUSES_AT.format(joins=joins)
            + f"GROUP BY {group}, {STATUS}"), year=year, kind=kind, goal_kind=goal_kind):
        found.setdefault(name, {})[status] = count
    return found


def as_dict(groups) -> dict:
    return {g.name: {s: n for s, n in g.counts.items() if n} for g in groups if g.total}


def followup_id(session, year: int, kind: str) -> int:
    return session.execute(text("SELECT id FROM followup_periods WHERE year = :y AND kind = :k"),
                           {"y": year, "k": kind}).scalar_one()


def level_rows(table, label: str) -> list:
    """A status table's rows of one level (the column Nivå), without that column."""
    return [[row[0], *row[2:]] for row in table.rows if row[1] == label]


@pytest.mark.parametrize("year,kind", [(2026, "DELAR"), (2026, "T1"), (2025, "HELAR")])
def test_the_counts_equal_the_databases(demo_url, year, kind):
    with Session(get_engine(demo_url)) as session:
        period = followup_id(session, year, kind)
        member = Viewer("namnd", (session.execute(text(
            "SELECT id FROM org_units WHERE code = 'PN'")).scalar_one(),))
        for goal_kind in KINDS:
            by_area = sql_counts(demo_url, "a.title", "JOIN goal_closure c ON c.descendant_id "
                                 "= g.id JOIN goals a ON a.id = c.ancestor_id AND a.kind = "
                                 "'malomrade'", year, kind, goal_kind)
            by_namnd = sql_counts(demo_url, "n.name", "JOIN org_units o ON o.id = "
                                  "g.owner_unit_id JOIN org_units n ON n.id = "
                                  "COALESCE(o.namnd_id, o.id)", year, kind, goal_kind)
            assert as_dict(status_by_area(session, MANAGEMENT, period, goal_kind)) == by_area
            assert as_dict(status_by_namnd(session, MANAGEMENT, period, goal_kind)) == by_namnd
            assert sum(sum(c.values()) for c in by_namnd.values()) == rows(
                demo_url, "SELECT COUNT(*) " + STATUSES_AT.format(joins=""), year=year,
                kind=kind, goal_kind=goal_kind)[0][0]
            assert len(by_area) >= 6 and len(by_namnd) == len(NAMNDER)
        # The nämndmål are the same for ledning and for a member of the smallest nämnd.
        assert as_dict(status_by_area(session, member, period)) == as_dict(
            status_by_area(session, MANAGEMENT, period))
        assert as_dict(status_by_namnd(session, member, period)) == as_dict(
            status_by_namnd(session, MANAGEMENT, period))


def test_the_report_counts_both_levels_and_perspectives_as_the_shared_query(demo_url):
    with Session(get_engine(demo_url)) as session:
        choice = rr.resolve(session, MANAGEMENT, PERIOD)
        tables = rr.build_report(session, MANAGEMENT, choice).tables()
        for goal_kind, label in zip(KINDS, ("Nämndmål", "Framgångsfaktorer")):
            shared = status_by_perspective(session, MANAGEMENT, choice.followup.id,
                                           Goal.kind == goal_kind)
            assert shared[-1].name == "Utan perspektiv"
            assert level_rows(tables["perspectives"], label) == [
                [p.name, *(p.counts[s] for s in STATUSES), p.total, rr.share_fulfilled(p)]
                for p in shared]
            by_namnd = status_by_namnd(session, MANAGEMENT, choice.followup.id, goal_kind)
            assert [row[:-1] for row in level_rows(tables["namnder"], label)] == [
                [g.name, *(g.counts[s] for s in STATUSES), g.total] for g in by_namnd]
            assert sum(g.total for g in by_namnd) > 0, goal_kind
        # Where the tagged goals are counted by plain SQL, the perspective rows agree.
        tagged = sql_counts(demo_url, "x.name", "JOIN goal_perspectives gp ON gp.goal_id = "
                            "g.id JOIN perspectives x ON x.id = gp.perspective_id")
        assert as_dict(status_by_perspective(session, MANAGEMENT, choice.followup.id,
                                             Goal.kind == "namndmal")[:-1]) == tagged


def test_the_goals_to_report_are_the_shared_querys_for_every_namnd(client, app, demo_url):
    with Session(get_engine(demo_url)) as session:
        choice = rr.resolve(session, MANAGEMENT, PERIOD)
        table = rr.build_report(session, MANAGEMENT, choice).tables()["council"]
        expected = goals_to_report(session, MANAGEMENT, choice.followup,
                                   kinds=("namndmal", "framgangsfaktor", "forvaltningsmal"))
        hsn = session.execute(text("SELECT id FROM org_units WHERE code = 'HSN'")).scalar_one()
        own = goals_to_report(session, Viewer("namnd", (hsn,)), choice.followup,
                              kinds=("namndmal", "framgangsfaktor", "forvaltningsmal"))
    assert table.title == fill(COUNCIL_TITLE, "region")
    assert [c.header for c in table.columns][:2] == ["Nämnd", "Mål"]
    assert [(row[0], row[1]) for row in table.rows] == [(g.namnd, g.ref.title) for g in expected]
    assert len({g.namnd for g in expected}) > 1  # the demo has them in several nämnder
    assert own and {g.namnd for g in own} == {"Hälso- och sjukvårdsnämnden"}
    log_in(client, "hsn")
    page = render_page(client, app, "/regionrapport", f"?period={PERIOD}")
    assert "De andra nämndernas mål att rapportera till regionfullmäktige visas för" in page
    assert fill(COUNCIL_TITLE, "region") in page
    csv = client.get(f"/ladda-ner/regionrapport/council.csv?period={PERIOD}")
    lines = csv.data.decode("utf-8-sig").splitlines()
    assert {line.split(";")[0] for line in lines[1:]} == {"Hälso- och sjukvårdsnämnden"}
    assert len(lines) - 1 == len(own)
    log_in(client, "ledning")
    pdf = pdf_text(client.get(f"/regionrapport.pdf?period={PERIOD}").data)
    assert plain(fill(COUNCIL_TITLE, "region")) in pdf and expected[0].ref.title[:30] in pdf


def test_the_pdf_holds_the_headings_period_and_figures(client, demo_url):
    log_in(client, "ledning")
    response = client.get(f"/regionrapport.pdf?period={PERIOD}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f"regionrapport_{PERIOD}.pdf" in response.headers["Content-Disposition"]
    pdf = pdf_text(response.data)
    for heading in HEADINGS:
        assert heading in pdf, heading
    assert "Regionrapport – " in pdf
    assert "Delår 2026 (per 2026-08-31)" in pdf and "Data per 2026-10-31" in pdf
    total, red = rows(demo_url, "SELECT COUNT(*), SUM(CASE WHEN s.reported_status = 'red' "
                      "THEN 1 ELSE 0 END) " + STATUSES_AT.format(joins="").replace(
                          "g.kind = :goal_kind", "g.kind IN ('namndmal', 'framgangsfaktor')"),
                      year=2026, kind="DELAR")[0]
    assert plain(f"Ej uppfyllt {fmt.number(red)} av {fmt.number(total)} nämndmål och "
                 "framgångsfaktorer") in pdf
    assert plain(f"Måluppfyllelse: ✗ Ej uppfyllt {fmt.number(red)}") in pdf  # the summary
    for name in NAMNDER.values():
        assert name in pdf, name
    assert "✗ Ej antagen" in pdf  # the demo's nämnd without an internkontrollplan


def test_internal_control_shows_the_adoptions_and_counts(demo_url):
    adopted = {(name, doc): day for name, doc, day in rows(
        demo_url, "SELECT n.name, d.document, d.adopted_on FROM control_decisions d "
        "JOIN org_units n ON n.id = d.namnd_id WHERE d.year = 2026")}
    with Session(get_engine(demo_url)) as session:
        report = rr.build_report(session, MANAGEMENT, rr.resolve(session, MANAGEMENT, PERIOD))
    table = report.tables()["control"]
    assert [row[0] for row in table.rows] == list(NAMNDER.values())
    for row in table.rows:
        for column, doc in ((1, "riskanalys"), (2, "internkontrollplan")):
            day = adopted.get((row[0], doc))
            assert (row[column] == rr.NOT_ADOPTED_SV) == (day is None)
            assert day is None or str(day) in row[column]
    assert sum(1 for row in table.rows if rr.NOT_ADOPTED_SV in row) == 1  # the demo's story
    high = dict(rows(demo_url, (
        "SELECT n.name, COUNT(*) FROM risks r JOIN org_units n ON n.id = r.namnd_id "
        "WHERE r.year <= 2026 AND r.status = 'oppen' AND r.probability * r.consequence >= 8 "
        "GROUP BY n.name")))
    assert {row[0]: row[3] for row in table.rows} == high


SUMMARIES = ("areas", "perspectives", "namnder", "financial", "economy")  # framgångsfaktorer
# count only where the viewer may see them, so the goal summaries are compared per level below


def summary_files(client) -> dict[str, bytes]:
    files = {name: client.get(f"/ladda-ner/regionrapport/{name}.csv?period={PERIOD}")
             for name in SUMMARIES}
    assert all(f.status_code == 200 for f in files.values())
    return {name: f.data for name, f in files.items()}


def csv_rows(data: bytes) -> list[list[str]]:
    return [line.split(";") for line in data.decode("utf-8-sig").splitlines()[1:]]


def test_a_namnd_member_sees_the_summaries_and_only_their_own_detail(client, app):
    log_in(client, "ledning")
    everything = render_page(client, app, "/regionrapport", f"?period={PERIOD}")
    summaries = summary_files(client)
    assert summaries["financial"].count(b"\r\n") > 2 and summaries["economy"].count(b"\r\n") > 5
    log_in(client, "hsn")
    theirs = summary_files(client)
    for name in ("financial", "economy"):  # the region-level summaries are the same
        assert theirs[name] == summaries[name], name
    for name in ("areas", "perspectives", "namnder"):  # the same nämndmål, and as many
        # framgångsfaktorer or fewer (those of other nämnder that are not published are not
        # theirs to see)
        mine, all_ = (csv_rows(f[name]) for f in (theirs, summaries))
        assert [r for r in mine if r[1] == "Nämndmål"] == [r for r in all_ if r[1] == "Nämndmål"]
        assert [r[:2] for r in mine] == [r[:2] for r in all_]
        assert all(int(m[6]) <= int(a[6]) for m, a in zip(mine, all_))
    assert "Framgångsfaktorerna räknas där du får se dem" in render_page(
        client, app, "/regionrapport", f"?period={PERIOD}")
    page = render_page(client, app, "/regionrapport", f"?period={PERIOD}")
    for heading in HEADINGS:
        assert heading in page, heading
    assert "Du ser detaljerna för de nämnder du är ledamot i: Hälso- och sjukvårdsnämnden" in page
    # Every nämnd in the summaries, as for ledning; detail rows only for their own.
    control = client.get(f"/ladda-ner/regionrapport/control.csv?period={PERIOD}")
    uppdrag = client.get(f"/ladda-ner/regionrapport/uppdrag.csv?period={PERIOD}")
    namnder = client.get(f"/ladda-ner/regionrapport/namnder.csv?period={PERIOD}")
    for response in (control, uppdrag):
        lines = response.data.decode("utf-8-sig").splitlines()
        assert [line.split(";")[0] for line in lines[1:]] == ["Hälso- och sjukvårdsnämnden"]
    assert all(name in namnder.data.decode("utf-8-sig") for name in NAMNDER.values())
    late = client.get(f"/ladda-ner/regionrapport/late.csv?period={PERIOD}").data.decode(
        "utf-8-sig")
    assert "Kollektivtrafik" not in late and "Hälso- och sjukvårdsnämnden" in late
    assert "Kollektivtrafiknämnden" in everything and "Du ser detaljerna" not in everything
    pdf = pdf_text(client.get(f"/regionrapport.pdf?period={PERIOD}").data)
    assert "Internkontroll per nämnd" in pdf and "Patientnämnden" in pdf  # in the summaries
    assert "✗ Ej antagen" not in pdf  # Patientnämnden's internal control is not theirs to see


def test_anonymous_users_are_refused(client):
    for path in ("/regionrapport.pdf", f"/regionrapport.pdf?period={PERIOD}",
                 f"/ladda-ner/regionrapport/control.csv?period={PERIOD}"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.mimetype not in ("application/pdf", "text/csv")
    assert client.get("/regionrapport").status_code == 302


def test_the_page_offers_the_pdf_and_the_table_downloads(client, app, demo_url):
    log_in(client, "ledning")
    page = render_page(client, app, "/regionrapport", f"?period={PERIOD}")
    assert f"/regionrapport.pdf?period={PERIOD}" in page
    assert "data:image/png;base64," in page  # the status chart, the same image as in the PDF
    assert '"type": "copy-link"' in page
    for name in ("areas", "perspectives", "namnder", "council", "financial", "economy",
                 "control", "uppdrag", "late"):
        assert f"/ladda-ner/regionrapport/{name}.xlsx?period={PERIOD}" in page, name
    response = client.get(f"/ladda-ner/regionrapport/areas.xlsx?period={PERIOD}")
    assert response.status_code == 200
    assert "regionrapport_per-malomrade_2026-DELAR.xlsx" in response.headers[
        "Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet["A2"].value.endswith(", Delår 2026")  # whose, when
    assert [c.value for c in sheet[4]][:3] == ["Målområde", "Nivå", "✓ Uppfyllt"]
    areas = rows(demo_url, "SELECT COUNT(*) FROM goals WHERE kind = 'malomrade'")[0][0]
    assert sheet.max_row - 4 == 2 * areas  # title, what, empty, header; one row per level
    csv = client.get(f"/ladda-ner/regionrapport/perspectives.csv?period={PERIOD}")
    assert csv.data.startswith("\ufeffPerspektiv;Nivå;✓ Uppfyllt".encode())
    assert "Utan perspektiv;Nämndmål;" in csv.data.decode("utf-8-sig")


def test_a_bad_period_gets_a_swedish_message_naming_it(client, app):
    log_in(client, "ledning")
    page = render_page(client, app, "/regionrapport", "?period=2026-T9")
    assert "Uppföljningen ”2026-T9” i adressens period finns inte" in page
    assert "regionrapport-problem" in page
    refused = client.get("/regionrapport.pdf?period=nej")
    assert refused.status_code == 400 and "”nej”" in refused.get_data(as_text=True)
    assert client.get("/ladda-ner/regionrapport/areas.csv?period=nej").status_code == 400


def test_the_title_is_in_the_organisations_words():
    assert fill(rr.TITLE, "region") == "Regionrapport"
    assert fill(rr.TITLE, "kommun") == "Kommunrapport"


def test_the_kommun_calls_it_kommunrapport(kommun_template, tmp_path):
    import shutil

    from dashboard.app import create_app

    path = tmp_path / "kommun.db"
    shutil.copy(kommun_template, path)
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "TESTING": True,
                      "SECRET_KEY": "test"})
    client = app.server.test_client()
    log_in(client, "ledning")
    page = render_page(client, app, "/regionrapport")
    assert "Kommunrapport" in page and "Regionrapport" not in page
    response = client.get("/regionrapport.pdf")
    assert response.status_code == 200 and "Kommunrapport – " in pdf_text(response.data)


def test_adoptions_import_with_swedish_messages_and_are_scoped(sqlite_url):
    from data_access.db import session_scope
    from data_access.queries.risks import adoptions
    from tests.small_region import build_small_region
    from tests.test_import_files import csv_bytes, load

    with session_scope(sqlite_url) as session:
        ids = build_small_region(session)
    header = "Nämnd;År;Dokument;Beslutad;Paragraf"
    bad = load(sqlite_url, "internkontrollbeslut", csv_bytes(
        header, "HSN;2026;riskanalys;2025-12-10;§ 4", "HSN;2026;budget;2026-02-01;§ 9",
        "HSN-E;2026;internkontrollplan;2026-02-01;"), "beslut.csv")
    assert [(p.row, p.column) for p in bad.problems] == [(3, "Dokument"), (4, "Nämnd")]
    assert str(bad.problems[0]).startswith("beslut.csv, rad 3, kolumn ”Dokument”, värdet ”budget”")
    good = load(sqlite_url, "internkontrollbeslut", csv_bytes(
        header, "HSN;2026;riskanalys;2025-12-10;§ 4", "RUN;2026;internkontrollplan;2026-02-01;"))
    assert good.problems == []
    with Session(get_engine(sqlite_url)) as session:
        mine = adoptions(session, Viewer("namnd", (ids["HSN"],)), 2026)
        every = adoptions(session, MANAGEMENT, 2026)
        public = adoptions(session, Viewer(), 2026)
    assert set(mine) == {(ids["HSN"], "riskanalys")} and mine[ids["HSN"], "riskanalys"].reference == "§ 4"
    assert set(every) == {(ids["HSN"], "riskanalys"), (ids["RUN"], "internkontrollplan")}
    assert public == {}
