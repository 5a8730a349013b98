"""Resultatförbättrande åtgärder: each measure of a year with its unit and nämnd.

A measure belongs to a unit, so it is unit detail, scoped like the grants: ledning and admin
see all, nämnd members their own nämnders' measures, the public none.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from data_access.models import SavingMeasure
from data_access.scope import Viewer

from .grants import Namnd, of_units, unit_and_namnd, years_of


@dataclass(frozen=True)
class Measure:
    """One resultatförbättrande åtgärd; effects in tkr (a saving or extra revenue is positive)."""

    code: str
    title: str
    unit_code: str
    unit_name: str
    namnd: Namnd | None  # None for a measure booked on the region itself
    year: int
    planned_tkr: float
    achieved_tkr: float
    status: str  # planerad, pagaende, genomford, avbruten
    comment: str

    @property
    def shortfall_tkr(self) -> float:
        """Planned effect not (yet) achieved; negative when more was achieved than planned."""
        return self.planned_tkr - self.achieved_tkr


def measure_years(session: Session, viewer: Viewer) -> list[int]:
    """The years with measures the viewer may see, newest first."""
    return years_of(session, viewer, SavingMeasure)


def measures(session: Session, viewer: Viewer, year: int, namnd_id: int | None = None,
             unit_id: int | None = None) -> list[Measure]:
    """The year's measures the viewer may see (of one nämnd, or one unit, if given), by nämnd,
    then title."""
    rows = session.execute(
        of_units(SavingMeasure, viewer, year, namnd_id, SavingMeasure.code, SavingMeasure.title,
                 SavingMeasure.year, SavingMeasure.planned_effect_tkr,
                 SavingMeasure.achieved_effect_tkr, SavingMeasure.status, SavingMeasure.comment,
                 unit_id=unit_id)
        .order_by(SavingMeasure.title, SavingMeasure.code)
    )
    return [Measure(code, title, *unit_and_namnd(*where), year, float(planned), float(achieved),
                    status, comment or "")
            for code, title, year, planned, achieved, status, comment, *where in rows]
