"""Kolada, the national open KPI database: its JSON (API v2 and v3) as import rows, and fetching.

A Kolada document holds `values`: one entry per KPI, area ("municipality") and year, each
with the values per gender (`T` total, `K` women, `M` men). As Kolada defines them:
- a value of null is missing (Kolada's `status` says why, e.g. "Data saknas"): it is stored
  as missing, never as zero; a number is stored whatever its `status` says;
- an entry (or a gender's value) with `isdeleted: true` is one Kolada has withdrawn: it is
  never stored, and the value Rödtråd holds for it is removed;
- v3 pages on with `next_url`, v2 with `next_page`; `fetch` follows both.
The organisation's own area becomes measurements at its region unit, the areas of the
comparison set (`accepted_areas`, the ONE place that says which) become comparison series.
A KPI that is not yet an indicator is created from Kolada's KPI metadata (the document's
`kpis`, which `fetch` adds from the API's /kpi endpoint); an existing one is updated from it.
Everything is credited to Kolada.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from dashboard.core import formatting
from data_access import profile
from data_access.importers.kinds import COMPARISONS, MEASUREMENTS
from data_access.importers.reading import Sheet
from data_access.importers.report import FileProblem, ImportReport, Problem
from data_access.importers.values import count, match_key
from data_access.models import (
    ComparisonMeasurement,
    Indicator,
    KoladaRevision,
    Mapping,
    Measurement,
    OrgUnit,
)

SOURCE = "Kolada"
RIKET = "0000"
REGIONS = profile.REGION_NAMES  # Kolada's area ids of the 21 regions, with their names
AREA_NAMES = {RIKET: "Riket", **REGIONS}
ALL_REGIONS = "alla regioner"  # in a comparison set: every region but the organisation's own
# How a person adds an area to the comparison set (said with every value outside it).
ADD_AREA = ("lägg till området bland organisationens jämförelseområden med ”rodtrad profil "
            "satt --jamfor 'ID NAMN'” (till exempel --jamfor '0180 Stockholm'; --alla-regioner "
            "ja tar med alla 21 regioner) eller på sidan /admin/profil (Administration › "
            "Organisation), och importera igen")
DEFAULT_API = "https://api.kolada.se"
YEARS_BACK = 10  # fetched by default: the latest whole years
GENDERS = {"T": "Värde totalt", "K": "Värde kvinnor", "M": "Värde män"}
MAX_PAGES = 1000
MAX_BYTES = 50 * 1024 * 1024
NAME_LENGTH = 300  # Indicator.name
UNIT_LENGTH = 30  # Indicator.unit
# Kolada's words for which way is better, where a KPI's metadata states one.
DIRECTION_WORDS = {"higher": "higher", "increasing": "higher", "positive": "higher",
                   "high": "higher", "hög": "higher", "högt": "higher", "lower": "lower",
                   "decreasing": "lower", "negative": "lower", "low": "lower", "låg": "lower",
                   "lågt": "lower"}


class KoladaUnavailable(RuntimeError):
    """Kolada's API could not be read; the message is for a person, in Swedish."""


# --- The areas accepted --------------------------------------------------------------


@dataclass(frozen=True)
class Areas:
    """The organisation's own Kolada area and the comparison set (area id -> name)."""

    own: str
    comparisons: dict[str, str]
    kommun_prefix: str | None = None  # a region's own kommuner: their ids begin with it

    def comparison(self, code: str) -> str | None:
        """The name of a comparison area, None when the code is not in the set."""
        if code in self.comparisons:
            return self.comparisons[code]
        if (self.kommun_prefix and len(code) == 4 and code.startswith(self.kommun_prefix)
                and code != self.own):
            return f"Kommun {code}"
        return None

    @property
    def codes(self) -> tuple[str, ...]:
        """Every accepted area id, the organisation's own first (as `fetch` asks for them)."""
        return (self.own, *self.comparisons)

    def describe(self) -> str:
        """The set as a message names it."""
        shown = [f"{c} {n}" for c, n in self.comparisons.items()]
        regions = set(REGIONS) - {self.own}
        if regions <= set(self.comparisons):  # all regions: named as such, not one by one
            shown = [f"{c} {n}" for c, n in self.comparisons.items() if c not in regions]
            shown.append(f"alla {len(regions)} andra regioner")
        return ", ".join(shown)


def area_set(own: str, chosen: Iterable[str | tuple[str, str]]) -> Areas:
    """The Areas for the organisation's own area id and its comparison set.

    `chosen` holds area ids (named from AREA_NAMES), (id, name) pairs (a kommun, say) and
    ALL_REGIONS (every region but `own`). The own area is never a comparison of itself."""
    comparisons: dict[str, str] = {}
    for item in chosen:
        if item == ALL_REGIONS:
            comparisons.update((c, n) for c, n in REGIONS.items() if c != own)
        elif isinstance(item, tuple):
            comparisons[item[0]] = item[1]
        else:
            comparisons[item] = AREA_NAMES.get(item, f"Område {item}")
    comparisons.pop(own, None)
    return Areas(own, comparisons)


def accepted_areas(session: Session) -> Areas:
    """THE areas a Kolada import stores and `fetch` asks for by default: the organisation's
    own and its comparison set, from the organisation profile (data_access.profile)."""
    found = profile.kolada_areas(session)
    if found is None or not found.own:
        raise FileProblem("Organisationens Kolada-id är inte angivet. Ange det med ”rodtrad "
                          "profil satt --kolada …” eller på sidan Administration › "
                          "Organisation och importera igen.")
    named = {area.code: area.name for area in found.named}
    named |= {code: REGIONS.get(code, f"Område {code}") for code in found.regions}
    return Areas(found.own, {c: n for c, n in named.items() if c != found.own},
                 found.kommun_prefix)


# --- Reading a document ----------------------------------------------------------------


def read_document(stream: BinaryIO) -> dict:
    """A Kolada JSON document from a file, or a FileProblem saying why it is not one."""
    try:
        document = json.load(stream)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FileProblem(f"Filen är inte giltig JSON från Kolada: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("values"), list):
        raise FileProblem("Filen är inte i Koladas format: den ska vara ett JSON-objekt med "
                          "listan ”values” (API v2 eller v3).")
    if not document["values"]:
        raise FileProblem("Filen innehåller inga värden från Kolada.")
    if not isinstance(document.get("kpis", []), list):
        raise FileProblem("Listan ”kpis” (Koladas beskrivning av nyckeltalen) ska vara en lista.")
    return document


@dataclass(frozen=True)
class Entry:
    """One entry of a document: its key, values (total, women, men) and whether it is deleted."""

    kpi: str
    area: str
    period: str
    values: list
    deleted: bool


def sheets(session: Session, document: dict, report: ImportReport) -> tuple[Sheet, Sheet]:
    """The document's entries as rows of mätvärden (the region) and jämförelser (the others).

    Indicators are created or updated from the document's KPI metadata first, and stored
    values that Kolada has deleted are removed, all in the import's transaction."""
    region = session.execute(select(OrgUnit.id, OrgUnit.code)
                             .where(OrgUnit.id == region_unit(session))).first()
    areas = accepted_areas(session)
    if region is None:
        raise FileProblem("Det finns ingen enhet på nivån region att lägga organisationens "
                          f"Kolada-värden ({areas.own}) på. Importera organisationen först.")
    next_page = document.get("next_url") or document.get("next_page")
    if next_page:
        report.notes.append(f"Filen är bara en sida av Koladas svar (nästa sida: {next_page}); "
                            "hämta alla sidor med rodtrad kolada fetch.")
    if document.get("kpis_problem"):
        report.notes.append(f"Koladas beskrivning av nyckeltalen kunde inte hämtas: "
                            f"{document['kpis_problem']}. Nya nyckeltal kan därför inte skapas "
                            "som indikatorer.")
    known = _indicators(session, document.get("kpis") or [], report)
    mapped = {match_key(external) for external in session.scalars(  # left to the loader
        select(Mapping.external).where(Mapping.kind == "indikator"))}
    entries: list[tuple[int, Entry | str]] = []
    for number, raw in enumerate(document["values"], start=1):
        try:
            entries.append((number, _entry(raw)))
        except ValueError as exc:
            entries.append((number, str(exc)))
    live = {(e.kpi, e.area, e.period) for _, e in entries if isinstance(e, Entry) and not e.deleted}
    own, others, removed = [], [], 0
    for number, e in entries:
        if isinstance(e, str):
            _reject(report, Problem(report.file_name, e, number))
        elif e.deleted:
            report.counts.read += 1
            if (e.kpi, e.area, e.period) in live or not _remove(session, e, areas, region[0]):
                report.counts.unchanged += 1
            else:
                report.counts.updated += 1
                removed += 1
        elif e.kpi not in known and match_key(e.kpi) not in mapped:
            _reject(report, Problem(
                report.file_name, f"det finns ingen indikator med koden {e.kpi}, och filen har "
                "inte Koladas beskrivning av nyckeltalet att skapa den från; hämta det med "
                f"”rodtrad kolada fetch {e.kpi}” (som skapar indikatorn) eller lägg upp "
                "indikatorn först", number, "Indikator", e.kpi))
        elif e.area == areas.own:
            own.append((number, [e.kpi, region[1], e.period, *e.values, SOURCE]))
        elif areas.comparison(e.area) is not None:
            others.append((number, [e.kpi, e.area, e.period, areas.comparison(e.area),
                                    *e.values, SOURCE]))
        else:
            _reject(report, Problem(
                report.file_name, f"okänt område: {e.area} (värdet för {e.kpi} år {e.period}) "
                f"är varken organisationens eget ({areas.own}) eller ett av "
                f"jämförelseområdena ({areas.describe()}); " + ADD_AREA, number,
                "municipality", e.area))
    if removed:
        report.notes.append(f"{count(removed)} värden som Kolada har tagit bort (isdeleted) "
                            "togs bort.")
    value_headers = list(GENDERS.values())
    return (
        Sheet(["Indikator", "Enhet", "Period", *value_headers, "Källa"], iter(own), "kolada"),
        Sheet(["Indikator", "Område", "Period", "Områdesnamn", *value_headers, "Källa"],
              iter(others), "kolada"),
    )


def region_unit(session: Session) -> int | None:
    """The id of the unit at level region, which holds the organisation's own Kolada values."""
    return session.scalar(select(OrgUnit.id).where(OrgUnit.level == "region")
                          .order_by(OrgUnit.id).limit(1))


def _reject(report: ImportReport, problem: Problem) -> None:
    report.counts.read += 1
    report.counts.rejected += 1
    report.add_problem(problem)


def _remove(session: Session, e: Entry, areas: Areas, region_id: int) -> bool:
    """Remove the stored value Kolada has deleted; whether there was one."""
    indicator = select(Indicator.id).where(Indicator.code == e.kpi).scalar_subquery()
    if e.area == areas.own:
        model, where = Measurement, Measurement.unit_id == region_id
    else:
        model, where = ComparisonMeasurement, ComparisonMeasurement.area_code == e.area
    result = session.execute(delete(model).where(
        model.indicator_id == indicator, model.period == e.period, where)
        .execution_options(synchronize_session=False))
    return bool(result.rowcount)


def _indicators(session: Session, kpis: list, report: ImportReport) -> set[str]:
    """Create or update indicators from Kolada's KPI metadata; the codes of every indicator."""
    stored = {i.code: i for i in session.scalars(select(Indicator))}
    made, changed = [], []
    for number, meta in enumerate(kpis, start=1):
        try:
            fields = _metadata(meta)
        except ValueError as exc:
            report.add_problem(Problem(report.file_name, f"Koladas beskrivning nr {number} i "
                                       f"”kpis”: {exc}"))
            continue
        code = fields.pop("code")
        indicator = stored.get(code)
        if indicator is None:
            stored[code] = Indicator(code=code, frequency="year", source=SOURCE,
                                     direction=fields.pop("direction", None) or "higher",
                                     **{"unit": "", **fields})
            session.add(stored[code])
            made.append(code)
            continue
        updates = {k: v for k, v in fields.items() if getattr(indicator, k) != v}
        for name, value in updates.items():
            setattr(indicator, name, value)
        if updates:
            changed.append(code)
    session.flush()
    if made:
        report.notes.append(f"Nya indikatorer från Koladas beskrivning: {', '.join(made)} (utan "
                            "uttalad riktning är den ”högre är bättre”; ändra den vid behov).")
    if changed:
        report.notes.append(f"Indikatorer uppdaterade från Koladas beskrivning: {', '.join(changed)}.")
    return set(stored)


def _metadata(meta) -> dict:
    """An indicator's fields from one KPI of Kolada's metadata, or ValueError in Swedish."""
    if not isinstance(meta, dict):
        raise ValueError("är inte ett JSON-objekt")
    code, title = meta.get("id"), meta.get("title")
    if not isinstance(code, str) or not code.strip() or len(code.strip()) > 40:
        raise ValueError("fältet ”id” saknas eller är längre än 40 tecken")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"fältet ”title” saknas för {code}")
    fields = {"code": code.strip(), "name": title.strip()[:NAME_LENGTH],
              "description": str(meta.get("description") or "").strip(),
              "by_sex": bool(meta.get("is_divided_by_gender"))}
    unit = meta.get("unit")
    if isinstance(unit, str) and unit.strip():
        fields["unit"] = unit.strip()[:UNIT_LENGTH]
    direction = meta.get("direction")
    if isinstance(direction, str) and direction.strip().casefold() in DIRECTION_WORDS:
        fields["direction"] = DIRECTION_WORDS[direction.strip().casefold()]
    return fields


def _deleted(item: dict, where: str) -> bool:
    flag = item.get("isdeleted", False)
    if not isinstance(flag, bool):
        raise ValueError(f"fältet ”isdeleted”{where} ska vara true eller false")
    return flag


def _entry(entry) -> Entry:
    """One entry of `values`, or ValueError in Swedish."""
    if not isinstance(entry, dict):
        raise ValueError("posten är inte ett JSON-objekt")
    kpi, area, period = entry.get("kpi"), entry.get("municipality"), entry.get("period")
    if not isinstance(kpi, str) or not kpi.strip():
        raise ValueError("fältet ”kpi” saknas")
    if not isinstance(area, str) or not area.strip():
        raise ValueError("fältet ”municipality” saknas")
    if isinstance(period, bool) or not isinstance(period, (int, str)) or not str(period).strip():
        raise ValueError("fältet ”period” saknas eller är inte ett år")
    deleted = _deleted(entry, "")
    by_gender: dict[str, object] = {}
    withdrawn = 0
    for value in entry.get("values") or []:
        gender = value.get("gender") if isinstance(value, dict) else None
        if gender not in GENDERS:
            raise ValueError(f"okänt kön {gender!r} i ”values”; Kolada använder T, K och M")
        if gender in by_gender:
            raise ValueError(f"könet {gender} står två gånger i ”values”")
        number = value.get("value")
        if number is not None and (isinstance(number, bool) or not isinstance(number, (int, float))):
            raise ValueError(f"värdet {number!r} för {gender} är inte ett tal")
        if _deleted(value, f" för {gender}"):  # a withdrawn value is missing, not stored
            withdrawn += 1
            number = None
        by_gender[gender] = number
    if withdrawn and withdrawn == len(by_gender):
        deleted = True
    return Entry(kpi.strip(), area.strip(), str(period).strip(),
                 [by_gender.get(g) for g in GENDERS], deleted)


def kinds():
    """The kinds a Kolada document fills, in the order of `sheets`."""
    return MEASUREMENTS, COMPARISONS


# --- What Kolada revised ----------------------------------------------------------------


@dataclass(frozen=True)
class Revision:
    """A stored value that an import changed or removed (a KoladaRevision before its run)."""

    indicator_code: str
    area_code: str
    area_name: str
    period: str
    gender: str  # T, K or M
    old_value: float | None
    new_value: float | None
    deleted: bool

    def __str__(self) -> str:
        where = (f"{self.indicator_code}, {self.area_code} {self.area_name}, {self.period}, "
                 f"{GENDER_WORDS[self.gender]}")
        if self.deleted:
            return f"Borttaget av Kolada: {where}: {shown(self.old_value)}"
        return f"Reviderat av Kolada: {where}: {shown(self.old_value)} → {shown(self.new_value)}"


GENDER_WORDS = {"T": "totalt", "K": "kvinnor", "M": "män"}
SHOWN_DECIMALS = 4


def shown(value: float | None) -> str:
    """A Kolada value as Kolada gave it (up to SHOWN_DECIMALS decimals), Swedish style."""
    if value is None:
        return formatting.number(None)
    decimals = f"{value:.{SHOWN_DECIMALS}f}".rstrip("0").split(".")[1]
    return formatting.number(value, len(decimals))


Values = dict[tuple[str, str, str], tuple[str, tuple]]  # (kpi, area, period) -> (name, T K M)


class Watch:
    """The stored values a Kolada document may revise, read before the import writes, to
    compare with what is stored after: what the import changed or removed."""

    def __init__(self, session: Session, document: dict):
        self.region = region_unit(session)
        found = profile.read(session)
        self.own = (found.kolada_area, found.name) if found else ("", "")
        entries = [e for e in document["values"] if isinstance(e, dict)]
        self.periods = sorted({str(e.get("period")).strip() for e in entries})
        self.withdrawn = set()  # (kpi, area, period, gender) that Kolada marks isdeleted
        for e in entries:
            key = tuple(str(e.get(k)).strip() for k in ("kpi", "municipality", "period"))
            for value in e.get("values") or []:
                if isinstance(value, dict) and (e.get("isdeleted") is True
                                                or value.get("isdeleted") is True):
                    self.withdrawn.add((*key, value.get("gender")))
        self.before = self._values(session)

    def _values(self, session: Session) -> Values:
        values: Values = {}
        genders = (Measurement.value_total, Measurement.value_women, Measurement.value_men)
        own = session.execute(
            select(Indicator.code, Measurement.period, *genders)
            .join(Indicator, Indicator.id == Measurement.indicator_id)
            .where(Measurement.unit_id == self.region, Measurement.period.in_(self.periods)))
        for code, period, *numbers in own:
            values[(code, self.own[0], period)] = (self.own[1], tuple(numbers))
        c = ComparisonMeasurement
        others = session.execute(
            select(Indicator.code, c.area_code, c.area_name, c.period, c.value_total,
                   c.value_women, c.value_men)
            .join(Indicator, Indicator.id == c.indicator_id).where(c.period.in_(self.periods)))
        for code, area, name, period, *numbers in others:
            values[(code, area, period)] = (name, tuple(numbers))
        return values

    def revisions(self, session: Session) -> list[Revision]:
        """Every stored value the import has changed or removed since `Watch` read them."""
        after = self._values(session)
        found = []
        for key, (name, old) in sorted(self.before.items()):
            new = after.get(key, (name, None))[1]
            for gender, was, now in zip(GENDERS, old, new or (None,) * len(GENDERS)):
                if was == now or (new is None and was is None):
                    continue
                deleted = new is None or (now is None and (*key, gender) in self.withdrawn)
                found.append(Revision(*key[:2], name, key[2], gender, was,
                                      None if deleted else now, deleted))
        return found


def revisions_note(revisions: list[Revision], dry_run: bool = False) -> str:
    """The import report's line on what Kolada revised."""
    deleted = sum(1 for r in revisions if r.deleted)
    where = ("provkörning: inget av det sparades" if dry_run
             else "de står i Importloggen under Reviderade värden")
    return (f"Kolada har reviderat {count(len(revisions))} lagrade värden sedan de importerades: "
            f"{count(len(revisions) - deleted)} ändrade, {count(deleted)} borttagna ({where}).")


def store_revisions(session: Session, run_id: int, revisions: list[Revision]) -> None:
    """Record an import run's revisions (in the run's transaction)."""
    session.add_all(KoladaRevision(run_id=run_id, **vars(r)) for r in revisions)


def sourced_kpis(session: Session) -> list[str]:
    """Every Kolada-sourced indicator's KPI id (its code): those whose källa is Kolada and
    those holding values imported from Kolada."""
    kolada = func.lower(SOURCE)
    with_values = or_(
        Indicator.id.in_(select(Measurement.indicator_id)
                         .where(func.lower(Measurement.source) == kolada)),
        Indicator.id.in_(select(ComparisonMeasurement.indicator_id)
                         .where(func.lower(ComparisonMeasurement.source) == kolada)))
    return list(session.scalars(
        select(Indicator.code).where(or_(func.lower(Indicator.source) == kolada, with_values))
        .order_by(Indicator.code)))


# --- Fetching from the API ------------------------------------------------------------


def parse_years(text: str) -> list[int]:
    """'2019-2025' or '2023,2024' as a list of years, or ValueError in Swedish."""
    bad = f"ogiltiga år {text!r}; skriv t.ex. 2019-2025"
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
            years = list(range(first, last + 1))
        else:
            years = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(bad) from None
    if not years or not all(1990 <= y <= 2100 for y in years):
        raise ValueError(bad)
    return years


def default_years(today: dt.date | None = None) -> list[int]:
    """The latest YEARS_BACK whole years."""
    this_year = (today or dt.date.today()).year
    return list(range(this_year - YEARS_BACK, this_year))


def api_url(kpis: Iterable[str], areas: Iterable[str], years: Iterable[int],
            base: str | None = None) -> str:
    """The v3 data URL for KPIs, areas and years."""
    base = (base or os.environ.get("KOLADA_API_URL") or DEFAULT_API).rstrip("/")
    return (f"{base}/v3/data/kpi/{','.join(kpis)}/municipality/{','.join(areas)}"
            f"/year/{','.join(str(y) for y in years)}")


def metadata_url(data_url: str) -> str | None:
    """The API's KPI metadata URL for the KPIs of a data URL (v2 or v3), if it names them."""
    found = re.match(r"^(.*)/(v[23])/data/kpi/([^/?]+)", data_url)
    return f"{found[1]}/{found[2]}/kpi/{found[3]}" if found else None


def fetch(url: str, timeout: float = 30.0) -> dict:
    """Every page from `url` on (following `next_url`, or v2's `next_page`) as one document,
    with the KPIs' metadata as `kpis` when Kolada gives it (without it, unknown KPIs are
    reported by the import rather than created, and `kpis_problem` says why)."""
    kpis = kpis_of(url)
    document = {"values": _pages(url, timeout, kpis), "count": 0}
    document["count"] = len(document["values"])
    about = metadata_url(url)
    if about:
        try:
            document["kpis"] = _pages(about, timeout, kpis, "beskrivningen av ")
        except KoladaUnavailable as exc:
            document["kpis_problem"] = str(exc)
    return document


def kpis_of(url: str) -> str:
    """The KPIs a data URL names, as a message names them (e.g. ”N1, N02”), or ""."""
    found = re.search(r"/kpi/([^/?]+)", url)
    return ", ".join(found[1].split(",")) if found else ""


def _pages(url: str, timeout: float, kpis: str = "", what: str = "") -> list:
    """The `values` of every page from `url` on; KoladaUnavailable names the KPIs and page."""
    values: list = []
    for page in range(1, MAX_PAGES + 1):
        about = f"{what}nyckeltalen {kpis}" if kpis else f"{what}nyckeltalen"
        where = f"sida {page} av Koladas svar om {about} ({url})"
        if not url.startswith(("http://", "https://")):
            raise KoladaUnavailable(f"Kolada svarade med en ogiltig adress till {where}")
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - http(s) only
                document = json.loads(response.read(MAX_BYTES))
        except urllib.error.HTTPError as exc:
            raise KoladaUnavailable(f"Kolada svarade med fel {exc.code} ({exc.reason}) på "
                                    f"{where}; ingenting sparades, försök igen senare") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise KoladaUnavailable(f"Kolada kunde inte nås: {reason}; gäller {where}; "
                                    "ingenting sparades") from None
        except json.JSONDecodeError:
            raise KoladaUnavailable(f"Kolada svarade inte med JSON på {where}; ingenting "
                                    "sparades") from None
        if not isinstance(document, dict):
            raise KoladaUnavailable(f"Kolada svarade inte i väntat format på {where}; "
                                    "ingenting sparades")
        values += document.get("values") or []
        url = document.get("next_url") or document.get("next_page")
        if not url:
            return values
    raise KoladaUnavailable(f"Kolada svarade med fler än {MAX_PAGES} sidor om nyckeltalen {kpis}")
