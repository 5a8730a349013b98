"""The Granskningslogg page's pure parts: its URL arguments read as a filter, the events as
table rows, and the same events as a downloadable table."""

from __future__ import annotations

import datetime as dt

from callbacks.importera import local_time
from dashboard.core.exports import Column, Table
from data_access.models import AUDIT_KINDS
from data_access.queries.audit_log import AuditFilter, AuditRow

KIND_LABELS = {
    "inloggning": "Inloggning", "inloggning_misslyckad": "Misslyckad inloggning",
    "sidvisning": "Sidvisning", "nedladdning": "Nedladdning", "import": "Import",
    "anvandarandring": "Användarändring", "profilandring": "Profiländring",
}
METHOD_LABELS = {"losenord": "Lösenord", "oidc": "Organisationens konto (OIDC)",
                 "saml": "Organisationens konto (SAML)"}
COLUMNS = ("Tid", "Vem", "Händelse", "Metod", "Sida, fil eller ändring", "Roll", "Nämnder",
           "Adress")
PER_PAGE = 100
MOST_IN_FILE = 100_000


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


def audit_filter(vem: str | None = None, handelse: str | None = None, fran: str | None = None,
                 till: str | None = None) -> AuditFilter:
    """The page's URL arguments as a filter; what is not valid is left out."""
    return AuditFilter(who=(vem or "").strip()[:100],
                       kind=handelse if handelse in AUDIT_KINDS else "",
                       first_day=_day(fran), last_day=_day(till))


def filter_args(wanted: AuditFilter) -> dict[str, str]:
    """A filter as the page's URL arguments (empty ones left out)."""
    args = {"vem": wanted.who, "handelse": wanted.kind,
            "fran": wanted.first_day.isoformat() if wanted.first_day else "",
            "till": wanted.last_day.isoformat() if wanted.last_day else ""}
    return {key: value for key, value in args.items() if value}


def row_values(event: AuditRow) -> list[str]:
    """One event's cells, in COLUMNS' order, in Swedish."""
    return [local_time(event.at), event.username or "–", KIND_LABELS.get(event.kind, event.kind),
            METHOD_LABELS.get(event.method, event.method), event.target, event.role,
            event.namnder, event.address]


def events_table(events: list[AuditRow], total: int) -> Table:
    """The events as a file (CSV or Excel), saying when the file holds only the newest."""
    about = (f"De {len(events)} senaste av {total} händelser" if total > len(events) else "")
    return Table("Granskningslogg", [Column(header) for header in COLUMNS],
                 [row_values(event) for event in events], about)


def caption(shown: int, offset: int, total: int) -> str:
    """What the list on the screen holds, e.g. `Händelse 1–100 av 2 345, nyast först`."""
    if not total:
        return "Inga händelser"
    return f"Händelse {offset + 1}–{offset + shown} av {total}, nyast först"
