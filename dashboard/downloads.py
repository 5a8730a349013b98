"""Files on our own Flask routes: any page's table as Excel or CSV, and the nämndrapport as PDF.

`/ladda-ner/<page>/<table>.xlsx?<the page's own URL arguments>` sends one table of a page as
it shows for those arguments: the page's declaration (layouts.page.Page) reads the arguments,
loads its data with the viewer's scoped queries and names its tables, as for the screen; the
route admits a viewer only if the page does.
`/namndrapport.pdf?namnd=HSN&period=2026-DELAR` is the nämndrapport as a PDF, from the same
declaration as its page (layouts.namndrapport.PAGE); `/regionrapport.pdf?period=2026-DELAR`
the regionrapport (layouts.regionrapport.PAGE).
"""

from __future__ import annotations

from urllib.parse import quote

import dash
from flask import Flask, Response, request
from flask_login import current_user

from callbacks.namndrapport_pdf import PdfUnavailable
from callbacks.namndrapport_pdf import report_pdf as render
from dashboard import audit
from dashboard.access import admits, allow_route, page_access, viewer_role
from dashboard.auth import current_viewer
from dashboard.core import exports
from dashboard.core.args import BadArgument
from dashboard.core.wording import fill
from dashboard.database import get_session
from dashboard.errors import error_page
from data_access.audit import DOWNLOAD
from layouts.namndrapport import PAGE as NAMNDRAPPORT
from layouts.regionrapport import PAGE as REGIONRAPPORT

FORMATS = {"xlsx": exports.to_xlsx, "csv": exports.to_csv}
# A table's name in its file's name, in Swedish (a table's own name is code, in English);
# `indikator-<code>` becomes `nyckeltal-<code>`. Per page where a name means something else.
FILE_WORDS = {
    "months": "manader", "categories": "kostnadsslag", "children": "enheter",
    "goals": "finansiella-mal", "series": "varden", "units": "enheter", "grants": "bidrag",
    "sums": "per-namnd", "measures": "atgarder", "summary": "bedomning",
    "forecasts": "prognoser", "risks": "risker", "matrix": "riskmatris",
    "previous": "riskmatris-foregaende", "bands": "per-niva", "namnder": "per-namnd",
    "cell": "risker-i-rutan", "history": "bedomningar", "controls": "kontroller",
    "actions": "atgarder", "plan": "plan", "counts": "per-namnd", "list": "lista",
    "quality": "per-namnd", "uppdrag": "uppdrag", "changed": "mal-som-bytt-farg",
    "deviations": "avvikelser", "council": "mal-att-rapportera", "levels": "per-malniva", "indikator": "nyckeltal", "comparisons": "jamforelser",
}
PAGE_FILE_WORDS = {("mal", "children"): "mal-under", ("namndrapport", "goals"): "mal",
                   ("mal", "goals"): "namndernas-mal",
                   ("atgarder", "measures"): "lista"}
# The URL arguments in a file's name: what the table is about, then when, then the rest.
ARGUMENT_ORDER = ("code", "goal", "unit", "namnd", "period", "year")
NO_TABLE_SV = "Tabellen finns inte. Ladda ner den från sidan där den visas."
NO_ACCESS_SV = "Du har inte behörighet att ladda ner tabellen."
PDF_UNAVAILABLE_SV = ("Servern kan inte skapa PDF-filer just nu: systembiblioteket Pango saknas. "
                      "Rapporten finns på sidan, och den kan skrivas ut därifrån. Be "
                      "systemförvaltaren installera biblioteken (make system-packages).")


def _page(key: str) -> dict | None:
    """The registered page with this key (its id prefix), or None."""
    return next((p for p in dash.page_registry.values() if p.get("id_prefix") == key), None)


def attachment(content: bytes, name: str, mimetype: str) -> Response:
    """A file download response (the file name also in UTF-8, for å, ä and ö)."""
    fallback = name.encode("ascii", "replace").decode().replace("?", "_")
    return Response(content, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename=\"{fallback}\"; "
                              f"filename*=UTF-8''{quote(name)}",
        "Cache-Control": "private, no-store",
    })


def table_word(page: str, name: str, declared: dict | None = None) -> str:
    """The Swedish word for a page's table in its file name, e.g. `kostnadsslag` (a page's
    declaration may name its own: layouts.page.Page.file_words)."""
    if (page, name) in PAGE_FILE_WORDS:
        return PAGE_FILE_WORDS[page, name]
    if declared and name in declared:
        return declared[name]
    first, dash_, rest = name.partition("-")
    return FILE_WORDS.get(first, first) + dash_ + rest


def argument_parts(args: dict) -> list[str]:
    """The URL arguments for a file name: subject first, then the period (year and month
    as `2026-10`), then the others by name; empty ones left out."""
    args = {key: value for key, value in args.items() if value}
    month = args.pop("month", None)
    if month and "year" in args:
        args["year"] = f"{args['year']}-{month.zfill(2)}"
    elif month:
        args["month"] = month
    keys = [k for k in ARGUMENT_ORDER if k in args] + sorted(set(args) - set(ARGUMENT_ORDER))
    return [args[key] for key in keys]


def table_download(page: str, name: str, extension: str):
    """One table of a page, for the page's URL arguments, in the viewer's scope."""
    found = _page(page)
    if found is None or extension not in FORMATS or found.get("tables") is None:
        return error_page("Filen finns inte", NO_TABLE_SV, 404)
    if not admits(page_access(found), viewer_role()):
        return error_page("Ingen behörighet", NO_ACCESS_SV,
                          403 if current_user.is_authenticated else 401)
    args = {key: request.args.get(key) for key in request.args}
    try:
        tables = found["tables"](get_session(), current_viewer(), args)
    except (BadArgument, ValueError) as problem:
        return error_page("Filen kan inte tas fram", str(problem), 400)
    table = tables.get(name)
    if table is None:
        return error_page("Filen finns inte", NO_TABLE_SV, 404)
    declaration = found.get("declaration")
    words = declaration.file_words if declaration else None
    file_name = exports.file_name(page, table_word(page, name, words), *argument_parts(args),
                                  extension=extension)
    audit.note(DOWNLOAD, request.full_path.rstrip("?"))
    return attachment(FORMATS[extension](table), file_name, exports.MIME_TYPES[extension])


def _pdf(page, what: str, name_parts) -> Response:
    """A report page's document as a PDF for the URL's arguments (its declaration's data),
    named by `name_parts(data)`; the page's Swedish message when it cannot be made."""
    try:
        data = page.data(get_session(), current_viewer(), request.args)
    except BadArgument as problem:  # 403 for a nämnd the viewer may not choose
        return error_page(f"{what} kan inte tas fram", str(problem), problem.status)
    try:
        content = render(data.report)
    except PdfUnavailable:
        return error_page(f"{what} kan inte tas fram", PDF_UNAVAILABLE_SV, 503)
    name = exports.file_name(page.key, *name_parts(data), extension="pdf")
    audit.note(DOWNLOAD, request.full_path.rstrip("?"))
    return attachment(content, name, "application/pdf")


def report_pdf():
    """The nämndrapport of the URL's nämnd and period as a PDF, for a viewer who may choose it:
    the same report as the page's (its declaration's data)."""
    return _pdf(NAMNDRAPPORT, "Nämndrapporten",
                lambda data: (data.choice.namnd.code, data.choice.followup.key))


def region_report_pdf():
    """The regionrapport of the URL's period as a PDF, in the viewer's scope."""
    return _pdf(REGIONRAPPORT, fill("{Report}en"), lambda data: (data.choice.followup.key,))


def init_app(server: Flask, prefix: str = "/") -> None:
    """Add the download routes (under the app's path prefix) and declare who may use them:
    tables as their page admits, the PDF for logged-in roles (and then only their nämnder)."""
    server.add_url_rule(prefix + "ladda-ner/<page>/<name>.<extension>", "table_download",
                        table_download, methods=["GET"])
    allow_route(server, "table_download", "public")  # each page's own access is checked above
    server.add_url_rule(prefix + "namndrapport.pdf", "report_pdf", report_pdf, methods=["GET"])
    allow_route(server, "report_pdf", "internal")
    server.add_url_rule(prefix + "regionrapport.pdf", "region_report_pdf", region_report_pdf,
                        methods=["GET"])
    allow_route(server, "region_report_pdf", "internal")
