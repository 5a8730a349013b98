"""The server's report PDFs (Nämndrapport and Regionrapport) as accessible documents: the
structure tree read back (poppler's `pdfinfo -struct-text` and pypdf) holds headings, paragraphs,
lists, tables with scoped headers and figures with alt text; the bookmarks follow the sections;
the title and the language sv-SE are set; the text extracted (`pdftotext`) has no word broken
inside; every table fits its page; `Sida N av M` stands on every page; the same data gives the
same file."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from data_access.db import dispose_engines
from tests.conftest import skip_or_fail
from tests.test_access import log_in
from tests.test_namndrapport import PERIOD

REPORTS = {"namndrapport": f"/namndrapport.pdf?namnd=HSN&period={PERIOD}",
           "regionrapport": f"/regionrapport.pdf?period={PERIOD}"}
TITLES = {"namndrapport": "Nämndrapport – Hälso- och sjukvårdsnämnden",
          "regionrapport": "Regionrapport – Region Jämtland Härjedalen"}
MM = 72 / 25.4  # points


def poppler(*args: str) -> str:
    """A poppler-utils tool's output (pdfinfo, pdftotext)."""
    if shutil.which(args[0]) is None:
        skip_or_fail(f"{args[0]} (Debian's poppler-utils) is not installed",
                     "RODTRAD_REQUIRE_SERVICES")
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(demo_template, tmp_path_factory):
    """Each report's PDF and the HTML it was made from, as ledning gets them."""
    from callbacks import namndrapport_pdf
    from dashboard.app import create_app

    path = tmp_path_factory.mktemp("pdf") / "demo.db"
    shutil.copy(demo_template, path)
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "TESTING": True,
                      "SECRET_KEY": "test"})
    client = app.server.test_client()
    log_in(client, "ledning")
    made, render = {}, namndrapport_pdf.report_html
    namndrapport_pdf.report_html = lambda report: made.setdefault("html", render(report))
    out = {}
    try:
        for kind, url in REPORTS.items():
            made.clear()
            response = client.get(url)
            assert response.status_code == 200, kind
            folder = Path(tempfile.mkdtemp(dir=tmp_path_factory.getbasetemp()))
            (folder / f"{kind}.pdf").write_bytes(response.data)
            out[kind] = {"data": response.data, "path": str(folder / f"{kind}.pdf"),
                         "html": made["html"], "again": client.get(url).data}
    finally:
        namndrapport_pdf.report_html = render
        dispose_engines()
    return out


def elements(data: bytes):
    """Every structure element of the PDF as (tag, its dictionary), in the tree's order."""
    reader = PdfReader(io.BytesIO(data))

    def walk(node):
        node = node.get_object()
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if kid is not None and hasattr(kid, "get_object"):
                kid_ = kid.get_object()
                if isinstance(kid_, dict) and "/S" in kid_:
                    yield str(kid_["/S"])[1:], kid_
                    yield from walk(kid_)

    return list(walk(reader.trailer["/Root"]["/StructTreeRoot"]))


def words_of(markup: str) -> list[str]:
    """The words of HTML as a reader sees them (a span inside a word does not split it)."""
    inline = re.sub(r"</?span[^>]*>", "", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", inline)).split()


@pytest.mark.parametrize("kind", REPORTS)
def test_the_structure_tree_holds_headings_paragraphs_lists_tables_and_figures(pdfs, kind):
    tree = poppler("pdfinfo", "-struct-text", pdfs[kind]["path"])
    tags = {line.strip().split()[0].rstrip(":") for line in tree.splitlines()
            if line.strip() and not line.strip().startswith(('"', "/"))}
    assert {"Document", "Sect", "H1", "H2", "H3", "P", "L", "LI", "LBody", "Table", "THead",
            "TBody", "TR", "TH", "TD", "Figure", "Caption"} <= tags, tags
    found = elements(pdfs[kind]["data"])
    assert [t for t, _ in found].count("H1") == 1
    figures = [e for t, e in found if t == "Figure"]
    assert figures and all(str(e["/Alt"]).startswith(("Stapeldiagram", "Linjediagram"))
                           for e in figures), [e.get("/Alt") for e in figures]
    headers = [e for t, e in found if t == "TH"]
    assert headers and all(e["/A"]["/Scope"] == "/Column" and "/ID" in e for e in headers)
    cells = [e for t, e in found if t == "TD"]
    assert cells and all(e["/A"]["/Headers"] for e in cells)  # each cell names its header
    # The headings read in order: the title, then each section and its tables' titles.
    assert re.search(r'H1 \(block\)\s+Span \(inline\)\s+"' + TITLES[kind][:12], tree)


@pytest.mark.parametrize("kind", REPORTS)
def test_the_bookmarks_are_the_sections_and_their_parts(pdfs, kind):
    reader = PdfReader(io.BytesIO(pdfs[kind]["data"]))
    top, sections = reader.outline
    assert top.title == TITLES[kind]
    source = pdfs[kind]["html"]
    h2 = [" ".join(words_of(t)) for t in re.findall(r"<h2>(.*?)</h2>", source)]
    assert [s.title for s in sections if not isinstance(s, list)] == h2
    h3 = [" ".join(words_of(t)) for t in re.findall(r"<h3>(.*?)</h3>", source)]
    assert [p.title for part in sections if isinstance(part, list) for p in part] == h3
    assert "Sammanfattning" in h2 and len(h3) >= 3


@pytest.mark.parametrize("kind", REPORTS)
def test_the_document_has_its_title_language_and_pdf_ua_identification(pdfs, kind):
    info = poppler("pdfinfo", pdfs[kind]["path"])
    assert re.search(f"^Title: +{TITLES[kind]}$", info, re.M)
    assert re.search(r"^Tagged: +yes$", info, re.M)
    assert re.search(r"^CreationDate: +Sat Oct 31 00:00:00 2026 UTC$", info, re.M)  # the data's
    root = PdfReader(io.BytesIO(pdfs[kind]["data"])).trailer["/Root"]
    assert root["/Lang"] == "sv-SE"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert bool(root["/MarkInfo"]["/Marked"])
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    assert pdfs[kind]["again"] == pdfs[kind]["data"]  # the same data, the same file


@pytest.mark.parametrize("kind", REPORTS)
def test_no_word_is_broken_and_every_page_says_which_it_is(pdfs, kind):
    """Every word pdftotext reads is a word of the report (a word broken across two lines
    would read as two fragments), and each page ends with `Sida N av M`."""
    text = poppler("pdftotext", "-enc", "UTF-8", pdfs[kind]["path"], "-")
    words = words_of(pdfs[kind]["html"].split("</style>")[1])
    # pdftotext joins a line that ends in a hyphen to the next (`Hälso-` `och`: `Hälsooch`).
    known = set(words) | {"Rödtråd", "Sida", "av"} | {
        a[:-1] + b for a, b in zip(words, words[1:]) if a.endswith("-")}
    pages = text.split("\f")[:-1]
    for n, page in enumerate(pages, start=1):
        assert f"Sida {n} av {len(pages)}" in " ".join(page.split()), n
        unknown = {w for w in page.split() if w not in known and not w.isdigit()}
        assert not unknown, (n, unknown)
    if kind == "namndrapport":
        for word in ("Förvaltningsmål", "→ Oförändrat", "regionfullmäktige", "2026-09-30"):
            assert word in text, word


@pytest.mark.parametrize("kind", REPORTS)
def test_every_table_fits_its_page(pdfs, kind):
    """No word stands outside the page's margins: a table too wide for a portrait page with
    its words whole goes on a landscape page."""
    boxes = poppler("pdftotext", "-bbox", pdfs[kind]["path"], "-")
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', boxes, re.S)
    assert pages
    for width, words in pages:
        right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', words))
        assert right <= float(width) - 15 * MM + 1, (width, right)


def test_without_pango_a_pdf_link_says_so_in_swedish(client, monkeypatch):
    """A server without Debian's Pango serves every page; the PDF link answers 503 with what
    is missing instead of an internal error."""
    import builtins

    from callbacks import namndrapport_pdf

    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    namndrapport_pdf._lib.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_pango)
    try:
        log_in(client, "ledning")
        response = client.get(REPORTS["namndrapport"])
        page = response.get_data(as_text=True)
        assert response.status_code == 503
        assert "Pango saknas" in page and "kan skrivas ut" in page
    finally:
        monkeypatch.undo()
        namndrapport_pdf._lib.cache_clear()
