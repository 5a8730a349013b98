"""`rodtrad import`, `template`, `export` and `kolada fetch`: a region's own data in and out.

The commands are thin: reading, checking and writing live in data_access.importers.
"""

from __future__ import annotations

import argparse
import getpass
import io
import json
import sys
from pathlib import Path

from data_access.db import migrate, session_scope
from data_access.importers import (
    FORMATS,
    IMPORT_KINDS,
    KINDS,
    ImportReport,
    kolada,
    run_import,
    template,
)
from data_access.importers import export as export_kind
from data_access.importers.exporting import write
from data_access.importers.kinds import MAPPINGS
from data_access.importers.mappings import suggest, type_of
from data_access.importers.report import MAX_PROBLEMS, FileProblem
from data_access.importers.runner import SIE
from data_access.importers.values import CellError


MAX_REVISIONS_SHOWN = 20  # Kolada's revised values listed by a command; all are logged


def command_line_user() -> str:
    """Who ran a command, as the logs name them: the login name on this machine."""
    return f"{getpass.getuser()} (kommandorad)"


def _who(args) -> str:
    """Who the log names: --anvandare, else the login name on this machine."""
    return args.anvandare or command_line_user()


def print_report(report: ImportReport) -> int:
    """The report for a person: summary, examples, problems; exit code 1 when nothing was saved."""
    print(f"{report.file_name}: {report.summary()}")
    if report.dry_run:
        for category, word in (("new", "Nya"), ("updated", "Ändrade")):
            if report.samples[category]:
                print(f"{word} (de första): " + ", ".join(report.samples[category]))
    for note in report.notes:
        print(note)
    for revision in report.revisions[:MAX_REVISIONS_SHOWN]:
        print(revision)
    if len(report.revisions) > MAX_REVISIONS_SHOWN:
        print(f"… och {len(report.revisions) - MAX_REVISIONS_SHOWN} reviderade värden till.")
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.problem_count > len(report.problems):
        print(f"… och {report.problem_count - len(report.problems)} fel till (de första "
              f"{MAX_PROBLEMS} visas).", file=sys.stderr)
    if report.data_as_of:
        print(f"Data per {report.data_as_of.isoformat()}.")
    return 1 if report.outcome == "fel" else 0


def _input_file(name: str) -> Path | None:
    """The file a command reads, with the schema brought up to date; None (and a line on
    standard error) when there is no such file."""
    path = Path(name)
    if not path.is_file():
        print(f"rodtrad: filen {path} finns inte", file=sys.stderr)
        return None
    migrate()
    return path


def cmd_import(args) -> int:
    """Import a file of one kind (the schema is brought up to date first)."""
    path = _input_file(args.file)
    if path is None:
        return 1
    with path.open("rb") as stream, session_scope() as session:
        report = run_import(session, args.kind, stream, path.name, username=_who(args),
                            dry_run=args.dry_run, skip_invalid=args.skip_invalid,
                            source=args.kalla, dimension=args.dimension)
    return print_report(report)


def cmd_template(args) -> int:
    """Write a kind's template as .xlsx and .csv."""
    folder = Path(args.katalog)
    folder.mkdir(parents=True, exist_ok=True)
    for file_format in FORMATS:
        path = folder / f"{args.kind}-mall.{file_format}"
        path.write_bytes(template(args.kind, file_format))
        print(f"Skrev {path}")
    return 0


def cmd_export(args) -> int:
    """Write every stored row of a kind, in the format the import reads."""
    target = args.file or f"{args.kind}.csv"
    file_format = "xlsx" if target.endswith(".xlsx") else "csv"
    with session_scope() as session:
        if target == "-":
            out = io.BytesIO()
            count = export_kind(session, args.kind, out, "csv")
            sys.stdout.buffer.write(out.getvalue())
            return 0
        with open(target, "wb") as stream:
            count = export_kind(session, args.kind, stream, file_format)
    print(f"Skrev {count} rader till {target}", file=sys.stderr)
    return 0


def _mapping_type(word: str) -> str:
    try:
        return type_of(word)
    except CellError:
        raise argparse.ArgumentTypeError(
            f"okänd typ {word!r}; skriv enhet, indikator, mål eller kostnadsslag") from None


def cmd_mapping_suggest(args) -> int:
    """Print proposed mappings for a file's names as a CSV of the mappning kind."""
    path = _input_file(args.file)
    if path is None:
        return 1
    with path.open("rb") as stream, session_scope() as session:
        try:
            found = suggest(session, stream, args.typ, source=args.kalla, header=args.kolumn)
        except FileProblem as exc:
            print(exc.problem(path.name), file=sys.stderr)
            return 1
    out = io.BytesIO()
    write(MAPPINGS, found.rows, out, "csv")
    if args.ut:
        Path(args.ut).write_bytes(out.getvalue())
    else:
        sys.stdout.buffer.write(out.getvalue())
        sys.stdout.flush()
    for note in found.notes:
        print(note, file=sys.stderr)
    print(found.summary(), file=sys.stderr)
    return 0


def years(text: str) -> list[int]:
    """'2019-2025' or '2023,2024' as a list of years."""
    try:
        return kolada.parse_years(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_kolada_fetch(args) -> int:
    """Fetch KPIs from Kolada's API and import them like a Kolada file."""
    years = args.ar or kolada.default_years()
    migrate()
    if args.omrade:
        areas = args.omrade.split(",")
    else:
        with session_scope() as session:
            areas = kolada.accepted_areas(session).codes
    url = kolada.api_url(args.kpi, areas, years, args.api)
    try:
        document = kolada.fetch(url)
    except kolada.KoladaUnavailable as exc:
        print(f"rodtrad: {exc}", file=sys.stderr)
        return 1
    stream = io.BytesIO(json.dumps(document).encode("utf-8"))
    with session_scope() as session:
        report = run_import(session, "kolada", stream, url, username=_who(args),
                            dry_run=args.dry_run, skip_invalid=args.skip_invalid)
    return print_report(report)


def _run_options(parser) -> None:
    parser.add_argument("--dry-run", action="store_true",
                        help="provkör: kontrollera och räkna, spara inget")
    parser.add_argument("--skip-invalid", action="store_true",
                        help="spara de giltiga raderna och rapportera de andra")
    parser.add_argument("--anvandare", metavar="NAMN", help="vem som står i importloggen")


def add_parsers(sub):
    """Add import, template, export and kolada to the `rodtrad` command; `kolada`'s
    subcommands, for `kolada sync` (dashboard.cli_sync)."""
    kinds = ", ".join((*IMPORT_KINDS, SIE))
    imp = sub.add_parser("import", help="importera en CSV-, Excel-, Kolada- eller SIE-fil",
                         description=f"Sorter: {kinds}. Se docs/import.md.")
    imp.add_argument("kind", choices=(*IMPORT_KINDS, SIE), metavar="SORT", help=kinds)
    imp.add_argument("file", metavar="FIL")
    imp.add_argument("--kalla", metavar="KÄLLA", help="systemet filen kommer från, t.ex. "
                     "stratsys: dess mappningar gäller (och de för alla källor, *)")
    imp.add_argument("--dimension", type=int, default=1, metavar="NR",
                     help="sie: dimensionen vars objekt är enheter (standard: 1, kostnadsställe)")
    _run_options(imp)
    imp.set_defaults(func=cmd_import)

    tpl = sub.add_parser("template", help="skriv en mall (.xlsx och .csv) för en sort")
    tpl.add_argument("kind", choices=list(KINDS), metavar="SORT", help=", ".join(KINDS))
    tpl.add_argument("--katalog", default=".", help="var mallarna skrivs (standard: här)")
    tpl.set_defaults(func=cmd_template)

    exp = sub.add_parser("export", help="exportera en sort i importens format")
    exp.add_argument("kind", choices=list(KINDS), metavar="SORT", help=", ".join(KINDS))
    exp.add_argument("file", nargs="?", metavar="FIL",
                     help=".csv eller .xlsx (standard: SORT.csv; - för standard ut)")
    exp.set_defaults(func=cmd_export)

    mapping = sub.add_parser("mappning", help="mappningar från andra systems namn till våra koder")
    mapping_actions = mapping.add_subparsers(dest="action", required=True)
    proposal = mapping_actions.add_parser(
        "suggest", help="föreslå mappningar för namnen i en fil (skrivs som CSV)",
        description="Skriver en CSV i mappningarnas format med ett förslag per namn. Granska "
        "den och importera med: rodtrad import mappning FIL. Se docs/import.md.")
    proposal.add_argument("file", metavar="FIL")
    proposal.add_argument("--typ", type=_mapping_type, required=True,
                          help="enhet, indikator, mål eller kostnadsslag")
    proposal.add_argument("--kalla", metavar="KÄLLA", help="källan, t.ex. stratsys "
                          "(standard: *, alla källor)")
    proposal.add_argument("--kolumn", metavar="RUBRIK", help="kolumnen med namnen (standard: "
                          "Enhet, Indikator, Mål eller Kostnadsslag)")
    proposal.add_argument("--ut", metavar="FIL", help="skriv CSV-filen hit (standard: "
                          "standard ut)")
    proposal.set_defaults(func=cmd_mapping_suggest)

    kol = sub.add_parser("kolada", help="hämta nyckeltal från Kolada")
    actions = kol.add_subparsers(dest="action", required=True)
    fetch = actions.add_parser("fetch", help="hämta och importera nyckeltal från Koladas API")
    fetch.add_argument("kpi", nargs="+", metavar="KPI", help="Kolada-id, t.ex. N70061")
    fetch.add_argument("--ar", type=years, help="år, t.ex. 2019-2025 (standard: de senaste "
                       f"{kolada.YEARS_BACK} hela åren)")
    fetch.add_argument("--omrade", help="områdeskoder, t.ex. 0020,0000 (standard: "
                       "organisationens eget område och dess jämförelseområden)")
    fetch.add_argument("--api", help=f"Koladas adress (standard: KOLADA_API_URL eller "
                       f"{kolada.DEFAULT_API})")
    _run_options(fetch)
    fetch.set_defaults(func=cmd_kolada_fetch)
    return actions
