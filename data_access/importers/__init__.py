"""Importing a region's own data: CSV and .xlsx files of every kind, and Kolada's JSON.

    run_import(session, "matvarden", open("utfall.csv", "rb"), "utfall.csv", username="anna")
    export(session, "matvarden", stream, "csv")
    template("matvarden", "xlsx")

Modules, one concern each: `values` (cell types), `spec` and `kinds` (the columns of every
kind), `reading` (CSV with encoding detection, .xlsx), `loading` (validation and upsert by
natural key), `kolada` (Kolada's JSON and API), `sie` (SIE 4 files' budget and utfall),
`exporting` (export and templates), `runner` (one run: transaction, recomputation, the
import log), `sync` (what is new in the export folders and Kolada, for `rodtrad sync`),
`docs` (docs/import.md).
"""

from data_access.importers.exporting import FORMATS, export, template
from data_access.importers.kinds import KINDS
from data_access.importers.report import ImportReport, Problem
from data_access.importers.runner import IMPORT_KINDS, KOLADA, run_import

__all__ = ["FORMATS", "IMPORT_KINDS", "KINDS", "KOLADA", "ImportReport", "Problem", "export",
           "run_import", "template"]
