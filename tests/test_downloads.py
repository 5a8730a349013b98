"""Table downloads over HTTP: every table on every internal page has Excel and CSV links to
`/ladda-ner/<page>/<table>.xlsx|csv`, every link answers with the same table in both formats,
a file holds only what the viewer may see (anonymous: nothing; a nämnd member: nothing
of another nämnd's that the page would not show them), and no cell of any file is a formula
a spreadsheet would run, whatever the data's titles say.

Also the helpers the page tests use to fetch and read a download (`fetch`, `csv_rows`,
`xlsx_rows`), to find live formulas in a file (`live_formulas`), and to click one in a browser
(`link`, `click_download`).
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import dash
import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.orm import Session

from data_access.db import get_engine
from data_access.tree import refresh_indicator_search
from tests.test_access import CANARIES, add_canary_risk, log_in
from tests.test_pages_http import render_page

# --- Helpers ------------------------------------------------------------------------------


def fetch(client, page: str, table: str, extension: str, **args):
    """GET one of a page's tables as a file, for the page's URL arguments."""
    query = "&".join(f"{k}={v}" for k, v in sorted(args.items()) if v is not None)
    return client.get(f"/ladda-ner/{page}/{table}.{extension}" + (f"?{query}" if query else ""))


def file_name(response) -> str:
    """The file name a download is saved as (the UTF-8 one, with å, ä and ö)."""
    disposition = response.headers["Content-Disposition"]
    return unquote(disposition.split("filename*=UTF-8''")[1])


def csv_rows(content: bytes) -> list[list[str]]:
    """A Swedish CSV file's rows (semicolons, UTF-8 with BOM, CRLF)."""
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark"
    return [line.split(";") for line in content.decode("utf-8-sig").strip().split("\r\n")]


def xlsx_rows(content: bytes) -> list[tuple]:
    """An Excel file's table as rows of values, the header first (without the title lines
    above it: `xlsx_heading`)."""
    sheet = xlsx_sheet(content)
    return list(sheet.iter_rows(min_row=header_row(sheet), values_only=True))


def header_row(sheet) -> int:
    """The row number of the table's header (the row above the frozen pane)."""
    return int(sheet.freeze_panes[1:]) - 1


def xlsx_heading(content: bytes) -> list[str]:
    """The lines above an Excel file's table: its title and what it covers."""
    sheet = xlsx_sheet(content)
    return [row[0] for row in sheet.iter_rows(max_row=header_row(sheet) - 1, values_only=True)
            if row[0]]


def xlsx_sheet(content: bytes):
    """An Excel file's first sheet."""
    return load_workbook(io.BytesIO(content)).active


def file_text(response) -> str:
    """Everything a downloaded file says, as text (an .xlsx is a zip: read its cells)."""
    if response.mimetype == "text/csv":
        return response.data.decode("utf-8-sig")
    if response.mimetype.endswith("spreadsheetml.sheet"):
        return "\n".join(";".join(str(v) for v in row if v is not None)
                         for row in xlsx_rows(response.data))
    return response.get_data(as_text=True)


# OWASP: a cell starting with one of these runs as a formula, unless it is just a number.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
A_NUMBER = re.compile(r"-?\d+(,\d+)?")


def _starts_a_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not A_NUMBER.fullmatch(text)


def live_formulas(content: bytes, extension: str) -> list:
    """The cells of a CSV or .xlsx file that a spreadsheet would run as formulas: in CSV, text
    starting like a formula without a `'` before it; in .xlsx, formula cells and text starting
    like one that is not marked as typed with a `'` (quotePrefix)."""
    if extension == "csv":
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";")
        return [cell for row in rows for cell in row if _starts_a_formula(cell)]
    cells = [cell for row in xlsx_sheet(content).iter_rows() for cell in row]
    return [cell.value for cell in cells if cell.data_type == "f" or (
        isinstance(cell.value, str) and _starts_a_formula(cell.value) and not cell.quotePrefix)]


def link(page: str, table: str, extension: str) -> str:
    """The CSS selector of the link that downloads a page's table (for browser tests)."""
    return f'a[href^="/ladda-ner/{page}/{table}.{extension}"]'


def click_download(page, selector: str) -> tuple[str, bytes]:
    """Click a download link in the browser; (the file's name, its content)."""
    with page.expect_download(timeout=20_000) as info:
        page.click(selector)
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def download_links(rendered: str) -> list[str]:
    """The table download addresses on a rendered page, in order, without repeats: as a
    component's href, or in a part sent as HTML (dashboard.markup)."""
    found = re.findall(r'"href": "(/ladda-ner/[^"]+)"|href=\\"(/ladda-ner/[^"\\]+)\\"',
                       rendered)
    return list(dict.fromkeys(prop or html_lib.unescape(markup) for prop, markup in found))


# --- Every table has its downloads, and every download works ------------------------------

# A view of every internal page that shows all its tables (the Mål goal has indicators).
VIEWS = [
    ("/mal", ""),
    ("/mal", "?goal=HSN-M1&period=2026-T1"),
    ("/mal/indikator", "?code=RJH-HSV-003&period=2026-DELAR&unit=HSN"),
    ("/mal/kvalitet", "?lista=utan_indikator&namnd=HSN&period=2026-T1"),
    ("/mal/kvalitet", "?lista=utan_malvarde&period=2026-T1"),
    ("/mal/uppdrag", ""),
    ("/enhet", "?code=HSF-PV"),
    ("/enhet", "?code=HSF-AKUT-AKM"),
    ("/ekonomi", ""),
    ("/ekonomi", "?month=6&unit=HSN&year=2025"),
    ("/ekonomi/statsbidrag", ""),
    ("/ekonomi/atgarder", ""),
    ("/ekonomi/produktion", "?unit=HSF-PV&indikator=RJH-HSV-015"),
    ("/ekonomi/prognossakerhet", ""),
    ("/internkontroll", "?cell=4-4&namnd=HSN&status=alla&year=2026"),
    ("/internkontroll/risk", "?code=HSN-2026-R01"),
    ("/internkontroll/plan", "?namnd=RUN&year=2025"),
    ("/internkontroll/forsenade-atgarder", ""),
    ("/namndrapport", "?namnd=RUN&period=2026-T1"),
    ("/regionrapport", "?period=2026-T1"),
    ("/arshjul", "?namnd=HSN&year=2026"),
]
TABLES = ("Table",)  # html.Table (the Ekonomi page's units too)
HOLDERS = ("Card", "Section")  # what a table's downloads sit in with it


def tables_without_downloads(node, holders=()) -> list[str]:
    """The captions (or ids) of the tables in a rendered layout that no card or section
    around them offers a download for."""
    if isinstance(node, list):
        return [t for child in node for t in tables_without_downloads(child, holders)]
    if not isinstance(node, dict) or "props" not in node:
        return []
    if node.get("type") in HOLDERS:
        holders = (*holders, json.dumps(node, ensure_ascii=False))
    if node.get("type") in TABLES:
        offered = any('"href": "/ladda-ner/' in holder for holder in holders)
        return [] if offered else [json.dumps(node, ensure_ascii=False)[:160]]
    return [t for value in node["props"].values()
            for t in tables_without_downloads(value, holders)]


# Sök's results are lists of links to the objects found, not a table of figures.
WITHOUT_TABLES = {"/sok"}


def test_every_internal_page_offers_its_tables():
    internal = [p for p in dash.page_registry.values()
                if p.get("access") == "internal" and p["path"] not in WITHOUT_TABLES]
    assert {p["path"] for p in internal} <= {path for path, _ in VIEWS}
    assert all(p.get("tables") for p in internal), "every internal page registers its tables"


@pytest.mark.parametrize("path,search", VIEWS, ids=[p + s for p, s in VIEWS])
def test_every_table_downloads_as_excel_and_csv(client, app, path, search):
    log_in(client, "ledning")
    rendered = render_page(client, app, path, search)
    assert tables_without_downloads(json.loads(rendered)) == []
    links = download_links(rendered)
    assert links and all(link.split("?")[0].endswith((".xlsx", ".csv")) for link in links)
    for link in (link for link in links if ".xlsx" in link):
        excel = client.get(link)
        csv = client.get(link.replace(".xlsx", ".csv", 1))
        assert excel.status_code == 200 and csv.status_code == 200, link
        assert file_name(excel).endswith(".xlsx") and file_name(csv).endswith(".csv")
        sheet, rows = xlsx_rows(excel.data), csv_rows(csv.data)
        assert list(sheet[0]) == rows[0], link  # the same Swedish headers
        assert len(sheet) == len(rows), link  # and the same rows


def test_the_links_carry_the_views_arguments(client, app):
    log_in(client, "ledning")
    links = download_links(render_page(client, app, "/ekonomi/statsbidrag",
                                       "?namnd=HSN&year=2025"))
    assert "/ladda-ner/statsbidrag/grants.xlsx?namnd=HSN&year=2025" in links
    assert "/ladda-ner/statsbidrag/sums.csv?namnd=HSN&year=2025" in links


def test_unknown_tables_pages_and_formats_are_404(client):
    log_in(client, "ledning")
    for path in ("/ladda-ner/mal/finns-inte.xlsx", "/ladda-ner/finns-inte/children.csv",
                 "/ladda-ner/mal/children.pdf", "/ladda-ner/oversikt/children.csv"):
        response = client.get(path)
        assert response.status_code == 404 and "Tabellen finns inte" in response.text, path


def test_a_bad_argument_gets_a_swedish_message(client):
    log_in(client, "ledning")
    for path, words in (
            ("/ladda-ner/ekonomi/months.csv?year=1999", "Det finns inget utfall för det året"),
            ("/ladda-ner/statsbidrag/grants.csv?year=20x6", "är inget årtal"),
            ("/ladda-ner/malkvalitet/list.csv?lista=nej", "Det finns ingen lista som heter"),
            ("/ladda-ner/uppdrag/list.xlsx?status=sent", "Det finns ingen status som heter"),
            ("/ladda-ner/indikator/series.csv?code=FINNS-INTE", "ingen indikator med koden")):
        response = client.get(path)
        assert response.status_code == 400 and words in response.text, path
        assert response.mimetype == "text/html"


# --- Scope -----------------------------------------------------------------------------------


def run_enhet_with_values(url: str) -> tuple[str, str]:
    """An enhet under RUN with indicator values, and one of its indicators' codes."""
    with Session(get_engine(url)) as s:
        return tuple(s.execute(text("""
            SELECT u.code, i.code FROM org_units u JOIN org_units n ON n.id = u.namnd_id
            JOIN measurements m ON m.unit_id = u.id JOIN indicators i ON i.id = m.indicator_id
            WHERE n.code = 'RUN' AND u.level = 'enhet' ORDER BY u.code, i.code LIMIT 1""")).one())


def only_runs(url: str, sql: str) -> list[str]:
    """Names `sql` gives for RUN (`:run`) that no other nämnd's rows have (`:other`)."""
    with Session(get_engine(url)) as s:
        names = {run: set(s.execute(text(sql), {"run": run}).scalars())
                 for run in (True, False)}
    return sorted(names[True] - names[False])


def test_anonymous_users_get_no_file(client):
    for path, search in VIEWS:
        page = next(p for p in dash.page_registry.values() if p["path"] == path)
        response = client.get(f"/ladda-ner/{page['id_prefix']}/x.csv{search}")
        assert response.status_code == 401, path
        assert response.mimetype == "text/html"


def test_a_member_cannot_download_another_namnds_detail(client, demo_url):
    enhet, run_indicator = run_enhet_with_values(demo_url)
    log_in(client, "hsn")
    refused = [
        ("ekonomi", "children", {"unit": enhet}),
        ("ekonomi", "months", {"unit": enhet}),
        ("indikator", "series", {"code": run_indicator, "unit": enhet}),
        ("statsbidrag", "grants", {"namnd": "RUN"}),
        ("atgarder", "measures", {"namnd": "RUN"}),
        ("uppdrag", "list", {"namnd": "RUN"}),
        ("internkontroll", "risks", {"namnd": "RUN"}),
        ("internkontrollplan", "plan", {"namnd": "RUN", "year": 2026}),
        ("namndrapport", "risks", {"namnd": "RUN"}),
    ]
    for page, table, args in refused:
        for extension in ("xlsx", "csv"):
            response = fetch(client, page, table, extension, **args)
            assert response.status_code in (400, 404), (page, table, response.status_code)
            assert response.mimetype == "text/html", (page, table)


# Views of RUN's detail, which a member of HSN may not download.
RUN_VIEWS = [
    ("/internkontroll", "?namnd=RUN&year=2026"),
    ("/internkontroll/plan", "?namnd=RUN&year=2026"),
    ("/internkontroll/forsenade-atgarder", "?namnd=RUN&year=2026"),
    ("/namndrapport", "?namnd=RUN"),
    ("/ekonomi/statsbidrag", "?namnd=RUN"),
    ("/ekonomi/atgarder", "?namnd=RUN"),
    ("/mal/uppdrag", "?namnd=RUN"),
]


def test_a_members_files_hold_only_their_own_namnds_detail(client, app, demo_url):
    """Every link ledning sees, followed by a member of HSN: no RUN risk, grant or measure."""
    add_canary_risk(demo_url, "RUN")
    foreign = [*only_runs(demo_url, """
        SELECT g.name FROM state_grants g JOIN org_units u ON u.id = g.unit_id
        JOIN org_units n ON n.id = u.namnd_id WHERE (n.code = 'RUN') = :run"""), *only_runs(
        demo_url, """
        SELECT m.title FROM saving_measures m JOIN org_units u ON u.id = m.unit_id
        JOIN org_units n ON n.id = u.namnd_id WHERE (n.code = 'RUN') = :run""")]
    assert foreign
    log_in(client, "ledning")
    public = [("/oppna-data/nyckeltal", "?code=N70061")]  # Kolada's comparisons
    links = sorted({link for path, search in VIEWS + RUN_VIEWS + public
                    for link in download_links(render_page(client, app, path, search))})
    seen_by_ledning = "\n".join(file_text(client.get(link)) for link in links)
    assert CANARIES[0] in seen_by_ledning and all(name in seen_by_ledning for name in foreign)
    member = app.server.test_client()
    log_in(member, "hsn")
    sent = 0
    for link in links:
        response = member.get(link)
        if response.status_code != 200:
            assert response.mimetype == "text/html", link  # e.g. RUN's plan: a message
            continue
        sent += 1
        content = file_text(response)
        for secret in (CANARIES[0], *foreign):
            assert secret not in content, (link, secret)
    assert sent > len(links) / 2


# --- Formula injection -------------------------------------------------------------------

# Titles and names as an attacker (or a careless import) might write them; a leading ' too,
# which the import's own files must keep.
HYPERLINK = '=HYPERLINK("http://x","y")'
FORMULA_CANARIES = {"risks": ("title", HYPERLINK), "org_units": ("name", "@SUM(1)"),
                    "goals": ("title", "+1+1"), "indicators": ("name", "-2+3"),
                    "state_grants": ("name", "=1+1"), "saving_measures": ("title", HYPERLINK),
                    "uppdrag": ("title", "@SUM(1)"), "cost_categories": ("name", "-2+3"),
                    "processes": ("name", "'+1+1"), "perspectives": ("name", "'"),
                    "risk_actions": ("title", "=1+1"),
                    "control_points": ("description", HYPERLINK),
                    "assessments": ("analysis", "@SUM(1)"), "measurements": ("source", "-2+3"),
                    "calendar_events": ("title", "+1+1")}


def add_formula_canaries(url: str) -> None:
    """Every name and title begins like a formula (in SQL: the indicators' search text is
    then refreshed as the importer does)."""
    with Session(get_engine(url)) as s, s.begin():
        for table, (column, canary) in FORMULA_CANARIES.items():
            s.execute(text(f"UPDATE {table} SET {column} = :canary || {column}"),
                      {"canary": canary})
        refresh_indicator_search(s)


def test_no_download_holds_a_formula_a_spreadsheet_would_run(client, app, demo_url):
    """Every table of every page (the download registry), as Excel and CSV, and the open
    data: names that start like formulas are written as text, numbers stay numbers."""
    add_formula_canaries(demo_url)
    log_in(client, "ledning")
    public = [("/oppna-data/nyckeltal", "?code=N70061")]  # Kolada's comparisons
    links = sorted({link for path, search in VIEWS + RUN_VIEWS + public
                    for link in download_links(render_page(client, app, path, search))})
    links.append("/oppna-data/filer/alla-nyckeltal.csv")
    files = {link.split("?")[0] for link in links}
    registry = {p["id_prefix"] for p in dash.page_registry.values()
                if p.get("tables") and p["access"] != "admin"}  # admins': test_audit.py
    assert {file.split("/")[2] for file in files if file.startswith("/ladda-ner/")} == registry
    escaped, negative_numbers = set(), 0
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        extension = "csv" if response.mimetype == "text/csv" else "xlsx"
        assert live_formulas(response.data, extension) == [], link
        content = file_text(response)
        if any(canary in content for _, canary in FORMULA_CANARIES.values()):
            escaped.add(link.split("?")[0])
        negative_numbers += len(re.findall(r"(?:^|;)-\d+(?:,\d+)?(?=;|$)", content, re.M))
    for table in ("internkontroll/risks", "namndrapport/risks"):
        assert {f"/ladda-ner/{table}.xlsx", f"/ladda-ner/{table}.csv"} <= escaped
    assert "/oppna-data/filer/alla-nyckeltal.csv" in escaped
    assert len(escaped) > len(files) / 2, sorted(files - escaped)
    assert negative_numbers > 0  # deviations are still plain numbers


def test_a_formula_title_is_text_in_both_files(client, demo_url):
    add_formula_canaries(demo_url)
    log_in(client, "ledning")
    args = {"namnd": "HSN", "year": 2026, "status": "alla"}
    content = fetch(client, "internkontroll", "risks", "csv", **args).data.decode("utf-8-sig")
    rows = csv.reader(io.StringIO(content, newline=""), delimiter=";")
    titles = [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert titles and all(t.startswith("'" + HYPERLINK) for t in titles)
    sheet = xlsx_sheet(fetch(client, "internkontroll", "risks", "xlsx", **args).data)
    cells = [c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert all(c.value.startswith(HYPERLINK) for c in cells)  # the title as it is
