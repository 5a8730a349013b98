"""The nämndrapport (and the regionrapport, the same kind of document) as an accessible A4 PDF,
made on the server by WeasyPrint from HTML and CSS.

The PDF is tagged (PDF/UA-1 as far as WeasyPrint goes, see README): the report's title is H1,
each section H2 (from a new page, but the summary and the goals share the first), each table's
or list's title H3 and each listed item's heading H4; texts are P, the key figures and the items
are lists (L, LI), the tables are Table with TH and TD (each TH with its Scope, each TD naming
its headers), each chart a Figure with its description as alt text and as a caption. The H1–H3
are the bookmarks. The document has its title (shown in the window) and the language sv-SE.
Table columns are as wide as their content needs, and text wraps only between words (dates and
numbers never). Every page carries the report's title at the top and the nämnd, the period, the
data's date and `Sida N av M` at the foot.

The font is DejaVu Sans as shipped inside matplotlib's own package (å, ä, ö, the status symbols,
the real minus sign), so nothing is fetched at run time. Charts are the same PNG images as on
the page. The same report gives the same file: the creation date is the data's.
"""

from __future__ import annotations

import base64
import functools
import html
import re
from pathlib import Path
from types import SimpleNamespace

from callbacks.namndrapport import Chart, Item, Items, KeyFigure, NamedTable, Report, Section
from callbacks.namndrapport_charts import chart_png
from dashboard.core.exports import shown

NUMERIC = ("integer", "decimal", "percent")
# A word joined by a hyphen, an en dash or a slash (a date `2026-08-31`, `jan–aug`,
# `kr/invånare`) is never broken there, and a status symbol stays with its first word
# (`✓ Uppfyllt`, `→ Oförändrat`).
UNBROKEN = re.compile(r"\S+[-–/]\S+|(?<!\S)[✓◐✗→↑↓!] \S+")
LANGUAGE = "sv-SE"
TEXT_WIDTH = 180  # mm: A4 portrait less the margins
CELL_SIZE, CELL_PADDING = 8, 1  # pt, mm: the tables' font size and cell padding
PT = 25.4 / 72  # mm
PX = 0.75  # pt: a CSS pixel

STYLE = """
@font-face { font-family: Report; src: url("{regular}"); }
@font-face { font-family: Report; font-weight: bold; src: url("{bold}"); }
@page {
  size: A4; margin: 19mm 15mm;
  @top-left { content: "Rödtråd · {title}"; font: 8pt Report; color: #57606a; }
  @bottom-center { content: "{running} · Sida " counter(page) " av " counter(pages);
                   font: 8pt Report; color: #57606a; }
}
@page wide { size: A4 landscape; }
.wide { page: wide; }
html { font-family: Report; font-size: 10pt; color: #1f2328; line-height: 1.35; }
body { margin: 0; }
h1, h2, h3, h4 { margin: 0; break-after: avoid; line-height: 1.2; }
h1 { font-size: 20pt; margin-bottom: 1mm; }
h2 { font-size: 16pt; margin-bottom: .5mm; }
h3 { font-size: 11pt; margin: 2mm 0 1.5mm; }
h4 { font-size: 10pt; margin: 1.5mm 0 .5mm; bookmark-level: none; }
p { margin: 0 0 1.5mm; }
.quiet { color: #57606a; }
.period { font-size: 11pt; margin-bottom: 6mm; }
.subtitle { margin-bottom: 3mm; }
section + section { margin-top: 6mm; }
section.new-page { break-before: page; margin-top: 0; }
ul { margin: 0 0 4mm; padding: 0; list-style: none; }
.figures li { display: flex; gap: 3mm; padding: 1.2mm 0; border-bottom: .3pt solid #c8cdd2;
              font-size: 9pt; break-inside: avoid; }
.figures .label { flex: 32 1 0; }
.figures .value { flex: 18 1 0; text-align: right; font-weight: bold; }
.figures .explanation { flex: 50 1 0; }
.items li { margin-bottom: 2mm; break-inside: avoid; font-size: 9pt; }
.items p { margin-bottom: .8mm; }
table { border-collapse: collapse; width: 100%; margin-bottom: 4mm;
        font-size: {cell_size}pt; line-height: 1.3; }
th, td { padding: {cell_padding}mm; text-align: left; vertical-align: top; border-bottom: .3pt solid #c8cdd2;
         hyphens: manual; overflow-wrap: normal; word-break: normal; }
th { background: #eaeef2; font-weight: bold; }
.num { text-align: right; }
td.num { white-space: nowrap; }
.nowrap { white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.figure { margin: 0 0 3mm; break-inside: avoid; }
.figure img { display: block; width: 100%; }
figcaption { font-size: 8pt; color: #57606a; margin-top: 1mm; }
.empty { font-size: 9pt; color: #57606a; margin-bottom: 3mm; }
"""


class PdfUnavailable(RuntimeError):
    """The server lacks the system libraries WeasyPrint draws text with (Pango)."""


@functools.cache
def _lib() -> SimpleNamespace:
    """WeasyPrint (with Pango through cffi, pydyf and fontTools) and the font files inside
    matplotlib's package, imported on first use: only the PDF needs them, and they cost a
    worker about 40 MB."""
    import matplotlib
    from fontTools.ttLib import TTFont

    try:
        import weasyprint
    except OSError as missing:  # Pango (a Debian library, `make system-packages`) is absent
        raise PdfUnavailable(str(missing)) from missing

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    regular, bold = fonts / "DejaVuSans.ttf", fonts / "DejaVuSans-Bold.ttf"
    return SimpleNamespace(HTML=weasyprint.HTML, regular=regular.as_uri(), bold=bold.as_uri(),
                           widths={False: _advances(TTFont(regular)),
                                   True: _advances(TTFont(bold))})


def _advances(font) -> tuple[dict[str, float], float]:
    """A font's advance widths in em per character, and the widest (for what it lacks)."""
    per_em, advances = font["head"].unitsPerEm, font["hmtx"].metrics
    widths = {chr(code): advances[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
    return widths, max(widths.values())


def _word_width(word: str, bold: bool = False) -> float:
    """A word's width in mm in the tables' font."""
    widths, widest = _lib().widths[bold]
    return sum(widths.get(ch, widest) for ch in word) * CELL_SIZE * PT


def _least_width(named: NamedTable) -> float:
    """The narrowest the table can be in mm with no word broken: each column as wide as its
    longest word (or date, or status with its word), with the cells' padding."""
    def longest(text: str, bold: bool = False) -> float:
        words = [m.group() for m in UNBROKEN.finditer(text)] + UNBROKEN.sub(" ", text).split()
        return max((_word_width(w, bold) for w in words), default=0)

    table = named.table
    return sum(max([longest(c.header, bold=True)] + [longest(shown(row[n], c))
                                                    for row in table.rows]) + 2 * CELL_PADDING
               for n, c in enumerate(table.columns))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _css_string(text: str) -> str:
    """Text for inside a CSS string in double quotes."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def _t(text: str) -> str:
    """Text for the page, escaped, with what may not be broken kept on one line."""
    out, at = [], 0
    for match in UNBROKEN.finditer(text):
        out += [_e(text[at:match.start()]), f'<span class="nowrap">{_e(match.group())}</span>']
        at = match.end()
    return "".join(out) + _e(text[at:])


def _figures(figures: tuple[KeyFigure, ...]) -> str:
    """Key figures as a list: what, the value, what it means."""
    return '<ul class="figures">' + "".join(
        f'<li><span class="label">{_t(f.label)}</span> <span class="value">{_t(f.value)}</span>'
        f' <span class="explanation">{_t(f.explanation)}</span></li>' for f in figures) + "</ul>"


def _table(named: NamedTable) -> str:
    """A report table: its title, the heading row (repeated on each page), numbers right-aligned."""
    table = named.table
    title = f"<h3>{_t(table.title)}</h3>"
    if not table.rows:
        return title + f'<p class="empty">{_t(named.empty)}</p>'
    classes = [' class="num"' if c.kind in NUMERIC else "" for c in table.columns]
    head = "".join(f'<th scope="col"{cls}>{_t(c.header)}</th>'
                   for c, cls in zip(table.columns, classes))
    body = "".join("<tr>" + "".join(f"<td{cls}>{_t(shown(v, c))}</td>"
                                    for v, c, cls in zip(row, table.columns, classes)) + "</tr>"
                   for row in table.rows)
    grid = f"{title}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    # Too wide for a portrait page without breaking words: on a landscape page of its own.
    return f'<div class="wide">{grid}</div>' if _least_width(named) > TEXT_WIDTH else grid


def _chart(chart: Chart) -> str:
    """A chart image across the text width, with its description as alt text and caption."""
    source = "data:image/png;base64," + base64.b64encode(chart_png(chart)).decode()
    return (f'<div class="figure"><img src="{source}" alt="{_e(chart.label)}">'
            f"<figcaption>{_t(chart.label)}</figcaption></div>")


def _item(item: Item) -> str:
    return (f"<li><h4>{_t(item.heading)}</h4>"
            + "".join(f"<p>{_t(line)}</p>" for line in item.lines) + "</li>")


def _items(items: Items) -> str:
    """A titled list: each item's heading, its lines below."""
    title = f"<h3>{_t(items.title)}</h3>"
    if not items.items:
        return title + f'<p class="empty">{_t(items.empty)}</p>'
    return title + '<ul class="items">' + "".join(_item(i) for i in items.items) + "</ul>"


PARTS = {NamedTable: _table, Chart: _chart, Items: _items}


def _section(section: Section, new_page: bool) -> str:
    start = '<section class="new-page">' if new_page else "<section>"
    return (start +
            f"<h2>{_t(section.title)}</h2>"
            f'<p class="subtitle quiet">{_t(section.subtitle)}</p>'
            + "".join(f"<p>{_t(text)}</p>" for text in section.texts)
            + (_figures(section.figures) if section.figures else "")
            + "".join(PARTS[type(part)](part) for part in section.parts)
            + "</section>")


def report_html(report: Report) -> str:
    """The report as the HTML document the PDF is made from: a title, then each section from a
    new page (the summary and the goals share the first when they fit)."""
    lib = _lib()
    style = (STYLE.replace("{regular}", lib.regular).replace("{bold}", lib.bold)
             .replace("{title}", _css_string(report.title))
             .replace("{running}", _css_string(report.running_text))
             .replace("{cell_size}", str(CELL_SIZE)).replace("{cell_padding}", str(CELL_PADDING)))
    created = f"{report.data_as_of.isoformat()}T00:00:00Z"
    period = (f"{report.period} (per {report.followup.end_date.isoformat()}) · Data per "
              f"{report.data_as_of.isoformat()}")
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8">'
            f"<title>{_e(report.title)}</title>"
            '<meta name="author" content="Rödtråd">'
            f'<meta name="description" content="{_e(report.running_text)}">'
            f'<meta name="dcterms.created" content="{created}">'
            f'<meta name="dcterms.modified" content="{created}">'
            f"<style>{style}</style></head><body>"
            f"<h1>{_t(report.title)}</h1>"
            f'<p class="period quiet">{_t(period)}</p>'
            + "".join(_section(s, n > 1) for n, s in enumerate(report.sections))
            + "</body></html>")


def _number(reference: bytes) -> int:
    """The object number of a pydyf reference (`b'12 0 R'`)."""
    return int(reference.split()[0])


def _reachable(pdf, reference: bytes, found: set[int]) -> set[int]:
    """The structure elements under `reference` (and it), by object number."""
    found.add(_number(reference))
    for kid in pdf.objects[_number(reference)].get("K", ()):
        if isinstance(kid, bytes) and pdf.objects[_number(kid)].get("Type") == "/StructElem":
            _reachable(pdf, kid, found)
    return found


def _finish(_document, pdf) -> None:
    """What WeasyPrint's tagging leaves to do for PDF/UA: each TH's /Scope (it links each TD to
    its headers by ID, but gives no scope; every header here is a column's), and the running
    header and footer as pagination artifacts (it marks their text as Spans that no element of
    the structure tree holds)."""
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("S") == "/TH" and "A" in obj:
            obj["A"]["Scope"] = "/Column"
        elif isinstance(obj, dict) and obj.get("S") == "/Figure" and "BBox" in obj.get("A", {}):
            # WeasyPrint gives the figure's box in CSS pixels from the page's top; a BBox is in
            # points from its bottom.
            top = pdf.objects[_number(obj["Pg"])]["MediaBox"][3]
            x1, y1, x2, y2 = (PX * v for v in obj["A"]["BBox"])
            obj["A"]["BBox"] = type(obj["A"]["BBox"])((x1, top - y2, x2, top - y1))
    root = pdf.objects[_number(pdf.catalog["StructTreeRoot"])]
    tree = set()
    for kid in root["K"]:
        _reachable(pdf, kid, tree)
    nums = pdf.objects[_number(root["ParentTree"])]["Nums"]
    for elements in nums[1::2]:
        if not isinstance(elements, list):
            continue  # an annotation's single element
        for mcid, element in enumerate(elements):
            if element == b"null" or _number(element) in tree:
                continue
            page = pdf.objects[_number(pdf.objects[_number(element)]["Pg"])]
            ops = pdf.objects[_number(page["Contents"])].stream
            for n, op in enumerate(ops):
                if isinstance(op, dict) and op.get("MCID") == mcid and n and ops[n - 1] == "/Span":
                    ops[n - 1], ops[n] = "/Artifact", type(op)({"Type": "/Pagination"})
            elements[mcid] = b"null"


def report_pdf(report: Report) -> bytes:
    """The report as tagged PDF bytes (PDF/UA-1)."""
    document = _lib().HTML(string=report_html(report), base_url=None)
    return document.write_pdf(pdf_variant="pdf/ua-1", finisher=_finish)
