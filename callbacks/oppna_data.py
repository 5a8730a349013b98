"""Öppna data: pure functions from the published indicators and goals to what the public
pages show (filters, the list of indicators, the goal chain, one indicator, Storbildsläge),
and the public pages' browser-side callbacks.

Every page here shows the same to everyone: queries get the public viewer, never the
logged-in user's, so a public page never shows what is not published.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dash import ALL as ALL_IDS
from dash import Input, Output, State

from callbacks import comparisons as cmp
from callbacks import indikator as cb
from callbacks.mal import area_parts
from callbacks.pagetools import (
    in_browser,
    register_focus_after_render,
    register_search_writer,
)
from dashboard.core import formatting as fmt
from dashboard.core.args import ALL, BadArgument, echo, one
from dashboard.core.urls import page_url
from data_access import profile
from data_access.queries import indicators as q
from data_access.queries import open_data as od
from data_access.queries.goals import goals_of_kind
from data_access.queries.open_data import Choice, Headline, PublicGoal, PublicIndicator
from data_access.scope import PUBLIC
from data_access.search import words_match
from data_access.status import GREY, indicator_status
from layouts.components import light_link, status_badge

LICENCE_NAME = "CC BY 4.0"
LICENCE_TITLE = "Creative Commons Erkännande 4.0 Internationell"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.sv"
KOLADA = cmp.KOLADA
SEARCH_CHARS = 100  # longer searches are cut: nobody types more, and the URL stays short
STORBILD_MAX = 12  # indicators in one Storbildsläge
STORBILD_SECONDS = (10, 300, 20)  # shortest, longest and default time per indicator
PAGE_ROWS = 100  # indicators per page of the list


@dataclass(frozen=True)
class Filters(od.PublicFilter):
    """What the reader narrowed the public lists to, as the pages read it from the URL."""

    @property
    def active(self) -> bool:
        return bool(self.area or self.perspective or self.text)

    @property
    def url_args(self) -> dict:
        """The filters as the page's URL arguments (a new dict each time)."""
        return {"area": self.area, "perspective": self.perspective, "q": self.text}


def area_name(choice: Choice) -> str:
    """A målområde's short name, e.g. `Hälso- och sjukvård`."""
    return area_parts(choice.name)[0]


def area_choices(session) -> list[Choice]:
    """The published målområden as choices, in their set order."""
    return [Choice(g.code, g.title) for g in goals_of_kind(session, PUBLIC, "malomrade")]


def read_filters(area, perspective, text, areas: Sequence[Choice],
                 perspectives: Sequence[Choice]) -> Filters:
    """The filters a URL asks for; BadArgument (Swedish) for a målområde or perspective not known."""
    area, perspective, text = (one(v) for v in (area, perspective, text))
    area = None if area in (None, "", ALL) else area
    perspective = None if perspective in (None, "", ALL) else perspective
    if area and area not in {c.code for c in areas}:
        raise BadArgument("area", f"Det finns inget publicerat målområde med koden "
                            f"”{echo(area)}”.")
    if perspective and perspective not in {c.code for c in perspectives}:
        raise BadArgument("perspective", f"Det finns inget perspektiv med koden "
                            f"”{echo(perspective)}”.")
    return Filters(area, perspective, " ".join((text or "").split())[:SEARCH_CHARS])


def goal_matches(goal: PublicGoal, filters: Filters) -> bool:
    """Whether a goal is in the målområde and perspective and has the words searched for."""
    return ((not filters.area or filters.area == goal.area_code)
            and (not filters.perspective or filters.perspective in goal.perspectives)
            and words_match(filters.text, goal.code, goal.title, goal.description,
                            goal.owner_name))


# --- The list of indicators ---------------------------------------------------------------


def headline_status(indicator: PublicIndicator | od.IndicatorKey,
                    headline: Headline | None) -> str:
    """The traffic light of an indicator's headline value against its målvärde."""
    if headline is None:
        return GREY
    return indicator_status(headline.value, headline.target, direction=indicator.direction,
                            tolerance=headline.tolerance or 0.0, upper=headline.upper)


def headline_target(headline: Headline) -> q.TargetValue | None:
    """A headline's målvärde as the indicator page's TargetValue."""
    if headline.target is None:
        return None
    return q.TargetValue(headline.period_end.year, headline.target, headline.upper,
                         headline.tolerance or 0.0, headline.unit_code)


def indicator_link(indicator: PublicIndicator) -> dict:
    """A link to the indicator's public page (a light element: one per row of a long list)."""
    return light_link(indicator.name, page_url("nyckeltal", code=indicator.code))


INDICATOR_COLUMNS = ("Nyckeltal", "Senaste utfall", "Målvärde", "Status", "Avser")
INDICATOR_NUMERIC = (False, True, False, False, False)


def indicator_rows(indicators: Iterable[PublicIndicator],
                   headlines: dict[int, Headline]) -> list[list]:
    """One row per indicator: link, latest value and period, målvärde, status and where."""
    rows = []
    for ind in indicators:
        h = headlines.get(ind.id)
        if h is None:
            rows.append([indicator_link(ind), fmt.MISSING, "Saknas", status_badge(GREY), ""])
            continue
        # The value and its period each on one line; on paper the period may go below.
        value = (f"{cb.nowrap(fmt.value_in_unit(h.value, ind.unit))} "
                 f"{cb.nowrap(f'({cb.period_label(h.period)})')}")
        rows.append([indicator_link(ind), value,
                     cb.target_text(headline_target(h), ind.direction, ind.unit),
                     status_badge(headline_status(ind, h)), h.unit_name])
    return rows


# --- The goal chain -------------------------------------------------------------------------


def ancestors_of(goal: PublicGoal, by_code: dict[str, PublicGoal]) -> list[PublicGoal]:
    """The published goals above a goal, the nearest first."""
    chain, seen = [], {goal.code}
    parent = by_code.get(goal.parent_code or "")
    while parent is not None and parent.code not in seen:
        chain.append(parent)
        seen.add(parent.code)
        parent = by_code.get(parent.parent_code or "")
    return chain


def shown_goals(goals: Sequence[PublicGoal], filters: Filters) -> set[str]:
    """Codes of the goals to show: those matching the filters and the goals above them."""
    by_code = {g.code: g for g in goals}
    shown = set()
    for goal in goals:
        if goal.kind in ("malbild", "malomrade") or not goal_matches(goal, filters):
            continue
        shown.add(goal.code)
        shown.update(a.code for a in ancestors_of(goal, by_code))
    return shown


def children_by_parent(goals: Sequence[PublicGoal], shown: set[str]) -> dict[str, list[PublicGoal]]:
    """parent code -> the shown goals right below it (in the published chain), in order."""
    children = defaultdict(list)
    for goal in goals:
        if goal.code in shown and goal.parent_code:
            children[goal.parent_code].append(goal)
    return children


# --- One indicator ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicView:
    """What the public page of one indicator shows."""

    indicator: PublicIndicator
    selection: cb.Selection  # the indicator page's selection (unit, linked goals, units)
    series: list[q.Value]
    targets: dict[int, q.TargetValue]
    compared: cmp.Compared | None = None  # Kolada's areas, for the region unit only

    @property
    def comparisons(self):
        """The comparison lines the chart draws (riket, chosen areas, the median)."""
        return self.compared.view.lines if self.compared else ()


def as_info(ind: PublicIndicator) -> q.IndicatorInfo:
    """A published indicator as the indicator page's IndicatorInfo (for its pure functions)."""
    return q.IndicatorInfo(ind.id, ind.code, ind.name, ind.description, ind.unit, ind.direction,
                           ind.frequency, ind.source, ind.by_sex, ind.long_term)


def as_value(row: od.ValueRow) -> q.Value:
    """A published value as the indicator page's Value."""
    return q.Value(row.period, row.period_end, row.total, row.women, row.men, row.source)


def unit_series(session, indicator_id: int, unit_id: int) -> list[q.Value]:
    """The published values of an indicator at a unit, oldest first."""
    which = od.ValueFilter(indicator_ids=(indicator_id,), unit_id=unit_id)
    rows = sorted(od.values(session, PUBLIC, which, ordered=False).rows,
                  key=lambda r: (r.period_end, r.period))
    return [as_value(row) for row in rows]


def find_indicator(session, code: str) -> PublicIndicator:
    """The published indicator with this code; BadArgument (Swedish) when there is none."""
    found = od.published_indicators(session, PUBLIC, code)
    if not found:
        raise BadArgument("code", f"Det finns inget publicerat nyckeltal med koden "
                            f"”{echo(code)}”.")
    return found[0]


def public_view(session, code: str, unit: str | None = None) -> PublicView:
    """The indicator, the unit to show (default: the highest level reporting) and its values."""
    ind = find_indicator(session, code)
    units = od.reporting_units(session, PUBLIC, ind.id)
    chosen = units[0] if units else None
    if unit:
        chosen = next((u for u in units if u.code == unit), None)
        if chosen is None:
            raise BadArgument("unit", f"Det finns inga värden för nyckeltalet hos en "
                                f"organisationsenhet med koden ”{echo(unit)}”.")
    goals = q.linked_goals(session, PUBLIC, ind.id)
    selection = cb.Selection(as_info(ind), chosen, None, goals, units, [])
    if chosen is None:
        return PublicView(ind, selection, [], {})
    compared = cmp.load(session, PUBLIC, profile.current(session), ind.id, ind.direction) \
        if chosen.level == "region" else None
    return PublicView(ind, selection, unit_series(session, ind.id, chosen.id),
                      q.unit_targets(session, PUBLIC, ind.id, chosen.id), compared)


def latest(series: Sequence[q.Value]) -> q.Value | None:
    """The newest value with a total, if any."""
    return next((v for v in reversed(series) if v.total is not None), None)


def year_before(period: str) -> str:
    """The same period a year earlier: `2025-10` for `2026-10`, `2025-T2`, `2025`."""
    year, dash_, part = period.partition("-")
    return f"{int(year) - 1}{dash_}{part}"


def change_text(view: PublicView) -> str:
    """How the latest value compares with the one a year before, in words, or nothing."""
    now = latest(view.series)
    if now is None:
        return ""
    before = next((v for v in view.series
                   if v.period == year_before(now.period) and v.total is not None), None)
    if before is None:
        return ""
    ind, diff = view.indicator, now.total - before.total
    when = cb.period_label(before.period)
    if abs(diff) < 1e-9:
        return f"Oförändrat jämfört med {when}."
    amount = (f"{fmt.number(abs(diff), 1)} procentenheter" if ind.unit == "%"
              else fmt.value_in_unit(abs(diff), ind.unit))
    verdict = ""
    if ind.direction != "band":
        verdict = ", alltså bättre" if (diff > 0) == (ind.direction == "higher") else ", alltså sämre"
    return f"{'Högre' if diff > 0 else 'Lägre'} än {when} med {amount}{verdict}."


def sex_text(value: q.Value, unit: str) -> str:
    """Women's and men's values in words, e.g. `Kvinnor 85,1 %, män 83,0 %`."""
    return (f"Kvinnor {fmt.value_in_unit(value.women, unit)}, "
            f"män {fmt.value_in_unit(value.men, unit)}")


COMPARISON_SOURCE = cmp.KOLADA_SOURCE


# --- Storbildsläge --------------------------------------------------------------------------


def storbild_codes(text) -> list[str]:
    """The indicator codes of `?codes=A,B,C`, in order, without repeats."""
    text = one(text) or ""
    codes = [code.strip() for code in text.split(",") if code.strip()]
    return list(dict.fromkeys(codes))


def storbild_seconds(text) -> int:
    """Seconds per indicator from `?seconds=`; BadArgument (Swedish) outside the allowed span."""
    low, high, default = STORBILD_SECONDS
    text = one(text)
    if text in (None, ""):
        return default
    if not text.strip().isdigit() or not low <= int(text) <= high:
        raise BadArgument("seconds", f"”{echo(text)}” går inte att använda som tid per "
                            f"nyckeltal. Ange ett helt antal sekunder mellan {low} och {high}.")
    return int(text)


def storbild_indicators(session, codes: Sequence[str]) -> list[PublicIndicator]:
    """The published indicators to show: those named (at most STORBILD_MAX, in the given
    order), or the long-term ones (långsiktiga nyckeltal) when none are named."""
    published = od.published_indicators(session, PUBLIC)
    if not codes:
        return [i for i in published if i.long_term][:STORBILD_MAX]
    by_code = {i.code: i for i in published}
    unknown = [c for c in codes if c not in by_code]
    if unknown:
        raise BadArgument("codes", "Det finns inga publicerade nyckeltal med koden "
                            + ", ".join(f"”{echo(c)}”" for c in unknown[:3]) + ".")
    if len(codes) > STORBILD_MAX:
        raise BadArgument("codes", f"Storbildsläget visar högst {STORBILD_MAX} nyckeltal åt "
                            "gången. Välj färre.")
    return [by_code[c] for c in codes]


def storbild_figure(view: PublicView) -> dict:
    """The indicator page's chart, taller and with larger text, for a screen across the room."""
    figure = cb.series_figure(view.selection, view.series, view.targets, view.comparisons)
    layout = figure["layout"]
    layout["height"] = 420
    layout["font"] = dict(layout["font"], size=20)
    return figure


def recent_table(view: PublicView, count: int = 4) -> tuple[list[str], list[list]]:
    """Columns and the newest `count` rows of the indicator page's table of values, without
    the women and men columns when the indicator is not measured by sex."""
    keep = [i for i, column in enumerate(cb.SERIES_COLUMNS)
            if view.indicator.by_sex or column not in ("Kvinnor", "Män")]
    rows = cb.series_rows(view.selection, view.series, view.targets)[:count]
    return [cb.SERIES_COLUMNS[i] for i in keep], [[row[i] for i in keep] for row in rows]


# --- Browser-side callbacks (assets/callbacks.js) ------------------------------------------

# Per public page: the controls whose values are its URL arguments (each id is `<page>-<name>`).
URL_CONTROLS = {"oppna_data": ("area", "perspective", "q"),
                "oppna_mal": ("period", "area", "perspective", "q")}


def register(app) -> None:
    """The public pages' filters writing the URL, the refocus after a filter (the control that
    was changed gets the focus back: assets/oppna_data.js remembers it), Storbildsläge."""
    for key, names in URL_CONTROLS.items():
        register_search_writer(app, key, *names)
        register_focus_after_render(app, key)
    register_search_writer(app, "nyckeltal", "unit")
    register_focus_after_render(app, "nyckeltal")
    app.clientside_callback(
        in_browser("storbildStep"),
        Output("storbild-state", "data"),
        Output({"type": "storbild-slide", "index": ALL_IDS}, "hidden"),
        Output("storbild-pause", "children"),
        Output("storbild-timer", "disabled"),
        Output("storbild-position", "children"),
        Input("storbild-timer", "n_intervals"),
        Input("storbild-pause", "n_clicks"),
        Input("storbild-prev", "n_clicks"),
        Input("storbild-next", "n_clicks"),
        State("storbild-state", "data"),
    )
    app.clientside_callback(in_browser("fullscreen"), Output("storbild-fullscreen", "n_clicks"),
                            Input("storbild-fullscreen", "n_clicks"), prevent_initial_call=True)
