"""Kolada, the national open KPI database: its JSON (API v2 and v3) as import rows, and fetching.

A Kolada document holds `values`: one entry per KPI, municipality and year, each with the
values per gender (`T` total, `K` women, `M` men; a value may be null and a gender may be
missing). v3 pages on with `next_url`, v2 with `next_page`; the entries look the same.
The region's own code (0023) becomes measurements at the organisation's region unit, riket
and the neighbouring regions become comparison series. Everything is credited to Kolada.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterable
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.importers.kinds import COMPARISONS, MEASUREMENTS
from data_access.importers.reading import Sheet
from data_access.importers.report import FileProblem, ImportReport, Problem
from data_access.models import OrgUnit

SOURCE = "Kolada"
REGION_AREA = "0023"  # Region Jämtland Härjedalen
COMPARISON_AREAS = (
    ("0000", "Riket"),
    ("0022", "Region Västernorrland"),
    ("0024", "Region Västerbotten"),
    ("0025", "Region Norrbotten"),
)
DEFAULT_API = "https://api.kolada.se"
DEFAULT_AREAS = (REGION_AREA, *(code for code, _ in COMPARISON_AREAS))
YEARS_BACK = 10  # fetched by default: the latest whole years
GENDERS = {"T": "Värde totalt", "K": "Värde kvinnor", "M": "Värde män"}
MAX_PAGES = 1000
MAX_BYTES = 50 * 1024 * 1024


class KoladaUnavailable(RuntimeError):
    """Kolada's API could not be read; the message is for a person, in Swedish."""


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
    return document


def sheets(session: Session, document: dict, report: ImportReport) -> tuple[Sheet, Sheet]:
    """The document's entries as rows of mätvärden (the region) and jämförelser (the others)."""
    region = session.scalars(select(OrgUnit.code).where(OrgUnit.level == "region")).first()
    if region is None:
        raise FileProblem("Det finns ingen enhet på nivån region att lägga regionens "
                          f"Kolada-värden ({REGION_AREA}) på. Importera organisationen först.")
    own, others = [], []
    areas = dict(COMPARISON_AREAS)
    for number, entry in enumerate(document["values"], start=1):
        try:
            kpi, area, period, values = _entry(entry)
        except ValueError as exc:
            report.counts.read += 1
            report.counts.rejected += 1
            report.add_problem(Problem(report.file_name, str(exc), number))
            continue
        if area == REGION_AREA:
            own.append((number, [kpi, region, period, *values, SOURCE]))
        elif area in areas:
            others.append((number, [kpi, area, period, areas[area], *values, SOURCE]))
        else:
            report.counts.read += 1
            report.counts.rejected += 1
            report.add_problem(Problem(
                report.file_name, "okänt område; Rödtråd tar emot regionen "
                f"({REGION_AREA}) och jämförelseområdena "
                + ", ".join(f"{c} {n}" for c, n in COMPARISON_AREAS), number, "municipality", area))
    value_headers = list(GENDERS.values())
    return (
        Sheet(["Indikator", "Enhet", "Period", *value_headers, "Källa"], iter(own), "kolada"),
        Sheet(["Indikator", "Område", "Period", "Områdesnamn", *value_headers, "Källa"],
              iter(others), "kolada"),
    )


def _entry(entry) -> tuple[str, str, str, list]:
    """(kpi, area, period, [total, women, men]) of one entry, or ValueError in Swedish."""
    if not isinstance(entry, dict):
        raise ValueError("posten är inte ett JSON-objekt")
    kpi, area, period = entry.get("kpi"), entry.get("municipality"), entry.get("period")
    if not isinstance(kpi, str) or not kpi.strip():
        raise ValueError("fältet ”kpi” saknas")
    if not isinstance(area, str) or not area.strip():
        raise ValueError("fältet ”municipality” saknas")
    if isinstance(period, bool) or not isinstance(period, (int, str)) or not str(period).strip():
        raise ValueError("fältet ”period” saknas eller är inte ett år")
    by_gender: dict[str, object] = {}
    for value in entry.get("values") or []:
        gender = value.get("gender") if isinstance(value, dict) else None
        if gender not in GENDERS:
            raise ValueError(f"okänt kön {gender!r} i ”values”; Kolada använder T, K och M")
        if gender in by_gender:
            raise ValueError(f"könet {gender} står två gånger i ”values”")
        number = value.get("value")
        if number is not None and (isinstance(number, bool) or not isinstance(number, (int, float))):
            raise ValueError(f"värdet {number!r} för {gender} är inte ett tal")
        by_gender[gender] = number
    return kpi.strip(), area.strip(), str(period), [by_gender.get(g) for g in GENDERS]


def kinds():
    """The kinds a Kolada document fills, in the order of `sheets`."""
    return MEASUREMENTS, COMPARISONS


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


def fetch(url: str, timeout: float = 30.0) -> dict:
    """Every page from `url` on (following `next_url`, or v2's `next_page`) as one document."""
    values: list = []
    for _page in range(MAX_PAGES):
        if not url.startswith(("http://", "https://")):
            raise KoladaUnavailable(f"Kolada svarade med en ogiltig adress: {url}")
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - http(s) only
                document = json.loads(response.read(MAX_BYTES))
        except urllib.error.HTTPError as exc:
            raise KoladaUnavailable(f"Kolada svarade {exc.code} för {url}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise KoladaUnavailable(f"Kolada kunde inte nås ({url}): {reason}") from None
        except json.JSONDecodeError:
            raise KoladaUnavailable(f"Kolada svarade inte med JSON ({url})") from None
        if not isinstance(document, dict):
            raise KoladaUnavailable(f"Kolada svarade inte i väntat format ({url})")
        values += document.get("values") or []
        url = document.get("next_url") or document.get("next_page")
        if not url:
            return {"values": values, "count": len(values)}
    raise KoladaUnavailable(f"Kolada svarade med fler än {MAX_PAGES} sidor")
