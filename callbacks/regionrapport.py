"""Regionrapport (Kommunrapport for a kommun): the whole organisation's follow-up for a
tertial, delår or helår, across every nämnd.

It is the same kind of document as the Nämndrapport (callbacks.namndrapport: sections of key
figures, texts, tables and charts), drawn by the same page parts and the same PDF renderer.

Scope: the region-level summaries (fulfilment of the nämndmål, and where the organisation uses
them the framgångsfaktorer, per målområde, perspective and nämnd; the financial goals; the
economy per nämnd) are what every internal viewer sees alike, except that a nämnd member counts
only the framgångsfaktorer they may see. The goals to report to fullmäktige, internal control
and uppdrag are detail: ledning and admin see every nämnd's, a nämnd member only their own
nämnders' (the row rules and queries.council say so, and the tables list only the nämnder the
viewer sees in detail).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from callbacks import ekonomi as eco
from callbacks import namndrapport as rp
from callbacks.council import (
    COUNCIL_TITLE,
    council_table,
    council_text,
    listed_kinds,
    listed_levels,
)
from callbacks.mal import choose_followup, distribution_text, followup_text, kind_label
from callbacks.namndrapport import Chart, KeyFigure, NamedTable, Report, Section
from callbacks.pagetools import register_choice_writer, register_print
from callbacks.statsbidrag import data_date
from callbacks.uppdrag import UPPDRAG_STATUS_SV
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, echo, one
from dashboard.core.exports import Column, Table
from dashboard.core.wording import fill
from data_access import profile
from data_access.queries import economy as eq
from data_access.models import Goal
from data_access.queries.council import goals_to_report
from data_access.queries.fulfilment import (
    StatusGroup,
    status_by_area,
    status_by_namnd,
    summed_kinds,
)
from data_access.queries.perspectives import PerspectiveStatus, status_by_perspective
from data_access.queries.goals import FollowUp, followups
from data_access.queries.grants import Namnd, namnder_with_detail
from data_access.queries.risks import (
    HIGH_RISK_VALUE,
    Adoption,
    RiskSelection,
    adoptions,
    control_summary,
    risks_by_namnd,
)
from data_access.queries.uppdrag import STATUS_ORDER, uppdrag_counts, uppdrag_list
from data_access.scope import Viewer
from data_access.status import GREEN, RED, STATUS_LABELS_SV, STATUSES

KEY = "regionrapport"
TITLE = "{Report}"  # Regionrapport, or Kommunrapport for a kommun
NO_PERIOD_SV = "Inga mål har följts upp ännu, så det finns ingen period att rapportera."
NO_REGION_SV = "Organisationen är inte inläst ännu, så det finns ingen rapport att visa."
DOCUMENTS_SV = {"riskanalys": "Riskanalys", "internkontrollplan": "Internkontrollplan"}
NOT_ADOPTED_SV = "✗ Ej antagen"


def bad_period_sv(asked: str) -> str:
    """The message for a `period` that names no follow-up."""
    return (f"Uppföljningen ”{echo(asked)}” i adressens period finns inte. Skriv den som "
            "2026-T1, 2026-DELAR eller 2026-HELAR, eller välj en uppföljning i listan.")


# --- What the URL asks for ---------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A valid request: the follow-up, the follow-ups to choose between, the organisation and
    the nämnder the viewer sees in detail."""

    followup: FollowUp
    followups: list[FollowUp]
    region: Namnd
    detail: list[Namnd]

    @property
    def args(self) -> dict:
        """The page's URL arguments (its permalink)."""
        return {"period": self.followup.key}


def resolve(session, viewer: Viewer, period: object = None) -> Choice:
    """The follow-up the URL asks for (default the latest); BadArgument naming `period`
    otherwise."""
    region = eq.region_unit(session, viewer)
    if region is None:
        raise BadArgument(None, NO_REGION_SV)
    periods = followups(session, viewer)
    if not periods:
        raise BadArgument("period", NO_PERIOD_SV)
    asked = one(period)
    followup = choose_followup(periods, asked)
    if followup is None:
        raise BadArgument("period", bad_period_sv(asked or ""))
    return Choice(followup, periods, Namnd(region.id, region.code, region.name),
                  namnder_with_detail(session, viewer))


@dataclass(frozen=True)
class RegionReport(Report):
    """The regionrapport: a Report whose subject is the whole organisation."""

    @property
    def title(self) -> str:
        return f"{fill(TITLE)} – {self.namnd.name}"


# --- Goal fulfilment -----------------------------------------------------------------------------


class Counted(Protocol):
    """A group's goals per status (fulfilment.StatusGroup, perspectives.PerspectiveStatus)."""

    name: str
    counts: dict[str, int]

    @property
    def total(self) -> int: ...


@dataclass(frozen=True)
class Level:
    """One goal level summed (nämndmål, framgångsfaktorer) with its groups' counts."""

    kind: str
    areas: list[StatusGroup]
    perspectives: list[PerspectiveStatus]
    namnder: list[StatusGroup]

    @property
    def label(self) -> str:
        return kind_label(self.kind, plural=True)

    @property
    def counts(self) -> dict[str, int]:
        """The level's counts in all (the nämnder are disjoint and own every goal)."""
        return summed(self.namnder)


def share_fulfilled(group: Counted) -> float | None:
    """The share of a group's goals that are uppfyllda (green), or None without goals."""
    return group.counts[GREEN] / group.total if group.total else None


def status_table(title: str, first: str, levels: Sequence[tuple[str, Sequence[Counted]]]) -> Table:
    """Goals per status for each group (målområde, perspective or nämnd), one row per goal
    level (`levels`: (level label, its groups), every level with the same groups in the same
    order); the column Nivå only when more than one level is summed."""
    several = len(levels) > 1
    columns = [Column(first), *([Column("Nivå")] if several else []),
               *(Column(f"{STATUS_LABELS_SV[s].symbol} {STATUS_LABELS_SV[s].word}", "integer")
                 for s in STATUSES),
               Column("Antal mål", "integer"), Column("Andel uppfyllda", "percent")]
    rows = [[group.name, *([label] if several else []), *(group.counts[s] for s in STATUSES),
             group.total, share_fulfilled(group)]
            for same in zip(*(groups for _, groups in levels))
            for (label, _), group in zip(levels, same)]
    return Table(title, columns, rows)


def summed(groups: Sequence[Counted]) -> dict[str, int]:
    """The groups' counts added up per status (for disjoint groups: every nämnd)."""
    return {s: sum(g.counts[s] for g in groups) for s in STATUSES}


def summed_levels(session, viewer: Viewer, followup: FollowUp) -> list[Level]:
    """Each goal level the report sums up from, with its counts per målområde, perspective and
    nämnd."""
    factors = profile.current(session).success_factors
    return [Level(kind, status_by_area(session, viewer, followup.id, kind),
                  status_by_perspective(session, viewer, followup.id, Goal.kind == kind),
                  status_by_namnd(session, viewer, followup.id, kind))
            for kind in summed_kinds(factors)]


def levels_words(levels: Sequence[Level]) -> str:
    """The summed levels in words, e.g. `nämndmål och framgångsfaktorer`."""
    return " och ".join(level.label.lower() for level in levels)


def level_text(level: Level) -> str:
    """One level's distribution in words."""
    counts = level.counts
    described = distribution_text(counts) if sum(counts.values()) else "inga är uppföljda"
    return f"{level.label}: {described}."


def goals_section(session, viewer: Viewer, choice: Choice) -> Section:
    """The summed goals per status: in all, per målområde, per perspective, per nämnd, one
    level at a time."""
    followup = choice.followup
    levels = summed_levels(session, viewer, followup)
    counts = summed([group for level in levels for group in level.namnder])
    total = sum(counts.values())
    words = levels_words(levels)
    figures = tuple(KeyFigure(f"{STATUS_LABELS_SV[s].symbol} {STATUS_LABELS_SV[s].word}",
                              fmt.number(counts[s]), f"av {fmt.number(total)} {words}")
                    for s in STATUSES)
    described = distribution_text(counts) if total else f"inga {words} är uppföljda"
    scope = (("Framgångsfaktorerna räknas där du får se dem: dina nämnders och de publicerade. "
              "Ledningen ser alla nämnders.",)
             if len(levels) > 1 and not viewer.sees_everything else ())
    return Section(
        "Måluppfyllelse", f"{followup_text(followup)}, per {fmt.iso_date(followup.end_date)}",
        (fill(f"Styrelsens och nämndernas {words} i {{whole}}."),
         *(level_text(level) for level in levels),
         "Färgen är den rapporterade: målägarens bedömning när det finns en, annars den som "
         "beräknas från indikatorernas utfall mot målvärdena; ett mål utan bedömning vid "
         "uppföljningen räknas som Saknar data. Fördelningen per målområde, per perspektiv och "
         "per nämnd räknar samma mål, nivå för nivå; ett mål med två perspektiv räknas under "
         "båda, och Utan perspektiv är målen som inte bär något.", *scope),
        figures,
        (Chart("status", "status", {"counts": counts},
               f"Stapeldiagram över {words} per status: {described}."),
         NamedTable("areas", status_table("Måluppfyllelse per målområde", "Målområde",
                                          [(lv.label, lv.areas) for lv in levels]),
                    "Det finns inga målområden."),
         NamedTable("perspectives",
                    status_table("Måluppfyllelse per perspektiv", "Perspektiv",
                                 [(lv.label, lv.perspectives) for lv in levels]),
                    "Det finns inga perspektiv i styrmodellen."),
         NamedTable("namnder", status_table("Måluppfyllelse per nämnd", "Nämnd",
                                            [(lv.label, lv.namnder) for lv in levels]),
                    "Det finns inga nämnder.")),
    )


# --- Goals to report to fullmäktige ------------------------------------------------------------


def scope_text(viewer: Viewer, choice: Choice,
               what: str = "internkontroll och uppdrag") -> tuple[str, ...]:
    """For a viewer who does not see every nämnd in detail: whose details (`what`) are
    shown."""
    if viewer.sees_everything:
        return ()
    names = ", ".join(n.name for n in choice.detail) or "inga nämnder"
    return (f"Du ser detaljerna för de nämnder du är ledamot i: {names}. De andra "
            f"nämndernas {fill(what)} visas för ledningen.",)


def council_section(session, viewer: Viewer, choice: Choice) -> Section:
    """The goals forecast not to be reached, across every nämnd the viewer may report on."""
    factors = profile.current(session).success_factors
    goals = goals_to_report(session, viewer, choice.followup, kinds=listed_kinds(factors))
    either = listed_levels(factors, "eller").lower()
    return Section(
        "Helårsprognos", fill(f"{COUNCIL_TITLE}, {followup_text(choice.followup)}"),
        (council_text(goals, factors),
         *scope_text(viewer, choice, "mål att rapportera till {council}")),
        (KeyFigure(fill(COUNCIL_TITLE), fmt.number(len(goals)),
                   "bedöms inte uppfyllas vid årets slut"),),
        (NamedTable("council", council_table(goals, choice.followup, by_namnd=True),
                    fill(f"Inga {either} bedöms inte uppfyllas vid årets slut, så det finns "
                         "inga mål att rapportera till {council}.")),),
    )


# --- Economy ------------------------------------------------------------------------------------


def financial_table(goals: Sequence[eq.FinancialGoal]) -> Table:
    """Fullmäktige's financial goals: outcome, its year, target and status."""
    rows = []
    for goal in goals:
        label = STATUS_LABELS_SV[eco.goal_status(goal)]
        rows.append([goal.name, eco.goal_value(goal.outcome, goal.unit), goal.period or "",
                     eco.goal_target(goal), f"{label.symbol} {label.word}"])
    return Table("Finansiella mål: utfall, målvärde och status",
                 [Column("Mål"), Column("Utfall"), Column("År"), Column("Målvärde"),
                  Column("Status")], rows)


def financial_section(session, viewer: Viewer, choice: Choice) -> Section:
    """The financial goals with the latest outcome up to the follow-up."""
    goals = eq.financial_goals(session, viewer, choice.region.id, choice.followup.end_date)
    red = sum(1 for g in goals if eco.goal_status(g) == RED)
    return Section(
        "Finansiella mål", f"Mål för god ekonomisk hushållning, utfall till och med "
                           f"{fmt.iso_date(choice.followup.end_date)}",
        (fill("{Council_gen} långsiktiga finansiella mål för {whole}, med det senaste "
              "utfallet ur årsredovisningen fram till uppföljningen och målvärdet för samma "
              "år."),),
        (KeyFigure("Finansiella mål", fmt.number(len(goals))),
         KeyFigure(f"{STATUS_LABELS_SV[RED].symbol} Ej uppfyllda", fmt.number(red),
                   f"av {fmt.number(len(goals))} finansiella mål")),
        (NamedTable("financial", financial_table(goals),
                    "Det finns inga finansiella mål med utfall."),),
    )


def economy_section(session, viewer: Viewer, choice: Choice) -> Section:
    """The organisation's result to date and its prognos, and the same per nämnd."""
    title = "Ekonomi per nämnd"
    month = rp.economy_month(eq.utfall_months(session, viewer), choice.followup)
    if month is None:
        return Section(title, followup_text(choice.followup),
                       (f"Det finns inget ekonomiskt utfall för {choice.followup.year} ännu.",))
    view = eco.resolve(session, viewer, choice.region.code, choice.followup.year, month)
    figures = eq.unit_amounts(session, viewer, view.unit.id, view.year).figures(month)
    children = eq.children_figures(session, viewer, view.unit.id, view.year, month)
    period = eco.period_text(view)
    return Section(
        title, f"{period}, belopp i {view.money} ({eco.UNIT_WORDS_SV[view.money]})",
        (fill(f"Budget, utfall, avvikelse och helårsprognos för {{whole}} och för varje nämnd, "
              f"{period}."), fill(eco.RESULT_TEXT_SV), eco.DEVIATION_TEXT_SV,
         eco.ROUNDING_TEXT_SV),
        rp.economy_figures(view, figures),
        (NamedTable("economy", eco.children_table(view, [
            {"code": c.unit.code, "name": c.unit.name, **eco.figure_values(c.figures, view.money)}
            for c in children]),
                    "Det finns inga nämnder med ekonomi."),),
    )


# --- Internal control ---------------------------------------------------------------------------


def adoption_text(adoption: Adoption | None) -> str:
    """When a document was adopted, e.g. `✓ 2025-12-08 (§ 128)`, or that it was not."""
    if adoption is None:
        return NOT_ADOPTED_SV
    where = f" ({adoption.reference})" if adoption.reference else ""
    return f"✓ {fmt.iso_date(adoption.adopted_on)}{where}"


@dataclass(frozen=True)
class NamndControl:
    """One nämnd's internal control in a year: adoptions, open high risks, overdue åtgärder,
    controls planned and performed, deviations."""

    namnd: Namnd
    adopted: dict[str, Adoption | None]
    open_high: int
    overdue: int
    planned: int
    performed: int
    deviations: int


def namnd_controls(session, viewer: Viewer, choice: Choice,
                   today: dt.date) -> list[NamndControl]:
    """Each nämnd seen in detail with its internal control in the follow-up's year."""
    year = choice.followup.year
    adopted = adoptions(session, viewer, year)
    high = {r.code: r.open_high for r in risks_by_namnd(session, viewer, year)[1]}
    found = []
    for namnd in choice.detail:
        summary = control_summary(session, viewer, RiskSelection(year, namnd.id), today)
        found.append(NamndControl(
            namnd, {d: adopted.get((namnd.id, d)) for d in DOCUMENTS_SV}, high.get(namnd.code, 0),
            summary.overdue_actions, summary.planned, summary.performed, summary.deviations))
    return found


def control_table(rows: Sequence[NamndControl], year: int) -> Table:
    """Per nämnd: adoptions, open high risks, overdue åtgärder and the plan's controls."""
    columns = [Column("Nämnd"),
               *(Column(f"{word} {year} antagen") for word in DOCUMENTS_SV.values()),
               Column("Öppna höga risker", "integer"), Column("Försenade åtgärder", "integer"),
               Column("Planerade kontroller", "integer"), Column("Utförda kontroller", "integer"),
               Column("Avvikelser", "integer")]
    return Table(f"Internkontroll per nämnd {year}", columns,
                 [[r.namnd.name, *(adoption_text(r.adopted[d]) for d in DOCUMENTS_SV),
                   r.open_high, r.overdue, r.planned, r.performed, r.deviations] for r in rows])


def control_section(session, viewer: Viewer, choice: Choice, today: dt.date) -> Section:
    """Internal control per nämnd: riskanalys and internkontrollplan adopted, and when; open
    high risks; overdue åtgärder."""
    year = choice.followup.year
    rows = namnd_controls(session, viewer, choice, today)
    both = sum(1 for r in rows if all(r.adopted.values()))
    return Section(
        "Internkontroll per nämnd", f"Riskanalys och internkontrollplan {year}, per "
                                    f"{fmt.iso_date(today)}",
        ("Varje nämnd ska varje år anta en riskanalys och en internkontrollplan "
         "(kommunallagen 6 kap. 6 §). En hög risk har riskvärde "
         f"{HIGH_RISK_VALUE} eller mer; öppna risker från tidigare års riskanalyser räknas med. "
         f"En åtgärd är försenad när slutdatumet har passerat och den inte är klar, bedömt per "
         f"{fmt.iso_date(today)}.", *scope_text(viewer, choice)),
        (KeyFigure("Nämnder som antagit båda", f"{fmt.number(both)} av {fmt.number(len(rows))}",
                   f"riskanalys och internkontrollplan för {year}"),
         KeyFigure("Öppna höga risker", fmt.number(sum(r.open_high for r in rows))),
         KeyFigure("Försenade åtgärder", fmt.number(sum(r.overdue for r in rows)))),
        (NamedTable("control", control_table(rows, year),
                    "Du ser inte någon nämnds internkontroll."),),
    )


# --- Uppdrag ------------------------------------------------------------------------------------


def uppdrag_table(counts: Sequence, detail: Sequence[Namnd]) -> Table:
    """Per nämnd seen in detail: its uppdrag per shown status."""
    found = {c.code: c.counts for c in counts}
    columns = [Column("Nämnd"),
               *(Column(f"{UPPDRAG_STATUS_SV[s].symbol} {UPPDRAG_STATUS_SV[s].word}", "integer")
                 for s in STATUS_ORDER), Column("Totalt", "integer")]
    rows = []
    for namnd in detail:
        per = found.get(namnd.code, dict.fromkeys(STATUS_ORDER, 0))
        rows.append([namnd.name, *(per[s] for s in STATUS_ORDER), sum(per.values())])
    return Table("Uppdrag per nämnd", columns, rows)


def uppdrag_section(session, viewer: Viewer, choice: Choice, today: dt.date) -> Section:
    """Uppdrag per nämnd by status, and the delayed ones listed."""
    codes = {n.code for n in choice.detail}
    table = uppdrag_table(uppdrag_counts(session, viewer, today), choice.detail)
    late = [r for r in uppdrag_list(session, viewer, today, status="forsenat")
            if r.namnd_code in codes]
    return Section(
        "Uppdrag", f"Per {fmt.iso_date(today)}",
        ("Uppdrag som har getts till nämnderna eller till förvaltningar och enheter under dem. "
         "Försenat betyder att tidsfristen har passerat utan att uppdraget är klart eller "
         "avbrutet, eller att det har rapporterats som försenat.", *scope_text(viewer, choice)),
        (KeyFigure(f"{UPPDRAG_STATUS_SV['forsenat'].symbol} Försenade uppdrag",
                   fmt.number(len(late))),),
        (NamedTable("uppdrag", table, "Du ser inte någon nämnds uppdrag."),
         NamedTable("late", rp.uppdrag_table(late), "Inga uppdrag är försenade.")),
    )


# --- The whole report ---------------------------------------------------------------------------


# Per section: which of its key figures the summary shows (the most telling one).
SUMMARY_PICKS = {"Måluppfyllelse": STATUSES.index(RED), "Finansiella mål": 1,
                 "Ekonomi per nämnd": 1}


def summary_section(sections: Sequence[Section]) -> Section:
    """The most telling figure of each section, labelled with its section, on the first page."""
    picked = [(s.title, s.figures[SUMMARY_PICKS.get(s.title, 0)]) for s in sections if s.figures]
    figures = tuple(KeyFigure(f"{title}: {f.label}", f.value, f.explanation)
                    for title, f in picked)
    return Section("Sammanfattning", "Det viktigaste i uppföljningen",
                   (fill("Detaljerna finns i avsnitten nedan: måluppfyllelse, mål att rapportera "
                         "till {council}, finansiella mål, ekonomi, internkontroll och "
                         "uppdrag."),), figures)


def build_report(session, viewer: Viewer, choice: Choice) -> RegionReport:
    """The regionrapport for a resolved choice, from the viewer's scoped queries."""
    today = data_date(session, viewer)
    sections = (goals_section(session, viewer, choice),
                council_section(session, viewer, choice),
                financial_section(session, viewer, choice),
                economy_section(session, viewer, choice),
                control_section(session, viewer, choice, today),
                uppdrag_section(session, viewer, choice, today))
    return RegionReport(choice.region, choice.followup, today,
                        (summary_section(sections), *sections))


# --- Callbacks ----------------------------------------------------------------------------------


def register(app) -> None:
    """The period selector writes the URL; the print button prints (assets/callbacks.js)."""
    register_choice_writer(app, KEY, "period")
    register_print(app, KEY)
