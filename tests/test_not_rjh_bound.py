"""Nothing about Region Jämtland Härjedalen is in the code outside the demo generator: the
organisation is the stored profile (data_access/profile.py), and every word that differs
between a region and a kommun comes from dashboard/core/wording.py. This test greps the code
(comments and docstrings too) so that it stays that way."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("layouts", "callbacks", "dashboard", "data_access", "assets")
SKIPPED = ("data_access/demo/", "assets/vendor/")
SUFFIXES = {".py", ".html", ".js", ".css", ".toml", ".json", ".yaml", ".yml", ".txt"}
# RJH's name, places, codes and vision: only the demo generator may say them.
RJH = re.compile(r"Jämtland|Härjedalen|\bRJH\b|Östersund|Målbild 2050|MB2050|[\"']0023[\"']",
                 re.IGNORECASE)
# A region's council and board by name: only the wording table may say them (a kommun has
# kommunfullmäktige and kommunstyrelsen).
REGION_WORDS = re.compile(r"regionfullmäktige|regionstyrelse|regionplan", re.IGNORECASE)
# (file, what the line holds): Kolada's names of all 21 regions, RJH's among them (the profile
# knows them for the ranking).
ALLOWED = {("data_access/profile.py", '"0023": "Region Jämtland Härjedalen"'),
           # Alembic's revision number 0023, not the Kolada area.
           ("data_access/migrations/versions/0023_measure_effects_and_grant_reports.py",
            "revision = '0023'"),
           ("data_access/migrations/versions/0024_production.py", "down_revision = '0023'")}
WORDING = "dashboard/core/wording.py"


def code_lines():
    """(path, line number, line) of every scanned file."""
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            name = path.relative_to(ROOT).as_posix()
            if (path.suffix not in SUFFIXES or not path.is_file()
                    or name.startswith(SKIPPED) or "__pycache__" in name):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                yield name, number, line


def allowed(name: str, line: str) -> bool:
    return any(name == path and held in line for path, held in ALLOWED)


def test_no_rjh_outside_the_demo_generator():
    found = [f"{name}:{number}: {line.strip()}" for name, number, line in code_lines()
             if RJH.search(line) and not allowed(name, line)]
    assert found == [], "RJH-bound text outside data_access/demo/:\n" + "\n".join(found)


def test_a_regions_council_and_board_are_named_only_by_the_wording():
    found = [f"{name}:{number}: {line.strip()}" for name, number, line in code_lines()
             if REGION_WORDS.search(line) and name != WORDING]
    assert found == [], "use dashboard.core.wording:\n" + "\n".join(found)


def test_the_scan_sees_the_code_and_would_catch_a_slip():
    names = {name for name, _, _ in code_lines()}
    assert {"layouts/oversikt.py", "dashboard/api_spec.py", "data_access/profile.py",
            "dashboard/templates/login.html"} <= names
    assert not any(name.startswith("data_access/demo/") for name in names)
    assert RJH.search('KOLADA_AREA = "0023"') and RJH.search("Region Jämtland Härjedalen")
    assert REGION_WORDS.search("Beslutat av Regionfullmäktige")
