"""Mål: the red thread from the målbild (the vision) down to each unit's goals, with traffic lights.

`/mal` shows the vision and the målområden; `/mal?goal=HSN-M1&period=2026-DELAR` one goal
with its children, indicators, assessments, uppdrag and risks at a follow-up; `&per=perspektiv`
adds the goals below split per perspective. Drill-down is ordinary links, so the browser's back
button and copied URLs reproduce every view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import mal as shape
from callbacks.internkontroll import RISK_STATUS_SV, select_value, your_namnder
from callbacks.namndrapport import goal_table
from callbacks.uppdrag import UPPDRAG_STATUS_SV, uppdrag_badge
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, echo, read_page
from dashboard.core.exports import Column, Table, covering
from dashboard.core.urls import page_url
from dashboard.core.wording import fill, word
from data_access.queries import goal_tree
from data_access.queries.filters import may_see_internal_control
from data_access.queries.freshness import last_followup
from data_access.queries.goal_tree import (
    AssessmentRow,
    ChildGoal,
    GoalHeader,
    GoalRef,
    IndicatorValues,
    Level,
    RiskRow,
    TreeNode,
    UppdragRow,
)
from data_access import profile
from data_access.queries.goals import FollowUp, followups, goal_namnder, level_status_counts
from data_access.queries.perspectives import (
    PerspectiveStatus,
    goals_below,
    status_by_perspective,
)
from data_access.scope import Viewer
from data_access.status import STATUS_LABELS_SV, STATUS_RULE_TEXT_SV, STATUSES, forecast_text
from layouts.components import (
    card,
    freshness,
    goals_freshness,
    chart,
    data_table,
    download_links,
    light,
    light_link,
    note,
    page_header,
    page_links,
    status_badge,
    table_of,
    unit_link,
)
from layouts.page import Page, section_nav

TITLE = "Mål"
LEAD = (
    "{Noun_gen} mål hänger ihop i en röd tråd: från den långsiktiga målbilden, via "
    "målområdena som {council} beslutar om, ner till nämndernas och enheternas mål."
)
ASSESSMENTS_SHOWN = 3  # older assessments are folded away


# --- The header -----------------------------------------------------------------------


def _subnav(followup: FollowUp) -> html.Nav:
    """This page's name and links to the other views of the goals: Målkvalitet (at the same
    follow-up) and Uppdrag."""
    return section_nav("mal", "mal", links={"malkvalitet": {"period": followup.key}})


def _breadcrumbs(trail: Sequence[GoalRef], current: GoalHeader, followup: FollowUp) -> html.Nav:
    """Links from the målbild (the vision) down to the goal above this one, then this goal."""
    items = [
        light("Li", light_link(shape.short_title(ref),
                               shape.goal_url(None if ref.kind == "malbild" else ref.code,
                                              followup)),
              className="breadcrumb-item")
        for ref in trail
    ]
    items.append(light("Li", shape.short_title(current.ref), className="breadcrumb-item active",
                       **{"aria-current": "page"}))
    return html.Nav(html.Ol(items, className="breadcrumb"), className="goal-breadcrumbs",
                    **{"aria-label": "Du är här"})


def _rule_explanation() -> html.Details:
    """"Hur beräknas färgen?": the status rules in plain Swedish, folded away until asked for."""
    parts = []
    for kind, lines in shape.rule_blocks(STATUS_RULE_TEXT_SV):
        if kind == "heading":
            parts.append(light("P", light("Strong", lines[0]), className="rule-heading"))
        elif kind == "list":
            parts.append(light("Ul", [light("Li", line) for line in lines]))
        else:
            parts.append(light("P", lines[0]))
    return html.Details([light("Summary", "Hur beräknas färgen?"),
                         light("Div", parts, className="rule-text")],
                        className="rule-explanation", id="mal-rules")


def _toolbar(periods: Sequence[FollowUp], followup: FollowUp, goal_code: str | None,
             per: str | None = None, keep: dict | None = None) -> html.Div:
    """The follow-up selector, the switch of the split per perspective and the explanation of
    the colours; both keep the view's other arguments (`keep`)."""
    keep = keep or {}
    options = shape.period_options(periods, goal_code, per, **keep)
    selected = shape.period_options([followup], goal_code, per, **keep)[0]["value"]
    selector = html.Div(
        [dbc.Label("Uppföljning", html_for="mal-period", class_name="mb-0"),
         dbc.Select(id="mal-period", options=options, value=selected, class_name="period-select"),
         dcc.Store(id="mal-period-shown", data=selected)],
        className="period-picker",
    )
    return html.Div([selector, _split_switch(goal_code, followup, per, keep),
                     _rule_explanation()],
                    className="mal-toolbar")


def _split_switch(goal_code: str | None, followup: FollowUp, per: str | None,
                  keep: dict) -> html.P:
    """A link to this view with (or without) the goals below split per perspective."""
    shown = per == shape.PER_PERSPECTIVE
    label = "Dölj uppdelningen per perspektiv" if shown else "Visa måluppfyllelse per perspektiv"
    href = page_url("mal", goal=goal_code, period=followup.key,
                    per=None if shown else shape.PER_PERSPECTIVE, **keep)
    return html.P(dcc.Link(label, href=href, id="mal-per-switch"), className="mb-0 split-switch")


def _scope_note(viewer: Viewer) -> list:
    """For a nämnd member, which goals they see."""
    if viewer.sees_everything:
        return []
    return [note(f"Du ser {word('noun_gen')} målområden, alla nämnders nämndmål, {your_namnder(viewer)} "
                 "mål ner till enheterna och övriga publicerade mål.")]


def _status_line(header: GoalHeader, followup: FollowUp) -> html.Div:
    """The reported status, the computed one beside a manual assessment, and the deviation flag."""
    status = header.status
    source = "bedömd av målets ägare" if status.manual else "beräknad från utfall"
    parts = [status_badge(status.reported),
             html.Span(f"{shape.followup_text(followup)}, {source}", className="status-source")]
    if status.manual:
        parts += [html.Span("Beräknad från utfall:", className="status-source"),
                  status_badge(status.computed)]
    if status.deviates:
        parts.append(shape.deviation_flag(id="mal-deviation"))
    return html.Div(parts, className="goal-status-line", id="mal-status")


def _heading(text: str) -> html.H1:
    """The page's one h1; focusable so that a drill-down can start reading there."""
    return html.H1(text, id="mal-heading", tabIndex="-1")


def _root_header(periods, followup, viewer, per: str | None = None,
                 keep: dict | None = None) -> html.Div:
    """The header of the start view: sub-navigation, title, lead and toolbar."""
    return html.Div([_subnav(followup), _heading(TITLE), html.P(fill(LEAD), className="lead"),
                     _toolbar(periods, followup, None, per, keep), *_scope_note(viewer)],
                    className="page-header mal-header")


def _goal_header(header, trail, periods, followup, viewer, per: str | None = None) -> html.Div:
    """The header of a goal: breadcrumbs, kind and owner, title, status and toolbar."""
    eyebrow = [f"{shape.kind_label(header.ref.kind)} · ",
               unit_link(header.owner, header.owner_code, period=followup.key)]
    return html.Div(
        [_subnav(followup), _breadcrumbs(trail, header, followup),
         html.P(eyebrow, className="eyebrow"), _heading(header.ref.title), _status_line(header, followup),
         _toolbar(periods, followup, header.ref.code, per), *_scope_note(viewer)],
        className="page-header mal-header",
    )


# --- Cards ------------------------------------------------------------------------------


def _table(caption: str, columns: list[str], rows: list[list], headings: dict | None = None):
    """A table that on phones becomes one block per row with labelled cells.

    `headings` renames columns on screen (e.g. Trend → Trend sedan T1 2026).
    """
    names = headings or {}
    shown = [(names.get(c, c), _column_class(c)) for c in columns]  # once per column
    head = light("Thead", light("Tr", [light("Th", label, scope="col", className=column)
                                       for label, column in shown]))
    body = light("Tbody", [
        light("Tr", [light("Td", light("Div", value), className=column,
                           **{"data-label": label})
                     for (label, column), value in zip(shown, row)])
        for row in rows
    ])
    # The card's title already says it on screen; the caption names the table for screen readers.
    return html.Table([html.Caption(caption, className="visually-hidden"), head, body],
                      className="table goal-table stacked-table")


def unit_goal_table(caption: str, goals: Sequence[ChildGoal], followup: FollowUp):
    """Goals as the drill-down table shows them (also on the Enhet page)."""
    return _table(caption, *shape.child_table(goals, followup))


def _column_class(column: str) -> str:
    """A column's class for its width, e.g. `col-mal-under`."""
    return "col-" + column.lower().replace(" ", "-").replace("å", "a").replace("ä", "a")


def _children_card(title: str, children: list[ChildGoal], followup: FollowUp,
                   previous: FollowUp | None, empty: str, goal_code: str | None,
                   page: tuple[int, int] = (1, 1), per: str | None = None) -> dbc.Card:
    """The goals one level down, each a link one step further; `page` (number, pages) of them
    when there are more than fit on one."""
    if not children:
        return card(title, shape.followup_text(followup), note(empty), card_id="mal-children")
    trend = f"Trend sedan {shape.followup_text(previous)}" if previous else "Trend"
    number, pages = page
    first = (number - 1) * shape.CHILD_PAGE_ROWS
    shown = children[first:first + shape.CHILD_PAGE_ROWS]
    caption = f"{title}, {shape.followup_text(followup)}"
    parts = []
    if pages > 1:
        caption += f", sida {number} av {pages}"
        parts.append(note(f"Visar mål {fmt.number(first + 1)}–{fmt.number(first + len(shown))} "
                          f"av {fmt.number(len(children))}. Alla finns i filerna nedan."))
    parts.append(_table(caption, *shape.child_table(shown, followup), {"Trend": trend}))
    if pages > 1:
        parts.append(page_links("mal", number, pages, _file_args(goal_code, followup, per),
                                "Sidor med mål under målet"))
    return card(
        title,
        shape.followup_text(followup),
        *parts,
        download_links("mal", "children", _file_args(goal_code, followup)),
        card_id="mal-children",
    )


def _file_args(goal_code: str | None, followup: FollowUp, per: str | None = None) -> dict:
    """The view's URL arguments for its table downloads (and its page links: with `per`)."""
    return {"goal": goal_code, "period": followup.key, "per": per}


def _perspective_card(rows: Sequence[PerspectiveStatus] | None, top: GoalRef,
                      followup: FollowUp) -> list:
    """The goals below `top` per perspective, when the URL asks for the split (`rows`)."""
    if rows is None:
        return []
    table = _perspective_file(rows, top, followup)
    return [card("Måluppfyllelse per perspektiv", shape.followup_text(followup),
                 note(shape.PERSPECTIVE_NOTE_SV), table_of(table),
                 download_links("mal", "perspektiv",
                                _file_args(None if top.kind == "malbild" else top.code,
                                           followup, shape.PER_PERSPECTIVE)),
                 card_id="mal-perspectives")]


def _perspective_file(rows: Sequence[PerspectiveStatus], top: GoalRef,
                      followup: FollowUp):
    """The split per perspective as a table (screen and file)."""
    return shape.perspective_table(
        f"Alla mål under {shape.short_title(top)} per perspektiv, "
        f"{shape.followup_text(followup)}", rows)


def _children_title(children: list[ChildGoal]) -> str:
    """`Förvaltningsmål under målet` when all children are of one kind, else a general title."""
    kinds = {child.ref.kind for child in children}
    if len(kinds) == 1:
        return f"{shape.kind_label(kinds.pop(), plural=True)} under målet"
    return "Mål under målet"


def _legend() -> html.Ul:
    """What the colours and symbols mean."""
    return html.Ul([light("Li", status_badge(s)) for s in STATUSES], className="status-legend",
                   **{"aria-label": "Färger och symboler"})


def _tree_card(nodes: Sequence[TreeNode], followup: FollowUp, level: GoalRef | None,
               current: GoalRef | None = None) -> dbc.Card:
    """The visible goal tree (`nodes`) as an icicle opened at `level`, the `current` goal
    outlined; clicks drill down."""
    level_title = shape.short_title(level) if level else "Målbilden"
    figure = shape.tree_figure(nodes, level.code if level else None,
                               current.code if current else None)
    return card(
        "Målträdet",
        shape.followup_text(followup),
        note("Varje ruta är ett mål, med målen under det till höger"
             + ("; målet du tittar på har en svart ram. " if current else ". ")
             + "Klicka på en ruta för att öppna målet, eller på rutan längst till vänster för "
             "att gå en nivå upp. Tabellen ovan och länkarna i den visar samma mål och går att "
             "använda med tangentbord och skärmläsare."),
        _legend(),
        chart(figure, shape.tree_chart_label(nodes, level_title), "mal-tree"),
        card_id="mal-tree-card",
    )


def _about_card(header: GoalHeader, below: dict[str, int], followup: FollowUp) -> dbc.Card:
    """Description, owner, plan period, perspectives, Agenda 2030 and the goals below."""
    agenda = ", ".join(f"{number} {name}" for number, name in header.agenda2030)
    facts = [
        ("Målnivå", shape.kind_label(header.ref.kind)),
        ("Ansvarig", unit_link(header.owner, header.owner_code, period=followup.key)),
        ("Planperiod", f"{header.plan_start_year}–{header.plan_end_year}"),
        ("Perspektiv", ", ".join(header.perspectives) or "Inga angivna"),
        ("Agenda 2030", agenda or "Inga angivna"),
        (f"Mål under, {shape.followup_text(followup)}", shape.distribution_text(below)),
    ]
    items = [part for term, value in facts for part in (light("Dt", term), light("Dd", value))]
    return card(
        "Om målet",
        None,
        html.P(header.description or "Ingen beskrivning är inlagd.", className="goal-description"),
        html.Dl(items, className="goal-facts"),
        card_id="mal-about",
    )


def _indicator_tile(values: IndicatorValues, header: GoalHeader, followup: FollowUp, n: int):
    """One indicator: status at the follow-up, latest outcome and target, chart and table."""
    indicator, shown, targets = values.indicator, values.outcomes, values.targets
    latest = shape.latest_outcome(shown, followup.end_date)
    status = shape.outcome_status(indicator, latest, targets)
    href = page_url("indikator", code=indicator.code, unit=header.owner_code, period=followup.key)
    table = data_table(f"{indicator.name}, {header.owner}", ["Period", "Utfall", "Målvärde"],
                       shape.indicator_rows(indicator, shown, targets), [False, True, True])
    # Light elements around the chart (layouts.components.light); the folded table stays an
    # html.Details, which layouts.page.open_sections marks.
    return light(
        "Section",
        [
            light("H3", light_link(indicator.name, href), className="indicator-name"),
            light("P", [status_badge(status), light(
                "Span", shape.outcome_against_target(indicator, latest, targets, followup),
                className="indicator-figures")], className="indicator-status"),
            chart(shape.indicator_figure(indicator, shown, targets),
                  shape.indicator_chart_label(indicator, shown, header.owner),
                  f"mal-indicator-chart-{n}"),
            html.Details([light("Summary", "Visa som tabell"), table,
                          download_links("mal", shape.indicator_table_name(indicator.code),
                                         _file_args(header.ref.code, followup), "värdena")],
                         className="chart-table"),
        ],
        className="indicator-tile",
    )


def _indicators_card(found: Sequence[IndicatorValues], header: GoalHeader,
                     followup: FollowUp) -> dbc.Card:
    """The goal's indicators with small trend charts against the målvärde at the owner unit."""
    title = "Indikatorer"
    first_year = shape.trend_first_year(followup)
    if not found:
        return card(title, None, note("Målet har inga indikatorer. Det kan bara bedömas "
                                      "utifrån målen under det och ägarens bedömning."),
                    card_id="mal-indicators")
    tiles = [dbc.Col(_indicator_tile(values, header, followup, n), lg=6)
             for n, values in enumerate(found)]
    return card(
        title,
        f"Utfall för {header.owner}, {first_year}–{followup.year}",
        note("Status per indikator vid uppföljningen: det senaste utfallet under de tolv "
             "månaderna fram till uppföljningen, mot målvärdet för samma år som utfallet. Varje "
             "indikator visar vilket års utfall och målvärde den jämför."),
        dbc.Row(tiles, class_name="g-4"),
        card_id="mal-indicators",
    )


def _assessment_item(row) -> html.Li:
    """One assessment: period, status, who and when, helårsprognos, analysis and actions."""
    by = f" av {row.author}" if row.author else ""
    return light("Li", [
        light("H3", shape.assessment_heading(row), className="h6 mb-1"),
        light("P", [status_badge(row.status),
                    light("Span", f"Bedömd {fmt.iso_date(row.assessed_on)}{by}",
                          className="status-source")],
              className="mb-2"),
        *([light("P", [light("Strong", "Helårsprognos: "), forecast_text(row.forecast)],
                 className="mb-1 assessment-forecast")] if row.forecast else []),
        light("P", row.analysis or "Ingen analys.", className="mb-1"),
        *([light("P", [light("Strong", "Åtgärder: "), row.actions], className="mb-0")]
          if row.actions else []),
    ], className="assessment")


def _history_card(rows: Sequence[AssessmentRow], header: GoalHeader,
                  followup: FollowUp) -> dbc.Card:
    """The owner's assessments up to the follow-up, the latest shown and older ones folded."""
    title = "Bedömningar"
    if not rows:
        return card(title, None, note("Målets ägare har inte gjort någon bedömning ännu. Färgen "
                                      "är då den som beräknas från utfallen."),
                    card_id="mal-history")
    recent, older = rows[:ASSESSMENTS_SHOWN], rows[ASSESSMENTS_SHOWN:]
    parts = [html.Ol([_assessment_item(row) for row in recent], className="assessment-list")]
    if older:
        parts.append(html.Details(
            [html.Summary(f"Visa äldre bedömningar ({fmt.number(len(older))})"),
             html.Ol([_assessment_item(row) for row in older], className="assessment-list mt-2")],
            className="older-assessments"))
    return card(title, f"Till och med {shape.followup_text(followup)}", *parts,
                download_links("mal", "history", _file_args(header.ref.code, followup)),
                card_id="mal-history")


def _uppdrag_card(rows: Sequence[UppdragRow], header: GoalHeader,
                  followup: FollowUp) -> dbc.Card:
    """The uppdrag tied to the goal, with status and deadline."""
    more = html.P(dcc.Link("Alla uppdrag", href=page_url("uppdrag")), className="mt-2 mb-0")
    if not rows:
        return card("Uppdrag", None, note("Inga uppdrag är kopplade till målet."), more,
                    card_id="mal-uppdrag")
    table = _table(
        f"Uppdrag kopplade till {header.ref.title}", ["Uppdrag", "Ansvarig", "Status", "Slutdatum"],
        [[u.title, u.assignee, uppdrag_badge(u.status), fmt.iso_date(u.deadline)]
         for u in rows],
    )
    return card("Uppdrag", None, table,
                download_links("mal", "uppdrag", _file_args(header.ref.code, followup)), more,
                card_id="mal-uppdrag")


def _risk_card(rows: Sequence[RiskRow] | None, header: GoalHeader,
               followup: FollowUp) -> list:
    """The risks in the year's riskanalys linked to the goal (`rows`), for roles that may see
    risks (None for the others)."""
    if rows is None:
        return []
    title = "Risker"
    if not rows:
        return [card(title, f"Riskanalys {followup.year}",
                     note("Inga risker som du kan se är kopplade till målet."),
                     card_id="mal-risks")]
    table = _table(
        f"Risker kopplade till {header.ref.title}, {followup.year}",
        ["Risk", "Nämnd", "Riskvärde", "Status"],
        [[dcc.Link(r.title, href=page_url("internkontroll", risk=r.code)), r.namnd,
          fmt.number(r.risk_value), RISK_STATUS_SV[r.status]] for r in rows],
    )
    return [card(title, f"Riskanalys {followup.year}",
                 note("Riskvärde är sannolikhet × konsekvens, 1–16."), table,
                 download_links("mal", "risks", _file_args(header.ref.code, followup)),
                 card_id="mal-risks")]


# --- The nämnder's goals, level by level --------------------------------------------------

STATUS_CHOICES = (("Alla statusar", None), *((STATUS_LABELS_SV[s].word, s) for s in STATUSES))


def _list_url(goals: GoalList, followup: FollowUp, per: str | None, **change) -> str:
    """Mål's start view with the list's filters (some changed), back on the list's first page."""
    return page_url("mal", period=followup.key, per=per, **{**goals.args, **change})


def _goal_filters(goals: GoalList, followup: FollowUp, per: str | None) -> html.Div:
    """The nämnd, level and status selectors; each option's value is the view's query string."""
    here = select_value(_list_url(goals, followup, per))

    def options(pairs, name: str) -> list[dict]:
        return [{"label": label, "value": select_value(_list_url(goals, followup, per,
                                                                 **{name: value}))}
                for label, value in pairs]

    levels = [kind for kind in shape.NAMND_LEVELS
              if kind != "framgangsfaktor" or goals.factors]
    level_pairs = [(shape.kind_label(k, plural=True), None if k == "namndmal" else k)
                   for k in levels if k != "omradesmal" or k in goals.counts]
    return html.Div(
        [_filter("namnd", "Nämnd",
                 options([("Alla nämnder", None), *((n[2], n[1]) for n in goals.namnder)],
                         "namnd"), here),
         _filter("niva", "Målnivå",
                 options([*level_pairs, ("Alla nivåer", shape.ALL_LEVELS)], "niva"), here),
         _filter("status", "Status",
                 options([(label, shape.status_arg(code)) for label, code in STATUS_CHOICES],
                         "status"), here)],
        className="ik-filters", role="group", **{"aria-label": "Urval av mål"})


def _filter(name: str, label: str, options: list[dict], value: str) -> html.Div:
    """A labelled select of the list's filters: its id is a pattern (callbacks/mal.register
    writes the URL for any of them, and they are on the start view only)."""
    control = shape.filter_id(name)
    return html.Div([dbc.Label(label, html_for=shape.dom_id(control), class_name="mb-1"),
                     dbc.Select(id=control, options=options, value=value)],
                    className="ik-filter", id=f"mal-filter-{name}")


def _goal_list_title(goals: GoalList) -> str:
    """What the list holds, e.g. `Förvaltningsmål, Hälso- och sjukvårdsnämnden, Ej uppfyllt`."""
    levels = ("Alla nivåer" if len(goals.kinds) > 1
              else shape.kind_label(goals.kinds[0], plural=True))
    parts = [levels, goals.namnd[2] if goals.namnd else "alla nämnder"]
    if goals.status:
        parts.append(STATUS_LABELS_SV[goals.status].word)
    return ", ".join(parts)


def _levels_file(goals: GoalList, followup: FollowUp) -> Table:
    whose = goals.namnd[2] if goals.namnd else "alla nämnder"
    return shape.level_table(f"Måluppfyllelse per målnivå, {whose}, "
                             f"{shape.followup_text(followup)}", goals.counts, goals.factors)


def _goal_list_card(goals: GoalList | None, followup: FollowUp, previous: FollowUp | None,
                    per: str | None) -> list:
    """The nämnder's goals: filters, the distribution per level (each level on its own, not
    one count across them) and the goals chosen, nämndmål first, a page at a time."""
    if goals is None:
        return []
    args = {**_file_args(None, followup, per), **goals.args}
    number, pages = goals.page
    first = (number - 1) * shape.CHILD_PAGE_ROWS
    shown = goals.goals[first:first + shape.CHILD_PAGE_ROWS]
    title = _goal_list_title(goals)
    parts = [_goal_filters(goals, followup, per),
             html.H3("Måluppfyllelse per målnivå", className="h6 mt-3"),
             table_of(_levels_file(goals, followup)),
             download_links("mal", "levels", args),
             html.H3(title, className="h6 mt-3", id="mal-list-title")]
    if not shown:
        parts.append(note("Inga mål motsvarar urvalet."))
    else:
        columns, rows = shape.child_table(shown, followup)
        if "Mål under" in columns:  # the list has the levels' distribution above it instead
            gone = columns.index("Mål under")
            columns.pop(gone)
            for row in rows:
                row.pop(gone)
        at = columns.index("Mål") + 1
        columns.insert(at, "Nivå")
        for goal, row in zip(shown, rows):
            row.insert(at, shape.kind_label(goal.ref.kind))
        caption = f"{title}, {shape.followup_text(followup)}"
        if pages > 1:
            caption += f", sida {number} av {pages}"
            parts.append(note(f"Visar mål {fmt.number(first + 1)}–"
                              f"{fmt.number(first + len(shown))} av "
                              f"{fmt.number(len(goals.goals))}. Alla finns i filerna nedan."))
        parts.append(_table(caption, columns, rows))
        if pages > 1:
            parts.append(page_links("mal", number, pages, args, "Sidor med mål i listan",
                                    "malsida"))
    parts.append(download_links("mal", "goals", args))
    return [card("Nämndernas mål", shape.followup_text(followup),
                 note("Nämndmålen först. Välj nämnd, målnivå och status; varje nivå räknas "
                      "för sig."), *parts, card_id="mal-goals")]


# --- Views --------------------------------------------------------------------------------


def _view_store(goal_code: str | None, followup: FollowUp) -> html.Div:
    """Which view is shown, for the browser-side focus handling after a drill-down."""
    return html.Div([dcc.Store(id="mal-view", data=f"{goal_code or ''}|{followup.key}"),
                     dcc.Store(id="mal-view-shown")])


@dataclass(frozen=True)
class Args:
    """`?goal=HSN-M1&period=2026-DELAR&sida=2&per=perspektiv`: the goal (default: the
    målbild and the målområden), the follow-up (default: the latest), the page of the goals
    below it and whether they are also split per perspective.
    A repeated goal or follow-up names none: the page says it is not there.
    The start view's list of the nämnder's goals: `namnd=HSN&niva=forvaltningsmal&
    status=ej-uppfyllt&malsida=2` (defaults: every nämnd, nämndmål, every status, page 1)."""

    goal: tuple[str, ...] = ()
    period: tuple[str, ...] = ()
    sida: str | None = None
    per: str | None = None
    namnd: str | None = None
    niva: str | None = None
    status: str | None = None
    malsida: str | None = None


def _one(texts: tuple[str, ...]) -> str | None:
    """An argument's one text: None when it is absent or empty, also when it is repeated."""
    return texts[0] or None if len(texts) == 1 else None


@dataclass(frozen=True)
class GoalList:
    """The start view's list of the nämnder's goals: the filters chosen (nämnd, levels,
    status), what they could be, the distribution per level and the goals, nämndmål first."""

    namnder: list[tuple[int, str, str]]
    namnd: tuple[int, str, str] | None
    niva: str | None  # as the URL wrote it (None: nämndmål)
    kinds: tuple[str, ...]
    status: str | None  # a status code (None: every status)
    factors: bool
    counts: dict[str, dict[str, int]]
    goals: list[ChildGoal]
    page: tuple[int, int] = (1, 1)

    @property
    def args(self) -> dict:
        """The list's URL arguments (without its page)."""
        return {"namnd": self.namnd[1] if self.namnd else None, "niva": self.niva,
                "status": shape.status_arg(self.status)}


def _goal_list(session, viewer, args: Args, followup: FollowUp,
               previous: FollowUp | None) -> GoalList:
    """The list of the nämnder's goals the URL's filters ask for; BadArgument (Swedish) for a
    filter value that is not there."""
    factors = profile.current(session).success_factors
    kinds = shape.read_level(args.niva, factors)
    status = shape.read_status(args.status)
    namnder = goal_namnder(session, viewer)
    namnd = None
    if args.namnd is not None:
        code = args.namnd.strip().upper()
        namnd = next((n for n in namnder if n[1] == code), None)
        if namnd is None:
            raise BadArgument("namnd", f"Det finns ingen nämnd med koden ”{echo(args.namnd)}”.")
    # Neither the list nor its file shows the goals below each goal (the distribution per
    # level stands above it instead): not read.
    goals = goal_tree.namnd_goals(session, viewer, namnd[0] if namnd else None, kinds,
                                  followup.id, previous.id if previous else None,
                                  followup.end_date, status, below=False)
    niva = None if args.niva is None else args.niva.strip().lower()
    return GoalList(namnder, namnd, None if niva == "namndmal" else niva, kinds, status,
                    factors, level_status_counts(session, viewer, followup.id,
                                                 namnd[0] if namnd else None),
                    goals, read_page(args.malsida, len(goals), shape.CHILD_PAGE_ROWS, "malsida"))


@dataclass(frozen=True)
class MalData:
    """What the page shows for its arguments: the follow-ups and the one shown; the goal asked
    for (None: the start view) with the goals right below it and its own cards; or why the
    arguments cannot be shown (`problem`, with the way back)."""

    viewer: Viewer
    periods: list[FollowUp]
    followup: FollowUp | None = None
    previous: FollowUp | None = None
    problem: BadArgument | None = None
    back: tuple[str, str] | None = None
    header: GoalHeader | None = None
    vision: tuple[GoalRef, str] | None = None
    level: Level | None = None
    page: tuple[int, int] = (1, 1)
    trail: list[GoalRef] = field(default_factory=list)
    indicators: list[IndicatorValues] = field(default_factory=list)
    history: list[AssessmentRow] = field(default_factory=list)
    uppdrag: list[UppdragRow] = field(default_factory=list)
    risks: list[RiskRow] | None = None  # the year's; None when the viewer may not see risks
    tree: list[TreeNode] = field(default_factory=list)
    per: str | None = None  # 'perspektiv': the goals below are split per perspective
    perspectives: list[PerspectiveStatus] | None = None  # that split, when asked for
    fresh: str = ""  # how fresh the goals are: their latest follow-up with a bedömning
    goals: GoalList | None = None  # the start view's list of the nämnder's goals

    @property
    def at_root(self) -> bool:
        """Whether the start view is shown (no goal asked for, or the målbild itself)."""
        return self.header is None or self.header.ref.kind == "malbild"

    @property
    def top(self) -> GoalRef | None:
        """The goal whose children are listed: the one asked for, or the målbild."""
        if self.header is not None:
            return self.header.ref
        return self.vision[0] if self.vision else None


def _goal_detail(session, viewer, header: GoalHeader, followup: FollowUp) -> dict:
    """A goal's own cards: its indicators at the owner unit, the owner's assessments, its
    uppdrag and the year's risks linked to it (None for roles that may not see risks)."""
    goal = header.ref.id
    risks = ([r for r in goal_tree.goal_risks(session, viewer, goal) if r.year == followup.year]
             if may_see_internal_control(viewer) else None)
    return {
        "indicators": goal_tree.goal_indicator_values(
            session, viewer, goal, header.owner_unit_id, shape.trend_first_year(followup),
            followup.end_date),
        "history": goal_tree.assessment_history(session, viewer, goal, followup.end_date),
        "uppdrag": goal_tree.goal_uppdrag(session, viewer, goal),
        "risks": risks,
    }


def load(session, viewer, args: Args) -> MalData:
    """The view the URL's arguments ask for; a bad or foreign argument is the data's
    `problem` (the page shows it under its own header, with the follow-ups to choose from).
    With how fresh the goals are."""
    return replace(_view_data(session, viewer, args),
                   fresh=goals_freshness(last_followup(session, viewer)))


def _view_data(session, viewer, args: Args) -> MalData:
    """The data of the view the URL's arguments ask for (see `load`)."""
    periods = followups(session, viewer)
    if not periods:
        return MalData(viewer, periods)
    try:
        per = shape.read_split(args.per)
    except BadArgument as error:
        return MalData(viewer, periods, periods[0], problem=error)
    repeated = len(args.period) > 1
    followup = None if repeated else shape.choose_followup(periods, _one(args.period))
    if followup is None:
        return MalData(viewer, periods, periods[0],
                       problem=BadArgument("period", shape.BAD_PERIOD_SV))
    found = dict(periods=periods, followup=followup,
                 previous=shape.previous_followup(periods, followup))
    code = _one(args.goal)
    header = goal_tree.find_goal(session, viewer, code, followup.id) if code else None
    if len(args.goal) > 1 or (code and header is None):
        return MalData(viewer, **found, problem=BadArgument("goal", shape.NOT_FOUND_SV))
    at_root = header is None or header.ref.kind == "malbild"
    vision = goal_tree.vision(session, viewer) if at_root else None
    top = header.ref if header else (vision[0] if vision else None)
    if top is None:
        return MalData(viewer, **found)
    previous = found["previous"]
    level = goal_tree.level_below(session, viewer, top.id, followup.id,
                                  previous.id if previous else None, followup.end_date)
    trail = [] if at_root else goal_tree.ancestors(session, viewer, top.id)
    detail = _goal_detail(session, viewer, header, followup) if header else {}
    try:
        page = read_page(args.sida, len(level.children), shape.CHILD_PAGE_ROWS)
    except BadArgument as error:
        back = None if at_root else ("Till målets första sida", shape.goal_url(top.code, followup))
        # The downloads do not read `sida`: they still get the goal's tables.
        return MalData(viewer, **found, problem=error, back=back, header=header,
                       vision=vision, level=level, trail=trail, **detail)
    goals = None
    if at_root:
        try:
            goals = _goal_list(session, viewer, args, followup, previous)
        except BadArgument as error:
            return MalData(viewer, **found, problem=error)
    opened = None if at_root else _tree_level(top, trail, level)
    tree = goal_tree.tree_nodes(session, viewer, followup.id, opened.id if opened else None,
                                below=shape.TREE_LEVELS_BELOW)
    split = (status_by_perspective(session, viewer, followup.id, goals_below(viewer, top.id))
             if per else None)
    return MalData(viewer, **found, header=header, vision=vision, level=level, page=page,
                   trail=trail, tree=tree, per=per, perspectives=split, goals=goals, **detail)


def _root_view(data: MalData) -> list:
    """the målbild and the målområden with their statuses and distributions."""
    followup = data.followup
    header = _root_header(data.periods, followup, data.viewer, data.per,
                          data.goals.args if data.goals else None)
    if data.vision is None:
        return [header, note("Ingen målbild är inlagd.")]
    top, text = data.vision
    vision = card(top.title, None, html.Blockquote(html.P(text), className="vision"),
                  html.P(f"Alla mål under målbilden, {shape.followup_text(followup)}: "
                         f"{shape.distribution_text(data.level.below)}.", className="mb-0"),
                  card_id="mal-vision")
    # The chain first (the målområden to drill into: storbild's first screen), then the
    # nämnder's goals with their filters.
    return [header, _view_store(None, followup), vision,
            _children_card("Målområden och övergripande mål", data.level.children, followup,
                           data.previous, "Inga målområden är inlagda.", None, data.page,
                           data.per),
            *_goal_list_card(data.goals, followup, data.previous, data.per),
            *_perspective_card(data.perspectives, top, followup),
            _tree_card(data.tree, followup, None)]


def _goal_view(data: MalData) -> list:
    """One goal: header, children one level down, then the goal's own detail."""
    header, followup, level = data.header, data.followup, data.level
    goal = header.ref
    empty = ("Det finns inga mål under det här målet som du har behörighet att se."
             if not data.viewer.sees_everything else "Det finns inga mål under det här målet.")
    side = dbc.Row([dbc.Col(_uppdrag_card(data.uppdrag, header, followup), lg=6),
                    *[dbc.Col(c, lg=6) for c in _risk_card(data.risks, header, followup)]],
                   class_name="g-4 mal-side")
    return [
        _goal_header(header, data.trail, data.periods, followup, data.viewer, data.per),
        _view_store(goal.code, followup),
        _about_card(header, level.below, followup),
        *_perspective_card(data.perspectives, goal, followup),
        _children_card(_children_title(level.children), level.children, followup,
                       data.previous, empty, goal.code, data.page, data.per),
        _indicators_card(data.indicators, header, followup),
        _history_card(data.history, header, followup),
        side,
        _tree_card(data.tree, followup, _tree_level(goal, data.trail, level), goal),
    ]


def _tree_level(goal: GoalRef, trail: Sequence[GoalRef], level) -> GoalRef | None:
    """Where the tree opens: at the goal, or at its parent when nothing visible is below it."""
    if level.children or not trail:
        return goal
    parent = trail[-1]
    return None if parent.kind == "malbild" else parent


def _problem(message: str, periods, followup, viewer,
             back_to: tuple[str, str] | None = None) -> list:
    """A bad or foreign argument: the message and a way back, nothing from the goal."""
    label, href = back_to or ("Till målbilden och målområdena", shape.goal_url(None, followup))
    back = html.P(dcc.Link(label, href=href))
    return [_root_header(periods, followup, viewer),
            dbc.Alert([html.P(message, className="mb-2"), back], color="warning",
                      id="mal-problem", class_name="mal-problem")]


def view(data: MalData) -> list:
    """The view the URL's arguments ask for, or why it cannot be shown."""
    if not data.periods:
        shown = [page_header(TITLE, LEAD), note("Inga mål har följts upp ännu.")]
    elif data.problem is not None:
        shown = _problem(str(data.problem), data.periods, data.followup, data.viewer, data.back)
    else:
        shown = _root_view(data) if data.at_root else _goal_view(data)
    return [shown[0], freshness(data.fresh, "mal-aktualitet"), *shown[1:]]


def tables(data: MalData) -> dict[str, Table]:
    """The goals one level down (at the start: the målområden); for a goal also its uppdrag, the
    risks linked to it and each indicator's values (`indikator-<code>`)."""
    if data.problem is not None and data.problem.argument != "sida":
        raise data.problem
    if data.followup is None:
        raise BadArgument("period", shape.BAD_PERIOD_SV)
    top, followup = data.top, data.followup
    if top is None:
        return {}
    files = {"children": goal_table(f"Mål under {shape.short_title(top)}", data.level.children,
                                    followup, data.previous)}
    if data.header is not None:
        files["uppdrag"] = Table("Uppdrag", [Column("Uppdrag"), Column("Ansvarig"),
                                             Column("Status"), Column("Slutdatum")],
                                 [[u.title, u.assignee, UPPDRAG_STATUS_SV[u.status].word,
                                   fmt.iso_date(u.deadline)] for u in data.uppdrag])
        files |= {shape.indicator_table_name(v.indicator.code): shape.indicator_file(v)
                  for v in data.indicators}
        files["history"] = shape.assessment_table(data.history)
    if data.goals is not None:
        files["levels"] = _levels_file(data.goals, followup)
        files["goals"] = goal_table(_goal_list_title(data.goals), data.goals.goals, followup,
                                    data.previous)
    if data.perspectives is not None:
        files["perspektiv"] = _perspective_file(data.perspectives, top, followup)
    if data.risks is not None:
        files["risks"] = Table("Risker", [Column("Risk"), Column("Nämnd"),
                                          Column("Riskvärde", "integer"), Column("Status")],
                               [[r.title, r.namnd, r.risk_value, RISK_STATUS_SV[r.status]]
                                for r in data.risks])
    return covering(files, f"{top.title}, {shape.followup_text(followup)}")


PAGE = Page(
    key="mal", path="/mal", title=TITLE, lead=LEAD, access="internal", order=10, nav=TITLE,
    section="mal", subnav="Måluppfyllelse", storbild=True, args=Args, load=load, layout=view,
    tables=tables, class_name="page mal-page",
)
