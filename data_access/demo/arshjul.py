"""The årshjul of the demo year: when the council decides the plan and budget and takes the
reports, when each nämnd meets and must report, and the internkontrollplan's deadlines.

The calendar follows the styrmodell: the plan with budget is set in June, the årsredovisning
for last year in April, T1 in June and the delårsrapport in October; each nämnd reports to
the board ten days after a follow-up is due and discusses it at its next meeting. Names come
from the spec (council, board, plan, nämnder), dates from fixed weekdays, so the same year
gives the same calendar.
"""

from __future__ import annotations

import datetime as dt

from data_access.demo.context import DemoContext
from data_access.demo.dates import followup_label
from data_access.models import CalendarEvent

MEETING = (dt.time(9, 0), dt.time(16, 0))
# The months each nämnd meets, and the follow-up a meeting in that month discusses
# (relative to the demo year: -1 is last year's Helår).
MEETING_MONTHS = {2: (-1, "HELAR"), 3: None, 4: None, 5: None, 6: (0, "T1"), 9: None,
                  10: (0, "DELAR"), 11: None, 12: None}
COUNCIL_MONTHS = {2: None, 4: (-1, "HELAR"), 6: (0, "T1"), 10: (0, "DELAR"), 11: None}
# When each nämnd's report to the board is due: (month, day, follow-up).
REPORTING = ((1, 25, (-1, "HELAR")), (5, 10, (0, "T1")), (9, 10, (0, "DELAR")))
TUESDAY, WEDNESDAY, THURSDAY = 1, 2, 3


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n:th (1-based) `weekday` (Monday 0) of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def load_arshjul(ctx: DemoContext) -> None:
    """The demo year's calendar, for the whole organisation and for every nämnd."""
    year, spec = ctx.as_of.year, ctx.spec
    ids = {code: unit.id for code, unit in ctx.units.items() if unit.level == "namnd"}
    rows = _organisation(year, spec) + [
        row for i, (code, name, *_) in enumerate(spec.namnder)
        for row in _namnd(year, code, name, i, ids[code], spec.board)
    ]
    ctx.insert(CalendarEvent, (
        {"id": i, "place": "", "start_time": None, "end_time": None, "namnd_id": None,
         "followup": None, **row}
        for i, row in enumerate(sorted(rows, key=lambda r: (r["day"], r["code"])), start=1)))


def _followup(year: int, relative: tuple[int, str] | None) -> str | None:
    return None if relative is None else f"{year + relative[0]}-{relative[1]}"


def _meeting(code: str, day: dt.date, title: str, followup: str | None, place: str,
             end: dt.time = MEETING[1]) -> dict:
    return {"code": code, "day": day, "start_time": MEETING[0], "end_time": end,
            "kind": "sammantrade", "title": title, "followup": followup, "place": place}


def _organisation(year: int, spec) -> list[dict]:
    """The council's meetings, the plan and budget decision and the follow-up reports."""
    top, council = spec.top[0], spec.council.capitalize()
    board_code, board_name = spec.namnder[0][:2]
    rows = [
        _meeting(f"{top}-{year}-S{month:02d}", nth_weekday(year, month, TUESDAY, 3),
                 f"{council}s sammanträde", _followup(year, followup), "Fullmäktigesalen",
                 dt.time(17, 0))
        for month, followup in COUNCIL_MONTHS.items()
    ]
    june = nth_weekday(year, 6, TUESDAY, 3)
    reports = (
        ("arsredovisning", 4, (-1, "HELAR"), f"Årsredovisning {year - 1} till {spec.council}"),
        ("tertialrapport", 6, (0, "T1"), f"Tertialrapport {followup_label(year, 'T1')} till "
                                         f"{spec.council}"),
        ("delarsrapport", 10, (0, "DELAR"), f"Delårsrapport {year} till {spec.council}"),
    )
    rows += [{"code": f"{top}-{year}-{kind[:3].upper()}", "kind": kind, "title": title,
              "day": nth_weekday(year, month, TUESDAY, 3), "followup": _followup(year, rel)}
             for kind, month, rel, title in reports]
    rows += [
        {"code": f"{top}-{year}-PLAN-FORSLAG", "kind": "plan", "namnd_id": None,
         "day": nth_weekday(year, 5, WEDNESDAY, 4),
         "title": f"{board_name} föreslår {spec.plan} {year + 1}–{year + 3}"},
        {"code": f"{top}-{year}-PLAN", "kind": "plan", "day": june,
         "title": f"{council} beslutar om {spec.plan} {year + 1}–{year + 3}"},
        {"code": f"{top}-{year}-BUDGET-NAMND", "kind": "plan",
         "day": nth_weekday(year, 11, WEDNESDAY, 4),
         "title": f"Nämnderna beslutar om sina verksamhetsplaner och budgetar för {year + 1}"},
    ]
    return rows


def _namnd(year: int, code: str, name: str, index: int, namnd_id: int, board: str) -> list[dict]:
    """One nämnd's meetings, reporting deadlines and internkontroll deadlines."""
    weekday, week = (WEDNESDAY, THURSDAY)[index % 2], 1 + index % 3
    rows = [
        _meeting(f"{code}-{year}-S{month:02d}", nth_weekday(year, month, weekday, week),
                 f"{name}s sammanträde", _followup(year, followup), "Sammanträdesrummet")
        for month, followup in MEETING_MONTHS.items()
    ]
    for month, day, relative in REPORTING:
        followup = _followup(year, relative)
        period = followup_label(year + relative[0], relative[1])
        rows.append({"code": f"{code}-{year}-R-{followup}", "kind": "rapportering",
                     "day": dt.date(year, month, day), "followup": followup,
                     "title": f"{name}: sista dag för uppföljning {period} till {board}"})
    rows += [
        {"code": f"{code}-{year}-IK-UPPF", "kind": "internkontroll",
         "day": dt.date(year, 9, 30), "followup": f"{year}-DELAR",
         "title": f"{name}: kontrollerna i internkontrollplanen {year} redovisas per delåret"},
        {"code": f"{code}-{year}-IK-PLAN", "kind": "internkontroll",
         "day": dt.date(year, 11, 30),
         "title": f"{name}: riskanalys och internkontrollplan {year + 1} klara för beslut"},
        {"code": f"{code}-{year}-IK-RAPP", "kind": "internkontroll",
         "day": dt.date(year, 2, 15), "followup": f"{year - 1}-HELAR",
         "title": f"{name}: uppföljning av internkontrollplanen {year - 1}"},
    ]
    return [dict(row, namnd_id=namnd_id) for row in rows]
