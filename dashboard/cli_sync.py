"""`rodtrad sync`: import what is new in the folders and from Kolada that a sync
configuration names (data_access.importers.sync), one ordinary import per file; and
`rodtrad kolada sync`, the same Kolada step on its own (one code path: `_run_kolada`).

It runs once and exits, for a systemd timer or cron (docs/import.md, *Synkronisering*):
0 when everything new was imported or nothing was new, 1 when a file or Kolada failed (the
other files are imported all the same), 2 when the configuration cannot be used.
"""

from __future__ import annotations

import getpass
import io
import os
import sys
from pathlib import Path

from data_access.db import migrate, session_scope
from data_access.importers import kolada, run_import, sync
from data_access.importers.runner import log_failure
from data_access.importers.values import count
from dashboard.cli_import import print_report, years

CONFIG_ENV = "RODTRAD_SYNC_CONFIG"
BAD_CONFIG = 2


def cmd_sync(args) -> int:
    """Read the configuration, find what is new, import it (or, with --dry-run, list it)."""
    name = args.config or os.environ.get(CONFIG_ENV)
    if not name:
        print(f"rodtrad sync: ange synkinställningarna med --config FIL eller {CONFIG_ENV}",
              file=sys.stderr)
        return BAD_CONFIG
    try:
        config = sync.read_config(Path(name))
    except sync.ConfigError as exc:
        print(f"rodtrad sync: {exc}", file=sys.stderr)
        return BAD_CONFIG
    migrate()
    with session_scope() as session:
        items = sync.plan(session, config)
    if args.dry_run:
        return _list(items)
    username = args.anvandare or f"{getpass.getuser()} (synk)"
    failed = [item for item in items if not _run(item, username)]
    _summary(items, failed)
    return 1 if failed else 0


def _list(items: list[sync.Item]) -> int:
    """What a run would do, one line per file; nothing is read into the database."""
    print("Provkörning: ingenting importeras.")
    for item in items:
        if item.from_kolada and item.state != "fel":
            print(f"Kolada: hämtas från {item.name} och importeras om svaret är nytt.")
        elif item.to_import:
            change = "ny fil" if item.state == "ny" else "ändrad sedan den importerades"
            print(f"Importeras ({item.kind}, {change}): {item.name}")
        elif item.state == "importerad":
            print(f"Redan importerad ({item.kind}): {item.name}")
        elif item.state == "väntar":
            print(_waiting(item))
        else:
            print(f"Fel: {item.name}: {item.problem}", file=sys.stderr)
    return 1 if any(item.state == "fel" for item in items) else 0


def _waiting(item: sync.Item) -> str:
    return (f"Väntar: {item.name} ändrades för {count(item.age)} sekunder sedan och kan skrivas "
            "fortfarande; den läses vid nästa körning.")


def _run(item: sync.Item, username: str, dry_run: bool = False) -> bool:
    """Import one item if it is new (Kolada: `dry_run` fetches and dry-runs it); False when
    it failed (said on standard error)."""
    if item.state == "väntar":
        print(_waiting(item))
        return True
    if item.state == "fel":
        print(f"{item.name}: {item.problem}", file=sys.stderr)
        if item.kind is not None and not dry_run:
            _log_failure(item, item.problem, username)
        return False
    try:
        if item.from_kolada:
            return _run_kolada(item, username, dry_run)
        if not item.to_import:
            return True
        with item.path.open("rb") as stream, session_scope() as session:
            report = run_import(session, item.kind, stream, item.name, username=username,
                                source=item.source, dimension=item.dimension)
    except OSError as exc:
        reason = f"filen går inte att läsa: {exc.strerror or exc}"
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the others
        reason = f"oväntat fel: {type(exc).__name__}: {exc}"
    else:
        return print_report(report) == 0
    print(f"{item.name}: {reason}", file=sys.stderr)
    _log_failure(item, reason, username)
    return False


def _run_kolada(item: sync.Item, username: str, dry_run: bool = False) -> bool:
    """Fetch Kolada's answer and import it if it is new (a dry run always imports it, and
    saves nothing); print what Kolada revised. False when it failed (said on standard error)."""
    with session_scope() as session:
        try:
            data = sync.fetch_kolada(session, item)
        except kolada.KoladaUnavailable as exc:
            print(f"Kolada: {exc}", file=sys.stderr)
            if not dry_run:
                _log_failure(item, str(exc), username)
            return False
    if not item.to_import and not dry_run:
        print("Kolada: inget nytt sedan förra importen. Inga värden har reviderats.")
        return True
    with session_scope() as session:
        report = run_import(session, item.kind, io.BytesIO(data), item.name, username=username,
                            dry_run=dry_run)
    failed = print_report(report) != 0
    if not failed and not report.revisions:
        print("Kolada har inte reviderat några lagrade värden sedan förra importen.")
    return not failed


def _log_failure(item: sync.Item, reason: str, username: str) -> None:
    with session_scope() as session:
        log_failure(session, item.kind, item.name, reason, username=username,
                    digest=item.digest, source=item.source)


def _summary(items: list[sync.Item], failed: list[sync.Item]) -> None:
    failures = {id(item) for item in failed}

    def number(state: str) -> int:
        return sum(1 for item in items if item.state == state and id(item) not in failures)

    imported = number("ny") + number("ändrad")
    print(f"Synkroniseringen är klar: {count(imported)} importerade, "
          f"{count(number('importerad'))} redan importerade, {count(number('väntar'))} väntar, "
          f"{count(len(failed))} misslyckades.")
    if failed:
        print(f"rodtrad sync: {count(len(failed))} misslyckades: "
              + ", ".join(item.shown for item in failed), file=sys.stderr)


def add_parser(sub) -> None:
    """Add `sync` to the `rodtrad` command."""
    parser = sub.add_parser(
        "sync", help="importera det som är nytt i ekonomisystemets och andra systems mappar "
        "och från Kolada", description="Läser synkinställningarna (TOML) och importerar nya "
        "och ändrade filer en gång var. Körs av en systemd-timer eller cron; se "
        "docs/import.md, Synkronisering.")
    parser.add_argument("--config", metavar="FIL", help=f"synkinställningarna (standard: "
                        f"{CONFIG_ENV})")
    parser.add_argument("--dry-run", action="store_true",
                        help="lista vad som skulle importeras, importera inget")
    parser.add_argument("--anvandare", metavar="NAMN", help="vem som står i importloggen "
                        "(standard: inloggningsnamnet följt av (synk))")
    parser.set_defaults(func=cmd_sync)


def cmd_kolada_sync(args) -> int:
    """Refresh every Kolada-sourced indicator (or --kpi) for the years asked; 0 when done or
    nothing was new, 1 when Kolada or the import failed (nothing is then saved)."""
    migrate()
    source = sync.KoladaSource(tuple(args.kpi or ()), tuple(args.ar or kolada.default_years()),
                               tuple(args.omrade or ()), args.api)
    with session_scope() as session:
        item = sync.kolada_item(session, source)
    username = args.anvandare or f"{getpass.getuser()} (synk)"
    ok = _run(item, username, args.dry_run)
    print("Kolada-synken är klar." if ok else "rodtrad kolada sync: Kolada-synken misslyckades; "
          "ingenting sparades.", file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


def add_kolada_parser(actions) -> None:
    """Add `sync` to `rodtrad kolada`."""
    parser = actions.add_parser(
        "sync", help="hämta alla nyckeltal från Kolada på nytt och visa vad Kolada har "
        "reviderat", description="Hämtar varje indikator med värden från Kolada (eller "
        "--kpi) för åren och importerar svaret om det är nytt, allt eller inget. Värden som "
        "Kolada har ändrat eller tagit bort sedan förra importen skrivs ut och sparas i "
        "importloggen. Körs av en systemd-timer eller cron; se docs/import.md, Kolada.")
    parser.add_argument("--ar", type=years, help="år, t.ex. 2016-2025 (standard: de senaste "
                        f"{kolada.YEARS_BACK} hela åren)")
    parser.add_argument("--kpi", type=_codes, metavar="KPI,...", help="bara dessa nyckeltal "
                        "(standard: alla indikatorer med källan Kolada eller värden från Kolada)")
    parser.add_argument("--omrade", type=_codes, metavar="ID,...", help="områdeskoder "
                        "(standard: organisationens eget område och dess jämförelseområden)")
    parser.add_argument("--api", help="Koladas adress (standard: KOLADA_API_URL eller "
                        f"{kolada.DEFAULT_API})")
    parser.add_argument("--dry-run", action="store_true", help="hämta och provkör: visa vad "
                        "som skulle ändras, spara inget")
    parser.add_argument("--anvandare", metavar="NAMN", help="vem som står i importloggen "
                        "(standard: inloggningsnamnet följt av (synk))")
    parser.set_defaults(func=cmd_kolada_sync)
