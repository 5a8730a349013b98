"""Mappings from Stratsys's names to the demo's codes: what a region sets up before its
first Stratsys export loads (see docs/import.md, Mappningar).

Stratsys names enheter and mätetal by name, shortened in its own way ("HC Brunflo").
"""

from __future__ import annotations

from data_access.demo.context import DemoContext
from data_access.importers.values import match_key
from data_access.models import Mapping

STRATSYS = "stratsys"
# (source, kind, external name, our code)
MAPPINGS = (
    (STRATSYS, "enhet", "HC Backe", "HSF-PV-HC-BACKE"),
    (STRATSYS, "enhet", "HC Brunflo", "HSF-PV-HC-BRUNFLO"),
    (STRATSYS, "enhet", "HC Bräcke", "HSF-PV-HC-BRACKE"),
    (STRATSYS, "indikator", "Återinskrivningar inom 30 dagar", "RJH-HSV-010"),
    (STRATSYS, "indikator", "Basala hygienrutiner", "RJH-HSV-013"),
    ("*", "kostnadsslag", "Inhyrd personal (bemanningsföretag)", "personal_inhyrd"),
)


def load_mappings(ctx: DemoContext) -> None:
    ctx.insert(Mapping, ({"source": source, "kind": kind, "external": match_key(external),
                          "code": code} for source, kind, external, code in ctx.spec.mappings))
