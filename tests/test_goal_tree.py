"""The Mål page's queries and pure functions: distributions, children and trends against
independent SQL and Python walks of the tree on the demo region, exact answers on the
hand-built region (SQLite, and PostgreSQL when configured), and each viewer's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from collections import Counter

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from callbacks import mal as shape
from data_access.db import get_engine, session_scope
from data_access.models import Assessment
from data_access.queries import goal_tree
from data_access.queries.goal_tree import (
    ChildGoal,
    GoalRef,
    Outcome,
    Status,
    TargetValue,
    TreeNode,
)
from data_access.queries.goals import (
    FollowUp,
    followup_key,
    followups,
    level_status_counts,
    parse_followup_key,
)
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from data_access.status import STATUS_RULE_TEXT_SV, STATUSES, trend
from tests.small_region import DELAR_STATUSES, build_small_region

SUMMARY_KINDS = ("malbild", "malomrade", "namndmal")


def sql(session, query: str, **params) -> list:
    """Rows of a raw SQL query."""
    return session.execute(text(query), params).all()


@pytest.fixture
def demo(demo_url):
    """A session on the demo region."""
    with Session(get_engine(demo_url)) as session:
        yield session


@pytest.fixture
def small(db_url):
    """The hand-built region (SQLite and PostgreSQL) with one assessment added, and its ids."""
    with session_scope(db_url) as session:
        ids = build_small_region(session)
        goal = session.scalars(text("SELECT id FROM goals WHERE code = 'G3'")).one()
        for kind, status, analysis in (("T1", "red", "Första analysen."),
                                       ("DELAR", "yellow", "Bättre än väntat. " * 20)):
            period = session.scalars(text("SELECT id FROM followup_periods WHERE year = 2026 "
                                          "AND kind = :k").bindparams(k=kind)).one()
            session.add(Assessment(goal_id=goal, followup_period_id=period, status=status,
                                   analysis=analysis, assessed_on=dt.date(2026, 9, 1)))
    with Session(get_engine(db_url)) as session:
        yield session, ids


@pytest.fixture
def empty_app(sqlite_url):
    """An app, for the functions that build page URLs (they need Dash's path prefix)."""
    from dashboard.app import create_app

    return create_app({"DATABASE_URL": sqlite_url, "TESTING": True, "SECRET_KEY": "test"})


def member(session, code: str) -> Viewer:
    """A nämnd member of the nämnd with this code."""
    (namnd,), = sql(session, "SELECT id FROM org_units WHERE code = :c", c=code)
    return Viewer("namnd", (namnd,))


def visible_goal_ids(session, viewer: Viewer) -> set[int]:
    """The goals a viewer may see, by the roles' rules written out in Python."""
    rows = sql(session, """SELECT g.id, g.kind, g.published, u.namnd_id FROM goals g
                           JOIN org_units u ON u.id = g.owner_unit_id""")
    if viewer.sees_everything:
        return {r[0] for r in rows}
    if viewer.role == "namnd":
        return {g for g, kind, published, namnd in rows
                if published or kind in SUMMARY_KINDS or namnd in viewer.namnd_ids}
    return {g for g, _, published, _ in rows if published}


def descendants(session, goal_id: int) -> set[int]:
    """Every goal below one, by walking the parent links (not the closure table)."""
    children: dict[int, list[int]] = {}
    for child, parent in sql(session, "SELECT id, parent_id FROM goals"):
        children.setdefault(parent, []).append(child)
    found, stack = set(), list(children.get(goal_id, []))
    while stack:
        goal = stack.pop()
        found.add(goal)
        stack.extend(children.get(goal, []))
    return found


def period_id(session, year: int, kind: str) -> int:
    (found,), = sql(session, "SELECT id FROM followup_periods WHERE year = :y AND kind = :k",
                    y=year, k=kind)
    return found


def goal_id(session, code: str) -> int:
    (found,), = sql(session, "SELECT id FROM goals WHERE code = :c", c=code)
    return found


# --- The demo region against independent SQL --------------------------------------------


@pytest.mark.parametrize("who", ["ledning", "HSN", "RUN"])
def test_distribution_per_malomrade_equals_an_independent_count(demo, who):
    viewer = MANAGEMENT if who == "ledning" else member(demo, who)
    latest = followups(demo, viewer)[0]
    seen = visible_goal_ids(demo, viewer)
    reported = dict(sql(demo, "SELECT goal_id, reported_status FROM goal_statuses "
                              "WHERE followup_period_id = :p", p=latest.id))
    (vision,), = sql(demo, "SELECT id FROM goals WHERE kind = 'malbild'")
    level = goal_tree.level_below(demo, viewer, vision, latest.id, None, latest.end_date)
    areas = [c for c in level.children if c.ref.kind == "malomrade"]
    assert len(areas) == 8
    for area in areas:
        below = descendants(demo, area.ref.id) & seen
        expected = Counter(reported.get(g, "grey") for g in below)
        assert area.below == {s: expected.get(s, 0) for s in STATUSES}, area.ref.code
        assert area.status.reported == reported[area.ref.id]
    everything = Counter(reported.get(g, "grey") for g in descendants(demo, vision) & seen)
    assert level.below == {s: everything.get(s, 0) for s in STATUSES}
    if who != "ledning":  # a member sees fewer goals below than management
        assert sum(level.below.values()) < len(descendants(demo, vision))


def test_children_statuses_counts_and_trend_match_sql(demo):
    parent = goal_id(demo, "HSN-M1")
    now, before = period_id(demo, 2026, "DELAR"), period_id(demo, 2026, "T1")
    expected = sql(demo, """
        SELECT g.code, u.name, s.reported_status, s.computed_status, s.manual, s.deviates,
               p.reported_status,
               (SELECT COUNT(*) FROM goal_indicators gi WHERE gi.goal_id = g.id)
        FROM goals g JOIN org_units u ON u.id = g.owner_unit_id
        JOIN goal_statuses s ON s.goal_id = g.id AND s.followup_period_id = :now
        JOIN goal_statuses p ON p.goal_id = g.id AND p.followup_period_id = :before
        WHERE g.parent_id = :parent ORDER BY g.sort_order, g.code""",
        now=now, before=before, parent=parent)
    children = goal_tree.level_below(demo, MANAGEMENT, parent, now, before,
                                     dt.date(2026, 8, 31)).children
    assert [c.ref.code for c in children] == [row[0] for row in expected]
    for child, (code, owner, reported, computed, manual, deviates, previous, count) in zip(
            children, expected):
        assert child.owner == owner
        assert child.status == Status(reported, computed, bool(manual), bool(deviates))
        assert child.previous == previous
        assert child.indicator_count == count
        assert shape.trend_of(child) == trend(reported, previous)


def test_latest_analysis_is_the_newest_up_to_the_period(demo):
    (code, analysis, year, kind), = sql(demo, """
        SELECT g.code, a.analysis, p.year, p.kind FROM assessments a
        JOIN goals g ON g.id = a.goal_id JOIN followup_periods p ON p.id = a.followup_period_id
        WHERE g.kind = 'forvaltningsmal' ORDER BY p.end_date DESC, g.code LIMIT 1""")
    (parent,), = sql(demo, "SELECT parent_id FROM goals WHERE code = :c", c=code)
    period = period_id(demo, year, kind)
    (end,), = sql(demo, "SELECT end_date FROM followup_periods WHERE id = :p", p=period)
    child = next(c for c in goal_tree.level_below(demo, MANAGEMENT, parent, period, None,
                                                   dt.date.fromisoformat(str(end))).children
                 if c.ref.code == code)
    assert (child.analysis, child.analysed_in) == (analysis, (year, kind))
    early = next(c for c in goal_tree.level_below(demo, MANAGEMENT, parent, period, None,
                                                   dt.date(2000, 1, 1)).children
                 if c.ref.code == code)
    assert (early.analysis, early.analysed_in) == ("", None)


def test_followups_are_newest_first_and_the_default_is_the_latest_with_data(demo):
    periods = followups(demo, MANAGEMENT)
    rows = sql(demo, """SELECT year, kind FROM followup_periods fp WHERE EXISTS (
                          SELECT 1 FROM goal_statuses s JOIN goals g ON g.id = s.goal_id
                          WHERE s.followup_period_id = fp.id AND g.kind <> 'malbild')
                        ORDER BY end_date DESC""")
    assert [(p.year, p.kind) for p in periods] == [tuple(r) for r in rows]
    assert shape.choose_followup(periods, None) == periods[0]
    assert shape.previous_followup(periods, periods[0]) == periods[1]


def test_goal_detail_for_management(demo):
    period = followups(demo, MANAGEMENT)[0]
    header = goal_tree.find_goal(demo, MANAGEMENT, "HSN-M1", period.id)
    (title, owner, reported, computed), = sql(demo, """
        SELECT g.title, u.name, s.reported_status, s.computed_status FROM goals g
        JOIN org_units u ON u.id = g.owner_unit_id
        JOIN goal_statuses s ON s.goal_id = g.id AND s.followup_period_id = :p
        WHERE g.code = 'HSN-M1'""", p=period.id)
    assert (header.ref.title, header.owner) == (title, owner)
    assert (header.status.reported, header.status.computed) == (reported, computed)
    assert header.perspectives and header.agenda2030
    trail = goal_tree.ancestors(demo, MANAGEMENT, header.ref.id)
    assert [ref.code for ref in trail] == ["MB2050", "MO-HSV"]
    uppdrag = goal_tree.goal_uppdrag(demo, MANAGEMENT, header.ref.id)
    (count,), = sql(demo, "SELECT COUNT(*) FROM uppdrag WHERE goal_id = :g", g=header.ref.id)
    assert len(uppdrag) == count > 0
    history = goal_tree.assessment_history(demo, MANAGEMENT, header.ref.id, period.end_date)
    assert [(row.year, row.kind) for row in history][0] == (period.year, period.kind)


def test_indicator_outcomes_and_nearest_targets(demo):
    header = goal_tree.find_goal(demo, MANAGEMENT, "HSN-M1", period_id(demo, 2026, "DELAR"))
    indicators = goal_tree.goal_indicator_refs(demo, MANAGEMENT, header.ref.id)
    ids = [i.id for i in indicators]
    found = goal_tree.outcomes(demo, MANAGEMENT, ids, header.owner_unit_id, dt.date(2024, 1, 1),
                               dt.date(2026, 8, 31))
    (count,), = sql(demo, f"""SELECT COUNT(*) FROM measurements WHERE unit_id = :u
        AND indicator_id IN ({','.join(map(str, ids))}) AND value_total IS NOT NULL
        AND period_end BETWEEN '2024-01-01' AND '2026-08-31'""", u=header.owner_unit_id)
    assert len(found) == count > 0
    targets = goal_tree.targets(demo, MANAGEMENT, ids, header.owner_unit_id, [2026])
    assert {t.indicator_id for t in targets} <= set(ids)
    for target in targets:  # the nearest unit at or above the owner with a target
        (value,), = sql(demo, """SELECT t.value FROM targets t JOIN org_unit_closure c
            ON c.ancestor_id = t.unit_id AND c.descendant_id = :u
            WHERE t.indicator_id = :i AND t.year = 2026 ORDER BY c.depth LIMIT 1""",
            u=header.owner_unit_id, i=target.indicator_id)
        assert target.value == value


# --- Scope ---------------------------------------------------------------------------------


def test_an_hsn_member_sees_hsn_goals_to_enhet_and_run_namndmal_only(demo):
    hsn = member(demo, "HSN")
    period = followups(demo, hsn)[0].id
    hsn_enhetsmal, = sql(demo, """SELECT MIN(g.code) FROM goals g JOIN org_units u
        ON u.id = g.owner_unit_id JOIN org_units n ON n.id = u.namnd_id
        WHERE n.code = 'HSN' AND g.kind = 'enhetsmal' AND NOT g.published""")[0]
    hidden = [code for code, in sql(demo, """SELECT g.code FROM goals g JOIN org_units u
        ON u.id = g.owner_unit_id JOIN org_units n ON n.id = u.namnd_id
        WHERE n.code = 'RUN' AND NOT g.published
        AND g.kind IN ('forvaltningsmal', 'omradesmal', 'enhetsmal')""")]
    assert goal_tree.find_goal(demo, hsn, hsn_enhetsmal, period) is not None
    assert goal_tree.find_goal(demo, hsn, "RUN-M1", period) is not None
    assert hidden and all(goal_tree.find_goal(demo, hsn, code, period) is None for code in hidden)
    # Drilling into a RUN nämndmål shows only what is published below it.
    run_m1 = goal_id(demo, "RUN-M1")
    shown = {c.ref.code for c in goal_tree.level_below(demo, hsn, run_m1, period, None,
                                                       dt.date(2026, 8, 31)).children}
    assert not shown & set(hidden)
    nodes = {n.code for n in goal_tree.tree_nodes(demo, hsn, period)}
    assert hsn_enhetsmal in nodes and "RUN-M1" in nodes and not nodes & set(hidden)
    assert len(nodes) == len(visible_goal_ids(demo, hsn))


def test_risks_of_a_goal_follow_the_risk_rule(demo):
    (goal, namnd), = sql(demo, """SELECT rg.goal_id, n.code FROM risk_goals rg
        JOIN risks r ON r.id = rg.risk_id JOIN org_units n ON n.id = r.namnd_id
        WHERE n.code = 'RUN' LIMIT 1""")
    assert goal_tree.goal_risks(demo, MANAGEMENT, goal)
    assert goal_tree.goal_risks(demo, member(demo, "RUN"), goal)
    assert goal_tree.goal_risks(demo, member(demo, "HSN"), goal) == []
    assert goal_tree.goal_risks(demo, PUBLIC, goal) == []


def test_the_public_gets_no_unpublished_goal(demo):
    period = followups(demo, PUBLIC)[0].id
    unpublished = [code for code, in sql(demo, "SELECT code FROM goals WHERE NOT published "
                                               "AND kind = 'namndmal'")]
    assert unpublished
    assert all(goal_tree.find_goal(demo, PUBLIC, code, period) is None for code in unpublished)
    nodes = goal_tree.tree_nodes(demo, PUBLIC, period)
    assert {n.id for n in nodes} == visible_goal_ids(demo, PUBLIC)


# --- The hand-built region: exact answers, SQLite and PostgreSQL --------------------------


def test_small_region_distribution_children_and_trend(small):
    session, ids = small
    delar, t1 = period_id(session, 2026, "DELAR"), period_id(session, 2026, "T1")
    area = goal_id(session, "MO-HS")
    counts = Counter(DELAR_STATUSES) + Counter({"grey": 2})  # two enhetsmål without status
    below = goal_tree.distributions_below(session, MANAGEMENT, [area], delar)[area]
    assert below == {s: counts.get(s, 0) for s in STATUSES}
    hsn = Viewer("namnd", (ids["HSN"],))
    mine = Counter(DELAR_STATUSES) + Counter({"grey": 1})  # HSN's own enhetsmål, not RUN's
    assert goal_tree.distributions_below(session, hsn, [area], delar)[area] == {
        s: mine.get(s, 0) for s in STATUSES}
    published = Counter(DELAR_STATUSES[i] for i in (0, 2, 4))
    assert goal_tree.distributions_below(session, PUBLIC, [area], delar)[area] == {
        s: published.get(s, 0) for s in STATUSES}

    level = goal_tree.level_below(session, MANAGEMENT, area, delar, t1, dt.date(2026, 8, 31))
    assert level.below == {s: counts.get(s, 0) for s in STATUSES}
    children = level.children
    by_code = {c.ref.code: c for c in children}
    assert set(by_code) == {"G0", "G1", "G2", "G3", "G4", "G5", "HSN-EM", "RUN-EM"}
    assert [shape.trend_of(by_code[f"G{i}"]) for i in range(6)] == [
        "better", "better", "better", "same", "unknown", "better"]
    assert by_code["HSN-EM"].status == Status() and by_code["HSN-EM"].previous is None
    assert by_code["HSN-EM"].indicator_count == 1 and by_code["G0"].indicator_count == 0
    assert by_code["G3"].analysis.startswith("Bättre än väntat.")
    assert by_code["G3"].analysed_in == (2026, "DELAR")
    at_t1 = goal_tree.level_below(session, MANAGEMENT, area, t1, None,
                                  dt.date(2026, 4, 30)).children
    g3 = next(c for c in at_t1 if c.ref.code == "G3")
    assert (g3.analysis, g3.analysed_in, g3.previous) == ("Första analysen.", (2026, "T1"), None)
    assert {c.ref.code for c in goal_tree.level_below(session, hsn, area, delar, t1,
                                                       dt.date(2026, 8, 31)).children} == {
        "G0", "G1", "G2", "G3", "G4", "G5", "HSN-EM"}


def test_small_region_tree_and_followups(small):
    session, _ = small
    periods = followups(session, MANAGEMENT)
    assert [p.key for p in periods] == ["2026-DELAR", "2026-T1", "2025-HELAR"]
    nodes = goal_tree.tree_nodes(session, MANAGEMENT, periods[0].id)
    assert len(nodes) == 10 and sum(n.parent_id is None for n in nodes) == 1
    assert goal_tree.vision(session, MANAGEMENT)[0].code == "MB"
    assert goal_tree.ancestors(session, MANAGEMENT, goal_id(session, "G1"))[0].code == "MB"


# --- Pure functions ---------------------------------------------------------------------


PERIODS = [FollowUp(3, 2026, "DELAR", dt.date(2026, 8, 31)),
           FollowUp(2, 2026, "T1", dt.date(2026, 4, 30)),
           FollowUp(1, 2025, "HELAR", dt.date(2025, 12, 31))]


def test_the_period_text_is_defined_once_and_read_strictly():
    assert followup_key(2026, "T1") == PERIODS[1].key == "2026-T1"
    assert parse_followup_key("2026-delar") == (2026, "DELAR")
    for bad in ("2026", "26-T1", "2026-T4", "", None, ["2026-T1"], "2026-T1-x"):
        assert parse_followup_key(bad) is None, bad
    assert shape.choose_followup(PERIODS, "2026-t1") == PERIODS[1]
    assert shape.choose_followup(PERIODS, "") == PERIODS[0]
    for bad in ("2019-T1", "nej", ["2026-T1", "2025-HELAR"], 7):
        assert shape.choose_followup(PERIODS, bad) is None
    assert shape.previous_followup(PERIODS, PERIODS[2]) is None
    assert shape.followup_text(PERIODS[0]) == "Delår 2026"


def test_period_options_carry_the_pages_query_string(empty_app):
    options = shape.period_options(PERIODS, "HSN-M1")
    assert options[0] == {"label": "Delår 2026", "value": "?goal=HSN-M1&period=2026-DELAR"}
    assert shape.period_options(PERIODS, None)[2]["value"] == "?period=2025-HELAR"
    assert shape.goal_url("HSN-M1", PERIODS[1]) == "/mal?goal=HSN-M1&period=2026-T1"


def test_texts():
    assert shape.truncate("kort text") == "kort text"
    long = "ord " * 100
    assert shape.truncate(long, 20).endswith(" …") and len(shape.truncate(long, 20)) <= 22
    assert shape.distribution_text({"green": 5, "yellow": 2, "red": 1, "grey": 3}) == (
        "5 ✓ Uppfyllt, 2 ◐ Delvis, 1 ✗ Ej uppfyllt, 3 – Saknar data")
    assert shape.distribution_text(dict.fromkeys(STATUSES, 0)) == "Inga mål under"
    assert shape.area_parts("Kultur – Bra kultur") == ("Kultur", "Bra kultur")
    assert shape.kind_label("forvaltningsmal", plural=True) == "Förvaltningsmål"


def test_the_rule_text_is_shown_in_full():
    blocks = shape.rule_blocks(STATUS_RULE_TEXT_SV)
    headings = [lines[0] for kind, lines in blocks if kind == "heading"]
    assert headings == ["Indikatorer", "Mål", "Bedömning"]
    shown = " ".join(" ".join(lines) for _, lines in blocks)
    words = lambda t: t.replace("• ", "").split()  # noqa: E731
    assert words(shown) == words(STATUS_RULE_TEXT_SV.split("\n", 2)[2])


def child(code: str, status: str, previous: str | None, analysis: str = "",
          below=None, forecast: str | None = None, analysed_in=None) -> ChildGoal:
    return ChildGoal(GoalRef(1, code, "namndmal", f"Mål {code}"), "HSN", Status(status, status),
                     previous, 2, below or dict.fromkeys(STATUSES, 0), analysis, analysed_in,
                     forecast)


def test_child_table_leaves_out_columns_with_nothing_to_say(empty_app):
    columns, rows = shape.child_table([child("A", "green", "red")], PERIODS[0])
    assert columns == ["Status", "Mål", "Ansvarig", "Indikatorer", "Trend"]
    assert len(rows[0]) == 5
    with_all = [child("A", "green", "red", "Analys.", dict.fromkeys(STATUSES, 0) | {"red": 1},
                      "delvis", (2026, "DELAR"))]
    assert shape.child_table(with_all, PERIODS[0])[0] == list(shape.CHILD_COLUMNS)


def test_a_forecast_is_this_years_with_its_period_when_older(empty_app):
    delar = PERIODS[0]
    now = child("A", "red", "red", "Analys.", forecast="uppfylls_ej", analysed_in=(2026, "DELAR"))
    spring = replace(now, analysed_in=(2026, "T1"))
    last_year = replace(now, analysed_in=(2025, "HELAR"))
    assert shape.forecast_words(now, delar) == "✗ Bedöms inte uppfyllas vid årets slut"
    assert shape.forecast_words(spring, delar) == "✗ Bedöms inte uppfyllas vid årets slut (T1 2026)"
    assert shape.forecast_words(last_year, delar) == "–"  # says nothing about this year
    assert "Helårsprognos" not in shape.child_table([last_year], delar)[0]


def test_tree_figure_is_small_colour_safe_and_drops_orphans():
    nodes = [TreeNode(1, "MB", "malbild", "Målbild 2050", None, "yellow"),
             TreeNode(2, "MO", "malomrade", "Vård – God vård", 1, "green"),
             TreeNode(3, "N", "namndmal", "Nämndmål", 2, "red"),
             TreeNode(4, "X", "enhetsmal", "Under ett dolt mål", 99, "grey")]
    figure = shape.tree_figure(nodes, "MO", current="N")
    trace = figure["data"][0]
    assert trace["marker"]["line"]["width"] == [1, 1, 3]  # the goal looked at is outlined
    assert trace["ids"] == ["MB", "MO", "N"] and trace["parents"] == ["", "MB", "MO"]
    assert trace["labels"] == ["◐ Målbild 2050", "✓ Vård", "✗ Nämndmål"]
    assert trace["level"] == "MO" and trace["leaf"] == {"opacity": 1}
    assert trace["insidetextfont"]["color"] == ["#1f2328", "#ffffff", "#ffffff"]
    assert set(trace) <= {"type", "ids", "labels", "parents", "marker", "insidetextfont",
                          "textinfo", "hovertemplate", "maxdepth", "sort", "pathbar", "tiling",
                          "leaf", "level"}
    assert "level" not in shape.tree_figure(nodes, "X")["data"][0]


def test_indicator_status_uses_the_latest_outcome_in_the_window():
    indicator = goal_tree.IndicatorRef(1, "I", "Andel", "%", "higher")
    series = [Outcome(1, "2025-06", dt.date(2025, 6, 30), 95.0),
              Outcome(1, "2026-07", dt.date(2026, 7, 31), 84.0),
              Outcome(1, "2026-10", dt.date(2026, 10, 31), 99.0)]
    targets = [TargetValue(1, 2026, 90.0, None, 5.0)]
    end = dt.date(2026, 8, 31)
    assert shape.latest_outcome(series, end).value == 84.0
    assert shape.outcome_status(indicator, shape.latest_outcome(series, end), targets) == "red"
    assert shape.outcome_status(indicator, None, targets) == "grey"
    assert shape.latest_outcome(series[:1], end) is None  # older than twelve months


def test_tree_labels_wrap_at_word_boundaries():
    assert shape.wrap_words("✓ Invånarna får vård i rätt tid och med god kvalitet", 20) == [
        "✓ Invånarna får vård", "i rätt tid och med", "god kvalitet"]
    assert shape.wrap_words("✗ " + "x" * 30 + " ja", 20) == ["✗", "x" * 30, "ja"]
    assert shape.wrap_words("", 20) == []


def test_levels_are_counted_apart_and_listed_namndmal_first(small):
    """SQLite and PostgreSQL: the distribution per level, and the list of a nämnd's goals
    level by level, narrowed by status."""
    session, _ids = small
    (delar,), = sql(session, "SELECT id FROM followup_periods WHERE year = 2026 AND kind = 'DELAR'")
    (hsn,), = sql(session, "SELECT id FROM org_units WHERE code = 'HSN'")
    counts = level_status_counts(session, MANAGEMENT, delar, hsn)
    assert counts == {"namndmal": {s: Counter(DELAR_STATUSES)[s] for s in STATUSES}}
    everyone = level_status_counts(session, MANAGEMENT, delar)
    assert list(everyone) == ["namndmal"]  # the enhetsmål were never followed up
    listed = goal_tree.namnd_goals(session, MANAGEMENT, None, ("enhetsmal", "namndmal"), delar,
                                   None, dt.date(2026, 8, 31))
    kinds = [g.ref.kind for g in listed]
    assert kinds == ["namndmal"] * len(DELAR_STATUSES) + ["enhetsmal"] * 2
    green = goal_tree.namnd_goals(session, MANAGEMENT, hsn, ("namndmal",), delar, None,
                                  dt.date(2026, 8, 31), "green")
    assert len(green) == DELAR_STATUSES.count("green")
    # A goal without a status at the follow-up counts as Saknar data.
    grey = goal_tree.namnd_goals(session, MANAGEMENT, hsn, ("enhetsmal",), delar, None,
                                 dt.date(2026, 8, 31), "grey")
    assert [g.ref.code for g in grey] == ["HSN-EM"]
