"""The nämndrapport as an A4 PDF, generated on the server with fpdf2 (pure Python).

The font is DejaVu Sans as shipped inside matplotlib's own package (it has å, ä, ö, the
status symbols, the real minus sign and non-breaking spaces), so nothing is installed
beside the Python packages and nothing is fetched at run time. Charts are the same PNG
images as on the page. Every page carries the nämnd, the period and the data's date.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from callbacks.namndrapport import Chart, Item, Items, KeyFigure, NamedTable, Report, Section
from callbacks.namndrapport_charts import chart_png
from dashboard.core.exports import shown

if TYPE_CHECKING:
    from fpdf import FPDF

FONT = "DejaVu"
INK = (31, 35, 40)
QUIET = (87, 96, 106)
RULE = (200, 205, 210)
HEAD_FILL = (234, 238, 242)
MARGIN = 15  # mm
NUMERIC = ("integer", "decimal", "percent")
CELL_PADDING = 1  # mm, in the report's tables
WIDEST = 70  # mm, the widest a column is made for its content


@functools.cache
def _lib() -> SimpleNamespace:
    """fpdf2 (with Pillow and fontTools) and the font directory inside matplotlib's package,
    imported on first use: only the PDF needs them, and they cost a worker about 30 MB."""
    import matplotlib
    from fpdf import FPDF, FontFace

    font_dir = Path(matplotlib.get_data_path()) / "fonts" / "ttf"

    class ReportPDF(FPDF):
        """An A4 document with the report's running header and footer on every page."""

        def __init__(self, report: Report):
            super().__init__(orientation="portrait", unit="mm", format="A4")
            self.report = report
            self.add_font(FONT, "", str(font_dir / "DejaVuSans.ttf"))
            self.add_font(FONT, "B", str(font_dir / "DejaVuSans-Bold.ttf"))
            self.set_margins(MARGIN, MARGIN + 4, MARGIN)
            self.set_auto_page_break(True, margin=MARGIN + 4)
            self.set_title(report.title)
            self.set_author("Rödtråd")
            self.set_subject(report.running_text)
            self.set_lang("sv")
            # The data's date, not the clock: the same report gives the same file.
            self.set_creation_date(dt.datetime.combine(report.data_as_of, dt.time(),
                                                       tzinfo=dt.timezone.utc))

        def header(self):
            self.set_font(FONT, "", 8)
            self.set_text_color(*QUIET)
            self.cell(0, 5, f"Rödtråd · {self.report.title}", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self):
            self.set_y(-MARGIN)
            self.set_font(FONT, "", 8)
            self.set_text_color(*QUIET)
            self.cell(0, 5, f"{self.report.running_text} · Sida {self.page_no()} av {{nb}}",
                      align="C")

    return SimpleNamespace(ReportPDF=ReportPDF, FontFace=FontFace)


def _text(pdf: FPDF, text: str, size: float = 10, bold: bool = False, colour=INK,
          after: float = 1.5) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(after)


def _heading(pdf: FPDF, text: str, size: float = 12) -> None:
    """A heading kept with what follows it (a new page when too little room is left)."""
    if pdf.will_page_break(30):
        pdf.add_page()
    _text(pdf, text, size, bold=True, after=1)


def _figures(pdf: FPDF, figures: tuple[KeyFigure, ...]) -> None:
    """Key figures as a borderless table: what, the value, what it means."""
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*INK)
    with pdf.table(col_widths=(32, 18, 50), text_align=("LEFT", "RIGHT", "LEFT"),
                   first_row_as_headings=False, borders_layout="HORIZONTAL_LINES",
                   line_height=5, padding=1.2) as table:
        for figure in figures:
            row = table.row()
            row.cell(figure.label)
            row.cell(figure.value, style=_lib().FontFace(emphasis="BOLD"))
            row.cell(figure.explanation)
    pdf.ln(4)


def _text_width(pdf: FPDF, texts, style: str = "") -> float:
    """The width in mm of the widest of `texts` in the tables' 8 pt font, with the cell padding."""
    pdf.set_font(FONT, style, 8)
    return max((pdf.get_string_width(t) for t in texts), default=0) + 2 * CELL_PADDING + 1


def _widths(pdf: FPDF, named: NamedTable) -> list[float]:
    """Column widths in mm: each as wide as its content (at most WIDEST), never narrower than
    its header's longest word (a header wraps between words, not inside one: `Riskan alys`);
    what is too wide for the page is taken from the columns with room above their minimum."""
    table = named.table
    least = [_text_width(pdf, c.header.split(), "B") for c in table.columns]
    wanted = [max(low, min(WIDEST, _text_width(pdf, [c.header] + [shown(row[n], c)
                                                               for row in table.rows])))
              for n, (c, low) in enumerate(zip(table.columns, least))]
    excess, room = sum(wanted) - pdf.epw, sum(wanted) - sum(least)
    if excess <= 0 or room <= 0:
        return wanted
    return [w - (w - low) * min(1, excess / room) for w, low in zip(wanted, least)]


def _table(pdf: FPDF, named: NamedTable) -> None:
    """A report table with a heading row repeated on each page, numbers right-aligned."""
    table = named.table
    _heading(pdf, table.title, 11)
    if not table.rows:
        _text(pdf, named.empty, 9, colour=QUIET, after=3)
        return
    widths = _widths(pdf, named)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*INK)
    aligns = tuple("RIGHT" if c.kind in NUMERIC else "LEFT" for c in table.columns)
    with pdf.table(col_widths=widths, text_align=aligns, line_height=4.2,
                   padding=CELL_PADDING,
                   headings_style=_lib().FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
                   borders_layout="HORIZONTAL_LINES", repeat_headings=1) as grid:
        grid.row([c.header for c in table.columns])
        for values in table.rows:
            grid.row([shown(v, c) for v, c in zip(values, table.columns)])
    pdf.ln(4)


def _chart(pdf: FPDF, chart: Chart) -> None:
    """A chart image across the text width, with its description below for readers."""
    width = pdf.epw
    if pdf.will_page_break(width * 0.4 + 10):
        pdf.add_page()
    pdf.image(io.BytesIO(chart_png(chart)), w=width, alt_text=chart.label)
    _text(pdf, chart.label, 8, colour=QUIET, after=3)


def _items(pdf: FPDF, items: Items) -> None:
    """A titled list: each item's heading in bold, its lines below."""
    _heading(pdf, items.title, 11)
    if not items.items:
        _text(pdf, items.empty, 9, colour=QUIET, after=3)
        return
    for item in items.items:
        _item(pdf, item)


def _item(pdf: FPDF, item: Item) -> None:
    _heading(pdf, item.heading, 10)
    for line in item.lines:
        _text(pdf, line, 9, after=0.8)
    pdf.ln(2)


PARTS = {NamedTable: _table, Chart: _chart, Items: _items}


def _section(pdf: FPDF, section: Section) -> None:
    _text(pdf, section.title, 16, bold=True, after=0.5)
    _text(pdf, section.subtitle, 10, colour=QUIET, after=3)
    for text in section.texts:
        _text(pdf, text, 10)
    pdf.ln(1)
    if section.figures:
        _figures(pdf, section.figures)
    for part in section.parts:
        PARTS[type(part)](pdf, part)


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes: a title, then each section from a new page."""
    pdf = _lib().ReportPDF(report)
    pdf.add_page()
    _text(pdf, report.title, 20, bold=True, after=1)
    _text(pdf, f"{report.period} (per {report.followup.end_date.isoformat()}) · Data per "
               f"{report.data_as_of.isoformat()}", 11, colour=QUIET, after=6)
    for n, section in enumerate(report.sections):
        if n > 1:  # the summary and goals share the first page when they fit
            pdf.add_page()
        _section(pdf, section)
    return bytes(pdf.output())
