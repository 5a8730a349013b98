"""Nämndrapport: what a nämnd's members need before a session, for one nämnd and follow-up.

The report is built once as a plain document (`Report`: sections of key figures, texts,
tables and charts) from the same queries and pure functions as the Mål, Ekonomi,
Internkontroll and Uppdrag pages; the page (layouts/namndrapport.py) and the PDF
(callbacks/namndrapport_pdf.py) both render that document, and its tables are the downloads.

Scope: a nämnd member may only choose their own nämnd(er), ledning and admin any; every
figure comes from the viewer's scoped queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from callbacks import atgarder as measures_cb
from callbacks import ekonomi as eco
from callbacks.mal import (
    BAD_PERIOD_SV,
    PERSPECTIVE_NOTE_SV,
    TREND_LABELS_SV,
    choose_followup,
    distribution_text,
    followup_text,
    forecast_words,
    kind_label,
    level_table,
    perspective_table,
    previous_followup,
    read_split,
    trend_of,
)
from callbacks.statsbidrag import (
    OVERDUE_SYMBOL,
    REPORT_STATES,
    RISK_WORD,
    choose_namnd,
    data_date,
    grants_data,
    report_status,
)
from callbacks.council import (
    council_table,
    council_text,
    listed_kinds,
    listed_levels,
    status_text,
)
from callbacks.internkontroll import (
    ACTION_STATUS_SV,
    CONTROL_RESULT_SV,
    HIGH_RISK_SV,
    OPEN_RULE_SV,
    RISK_STATUS_SV,
    carried_year,
)
from callbacks.pagetools import register_choice_writer, register_print
from callbacks.uppdrag import UPPDRAG_STATUS_SV, issuer_text
from dashboard.core.wording import fill
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, one
from dashboard.core.exports import Column, Table
from data_access import profile
from data_access.queries import economy as eq
from data_access.queries import goal_tree
from data_access.queries.council import goals_to_report
from data_access.queries.goals import FollowUp, followups, level_status_counts
from data_access.queries.grants import Namnd, grant_reports, grant_years, namnder_with_detail
from data_access.queries.measures import measure_years
from data_access.queries.perspectives import goals_of_namnd, status_by_perspective
from data_access.queries.risks import (
    HIGH_RISK_VALUE,
    ControlSummary,
    Deviation,
    RiskRow,
    RiskSelection,
    control_deviations,
    control_summary,
    is_overdue,
    risk_band,
    risk_choices,
    risk_detail,
    risk_list,
)
from data_access.queries.uppdrag import (
    STATUS_ORDER,
    UppdragRow,
    namnd_uppdrag_counts,
    uppdrag_list,
)
from data_access.scope import Viewer
from data_access.status import RED, STATUS_LABELS_SV, STATUSES, forecast_text

KEY = "namndrapport"
TITLE = "Nämndrapport"
WHAT = "nämndrapporten"
WORST_SHOWN = 5  # units and categories with the largest negative deviation
NO_NAMND_SV = "Det finns ingen nämnd som du kan ta fram en nämndrapport för."
NO_PERIOD_SV = "Inga mål har följts upp ännu, så det finns ingen period att rapportera."
LEVELS_TITLE = "Måluppfyllelse per målnivå"
FOLLOWUP_MONTHS = {"T1": 4, "DELAR": 8, "HELAR": 12}  # the month a follow-up runs to


# --- The document ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigure:
    """One key figure: what it is, its value as text, and a sentence on what it means."""

    label: str
    value: str
    explanation: str = ""


@dataclass(frozen=True)
class NamedTable:
    """A table of the report with the name its download is asked for by (e.g. `risks`)."""

    name: str
    table: Table
    empty: str  # what to say instead when it has no rows


@dataclass(frozen=True)
class Chart:
    """A chart of the report: its kind (see callbacks/namndrapport_charts.py), data and description."""

    name: str
    kind: str
    data: dict
    label: str  # the chart in words (alt text)


@dataclass(frozen=True)
class Item:
    """A heading with lines below it (e.g. a red goal with its analysis and actions)."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Items:
    """A titled list of items."""

    title: str
    items: tuple[Item, ...]
    empty: str


@dataclass(frozen=True)
class Section:
    """A part of the report: a title, a subtitle (the period it covers), texts, key figures
    and its parts (tables, charts, item lists) in order."""

    title: str
    subtitle: str
    texts: tuple[str, ...] = ()
    figures: tuple[KeyFigure, ...] = ()
    parts: tuple = ()


@dataclass(frozen=True)
class Report:
    """The whole nämndrapport for a nämnd and follow-up."""

    namnd: Namnd
    followup: FollowUp
    data_as_of: dt.date
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def period(self) -> str:
        """The follow-up as the region writes it, e.g. `Delår 2026`."""
        return followup_text(self.followup)

    @property
    def title(self) -> str:
        return f"{TITLE} – {self.namnd.name}"

    @property
    def running_text(self) -> str:
        """What every printed page says: nämnd, period and the data's date."""
        return (f"{self.namnd.name} · {self.period} (per {fmt.iso_date(self.followup.end_date)})"
                f" · Data per {fmt.iso_date(self.data_as_of)}")

    def tables(self) -> dict[str, Table]:
        """The report's tables by name (for the downloads)."""
        return {part.name: part.table for section in self.sections for part in section.parts
                if isinstance(part, NamedTable)}

    def charts(self) -> list[Chart]:
        return [part for section in self.sections for part in section.parts
                if isinstance(part, Chart)]


# --- What the URL asks for ---------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A valid request: the nämnd and follow-up, and what the viewer may choose between."""

    namnd: Namnd
    followup: FollowUp
    namnder: list[Namnd]
    followups: list[FollowUp]
    per: str | None = None  # 'perspektiv': the goals are also split per perspective

    @property
    def args(self) -> dict:
        """The page's URL arguments (its permalink)."""
        return {"namnd": self.namnd.code, "period": self.followup.key, "per": self.per}


def resolve(session, viewer: Viewer, namnd: object = None, period: object = None,
            per: object = None) -> Choice:
    """The nämnd (default the viewer's first) and follow-up (default the latest) the URL asks
    for, and whether the goals are split per perspective; BadArgument with a Swedish message
    when it names one the viewer may not choose."""
    split = read_split(one(per))
    namnder = namnder_with_detail(session, viewer)
    if not namnder:
        raise BadArgument("namnd", NO_NAMND_SV, status=403)
    try:
        chosen = choose_namnd(session, viewer, one(namnd), namnder, WHAT) or namnder[0]
    except BadArgument as problem:
        problem.status = 403  # a nämnd the viewer may not choose (the PDF's answer says so)
        raise
    periods = followups(session, viewer)
    if not periods:
        raise BadArgument("period", NO_PERIOD_SV)
    followup = choose_followup(periods, one(period))
    if followup is None:
        raise BadArgument("period", BAD_PERIOD_SV)
    return Choice(chosen, followup, namnder, periods, split)


# --- Goals --------------------------------------------------------------------------------------


def trend_text(goal: goal_tree.ChildGoal) -> str:
    """The change since the previous follow-up, e.g. `↓ Sämre`."""
    arrow, word = TREND_LABELS_SV[trend_of(goal)]
    return f"{arrow} {word}"


def changed(goals: Sequence[goal_tree.ChildGoal]) -> list[goal_tree.ChildGoal]:
    """The goals whose reported colour differs from the previous follow-up's."""
    return [g for g in goals if g.previous is not None and g.previous != g.status.reported]


def goal_table(title: str, goals: Sequence[goal_tree.ChildGoal], followup: FollowUp,
               previous: FollowUp | None) -> Table:
    """Goals with level, owner, status now and before, the change and the helårsprognos."""
    before = followup_text(previous) if previous else "föregående uppföljning"
    columns = [Column("Mål"), Column("Nivå"), Column("Ansvarig"),
               Column(f"Status {followup_text(followup)}"), Column(f"Status {before}"),
               Column("Förändring"), Column("Helårsprognos")]
    rows = [[g.ref.title, kind_label(g.ref.kind), g.owner, status_text(g.status.reported),
             status_text(g.previous), trend_text(g), forecast_words(g, followup)] for g in goals]
    return Table(title, columns, rows)


def red_items(session, viewer: Viewer, goals: Sequence[goal_tree.ChildGoal],
              followup: FollowUp) -> tuple[Item, ...]:
    """The red goals with the owner's latest analysis and planned actions up to the follow-up."""
    items = []
    for goal in goals:
        if goal.status.reported != RED:
            continue
        history = goal_tree.assessment_history(session, viewer, goal.ref.id, followup.end_date)
        latest = history[0] if history else None
        when = f" ({fmt.followup_label(latest.kind, latest.year)})" if latest else ""
        lines = [f"{kind_label(goal.ref.kind)} · Ansvarig: {goal.owner}",
                 *([f"Helårsprognos{when}: {forecast_text(latest.forecast)}"]
                   if latest and latest.forecast else []),
                 f"Analys{when}: {latest.analysis if latest and latest.analysis else 'Ingen analys är inlagd.'}",
                 f"Planerade åtgärder: {latest.actions if latest and latest.actions else 'Inga åtgärder är inlagda.'}"]
        items.append(Item(f"{status_text(RED)}: {goal.ref.title}", tuple(lines)))
    return tuple(items)


def goals_section(session, viewer: Viewer, choice: Choice) -> Section:
    """Goal status: the nämndmål's distribution first, then the distribution per goal level,
    the listed goals (nämndmål first), those that changed colour, the red ones and the goals to
    report to fullmäktige."""
    followup = choice.followup
    previous = previous_followup(choice.followups, followup)
    by_level = level_status_counts(session, viewer, followup.id, choice.namnd.id)
    counts = by_level.get("namndmal", dict.fromkeys(STATUSES, 0))
    factors = profile.current(session).success_factors
    kinds = listed_kinds(factors)
    goals = goal_tree.namnd_goals(session, viewer, choice.namnd.id, kinds, followup.id,
                                  previous.id if previous else None, followup.end_date)
    levels, either = listed_levels(factors), listed_levels(factors, "eller").lower()
    since = followup_text(previous) if previous else "föregående uppföljning"
    to_report = goals_to_report(session, viewer, followup, choice.namnd.id, kinds)
    total = sum(counts.values())
    figures = tuple(KeyFigure(f"{STATUS_LABELS_SV[s].symbol} {STATUS_LABELS_SV[s].word}",
                              fmt.number(counts[s]), f"av {fmt.number(total)} nämndmål")
                    for s in STATUSES)
    return Section(
        "Mål och måluppfyllelse", f"{followup_text(followup)}, per {fmt.iso_date(followup.end_date)}",
        (f"Nämndmålen: {distribution_text(counts) if total else 'inga nämndmål är uppföljda'}. "
         "Målen på nivåerna under räknas var för sig i tabellen Måluppfyllelse per målnivå.",
         "Färgen är den rapporterade: målägarens bedömning när det finns en, annars den som "
         "beräknas från indikatorernas utfall mot målvärdena.",
         council_text(to_report, factors),
         *((f"Per perspektiv: {PERSPECTIVE_NOTE_SV}",) if choice.per else ())),
        figures,
        (Chart("status", "status", {"counts": counts}, status_chart_label(counts)),
         NamedTable("levels", level_table(LEVELS_TITLE, by_level, factors),
                    "Nämnden har inga uppföljda mål som du kan se."),
         NamedTable("goals", goal_table(levels, goals, followup, previous),
                    f"Nämnden har inga {either} som du kan se."),
         NamedTable("changed", goal_table(f"Mål som har bytt färg sedan {since}",
                                          changed(goals), followup, previous),
                    f"Inga {either} har bytt färg sedan {since}."),
         Items("Mål som inte är uppfyllda: analys och planerade åtgärder",
               red_items(session, viewer, goals, followup),
               f"Inga {either} har status Ej uppfyllt."),
         NamedTable("council", council_table(to_report, followup),
                    fill(f"Inga {either} bedöms inte uppfyllas vid årets slut, så nämnden har "
                         "inga mål att rapportera till {council}.")),
         *perspective_parts(session, viewer, choice)),
    )


def perspective_parts(session, viewer: Viewer, choice: Choice) -> tuple:
    """The nämnd's goals per perspective, when the URL asks for the split (`per`)."""
    if choice.per is None:
        return ()
    rows = status_by_perspective(session, viewer, choice.followup.id,
                                 goals_of_namnd(viewer, choice.namnd.id))
    table = perspective_table(f"Nämndens mål per perspektiv, {followup_text(choice.followup)}",
                              rows)
    return (NamedTable("perspektiv", table, "Nämnden har inga mål som du kan se."),)


def status_chart_label(counts: dict[str, int]) -> str:
    """The status chart (of the nämndmål) in words."""
    return ("Stapeldiagram över nämndens nämndmål per status: "
            f"{distribution_text(counts) if sum(counts.values()) else 'inga nämndmål'}.")


# --- Economy ------------------------------------------------------------------------------------


def economy_month(periods: dict[int, list[int]], followup: FollowUp) -> int | None:
    """The last month with utfall up to the follow-up's month in its year, or None."""
    months = [m for m in periods.get(followup.year, []) if m <= FOLLOWUP_MONTHS[followup.kind]]
    return max(months, default=None)


def leaf_lines(lines: Sequence[eco.CategoryLine]) -> list[eco.CategoryLine]:
    """The categories with nothing under them (no total, no parent counted twice)."""
    body = list(lines[:-1])  # the last line is the total
    return [line for n, line in enumerate(body)
            if line.indented or n + 1 == len(body) or not body[n + 1].indented]


def worst(items: Sequence, deviation, shown: int = WORST_SHOWN) -> list:
    """The items with a negative deviation, the most negative first."""
    negative = [i for i in items if (deviation(i) or 0) < -0.5]
    return sorted(negative, key=deviation)[:shown]


def money_column(header: str, unit: str, signed: bool = False) -> Column:
    """An amount column in `unit` (mnkr with a decimal, tkr whole)."""
    return Column(f"{header} ({unit})", "decimal" if unit == "mnkr" else "integer", signed)


def units_table(view: eco.View, children: Sequence[eq.ChildFigures]) -> Table:
    """The enheter with the largest negative deviation, amounts in tkr (as on their pages)."""
    rows = []
    for child in children:
        pair = eco.to_date(child.figures, "tkr")
        rows.append([child.unit.name, pair.budget, pair.outcome, pair.difference,
                     eco.deviation_share(child.figures)])
    name, budget, utfall, deviation, share = eco.category_headers(view, "Enhet", "tkr")
    columns = [Column(name),
               *(eco.amount_column(header, "tkr", [row[n] for row in rows], n == 3)
                 for n, header in ((1, budget), (2, utfall), (3, deviation))),
               Column(share, "percent", True)]
    return Table("Enheter med störst negativ avvikelse (belopp i tkr)", columns, rows)


def categories_table(view: eco.View, lines: Sequence[eco.CategoryLine]) -> Table:
    """The categories with the largest negative deviation, amounts in the view's unit."""
    return eco.category_table(view, list(lines),
                              "Kostnader och intäkter med störst negativ avvikelse",
                              "Kostnad (−) eller intäkt (+)", indent="")


def grants_table(session, viewer: Viewer, namnd: Namnd, year: int) -> Table:
    """The nämnd's riktade statsbidrag of the year at risk of repayment."""
    columns = [Column("Statsbidrag"), Column("Enhet"), money_column("Erhållet", "tkr"),
               money_column("Använt", "tkr"), money_column("Kvar", "tkr"), Column("Sista dag"),
               Column("Varför risk")]
    found = (grants_data(session, viewer, namnd.code, year).grants
             if year in grant_years(session, viewer) else [])
    rows = [[a.grant.name, a.grant.unit_name, a.grant.received_tkr, a.grant.used_tkr,
             a.grant.remaining_tkr, fmt.iso_date(a.grant.deadline), a.risk]
            for a in found if a.at_risk]
    return Table(f"Statsbidrag med {RISK_WORD.lower()} {year}", columns, rows)


def economy_figures(view: eco.View, figures: eq.Figures) -> tuple[KeyFigure, ...]:
    """Utfall, avvikelse (with its status), prognos and prognosavvikelse: each labelled with
    its months, each a result (intäkter minus kostnader), subtracting as shown."""
    months, year = eco.period_text(view), f"helår {view.year}"
    ytd, whole = eco.to_date(figures, view.money), eco.whole_year(figures, view.money)
    status = eco.ECONOMY_STATUS_SV[eco.deviation_status(figures)]
    share = eco.share_text(eco.deviation_share(figures))
    return (
        KeyFigure(f"Resultat {months}", ytd.amount(ytd.outcome),
                  f"Utfall: intäkter minus kostnader. Budget för samma månader: "
                  f"{ytd.amount(ytd.budget)}."),
        KeyFigure(f"Avvikelse {months}", ytd.amount(ytd.difference, signed=True),
                  f"{status.symbol} {status.word} ({share}). Utfall minus budget"
                  f"{eco.subtraction(ytd)}; minus betyder sämre än budget."),
        KeyFigure(f"Prognos för resultatet {year}", whole.amount(whole.outcome),
                  f"Lämnad i {fmt.month_name(view.month)} {view.year}. Budget för helåret: "
                  f"{whole.amount(whole.budget)}."),
        KeyFigure(f"Prognosavvikelse {year}", whole.amount(whole.difference, signed=True),
                  f"Prognos minus budget för helåret{eco.subtraction(whole)}."),
    )


def economy_section(session, viewer: Viewer, choice: Choice) -> Section:
    """Economy: deviation to date, prognos, the worst units and categories, grants at risk."""
    title = "Ekonomi"
    month = economy_month(eq.utfall_months(session, viewer), choice.followup)
    if month is None:
        return Section(title, followup_text(choice.followup),
                       (f"Det finns inget ekonomiskt utfall för {choice.followup.year} ännu.",))
    view = eco.resolve(session, viewer, choice.namnd.code, choice.followup.year, month)
    amounts = eq.unit_amounts(session, viewer, view.unit.id, view.year)
    figures = amounts.figures(month)
    lines = eco.month_lines(amounts.months(), month)
    units = worst(eq.enhet_figures(session, viewer, view.unit.id, view.year, month),
                  lambda c: c.figures.deviation_tkr if c.figures else None)
    categories = worst(leaf_lines(eco.category_lines(amounts.by_category(month))),
                       lambda line: line.deviation_tkr)
    period = eco.period_text(view)
    whole = eco.whole_year(figures, view.money)
    prognos = whole.amount(whole.outcome)
    return Section(
        title, f"{period}, belopp i {view.money} ({eco.UNIT_WORDS_SV[view.money]})",
        (f"Utfall, budget och prognos för {view.unit.name} med alla förvaltningar och enheter "
         f"under nämnden, {period}.", fill(eco.RESULT_TEXT_SV), eco.DEVIATION_TEXT_SV,
         eco.ROUNDING_TEXT_SV),
        economy_figures(view, figures),
        (Chart("economy", "economy", {"lines": lines, "month": month, "unit": view.money,
                                      "prognos_tkr": figures.prognos_tkr},
               f"Linjediagram: budget och utfall ackumulerat {period} för {view.unit.name}, "
               f"och prognosen för helåret ({prognos})."),
         NamedTable("units", units_table(view, units),
                    "Ingen enhet har ett utfall sämre än budget."),
         NamedTable("categories", categories_table(view, categories),
                    "Ingen kostnad eller intäkt är sämre än budget."),
         NamedTable("grants", grants_table(session, viewer, choice.namnd, view.year),
                    f"Inget av nämndens riktade statsbidrag {view.year} har "
                    f"{RISK_WORD.lower()}.")),
    )


# --- Resultatförbättrande åtgärder and the grants' reports --------------------------------------

MEASURES_TITLE = "Resultatförbättrande åtgärder"
GRANT_REPORTS_TITLE = "Redovisningar av statsbidrag"
FLAGGED_LABEL = f"{measures_cb.FLAG_SYMBOL} Åtgärder med röd kvalitetsindikator"


def measures_table(data: measures_cb.MeasuresData, year: int) -> Table:
    """The nämnd's measures: decision, responsible, effects, status and the quality flag."""
    red = measures_cb.flagged(data.watched)
    columns = [Column("Åtgärd"), Column("Enhet"), Column("Beslut"), Column("Ansvarig"),
               money_column("Planerad effekt", "tkr"), money_column("Uppnådd effekt", "tkr"),
               Column("Status"), Column("Kvalitet")]
    rows = [[m.title, m.unit_name, measures_cb.decision_text(m), m.responsible or "–",
             m.planned_tkr, m.achieved_tkr, measures_cb.MEASURE_STATUS_SV[m.status].word,
             measures_cb.FLAG_WORD if m.code in red else "–"] for m in data.measures]
    return Table(f"{MEASURES_TITLE} {year}", columns, rows)


def measure_months_table(data: measures_cb.MeasuresData, year: int) -> Table:
    """The realisation month by month, summed over the nämnd's measures."""
    columns = [Column("Månad"), money_column("Planerad effekt", "tkr"),
               money_column("Uppnådd effekt", "tkr"), money_column("Uppnått sedan januari", "tkr"),
               Column("Planerade årsarbetare", "decimal"), Column("Uppnådda årsarbetare", "decimal")]
    rows = [[fmt.month_name(line.effect.month).capitalize(), line.effect.planned_tkr,
             line.effect.achieved_tkr, line.achieved_to_date, line.effect.planned_fte,
             line.effect.achieved_fte] for line in measures_cb.month_lines(data.months)]
    return Table(f"Realisering månad för månad {year}", columns, rows)


def flagged_items(data: measures_cb.MeasuresData) -> tuple[Item, ...]:
    """Each flagged measure: its red indicators, the consequence watched and the alternatives."""
    red = measures_cb.flagged(data.watched)
    return tuple(
        Item(f"{measures_cb.FLAG_SYMBOL} {m.title}", (
            *(f"{status_text(RED)}: {measures_cb.watched_text(w)}. Bevakas för: "
              f"{w.consequence or 'ingen följd angiven'}" for w in red[m.code]),
            f"Beslut: {measures_cb.decision_text(m)}. Ansvarig: {m.responsible or '–'}.",
            f"Alternativa åtgärder: {m.alternatives or 'inga redovisade'}"))
        for m in data.measures if m.code in red)


def measures_section(session, viewer: Viewer, choice: Choice) -> Section:
    """The nämnd's resultatförbättrande åtgärder of the follow-up's year: effects, the
    realisation month by month and the measures whose watched quality indicators are red."""
    year = choice.followup.year
    if year not in measure_years(session, viewer):
        return Section(MEASURES_TITLE, str(year),
                       (f"Nämnden har inga resultatförbättrande åtgärder {year}.",))
    data = measures_cb.measures_data(session, viewer, choice.namnd.code, str(year))
    total = measures_cb.sums("Totalt", data.measures)
    flagged = len(flagged_items(data))
    return Section(
        MEASURES_TITLE, f"{year}, belopp i tkr",
        ("Åtgärderna som ska förbättra nämndens resultat: beslut, ansvarig, planerad och uppnådd "
         "effekt och effekten månad för månad, i tkr och årsarbetare.", measures_cb.FLAG_NOTE_SV),
        (KeyFigure("Planerad effekt", fmt.mnkr(total.planned_tkr),
                   f"för {fmt.number(total.count)} åtgärder {year}."),
         KeyFigure("Uppnådd effekt", fmt.mnkr(total.achieved_tkr),
                   f"{fmt.percent(total.achieved_share, 0)} av den planerade effekten."),
         KeyFigure(FLAGGED_LABEL, fmt.number(flagged),
                   "åtgärder där en bevakad kvalitetsindikator är röd.")),
        (NamedTable("measures", measures_table(data, year),
                    f"Nämnden har inga resultatförbättrande åtgärder {year}."),
         NamedTable("measure_months", measure_months_table(data, year),
                    "Åtgärderna har ingen effekt per månad inlagd."),
         Items(f"Åtgärder med röd kvalitetsindikator {year}", flagged_items(data),
               "Ingen åtgärd har en bevakad kvalitetsindikator som är röd.")),
    )


def grant_reports_section(session, viewer: Viewer, choice: Choice, today: dt.date) -> Section:
    """The reports the nämnd's grants owe their agencies and that are not submitted yet, the
    overdue first."""
    owed = [r for r in grant_reports(session, viewer, choice.namnd.id) if r.submitted_on is None]
    overdue = sum(r.overdue(today) for r in owed)
    columns = [Column("Statsbidrag"), Column("Redovisning"), Column("Myndighet"), Column("Enhet"),
               Column("Sista dag"), Column("Läge"), Column("Kommentar")]
    rows = [[r.grant_name, r.title, r.agency or "–", r.unit_name, fmt.iso_date(r.due_on),
             " ".join(REPORT_STATES[report_status(r, today)][:2]), r.comment]
            for r in sorted(owed, key=lambda r: not r.overdue(today))]
    return Section(
        GRANT_REPORTS_TITLE, f"Per {fmt.iso_date(today)}",
        ("Redovisningar som de riktade statsbidragens villkor kräver, till den myndighet som gav "
         "bidraget. En redovisning är försenad när den inte är inlämnad och sista dagen har "
         f"passerat, bedömt per {fmt.iso_date(today)}.",),
        (KeyFigure(f"{OVERDUE_SYMBOL} Försenade redovisningar", fmt.number(overdue),
                   f"av {fmt.number(len(owed))} redovisningar som inte är inlämnade."),),
        (NamedTable("grant_reports", Table("Redovisningar som inte är inlämnade", columns, rows),
                    "Alla redovisningar av nämndens statsbidrag är inlämnade."),),
    )


# --- Internal control ---------------------------------------------------------------------------


HIGH_RISKS_TITLE = f"Öppna risker med högt riskvärde: {HIGH_RISK_SV}"


def risk_name(row: RiskRow, year: int) -> str:
    """A risk's title, with its riskanalys year when it is carried from an earlier one."""
    carried = carried_year(row.year, year)
    return f"{row.title} (riskanalys {carried})" if carried else row.title


def risks_table(rows: Sequence[RiskRow]) -> Table:
    """Open high risks, each with the year of its riskanalys."""
    columns = [Column("Risk"), Column("Riskanalys"), Column("Process"),
               Column("Riskvärde", "integer"), Column("Nivå"), Column("Åtgärder kvar", "integer"),
               Column("Varav försenade", "integer")]
    return Table(HIGH_RISKS_TITLE, columns,
                 [[r.title, str(r.year), r.process, r.risk_value, risk_band(r.risk_value).word,
                   r.open_actions, r.overdue_actions] for r in rows])


def overdue_actions(session, viewer: Viewer, rows: Sequence[RiskRow], year: int,
                    today: dt.date) -> list:
    """(risk name, åtgärd) for each overdue åtgärd of the risks, each åtgärd once."""
    found, seen = [], set()
    for row in rows:
        if not row.overdue_actions:
            continue
        detail = risk_detail(session, viewer, row.code)
        for action in detail.actions if detail else ():
            key = action.code or (action.title, action.due_date)
            if key not in seen and is_overdue(action.due_date, action.status, today):
                seen.add(key)
                found.append((risk_name(row, year), action))
    return sorted(found, key=lambda pair: pair[1].due_date)


def actions_table(pairs: Sequence, today: dt.date) -> Table:
    """Overdue åtgärder: what, against which risk, who, when it was due and its status."""
    columns = [Column("Åtgärd"), Column("Risk"), Column("Ansvarig"), Column("Slutdatum"),
               Column("Status"), Column("Dagar försenad", "integer")]
    return Table("Försenade åtgärder", columns,
                 [[a.title, risk, a.owner, fmt.iso_date(a.due_date), ACTION_STATUS_SV[a.status],
                   (today - a.due_date).days] for risk, a in pairs])


def deviations_table(deviations: Sequence[Deviation], year: int) -> Table:
    """Every control of the year's internkontrollplan that found a deviation: the ones the
    key figure Avvikelser counts."""
    symbol, word = CONTROL_RESULT_SV["avvikelse"]
    return Table(f"Kontroller med avvikelse i internkontrollplanen {year}",
                 [Column("Risk"), Column("Process"), Column("Kontrollmoment"), Column("Utförd"),
                  Column("Resultat"), Column("Kommentar"), Column("Riskens status")],
                 [[d.risk, d.process, d.control, fmt.iso_date(d.performed_on), f"{symbol} {word}",
                   d.comment, RISK_STATUS_SV[d.risk_status]] for d in deviations])


def control_figures(summary: ControlSummary, high: Sequence[RiskRow], year: int,
                    today: dt.date) -> tuple[KeyFigure, ...]:
    earlier = sum(1 for r in high if r.year < year)
    return (
        KeyFigure("Öppna höga risker", fmt.number(len(high)),
                  f"Öppna risker med {HIGH_RISK_SV} i riskanalysen {year} och tidigare års "
                  f"riskanalyser (varav {fmt.number(earlier)} från tidigare år)."),
        KeyFigure("Försenade åtgärder", fmt.number(summary.overdue_actions),
                  f"av {fmt.number(summary.open_actions)} åtgärder som inte är klara "
                  f"(per {fmt.iso_date(today)})."),
        KeyFigure("Utförda kontroller", f"{fmt.number(summary.performed)} av "
                  f"{fmt.number(summary.planned)}", f"planerade i internkontrollplanen {year}."),
        KeyFigure("Avvikelser", fmt.number(summary.deviations),
                  f"utförda kontroller i internkontrollplanen {year} som visade ett fel eller en "
                  "brist; alla står i tabellen Kontroller med avvikelse."),
    )


def control_section(session, viewer: Viewer, choice: Choice, today: dt.date) -> Section:
    """Internal control: open high risks, overdue åtgärder, control deviations."""
    year = choice.followup.year
    title = "Internkontroll"
    if not any(y <= year for y in risk_choices(session, viewer).years):
        return Section(title, f"Riskanalys {year}",
                       (f"Det finns ingen riskanalys för {year} som du kan se.",))
    every = RiskSelection(year, choice.namnd.id)
    rows = risk_list(session, viewer, every, today)
    high = [r for r in rows if r.status == "oppen" and r.risk_value >= HIGH_RISK_VALUE]
    summary = control_summary(session, viewer, every, today)
    return Section(
        title, f"Riskanalys {year} och öppna risker från tidigare år, per {fmt.iso_date(today)}",
        (f"Riskvärdet är sannolikhet × konsekvens (1–16); en hög risk har {HIGH_RISK_SV}. En "
         f"öppen risk är ännu inte förd ner till en godtagbar nivå. {OPEN_RULE_SV} En åtgärd är "
         "försenad när slutdatumet har passerat och den inte är klar, bedömt per "
         f"{fmt.iso_date(today)}. Kontrollerna och avvikelserna är de i internkontrollplanen "
         f"{year}.",),
        control_figures(summary, high, year, today),
        (NamedTable("risks", risks_table(high), "Nämnden har inga öppna risker med högt riskvärde."),
         NamedTable("actions", actions_table(overdue_actions(session, viewer, rows, year, today),
                                             today),
                    "Inga åtgärder är försenade."),
         NamedTable("deviations", deviations_table(control_deviations(session, viewer, every),
                                                   year),
                    f"Ingen kontroll i internkontrollplanen {year} har visat en avvikelse.")),
    )


# --- Uppdrag ------------------------------------------------------------------------------------


def uppdrag_table(rows: Sequence[UppdragRow]) -> Table:
    """Overdue uppdrag: what, from whom, the deadline and the comment."""
    columns = [Column("Uppdrag"), Column("Från"), Column("Till"), Column("Tidsfrist"),
               Column("Kommentar")]
    return Table("Försenade uppdrag", columns,
                 [[r.title, issuer_text(r), r.assignee_name, fmt.iso_date(r.deadline), r.comment]
                  for r in rows])


def uppdrag_section(session, viewer: Viewer, choice: Choice, today: dt.date) -> Section:
    """Uppdrag: how many of each status, and the overdue ones."""
    counts = namnd_uppdrag_counts(session, viewer, today, choice.namnd.code)
    late = uppdrag_list(session, viewer, today, choice.namnd.code, "forsenat")
    figures = tuple(KeyFigure(f"{UPPDRAG_STATUS_SV[s].symbol} {UPPDRAG_STATUS_SV[s].plural}",
                              fmt.number(counts.get(s, 0))) for s in STATUS_ORDER)
    return Section(
        "Uppdrag", f"Per {fmt.iso_date(today)}",
        ("Uppdrag som har getts till nämnden eller till förvaltningar och enheter under den. "
         "Försenat betyder att tidsfristen har passerat utan att uppdraget är klart eller "
         "avbrutet, eller att det har rapporterats som försenat.",),
        figures,
        (NamedTable("uppdrag", uppdrag_table(late), "Inga uppdrag är försenade."),),
    )


# --- The whole report ---------------------------------------------------------------------------


# Per section: which of its figures the summary shows, and (where the section's own label
# needs the section's heading above it to read right) the label it has in the summary.
SUMMARY_PICKS = {
    "Mål och måluppfyllelse": (STATUSES.index(RED),
                               f"{STATUS_LABELS_SV[RED].symbol} Nämndmål som inte är uppfyllda"),
    "Ekonomi": (1, None),
    MEASURES_TITLE: (2, FLAGGED_LABEL),
    GRANT_REPORTS_TITLE: (0, f"{OVERDUE_SYMBOL} Försenade redovisningar av statsbidrag"),
    "Internkontroll": (0, None),
    "Uppdrag": (STATUS_ORDER.index("forsenat"),
                f"{UPPDRAG_STATUS_SV['forsenat'].symbol} Försenade uppdrag"),
}


def summary_section(sections: Sequence[Section]) -> Section:
    """The most telling figure of each section, as a summary on the first page."""
    figures = [replace_label(s.title, s.figures[SUMMARY_PICKS[s.title][0]]) for s in sections
               if s.figures and s.title in SUMMARY_PICKS]
    return Section("Sammanfattning", "Det viktigaste för sammanträdet",
                   ("Detaljerna finns i avsnitten nedan: mål, ekonomi, resultatförbättrande "
                    "åtgärder, statsbidrag, internkontroll och uppdrag.",),
                   tuple(figures))


def replace_label(section: str, figure: KeyFigure) -> KeyFigure:
    """A key figure labelled for the summary, e.g. `! Försenade uppdrag` or `Ekonomi:
    Avvikelse hittills i år`."""
    label = SUMMARY_PICKS[section][1] or f"{section.split(' ')[0]}: {figure.label}"
    return KeyFigure(label, figure.value, figure.explanation)


def build_report(session, viewer: Viewer, choice: Choice) -> Report:
    """The nämndrapport for a resolved choice, from the viewer's scoped queries."""
    today = data_date(session, viewer)
    sections = (goals_section(session, viewer, choice), economy_section(session, viewer, choice),
                measures_section(session, viewer, choice),
                grant_reports_section(session, viewer, choice, today),
                control_section(session, viewer, choice, today),
                uppdrag_section(session, viewer, choice, today))
    return Report(choice.namnd, choice.followup, today, (summary_section(sections), *sections))


# --- Callbacks ----------------------------------------------------------------------------------


def register(app) -> None:
    """The nämnd and period selectors write the URL; the print button prints (in the
    browser: assets/callbacks.js)."""
    register_choice_writer(app, KEY, "namnd", "period")
    register_print(app, KEY)
