"""Mål: pure functions from the goal tree's query results to rows, texts and figures, and the
page's browser-side callbacks (period selector, clicks in the tree figure, focus after a
drill-down). Every state change is a new URL, so the page router renders the view."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence

from dash import ALL, Input, Output, State, html

from callbacks.indikator import period_label, target_bounds, target_text, value_texts
from callbacks.pagetools import (
    in_browser,
    register_choice_writer,
    register_focus_after_render,
)
from dashboard import charts
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, echo
from dashboard.core.exports import Column, Table, measured
from dashboard.core.urls import PAGES_LOCATION, page_search, page_url
from data_access.queries.goal_tree import (
    AssessmentRow,
    ChildGoal,
    GoalRef,
    IndicatorRef,
    IndicatorValues,
    Outcome,
    TargetValue,
    TreeNode,
)
from data_access.queries.goals import FollowUp
from data_access.queries.perspectives import PerspectiveStatus
from data_access.rollup import WINDOW_MONTHS, months_before
from data_access.status import (
    DEVIATION_TEXT_SV,
    GREY,
    STATUS_LABELS_SV,
    STATUSES,
    YELLOW,
    forecast_text,
    indicator_status,
    trend,
)
from layouts.components import STATUS_COLOURS, light, light_link, status_badge, unit_link

KIND_LABELS_SV = {  # singular, plural
    "malbild": ("Målbild", "Målbild"),
    "malomrade": ("Målområde", "Målområden"),
    "namndmal": ("Nämndmål", "Nämndmål"),
    "framgangsfaktor": ("Framgångsfaktor", "Framgångsfaktorer"),
    "forvaltningsmal": ("Förvaltningsmål", "Förvaltningsmål"),
    "omradesmal": ("Områdesmål", "Områdesmål"),
    "enhetsmal": ("Enhetsmål", "Enhetsmål"),
}
TREND_LABELS_SV = {  # arrow, word
    "better": ("↑", "Bättre"),
    "worse": ("↓", "Sämre"),
    "same": ("→", "Oförändrat"),
    "unknown": ("–", "Kan inte jämföras"),
}
SHORT_WORDS_SV = {YELLOW: "Delvis"}  # in distributions, where space is short
ANALYSIS_CHARS = 160
TREE_LABEL_CHARS = 40  # a line of a box's label in the tree figure
TREE_LEVELS_BELOW = 3  # the tree figure shows the goal it is opened at and three levels down
TREND_YEARS = 3  # the indicator charts show this many calendar years up to the follow-up
INK = charts.INK
TREE_TEXT_COLOURS = {"green": "#ffffff", "yellow": INK, "red": "#ffffff", "grey": "#ffffff"}
OUTCOME_COLOUR, TARGET_COLOUR = "#1f3a5f", "#505a64"

CHILD_PAGE_ROWS = 50  # goals one level down shown at a time (an område may have hundreds)
NOT_FOUND_SV = "Målet finns inte eller så saknar du behörighet att se det."
BAD_PERIOD_SV = "Det finns ingen uppföljning med det namnet. Välj en uppföljning i listan."


# --- Periods and links ----------------------------------------------------------------


def followup_text(followup: FollowUp) -> str:
    """A follow-up as the region writes it, e.g. `Delår 2026`."""
    return fmt.followup_label(followup.kind, followup.year)


def choose_followup(periods: Sequence[FollowUp], key: object) -> FollowUp | None:
    """The follow-up a URL asks for (the latest when it asks for none); None if unknown."""
    if key in (None, ""):
        return periods[0] if periods else None
    wanted = key.strip().upper() if isinstance(key, str) else None
    return next((p for p in periods if p.key == wanted), None)


def previous_followup(periods: Sequence[FollowUp], current: FollowUp) -> FollowUp | None:
    """The follow-up before `current` in a newest-first list, if any."""
    later = [p for p in periods if p.end_date < current.end_date]
    return max(later, key=lambda p: p.end_date, default=None)


def goal_url(code: str | None, followup: FollowUp | None) -> str:
    """The Mål page for a goal (None: the målbild and the målområden) at a follow-up."""
    return page_url("mal", goal=code, period=followup.key if followup else None)


def period_options(periods: Sequence[FollowUp], goal_code: str | None,
                   per: str | None = None, **keep) -> list[dict]:
    """The period selector's options: each value is the page's query string for that period
    (keeping the split per perspective, `per`, and the other arguments `keep`, e.g. the start
    view's filters)."""
    return [{"label": followup_text(p),
             "value": page_search(goal=goal_code, period=p.key, per=per, **keep)}
            for p in periods]


# --- The split per perspective (`?per=perspektiv`, on Mål and Nämndrapport) ---------------

PER_PERSPECTIVE = "perspektiv"


def read_split(per: str | None) -> str | None:
    """The URL's `per`: `perspektiv` (split the distribution per perspective) or nothing;
    BadArgument in Swedish for anything else."""
    if per in (None, ""):
        return None
    if per.strip().casefold() == PER_PERSPECTIVE:
        return PER_PERSPECTIVE
    raise BadArgument("per", f"Det går inte att dela upp målen per ”{echo(per)}”. Det som går "
                             f"är per={PER_PERSPECTIVE}, eller ingen uppdelning alls.")


def perspective_table(title: str, rows: Sequence[PerspectiveStatus]) -> Table:
    """The goals' reported statuses per perspective: one row per perspective of the
    styrmodell (marked when it is required), then the goals without any perspective."""
    columns = [Column("Perspektiv"),
               *(Column(f"{STATUS_LABELS_SV[s].symbol} {STATUS_LABELS_SV[s].word}", "integer")
                 for s in STATUSES),
               Column("Mål", "integer")]
    return Table(title, columns, [
        [row.name + (" (krävs)" if row.required else ""), *(row.counts[s] for s in STATUSES),
         row.total] for row in rows])


PERSPECTIVE_NOTE_SV = (
    "Ett mål räknas under varje perspektiv det bär, så ett mål med två perspektiv finns på två "
    "rader. ”Utan perspektiv” är målen som inte bär något perspektiv alls. ”(krävs)” betyder "
    "att styrmodellen kräver perspektivet för vissa slags mål (se Målkvalitet).")


# --- Texts ----------------------------------------------------------------------------


def kind_label(kind: str, plural: bool = False) -> str:
    """A goal kind in Swedish, e.g. `Nämndmål`."""
    return KIND_LABELS_SV[kind][1 if plural else 0]


def area_parts(title: str, description: str = "") -> tuple[str, str]:
    """A målområde's name and overarching goal from a "Name – Goal" title (else the description)."""
    name, dash_, goal = title.partition(" – ")
    return (name, goal) if dash_ else (title, description)


def short_title(ref: GoalRef) -> str:
    """A goal's name where space is short: a målområde's name without its overarching goal."""
    return area_parts(ref.title)[0] if ref.kind == "malomrade" else ref.title


def truncate(text: str, limit: int = ANALYSIS_CHARS) -> str:
    """The first `limit` characters of a text, cut at a word and ended with `…` when shortened."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,.;:–")
    return f"{cut} …"


def distribution_parts(counts: dict[str, int]) -> list[str]:
    """`9 ✓ Uppfyllt`, `2 ◐ Delvis`, … for each status with goals, in the usual order."""
    return [
        f"{fmt.number(counts[s])} {STATUS_LABELS_SV[s].symbol} "
        f"{SHORT_WORDS_SV.get(s, STATUS_LABELS_SV[s].word)}"
        for s in STATUSES if counts.get(s)
    ]


def distribution_text(counts: dict[str, int]) -> str:
    """A distribution in words, e.g. `5 ✓ Uppfyllt, 2 ◐ Delvis, 1 ✗ Ej uppfyllt`."""
    return ", ".join(distribution_parts(counts)) or "Inga mål under"


# --- Goal levels ----------------------------------------------------------------------------

# The levels a nämnd's goals are counted and listed by, from the top; a framgångsfaktor is a
# level between nämndmål and förvaltningsmål where the organisation has them, and områdesmål
# show where there are any.
NAMND_LEVELS = ("namndmal", "framgangsfaktor", "forvaltningsmal", "omradesmal", "enhetsmal")
OPTIONAL_LEVELS = {"framgangsfaktor", "omradesmal"}
ALL_LEVELS = "alla"
# A status in Mål's URL (`?status=ej-uppfyllt`), in Swedish as the page says it.
STATUS_ARGS = {"uppfyllt": "green", "delvis": "yellow", "ej-uppfyllt": "red",
               "saknar-data": "grey"}


def shown_levels(counts: dict[str, dict[str, int]], factors: bool) -> list[str]:
    """The levels a distribution per level shows: nämndmål, förvaltningsmål and enhetsmål
    always, framgångsfaktorer where the organisation has them (`factors`) and områdesmål (and
    any level above nämndmål, e.g. målområden a styrelse owns) where there are such goals."""
    always = {kind for kind in NAMND_LEVELS if kind not in OPTIONAL_LEVELS}
    if factors:
        always.add("framgangsfaktor")
    above = [kind for kind in counts if kind not in NAMND_LEVELS]
    return above + [kind for kind in NAMND_LEVELS if kind in always or kind in counts]


def level_table(title: str, counts: dict[str, dict[str, int]], factors: bool) -> Table:
    """The distribution per goal level: one row per level, a column per status and the level's
    number of goals (no count across levels: a nämndmål and an enhetsmål do not weigh the
    same)."""
    columns = [Column("Målnivå"),
               *(Column(f"{STATUS_LABELS_SV[s].symbol} {STATUS_LABELS_SV[s].word}", "integer")
                 for s in STATUSES),
               Column("Antal mål", "integer")]
    rows = []
    for kind in shown_levels(counts, factors):
        found = counts.get(kind, dict.fromkeys(STATUSES, 0))
        rows.append([kind_label(kind, plural=True), *(found[s] for s in STATUSES),
                     sum(found.values())])
    return Table(title, columns, rows)


def level_text(counts: dict[str, dict[str, int]], factors: bool) -> str:
    """The distribution per level in words, e.g. `Nämndmål: 3 ✓ Uppfyllt, 4 ◐ Delvis;
    Förvaltningsmål: …`."""
    return "; ".join(
        f"{kind_label(kind, plural=True)}: "
        f"{distribution_text(counts[kind]) if kind in counts else 'inga uppföljda'}"
        for kind in shown_levels(counts, factors))


def read_level(text: str | None, factors: bool) -> tuple[str, ...]:
    """The goal kinds Mål's `niva` asks for (default: nämndmål; `alla`: every level of the
    nämnder, nämndmål first); BadArgument (Swedish) for another text."""
    levels = [kind for kind in NAMND_LEVELS if factors or kind != "framgangsfaktor"]
    if text is None:
        return ("namndmal",)
    chosen = text.strip().lower()
    if chosen == ALL_LEVELS:
        return tuple(levels)
    if chosen in levels:
        return (chosen,)
    names = ", ".join(f"{kind} ({kind_label(kind).lower()})" for kind in levels)
    raise BadArgument("niva", f"Målnivån ”{echo(text)}” finns inte. Välj en av {names} eller "
                              f"{ALL_LEVELS} (alla nivåer).")


def read_status(text: str | None) -> str | None:
    """The status Mål's `status` asks for (None: every status); BadArgument otherwise."""
    if text is None:
        return None
    chosen = STATUS_ARGS.get(text.strip().lower())
    if chosen is None:
        raise BadArgument("status", f"Statusen ”{echo(text)}” finns inte. Välj en av "
                                    f"{', '.join(STATUS_ARGS)}.")
    return chosen


def filter_id(name) -> dict:
    """The id of one of the start view's list filters (`namnd`, `niva`, `status`)."""
    return {"type": "mal-filter", "name": name}


def dom_id(component_id: dict) -> str:
    """The element id Dash gives a component with a pattern id (keys sorted, no spaces)."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def status_arg(status: str | None) -> str | None:
    """A status as Mål's URL writes it."""
    return next((arg for arg, code in STATUS_ARGS.items() if code == status), None)


def trend_of(child: ChildGoal) -> str:
    """'better', 'worse', 'same' or 'unknown' from the previous follow-up to this one."""
    return trend(child.status.reported, child.previous)


def rule_blocks(text: str) -> list[tuple[str, list[str]]]:
    """The status rule text as (kind, lines) blocks in order: 'heading', 'paragraph' or 'list'.

    The first line (the question itself) is left out: the page shows it as the summary.
    """
    blocks: list[tuple[str, list[str]]] = []
    for chunk in text.strip().split("\n\n")[1:]:
        lines = chunk.split("\n")
        if len(lines) > 1 and not lines[0].endswith((".", ":")) and len(lines[0]) < 40:
            blocks.append(("heading", [lines.pop(0)]))
        start = len(blocks)  # a new chunk never continues the previous chunk's block
        for line in lines:
            kind = "list" if line.startswith("• ") else "paragraph"
            if len(blocks) == start or blocks[-1][0] != kind:
                blocks.append((kind, []))
            blocks[-1][1].append(line.removeprefix("• "))
    return [(kind, lines if kind == "list" else [" ".join(lines)]) for kind, lines in blocks]


# --- Rows of the drill-down table -----------------------------------------------------


# The cells of the goal tables are light elements (layouts.components.light): a level may list
# hundreds of goals.


def trend_cell(direction: str) -> dict:
    """A trend as arrow and word."""
    arrow, word = TREND_LABELS_SV[direction]
    return light("Span", [light("Span", arrow, className="trend-arrow", **{"aria-hidden": "true"}),
                          word], className=f"trend trend-{direction}")


def distribution_cell(counts: dict[str, int]) -> dict:
    """A small proportional bar in status colours (decorative) and the counts in words."""
    total = sum(counts.values())
    bar = light(
        "Div",
        [light("Span", className=f"dist-part status-{s}", style={"flexGrow": counts[s]})
         for s in STATUSES if counts.get(s)],
        className="dist-bar", **{"aria-hidden": "true"},
    ) if total else None
    parts = distribution_parts(counts) or ["Inga mål under"]
    text = [piece for n, part in enumerate(parts)
            for piece in ([", "] if n else []) + [light("Span", part, className="dist-item")]]
    return light("Div", [bar, light("Span", text, className="dist-text")],
                 className="distribution")


def _older_period(child: ChildGoal, followup: FollowUp) -> str:
    """` (T1 2026)`: the period of the child's latest assessment when it is older than the
    follow-up; empty otherwise."""
    if not child.analysed_in or child.analysed_in == (followup.year, followup.kind):
        return ""
    year, kind = child.analysed_in
    return f" ({fmt.followup_label(kind, year)})"


def _older_assessment(child: ChildGoal, followup: FollowUp) -> list:
    """The older assessment's period as a quiet span, or nothing."""
    older = _older_period(child, followup)
    return [light("Span", older, className="text-body-secondary")] if older else []


def analysis_cell(child: ChildGoal, followup: FollowUp) -> list:
    """The first lines of the latest analysis, with its period when it is an older one."""
    if not child.analysis.strip():
        return [light("Span", "Ingen analys", className="text-body-secondary")]
    return [truncate(child.analysis), *_older_assessment(child, followup)]


def current_forecast(child: ChildGoal, followup: FollowUp) -> str | None:
    """The helårsprognos of the child's latest assessment when it was made in the follow-up's
    year (an earlier year's forecast says nothing about this year), else None."""
    if child.analysed_in is None or child.analysed_in[0] != followup.year:
        return None
    return child.forecast


def forecast_words(child: ChildGoal, followup: FollowUp) -> str:
    """The year's helårsprognos in words, with its period when made at an earlier follow-up,
    e.g. `✗ Bedöms inte uppfyllas vid årets slut (T1 2026)`; a dash without one."""
    forecast = current_forecast(child, followup)
    if forecast is None:
        return fmt.MISSING
    return forecast_text(forecast) + _older_period(child, followup)


def forecast_cell(child: ChildGoal, followup: FollowUp) -> list:
    """The year's helårsprognos, with its period when it was made at an earlier follow-up."""
    forecast = current_forecast(child, followup)
    if forecast is None:
        return [light("Span", "Ingen prognos", className="text-body-secondary")]
    return [forecast_text(forecast), *_older_assessment(child, followup)]


def deviation_flag(**ids) -> html.Span:
    """The flag on a manual status two steps better than the outcomes (green on red)."""
    return html.Span([html.Span("⚠", **{"aria-hidden": "true"}), f" {DEVIATION_TEXT_SV}"],
                     className="deviation-flag", **ids)


def status_cell(child: ChildGoal) -> list:
    """The reported status, and a flag when the assessment deviates from the outcome."""
    cell = [status_badge(child.status.reported)]
    if child.status.manual:
        cell.append(light("Span", "Bedömd", className="status-source"))
    if child.status.deviates:
        cell.append(deviation_flag())
    return cell


def title_cell(child: ChildGoal, followup: FollowUp) -> list:
    """The goal's title as a drill-down link (a målområde's overarching goal beneath its name)."""
    name, goal = area_parts(child.ref.title) if child.ref.kind == "malomrade" else (
        child.ref.title, "")
    cell = [light_link(name, goal_url(child.ref.code, followup), className="goal-link")]
    if goal:
        cell.append(light("Span", goal, className="area-goal"))
    return cell


CHILD_COLUMNS = ("Status", "Mål", "Ansvarig", "Indikatorer", "Trend", "Mål under",
                 "Helårsprognos", "Senaste analys")


def child_table(children: Sequence[ChildGoal], followup: FollowUp) -> tuple[list[str], list[list]]:
    """Columns and one row per child goal; Mål under, Helårsprognos and Senaste analys only when
    they say something (leaves have nothing below them; målområden are not assessed)."""
    cells = {
        "Status": status_cell,
        "Mål": lambda child: title_cell(child, followup),
        "Ansvarig": lambda child: unit_link(child.owner, child.owner_code, period=followup.key),
        "Indikatorer": lambda child: fmt.number(child.indicator_count),
        "Trend": lambda child: trend_cell(trend_of(child)),
        "Mål under": lambda child: distribution_cell(child.below),
        "Helårsprognos": lambda child: forecast_cell(child, followup),
        "Senaste analys": lambda child: analysis_cell(child, followup),
    }
    if not any(sum(child.below.values()) for child in children):
        del cells["Mål under"]
    if not any(current_forecast(child, followup) for child in children):
        del cells["Helårsprognos"]
    if not any(child.analysis.strip() for child in children):
        del cells["Senaste analys"]
    return list(cells), [[cell(child) for cell in cells.values()] for child in children]


# --- The overview figure ---------------------------------------------------------------


def rooted(nodes: Sequence[TreeNode]) -> list[TreeNode]:
    """The nodes that hang together from a root (a goal under a hidden goal has no place)."""
    children: dict[int | None, list[TreeNode]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    kept, stack = [], list(reversed(children[None]))
    while stack:
        node = stack.pop()
        kept.append(node)
        stack.extend(reversed(children[node.id]))
    return kept


def tree_label(node: TreeNode) -> str:
    """A box's label: status symbol and the goal's (short) title, in lines that fit a box."""
    ref = GoalRef(node.id, node.code, node.kind, node.title)
    text = f"{STATUS_LABELS_SV[node.status].symbol} {short_title(ref)}"
    return "<br>".join(wrap_words(text, TREE_LABEL_CHARS))


def wrap_words(text: str, width: int) -> list[str]:
    """The words of `text` in lines of at most `width` characters (a longer word on its own
    line); textwrap does the same, ten times slower, for the thousands of boxes in a tree."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def tree_figure(nodes: Sequence[TreeNode], level: str | None, current: str | None = None) -> dict:
    """An icicle of the goal tree coloured by reported status, opened at the goal `level`, with
    the `current` goal outlined.

    Only ids, labels, parents and colours are sent; the text colour follows the box colour
    so every label meets the contrast rules.
    """
    kept = rooted(nodes)
    codes = {node.id: node.code for node in kept}
    outlined = [node.code == current for node in kept]
    trace = {
        "type": "icicle",
        "ids": [node.code for node in kept],
        "labels": [tree_label(node) for node in kept],
        "parents": [codes.get(node.parent_id, "") for node in kept],
        "marker": {"colors": [STATUS_COLOURS[node.status] for node in kept],
                   "line": {"color": [INK if o else "#ffffff" for o in outlined],
                            "width": [3 if o else 1 for o in outlined]}},
        "insidetextfont": {"color": [TREE_TEXT_COLOURS[node.status] for node in kept]},
        "textinfo": "label",
        "hovertemplate": "%{label}<extra></extra>",
        "maxdepth": TREE_LEVELS_BELOW + 1,
        "sort": False,
        "pathbar": {"visible": False},
        "leaf": {"opacity": 1},  # plotly pales leaves by default, which breaks the contrast
        "tiling": {"orientation": "h"},
    }
    if level and level in codes.values():
        trace["level"] = level
    return {
        "data": [trace],
        "layout": {
            "height": 520,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "uniformtext": {"minsize": 11, "mode": "hide"},
            "font": charts.FONT | {"size": 13},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "separators": charts.SEPARATORS,
        },
    }


def tree_chart_label(nodes: Sequence[TreeNode], level_title: str) -> str:
    """What the tree figure shows, in words, for screen readers."""
    counts = dict.fromkeys(STATUSES, 0)
    for node in rooted(nodes):
        counts[node.status] += 1
    return (f"Istappsdiagram över målträdet från {level_title} och tre nivåer ner, färgat efter "
            f"rapporterad status. Målen i diagrammet: {distribution_text(counts)}. Samma mål "
            "finns som länkar i tabellen ovan.")


# --- Indicators ---------------------------------------------------------------------------


def trend_first_year(followup: FollowUp) -> int:
    """The first year the indicator charts show: TREND_YEARS calendar years up to the follow-up."""
    return followup.year - TREND_YEARS + 1


def latest_outcome(series: Sequence[Outcome], end: dt.date) -> Outcome | None:
    """The newest outcome in the status window (the twelve months up to `end`)."""
    start = months_before(end, WINDOW_MONTHS)
    inside = [o for o in series if start < o.period_end <= end]
    return inside[-1] if inside else None


def target_for(targets: Sequence[TargetValue], year: int) -> TargetValue | None:
    """The målvärde of a year, if one is set."""
    return next((t for t in targets if t.year == year), None)


def outcome_status(indicator: IndicatorRef, latest: Outcome | None,
                   targets: Sequence[TargetValue]) -> str:
    """The indicator's status at the follow-up, by the same rule as the goal roll-up."""
    if latest is None:
        return GREY
    target = target_for(targets, latest.period_end.year)
    if target is None:
        return GREY
    return indicator_status(latest.value, target.value, direction=indicator.direction,
                            tolerance=target.tolerance, upper=target.upper)


def outcome_against_target(indicator: IndicatorRef, latest: Outcome | None,
                           targets: Sequence[TargetValue], followup: FollowUp) -> str:
    """What a tile compares, naming the outcome's period and the målvärde's year (the
    outcome's, as the status rule has it), e.g. `Utfall 2025: 82 950. Målvärde 2025: minst
    97 000.`"""
    year = latest.period_end.year if latest else followup.year
    target = target_text(target_for(targets, year), indicator.direction, indicator.unit)
    outcome = (f"Utfall {period_label(latest.period)}: "
               f"{fmt.value_in_unit(latest.value, indicator.unit)}" if latest
               else "Inget utfall under de tolv månaderna fram till uppföljningen")
    return f"{outcome}. Målvärde {year}: {target}."


def _target_line(targets: Sequence[TargetValue], attribute: str) -> tuple[list, list]:
    """x and y of a stepped target line: one flat segment per year, gaps between years."""
    xs, ys = [], []
    for target in sorted(targets, key=lambda t: t.year):
        value = getattr(target, attribute)
        xs += [*charts.year_span(target.year), None]
        ys += [value, value, None]
    return xs, ys


def indicator_figure(indicator: IndicatorRef, series: Sequence[Outcome],
                     targets: Sequence[TargetValue]) -> dict:
    """A small line chart of the outcome per period with the målvärde as a dashed line; each
    outcome sits in its own period, as on the indicator's page (dashboard.charts)."""
    unit = indicator.unit
    traces = [{
        "type": "scatter", "mode": "lines+markers", "name": "Utfall",
        "x": [charts.period_middle(o.period).isoformat() for o in series],
        "y": [o.value for o in series],
        "customdata": [period_label(o.period) for o in series],
        "text": value_texts([o.value for o in series], unit),
        "line": {"color": OUTCOME_COLOUR, "width": 2}, "marker": {"size": 5},
        "hovertemplate": "%{customdata}: %{text}<extra>Utfall</extra>",
    }]
    for n, (attribute, name) in enumerate(target_bounds(indicator.direction)):
        xs, ys = _target_line(targets, attribute)
        traces.append({
            "type": "scatter", "mode": "lines", "name": "Målvärde", "x": xs, "y": ys,
            "customdata": [x and x[:4] for x in xs], "text": value_texts(ys, unit),
            "line": {"color": TARGET_COLOUR, "width": 2, "dash": "dash"},
            "showlegend": n == 0,
            "hovertemplate": f"%{{customdata}}: %{{text}}<extra>{name}</extra>",
        })
    return {"data": traces, "layout": charts.layout(
        190, font=charts.FONT | {"size": 12}, showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.15, "font": {"size": 12}},
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        xaxis=charts.year_axis(),
        # Swedish numbers on the axis (`80 000`, not plotly's `80k`).
        yaxis={"tickformat": ",~f", "ticksuffix": "\u00a0%" if unit == "%" else ""},
    )}


def indicator_rows(indicator: IndicatorRef, series: Sequence[Outcome],
                   targets: Sequence[TargetValue]) -> list[list[str]]:
    """The chart's values as table rows: period, outcome, målvärde of that year."""
    by_year = {t.year: t for t in targets}
    return [[period_label(o.period), fmt.value_in_unit(o.value, indicator.unit),
             target_text(by_year.get(o.period_end.year), indicator.direction, indicator.unit)]
            for o in series]


def indicator_table_name(code: str) -> str:
    """The name an indicator tile's table is downloaded by, e.g. `indikator-HSV-003`."""
    return f"indikator-{code}"


def indicator_file(values: IndicatorValues) -> Table:
    """An indicator tile's values as a file: period, outcome and målvärde as numbers."""
    indicator, unit = values.indicator, values.indicator.unit
    by_year = {t.year: t for t in values.targets}
    bounds = target_bounds(indicator.direction)
    rows = [[period_label(o.period), o.value,
             *(getattr(by_year.get(o.period_end.year), field, None) for field, _ in bounds)]
            for o in values.outcomes]
    headers = ["Utfall", *(name for _, name in bounds)]
    columns = [Column("Period")] + [measured(f"{header} ({unit})", [row[i] for row in rows])
                                    for i, header in enumerate(headers, start=1)]
    return Table(indicator.name, columns, rows)


def indicator_chart_label(indicator: IndicatorRef, series: Sequence[Outcome], owner: str) -> str:
    """The small chart in words for screen readers."""
    if not series:
        return f"Linjediagram utan värden: {indicator.name} har inget utfall för {owner}."
    first, last = series[0], series[-1]
    return (f"Linjediagram: {indicator.name} för {owner} från {period_label(first.period)} "
            f"({fmt.value_in_unit(first.value, indicator.unit)}) till {period_label(last.period)} "
            f"({fmt.value_in_unit(last.value, indicator.unit)}), med målvärdet som streckad linje. "
            "Värdena finns i tabellen under diagrammet.")


# --- Assessments ------------------------------------------------------------------------


def assessment_heading(row: AssessmentRow) -> str:
    """An assessment's period, e.g. `Delår 2026`."""
    return fmt.followup_label(row.kind, row.year)


def assessment_table(rows: Sequence[AssessmentRow]) -> Table:
    """The owner's assessments, the newest first: status, helårsprognos, analysis, actions."""
    columns = [Column("Uppföljning"), Column("Status"), Column("Helårsprognos"),
               Column("Analys"), Column("Åtgärder"), Column("Bedömd av"), Column("Bedömd")]
    return Table("Bedömningar", columns, [
        [assessment_heading(r), STATUS_LABELS_SV[r.status].word,
         forecast_text(r.forecast) if r.forecast else "", r.analysis, r.actions, r.author,
         fmt.iso_date(r.assessed_on)] for r in rows])


# --- Browser-side callbacks ---------------------------------------------------------------

def register(app) -> None:
    """Register the Mål page's callbacks on `app` (all run in the browser: assets/callbacks.js):
    the period selector (its options carry the page's query string for each period), a click
    in the tree figure, the focus after a new view."""
    register_choice_writer(app, "mal", "period", drawn_with="mal-period-shown")
    # The list's filters are on the start view only: a pattern, so no view lacks an input.
    app.clientside_callback(
        in_browser("writeSearch"),
        Output(PAGES_LOCATION, "search", allow_duplicate=True),
        Input(filter_id(ALL), "value"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        in_browser("openClickedGoal"),
        Output(PAGES_LOCATION, "search", allow_duplicate=True),
        Input("mal-tree", "clickData"),
        State(PAGES_LOCATION, "search"),
        State("mal-tree", "figure"),
        prevent_initial_call=True,
    )
    register_focus_after_render(app, "mal")
