"""The import kinds for the measures (decision, months, watched indicators) and the grants
(conditions, agency, reports): a set of files loads and reads back, and bad input is refused
with a Swedish message naming row and column, with nothing written (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.db import get_engine
from data_access.models import GrantReport, MeasureIndicator, MeasureMonth, SavingMeasure, StateGrant
from tests.table_state import IMPORT_RECORDS, checksums
from tests.test_import_files import csv_bytes, load, small  # noqa: F401 (a fixture)

MEASURES = csv_bytes(
    "Kod;Titel;Enhet;År;Planerad effekt (tkr);Uppnådd effekt (tkr);Status;Diarienummer;"
    "Paragraf;Beslutsdatum;Ansvarig;Alternativa åtgärder",
    "RFA-1;Färre inhyrda läkare;HSN-E;2026;1200;300;pågående;HSN/12/2026;§ 4;2026-02-12;"
    "Verksamhetschefen;Stänga mottagningen på fredagar: avstods.",
)
MONTHS = csv_bytes(
    "Åtgärd;Månad;Planerad effekt (tkr);Uppnådd effekt (tkr);Planerade årsarbetare;"
    "Uppnådda årsarbetare",
    "RFA-1;1;100;40,5;2;1,5",
    "RFA-1;2;100;;2;",
)
WATCHED = csv_bytes("Åtgärd;Indikator;Enhet;Konsekvens", "RFA-1;N2;;Längre väntan")
GRANTS = csv_bytes(
    "Kod;Namn;Enhet;År;Erhållet (tkr);Använt (tkr);Sista dag;Uppdaterad;Villkor;Myndighet",
    "SB-1;Kömiljarden;HSN-E;2026;1000;200;2026-12-31;2026-10-20;Redovisas senast 31 mars;"
    "Socialstyrelsen",
)
REPORTS = csv_bytes("Statsbidrag;Sista dag;Redovisning;Inlämnad",
                    "SB-1;2026-09-30;Delredovisning;", "SB-1;2027-03-31;Slutredovisning;")


def load_all(url: str) -> None:
    for kind, data in (("atgarder", MEASURES), ("atgardseffekter", MONTHS),
                       ("atgardsindikatorer", WATCHED), ("statsbidrag", GRANTS),
                       ("statsbidragsredovisningar", REPORTS)):
        report = load(url, kind, data)
        assert report.outcome == "ok", (kind, [str(p) for p in report.problems])


def test_the_files_load_and_read_back(small):  # noqa: F811
    load_all(small)
    with Session(get_engine(small)) as s:
        measure = s.scalars(select(SavingMeasure).where(SavingMeasure.code == "RFA-1")).one()
        assert (measure.decision_dnr, measure.decision_paragraph, measure.decided_on,
                measure.responsible) == ("HSN/12/2026", "§ 4", dt.date(2026, 2, 12),
                                         "Verksamhetschefen")
        assert measure.alternatives.startswith("Stänga mottagningen")
        months = s.execute(select(MeasureMonth.month, MeasureMonth.planned_tkr,
                                  MeasureMonth.achieved_tkr, MeasureMonth.planned_fte,
                                  MeasureMonth.achieved_fte).order_by(MeasureMonth.month)).all()
        assert [tuple(m) for m in months] == [(1, 100.0, 40.5, 2.0, 1.5), (2, 100.0, None, 2.0, None)]
        link = s.scalars(select(MeasureIndicator)).one()
        assert (link.measure_id, link.unit_id, link.consequence) == (measure.id, None,
                                                                     "Längre väntan")
        grant = s.scalars(select(StateGrant).where(StateGrant.code == "SB-1")).one()
        assert (grant.agency, grant.conditions) == ("Socialstyrelsen", "Redovisas senast 31 mars")
        reports = s.execute(select(GrantReport.due_on, GrantReport.submitted_on)
                            .order_by(GrantReport.due_on)).all()
        assert [tuple(r) for r in reports] == [(dt.date(2026, 9, 30), None),
                                               (dt.date(2027, 3, 31), None)]
    # a report submitted later updates the row in place
    assert load(small, "statsbidragsredovisningar", csv_bytes(
        "Statsbidrag;Sista dag;Redovisning;Inlämnad",
        "SB-1;2026-09-30;Delredovisning;2026-10-02")).outcome == "ok"
    with Session(get_engine(small)) as s:
        assert s.scalar(select(GrantReport.submitted_on).where(
            GrantReport.due_on == dt.date(2026, 9, 30))) == dt.date(2026, 10, 2)


BAD = [
    ("atgardseffekter", csv_bytes("Åtgärd;Månad;Planerad effekt (tkr)", "RFA-1;1;100",
                                  "RFA-1;13;100"), 3, "Månad", "månadsnummer"),
    ("atgardseffekter", csv_bytes("Åtgärd;Månad;Planerad effekt (tkr)", "RFA-1;1;100",
                                  "RFA-9;2;100"), 3, "Åtgärd", "RFA-9"),
    ("atgardseffekter", csv_bytes("Åtgärd;Månad;Planerad effekt (tkr);Uppnådda årsarbetare",
                                  "RFA-1;1;100;många"), 2, "Uppnådda årsarbetare", "tal"),
    ("atgardsindikatorer", csv_bytes("Åtgärd;Indikator", "RFA-1;N1", "RFA-1;OKAND"), 3,
     "Indikator", "OKAND"),
    ("statsbidragsredovisningar", csv_bytes("Statsbidrag;Sista dag;Redovisning;Inlämnad",
                                            "SB-1;2026-09-30;Del;2 okt"), 2, "Inlämnad",
     "datum"),
    ("statsbidragsredovisningar", csv_bytes("Statsbidrag;Sista dag;Inlämnad",
                                            "SB-1;2026-09-30;"), 1, None, "”Redovisning”"),
]


@pytest.mark.parametrize("kind,data,row,column,reason", BAD,
                         ids=[f"{b[0]}-{b[3]}" for b in BAD])
def test_bad_input_is_refused_naming_row_and_column_and_writes_nothing(
        small, kind, data, row, column, reason):  # noqa: F811
    load_all(small)
    before = checksums(small, skip=IMPORT_RECORDS)
    report = load(small, kind, data)
    assert report.outcome == "fel"
    assert any(p.row == row and p.column == column and reason in p.reason + str(p)
               for p in report.problems), [str(p) for p in report.problems]
    assert checksums(small, skip=IMPORT_RECORDS) == before
