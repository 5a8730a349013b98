"""The `rodtrad` command: migrate, load the demo region, serve, manage users and the
organisation profile, import data.

Every command works on the database named by DATABASE_URL (default: the embedded SQLite
file under instance/). Failures a person can act on are printed as one Swedish line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from sqlalchemy.exc import OperationalError

from dashboard.cli_import import add_parsers as add_import_parsers
from dashboard.cli_import import command_line_user
from dashboard.cli_sync import add_kolada_parser
from dashboard.cli_sync import add_parser as add_sync_parser
from dashboard.config import ConfigError, audit_days
from data_access.db import (
    DatabaseNotReady,
    DatabaseUnavailable,
    check_reachable,
    check_schema,
    database_url,
    describe_url,
    error_reason,
    is_empty,
    migrate,
)
from data_access.demo.spec import PROFILES as DEMO_PROFILES
from data_access.profile import ProfileError
from data_access.users import UserError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ogiltigt datum {text!r}, skriv ÅÅÅÅ-MM-DD") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} är inte ett positivt heltal")
    return int(text)


def cmd_migrate(_args) -> int:
    """Bring the schema up to date."""
    migrate()
    print(f"Databasen är uppdaterad: {describe_url(database_url())}")
    return 0


def cmd_demo(args) -> int:
    """Create or migrate the schema and fill it with the demo region or kommun (--profil)."""
    from data_access.db import session_scope
    from data_access.demo import load_demo
    from data_access.demo.spec import spec_for
    from data_access.demo.users import USERS_BY_PROFILE, create_demo_users

    migrate()
    if not is_empty():
        if args.if_empty:
            print("Databasen innehåller redan data; demodata laddas inte.")
            return 0
        print("Databasen innehåller redan data. Demodata laddas bara i en tom databas.",
              file=sys.stderr)
        return 1
    with session_scope() as session:
        summary = load_demo(session, seed=args.seed, scale=args.scale, as_of=args.as_of,
                            profil=args.profil)
        create_demo_users(session, args.profil)
    print(f"{spec_for(args.profil).summary_noun} är laddad: {summary}")
    print("Demoanvändare (endast för demo): " + ", ".join(
        f"{name} / {password}" for name, password, *_ in USERS_BY_PROFILE[args.profil]))
    return 0


def cmd_serve(args) -> int:
    """Serve the app with gunicorn (the production server) after checking the database: one
    that is not set up is refused, one that does not answer only warned about (the pages say
    "tillfälligt otillgänglig" until it does)."""
    try:
        check_schema()
    except DatabaseNotReady:
        raise
    except DatabaseUnavailable as exc:
        print(f"rodtrad: varning: {exc}. Sidorna svarar 503 tills databasen går att nå.",
              file=sys.stderr)
    workers = str(args.workers or os.environ.get("WEB_CONCURRENCY", "2"))
    # Through this interpreter, so it works without an activated virtualenv.
    argv = [sys.executable, "-m", "gunicorn", "dashboard.wsgi:server", "--bind", f"{args.host}:{args.port}",
            "--workers", workers, "--access-logfile", "-"]
    print(f"Rödtråd körs på http://{args.host}:{args.port} (avsluta med Ctrl+C)")
    os.execvp(argv[0], argv)
    return 0  # not reached


def _read_password(args) -> str:
    """The new password: from standard input when it is not a terminal, else asked twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("Lösenord: ")
    if getpass.getpass("Upprepa lösenordet: ") != first:
        raise UserError("Lösenorden är inte lika.")
    return first


def cmd_user(args) -> int:
    """Manage users: add, list, disable, enable, set-password, set-role, set-namnder."""
    from data_access import users
    from data_access.db import session_scope

    by = command_line_user()
    with session_scope() as session:
        if args.action == "list":
            for u in users.list_users(session):
                scope = ",".join(n.code for n in u.namnder) or "-"
                state = "aktiv" if u.active else "avstängd"
                print(f"{u.username}\t{users.ROLE_LABELS_SV[u.role]}\t{scope}\t{state}")
            return 0
        if args.action == "add":
            users.add_user(session, args.username, _read_password(args), args.role,
                           args.namnd or [], args.name or "", by=by)
        elif args.action == "set-password":
            users.set_password(session, args.username, _read_password(args), by=by)
        elif args.action == "set-role":
            users.set_role(session, args.username, args.role, args.namnd or [], by=by)
        elif args.action == "set-namnder":
            users.set_namnder(session, args.username, args.namnd, by=by)
        else:
            users.set_active(session, args.username, args.action == "enable", by=by)
    print(f"Klart: {args.action} {args.username}")
    return 0


def cmd_audit_prune(args) -> int:
    """Delete audit events older than the retention (RODTRAD_AUDIT_DAYS, or --dagar)."""
    from data_access import audit
    from data_access.db import session_scope

    days = audit_days() if args.dagar is None else args.dagar
    with session_scope() as session:
        removed = audit.prune(session, days)
    print(f"Klart: {removed} händelser äldre än {days} dagar borttagna ur granskningsloggen.")
    return 0


def _audit_parser(sub) -> None:
    log = sub.add_parser("granskningslogg", help="granskningsloggen (vem gjorde vad, när)")
    actions = log.add_subparsers(dest="action", required=True)
    prune = actions.add_parser("rensa", help="ta bort händelser äldre än RODTRAD_AUDIT_DAYS "
                                             "(standard 365 dagar)")
    prune.add_argument("--dagar", type=_positive, default=None, metavar="N",
                       help="behåll N dagar i stället för RODTRAD_AUDIT_DAYS")
    prune.set_defaults(func=cmd_audit_prune)


NO_PROFILE = ("Ingen organisationsprofil är satt ännu. Sätt den med rodtrad profil satt "
              "--namn NAMN --typ region|kommun --kolada ID.")


def cmd_profile(args) -> int:
    """Show or set the organisation profile (name, kind, Kolada area, publisher, comparisons)."""
    from data_access import profile
    from data_access.db import session_scope

    with session_scope() as session:
        stored = profile.read(session)
        if args.action == "visa":
            if stored is None:
                print(NO_PROFILE, file=sys.stderr)
                return 1
            for label, value in profile.describe(stored):
                print(f"{label}:\t{value}")
            return 0
        if stored is None and not (args.namn and args.typ and args.kolada):
            raise ProfileError(f"{NO_PROFILE[:-1]} (alla tre behövs första gången).")
        base = stored or profile.Profile(args.namn, args.typ, args.kolada, args.utgivare or args.namn)
        areas = base.areas
        if args.inga_omraden:
            areas = ()
        if args.jamfor:
            areas = tuple(profile.parse_area(text) for text in args.jamfor)
        changed = profile.Profile(
            name=args.namn or base.name, kind=args.typ or base.kind,
            kolada_area=args.kolada or base.kolada_area,
            publisher=args.utgivare or base.publisher,
            riket=base.riket if args.riket is None else args.riket == "ja",
            all_regions=base.all_regions if args.alla_regioner is None
            else args.alla_regioner == "ja",
            own_kommuner=base.own_kommuner if args.egna_kommuner is None
            else args.egna_kommuner == "ja",
            areas=areas,
            success_factors=base.success_factors if args.framgangsfaktorer is None
            else args.framgangsfaktorer == "ja")
        saved = profile.save(session, changed, by=command_line_user())
    print(f"Klart: organisationsprofilen för {saved.name} är sparad.")
    return 0


def _profile_parser(sub) -> None:
    from data_access.models import ORGANISATION_KINDS

    prof = sub.add_parser("profil", help="organisationsprofilen: namn, typ, Kolada-id, utgivare "
                                         "och jämförelser")
    actions = prof.add_subparsers(dest="action", required=True)
    actions.add_parser("visa", help="visa profilen").set_defaults(func=cmd_profile)
    put = actions.add_parser("satt", help="sätt profilen (det som inte anges behålls)")
    put.add_argument("--namn", help="organisationens namn, t.ex. Region Exempel")
    put.add_argument("--typ", choices=ORGANISATION_KINDS, help="region eller kommun")
    put.add_argument("--kolada", metavar="ID", help="organisationens områdes-id i Kolada")
    put.add_argument("--utgivare", help="utgivaren som licensen för öppna data anger "
                                        "(standard: namnet)")
    for flag, text in (("--riket", "jämför med riket"),
                       ("--alla-regioner", "jämför med alla regioner"),
                       ("--egna-kommuner", "jämför en region med sina egna kommuner"),
                       ("--framgangsfaktorer", "organisationen har framgångsfaktorer mellan "
                                               "nämndmålen och förvaltningsmålen")):
        put.add_argument(flag, choices=("ja", "nej"), help=text)
    put.add_argument("--jamfor", action="append", metavar="'ID NAMN'",
                     help="ett valt jämförelseområde, t.ex. '0180 Stockholm' (flera går bra; "
                          "ersätter de valda)")
    put.add_argument("--inga-omraden", action="store_true",
                     help="ta bort alla valda jämförelseområden")
    put.set_defaults(func=cmd_profile)


def _user_parser(sub) -> None:
    from data_access.models import ROLES

    user = sub.add_parser("user", help="hantera användare")
    actions = user.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="lista användare").set_defaults(func=cmd_user)
    add = actions.add_parser("add", help="skapa en användare (lösenordet läses från standard in)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--namnd", action="append", metavar="KOD", help="nämndkod (för rollen namnd)")
    add.add_argument("--name", help="visningsnamn")
    role = actions.add_parser("set-role", help="byt roll")
    role.add_argument("username")
    role.add_argument("--role", required=True, choices=ROLES)
    role.add_argument("--namnd", action="append", metavar="KOD")
    namnder = actions.add_parser("set-namnder", help="byt en nämndledamots nämnder")
    namnder.add_argument("username")
    namnder.add_argument("--namnd", action="append", metavar="KOD", required=True)
    for name, text in [("set-password", "byt lösenord (läses från standard in)"),
                       ("disable", "stäng av en användare"), ("enable", "aktivera en användare")]:
        actions.add_parser(name, help=text).add_argument("username")
    for action in actions.choices.values():
        action.set_defaults(func=cmd_user)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rodtrad", description="Rödtråd – styrmodellens instrumentpanel")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("migrate", help="skapa eller uppdatera databasschemat").set_defaults(func=cmd_migrate)

    demo = sub.add_parser("demo", help="ladda demodata: en region eller en kommun, med dess "
                                       "organisationsprofil")
    demo.add_argument("--profil", choices=DEMO_PROFILES, default=DEMO_PROFILES[0],
                      help="vilken demoorganisation: en region (standard) eller en kommun")
    demo.add_argument("--seed", type=int, default=2050, help="slumpfrö (samma frö ger samma data)")
    demo.add_argument("--scale", type=_positive, default=1, help="multiplicera enheter, indikatorer och historik")
    demo.add_argument("--as-of", type=_date, default=None,
                      help="sista dag med data, ÅÅÅÅ-MM-DD (standard: sista dagen förra månaden)")
    demo.add_argument("--if-empty", action="store_true", help="ladda bara om databasen är tom")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="starta webbservern (gunicorn)")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=_positive, default=int(os.environ.get("PORT", "8050")))
    serve.add_argument("--workers", type=_positive, default=None)
    serve.set_defaults(func=cmd_serve)

    _user_parser(sub)
    _profile_parser(sub)
    _audit_parser(sub)
    add_kolada_parser(add_import_parsers(sub))
    add_sync_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ConfigError, DatabaseUnavailable, UserError, ProfileError) as exc:
        print(f"rodtrad: {exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:  # e.g. no SQLite file: only `rodtrad migrate` makes one
        print(f"rodtrad: {database_problem(exc)}", file=sys.stderr)
        return 1


def database_problem(exc: OperationalError) -> str:
    """One line on why a command's database failed it, saying how to fix it when we know."""
    try:
        check_reachable()
    except DatabaseUnavailable as down:
        return str(down)
    return f"Databasfel ({describe_url(database_url())}): {error_reason(exc)}"


if __name__ == "__main__":
    sys.exit(main())
