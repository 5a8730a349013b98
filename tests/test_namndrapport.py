"""Nämndrapport: the page, its PDF for each demo nämnd (text read back with pypdf, figures
checked against independent SQL), the table downloads, and the viewer's scope."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import create_engine, text

from callbacks.namndrapport import KeyFigure, replace_label
from dashboard.core import formatting as fmt
from tests.test_access import log_in
from tests.test_pages_http import render_page

NAMNDER = {"RS": "Regionstyrelsen", "HSN": "Hälso- och sjukvårdsnämnden",
           "RUN": "Regionala utvecklingsnämnden", "KTN": "Kollektivtrafiknämnden",
           "PN": "Patientnämnden"}
HEADINGS = ("Sammanfattning", "Mål och måluppfyllelse", "Ekonomi", "Internkontroll", "Uppdrag",
            "Nämndmål, framgångsfaktorer och förvaltningsmål", "Öppna risker med högt riskvärde",
            "Försenade åtgärder", "Försenade uppdrag")
PERIOD = "2026-DELAR"  # the demo's latest follow-up (data per 2026-10-31)


def plain(text_: str) -> str:
    """Text with non-breaking and thin spaces as plain spaces, whitespace runs as one."""
    return " ".join(text_.replace("\u00a0", " ").replace("\u202f", " ").split())


def pdf_text(data: bytes) -> str:
    return plain("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def scalar(url: str, sql: str, **params):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def goal_counts(url: str, code: str) -> dict[tuple[str, str], int]:
    """(goal level, reported status) at Delår 2026 of the goals owned by the nämnd or a unit
    under it, counted per level."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT g.kind, s.reported_status, COUNT(*) FROM goal_statuses s "
            "JOIN goals g ON g.id = s.goal_id JOIN org_units u ON u.id = g.owner_unit_id "
            "JOIN org_units n ON n.code = :code JOIN followup_periods p "
            "ON p.id = s.followup_period_id AND p.year = 2026 AND p.kind = 'DELAR' "
            "WHERE g.kind <> 'malbild' AND (u.id = n.id OR u.namnd_id = n.id) "
            "GROUP BY g.kind, s.reported_status"), {"code": code}).all()
    engine.dispose()
    return {(kind, status): count for kind, status, count in rows}


def deviation_tkr(url: str, code: str) -> float:
    """Utfall minus budget January–August 2026 for the nämnd's whole subtree, in tkr."""
    return scalar(url, (
        "SELECT SUM(CASE WHEN e.kind = 'utfall' THEN e.amount_tkr ELSE 0 END) - "
        "SUM(CASE WHEN e.kind = 'budget' THEN e.amount_tkr ELSE 0 END) FROM economy_entries e "
        "JOIN org_unit_closure c ON c.descendant_id = e.unit_id "
        "JOIN org_units n ON n.id = c.ancestor_id AND n.code = :code "
        "WHERE e.year = 2026 AND e.month <= 8"), code=code)


AMOUNT = r"([−+]?\d{1,3}(?: \d{3})*(?:,\d+)?) mnkr"


def swedish(text_: str) -> float:
    """A number as the report writes it (`−3 581,6`), as a float."""
    return float(text_.replace("−", "-").replace(" ", "").replace(",", "."))


def assert_economy_reads_right(pdf: str, exact_tkr: float) -> None:
    """The reader's check on the economy figures as printed: each is labelled with its months,
    utfall − budget is the deviation shown, and a deviation that is not zero never shows as
    one; the deviation is the database's to within the rounding of the amounts shown."""
    assert "hittills" not in pdf
    utfall, budget = re.search(f"Resultat jan–aug 2026 {AMOUNT} .*? Budget för samma "
                               f"månader: {AMOUNT}", pdf).groups()
    deviation = re.search(f"Avvikelse jan–aug 2026 {AMOUNT}", pdf).group(1)
    places = max(len(t.partition(",")[2]) for t in (utfall, budget, deviation))
    assert round(swedish(utfall) - swedish(budget), places) == swedish(deviation)
    assert (swedish(deviation) == 0) == (round(exact_tkr, 1) == 0)
    assert swedish(deviation) == pytest.approx(exact_tkr / 1000, abs=10 ** -places)
    assert f"Ekonomi: Avvikelse jan–aug 2026 {deviation} mnkr" in pdf  # the summary


def open_high_risks(url: str, code: str) -> int:
    """Open risks with riskvärde 8 or more (Hög and Mycket hög) of 2026's riskanalys and of
    earlier ones: a risk stays open until it is accepted or closed."""
    return scalar(url, (
        "SELECT COUNT(*) FROM risks r JOIN org_units n ON n.id = r.namnd_id AND n.code = :code "
        "WHERE r.year <= 2026 AND r.status = 'oppen' AND r.probability * r.consequence >= 8"),
        code=code)


@pytest.mark.parametrize("code", list(NAMNDER))
def test_the_pdf_of_each_namnd_holds_its_headings_period_and_figures(client, demo_url, code):
    log_in(client, "ledning")
    response = client.get(f"/namndrapport.pdf?namnd={code}&period={PERIOD}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert f"namndrapport_{code}_{PERIOD}.pdf" in response.headers["Content-Disposition"]
    pdf = pdf_text(response.data)
    for heading in HEADINGS:
        assert heading in pdf, heading
    assert f"Nämndrapport – {NAMNDER[code]}" in pdf
    assert "Delår 2026 (per 2026-08-31)" in pdf and "Data per 2026-10-31" in pdf
    # Figures equal the database's, in Swedish format.
    counts = goal_counts(demo_url, code)
    total = sum(n for (kind, _), n in counts.items() if kind == "namndmal")
    for status, word in (("green", "Uppfyllt"), ("red", "Ej uppfyllt")):
        shown = fmt.number(counts.get(("namndmal", status), 0))
        assert plain(f"{word} {shown} av {fmt.number(total)} nämndmål") in pdf, status
    # Each level counted on its own row: Nämndmål, …, Enhetsmål (uppfyllt … antal).
    for kind, label in (("namndmal", "Nämndmål"), ("forvaltningsmal", "Förvaltningsmål"),
                        ("enhetsmal", "Enhetsmål")):
        row = [counts.get((kind, s), 0) for s in ("green", "yellow", "red", "grey")]
        assert plain(" ".join([label, *map(fmt.number, row), fmt.number(sum(row))])) in pdf, kind
    assert_economy_reads_right(pdf, deviation_tkr(demo_url, code))
    assert f"Öppna höga risker {open_high_risks(demo_url, code)}" in pdf
    # Headers wrap between words, never inside one ("Riskan alys").
    assert "Risk Riskanalys Process Riskvärde Nivå Åtgärder kvar Varav försenade" in pdf
    # The definitions stand beside the counts.
    assert "Öppna risker med riskvärde 8 eller högre (Hög och Mycket hög)" in pdf
    assert "En risk är öppen tills den har accepterats eller stängts, oavsett vilket års " \
           "riskanalys den kommer från." in pdf


def test_a_namnd_member_gets_only_their_own_namnds_report(client, app):
    log_in(client, "hsn")
    refused = client.get(f"/namndrapport.pdf?namnd=RUN&period={PERIOD}")
    assert refused.status_code == 403 and refused.mimetype == "text/html"
    assert "behörighet" in refused.get_data(as_text=True)
    own = client.get("/namndrapport.pdf")
    assert own.status_code == 200
    assert "Nämndrapport – Hälso- och sjukvårdsnämnden" in pdf_text(own.data)
    page = render_page(client, app, "/namndrapport", "?namnd=RUN")
    assert "Du har inte behörighet att se nämndrapporten för RUN" in page
    assert "Öppna risker med högt riskvärde" not in page
    # The nämnd selector offers only their own nämnd.
    assert "Regionala utvecklingsnämnden" not in render_page(client, app, "/namndrapport")
    assert client.get("/ladda-ner/namndrapport/risks.xlsx?namnd=RUN").status_code == 400


def test_anonymous_users_are_refused(client):
    for path in ("/namndrapport.pdf", f"/namndrapport.pdf?namnd=HSN&period={PERIOD}",
                 "/ladda-ner/namndrapport/risks.csv?namnd=HSN"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.mimetype not in ("application/pdf", "text/csv")
    assert client.get("/namndrapport").status_code == 302


def test_the_page_shows_the_report_with_pdf_and_table_downloads(client, app, demo_url):
    log_in(client, "ledning")
    page = render_page(client, app, "/namndrapport", f"?namnd=HSN&period={PERIOD}")
    for heading in HEADINGS:
        assert heading in page, heading
    assert f"/namndrapport.pdf?namnd=HSN&period={PERIOD}" in page
    assert f"/ladda-ner/namndrapport/risks.xlsx?namnd=HSN&period={PERIOD}" in page
    assert "data:image/png;base64," in page  # the charts, the same images as in the PDF
    response = client.get(f"/ladda-ner/namndrapport/risks.xlsx?namnd=HSN&period={PERIOD}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet["A2"].value == "Hälso- och sjukvårdsnämnden, Delår 2026"  # whose, when
    assert [c.value for c in sheet[4]][:4] == ["Risk", "Riskanalys", "Process", "Riskvärde"]
    assert sheet.max_row - 4 == open_high_risks(demo_url, "HSN")  # title, what, empty, header
    # Open risks of last year's riskanalys are there, with their year.
    assert {row[1] for row in sheet.iter_rows(min_row=5, values_only=True)} == {"2025", "2026"}
    csv = client.get(f"/ladda-ner/namndrapport/risks.csv?namnd=HSN&period={PERIOD}")
    assert csv.data.startswith("\ufeffRisk;Riskanalys;Process;Riskvärde".encode())


def test_a_bad_period_gets_a_swedish_message(client, app):
    log_in(client, "ledning")
    assert "Det finns ingen uppföljning med det namnet" in render_page(
        client, app, "/namndrapport", "?period=2026-T9")
    assert client.get("/namndrapport.pdf?period=nej").status_code == 400


def control_deviations(url: str, code: str) -> int:
    """Controls of the nämnd's internkontrollplan 2026 that found a deviation."""
    return scalar(url, (
        "SELECT COUNT(*) FROM control_results cr JOIN control_points c ON c.id = "
        "cr.control_point_id JOIN risks r ON r.id = c.risk_id JOIN org_units n ON n.id = "
        "r.namnd_id AND n.code = :code WHERE r.year = 2026 AND cr.result = 'avvikelse'"),
        code=code)


@pytest.mark.parametrize("code", list(NAMNDER))
def test_each_internal_control_count_equals_its_list(demo_url, code):
    """Öppna höga risker, Försenade åtgärder and Avvikelser each count the rows of the table
    below them."""
    from sqlalchemy.orm import Session

    from callbacks import namndrapport as rp
    from data_access.db import get_engine
    from data_access.scope import MANAGEMENT

    with Session(get_engine(demo_url)) as session:
        report = rp.build_report(session, MANAGEMENT, rp.resolve(session, MANAGEMENT, code,
                                                                 PERIOD))
    section = next(s for s in report.sections if s.title == "Internkontroll")
    figures = {f.label: f.value for f in section.figures}
    tables = report.tables()
    for label, table in (("Öppna höga risker", "risks"), ("Försenade åtgärder", "actions"),
                         ("Avvikelser", "deviations")):
        assert figures[label] == fmt.number(len(tables[table].rows)), label
    assert len(tables["deviations"].rows) == control_deviations(demo_url, code)
    assert len(tables["risks"].rows) == open_high_risks(demo_url, code)


def test_the_economy_labels_name_their_months_and_units(client, app):
    log_in(client, "ledning")
    page = render_page(client, app, "/namndrapport", f"?namnd=HSN&period={PERIOD}")
    for label in ("Resultat jan–aug 2026", "Avvikelse jan–aug 2026",
                  "Prognos för resultatet helår 2026", "Prognosavvikelse helår 2026",
                  "Ekonomi: Avvikelse jan–aug 2026", "Budget jan–aug 2026 (tkr)",
                  "Budget jan–aug 2026 (mnkr)", "Enheter med störst negativ avvikelse (belopp i tkr)"):
        assert label in page, label
    assert "hittills" not in page
    units = client.get(f"/ladda-ner/namndrapport/units.csv?namnd=HSN&period={PERIOD}")
    header = units.data.decode("utf-8-sig").splitlines()[0]
    assert header == ("Enhet;Budget jan–aug 2026 (tkr);Utfall jan–aug 2026 (tkr);"
                      "Avvikelse jan–aug 2026 (tkr);Avvikelse (%)")


def test_the_summary_labels_read_as_phrases():
    assert replace_label("Uppdrag", KeyFigure("! Försenade", "3")).label == "! Försenade uppdrag"
    assert replace_label("Mål och måluppfyllelse",
                         KeyFigure("✗ Ej uppfyllt", "5")).label == "✗ Nämndmål som inte är uppfyllda"
    assert replace_label("Ekonomi", KeyFigure("Prognos", "1")).label == "Ekonomi: Prognos"


def test_an_app_that_made_no_report_or_workbook_has_not_loaded_their_libraries(sqlite_url):
    """WeasyPrint, matplotlib, openpyxl and numpy cost every worker about 80 MB: only a PDF, a
    chart image or an .xlsx file loads them, on first use."""
    import subprocess
    import sys

    libraries = ("weasyprint", "fpdf", "matplotlib", "openpyxl", "numpy")
    script = ("import sys; from dashboard.app import create_app; "
              f"create_app({{'DATABASE_URL': {sqlite_url!r}, 'SECRET_KEY': 'test'}}); "
              f"print(*[m for m in {libraries!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == ""


LEVEL_ORDER = ["Nämndmål", "Framgångsfaktor", "Förvaltningsmål"]


def csv_rows(client, name: str, search: str) -> list[list[str]]:
    response = client.get(f"/ladda-ner/namndrapport/{name}.csv{search}")
    assert response.status_code == 200
    return [line.split(";") for line in response.data.decode("utf-8-sig").splitlines()]


@pytest.mark.parametrize("code", ["HSN", "RUN"])
def test_namndmal_come_first_and_each_level_is_counted_apart(client, app, demo_url, code):
    log_in(client, "ledning")
    search = f"?namnd={code}&period={PERIOD}"
    goals = csv_rows(client, "goals", search)
    level = goals[0].index("Nivå")
    shown = [row[level] for row in goals[1:] if len(row) > level and row[level]]
    assert shown[0] == "Nämndmål" and shown == sorted(shown, key=LEVEL_ORDER.index)
    counts = goal_counts(demo_url, code)
    levels = {row[0]: row[1:] for row in csv_rows(client, "levels", search)[1:] if row[0]}
    for kind, label in (("namndmal", "Nämndmål"), ("forvaltningsmal", "Förvaltningsmål"),
                        ("enhetsmal", "Enhetsmål")):
        expected = [counts.get((kind, s), 0) for s in ("green", "yellow", "red", "grey")]
        assert levels[label][:5] == [str(n) for n in [*expected, sum(expected)]], kind
    # The page says it the same way: the nämndmål's own distribution, not one count of all.
    page = render_page(client, app, "/namndrapport", search)
    total = sum(n for (kind, _), n in counts.items() if kind == "namndmal")
    assert "Måluppfyllelse per målnivå" in page and f"av {total} nämndmål" in page
    assert not re.search(r"av \d+ mål\b", page)
