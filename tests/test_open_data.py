"""Öppna data: the public queries on the hand-built region (SQLite, and PostgreSQL when
configured) and on the demo region, and the pure functions the public pages are made of.

The list of indicators is filtered, searched and paged in SQL: Swedish letters match in any
case on both databases, LIKE's wildcards are plain letters, the stored search text follows
every way an indicator is written, and the pages end where they should, on the Öppna data
page and in the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from callbacks import comparisons as cmp
from callbacks import indikator as cb
from callbacks import oppna_data as shape
from dashboard.core.args import ALL, BadArgument, read_page
from data_access.db import get_engine, migrate, session_scope
from data_access.importers import run_import
from data_access import ranking as rk
from data_access.models import Goal, Indicator, Perspective
from data_access.queries import indicators as q
from data_access.queries import open_data as od
from data_access.queries.goals import followups
from data_access.scope import MANAGEMENT, PUBLIC
from data_access.search import search_text, words_match
from tests.helpers import readable
from tests.small_region import build_small_region
from tests.test_indicator_page import render_page


@pytest.fixture
def small(db_url):
    with session_scope(db_url) as session:
        build_small_region(session)
    with Session(get_engine(db_url)) as session:
        yield session


@pytest.fixture
def demo(demo_url):
    with Session(get_engine(demo_url)) as session:
        yield session


def delar(session):
    return next(f for f in followups(session, PUBLIC) if f.key == "2026-DELAR")


# --- Queries on the hand-built region ---------------------------------------------------


def test_only_published_indicators_and_their_values(small):
    (n1,) = od.published_indicators(small, PUBLIC)
    assert n1.code == "N1" and n1.areas == () and n1.perspectives == ()
    assert od.published_indicators(small, PUBLIC, "N2") == []
    page = od.values(small, PUBLIC)
    assert page.total == 2 and {r.indicator_code for r in page.rows} == {"N1"}
    # The public queries answer the same for management: open data is what is published.
    assert od.values(small, MANAGEMENT).total == 2
    assert [i.code for i in od.published_indicators(small, MANAGEMENT)] == ["N1"]


def test_values_filter_and_pages(small):
    unit = od.unit_id(small, PUBLIC, "RUN-E")
    rows = od.values(small, PUBLIC, od.ValueFilter(unit_id=unit)).rows
    assert [(r.unit_code, r.period) for r in rows] == [("RUN-E", "2026")]
    assert od.values(small, PUBLIC, od.ValueFilter(period="2025")).total == 0
    assert od.values(small, PUBLIC, od.ValueFilter(ends_from=dt.date(2026, 12, 31))).total == 2
    assert od.values(small, PUBLIC, od.ValueFilter(ends_to=dt.date(2026, 12, 30))).total == 0
    first, second = (od.values(small, PUBLIC, offset=n, limit=1) for n in (0, 1))
    assert first.total == second.total == 2
    assert [r.unit_code for r in first.rows + second.rows] == ["HSN-E", "RUN-E"]
    assert od.unit_id(small, PUBLIC, "FINNS-INTE") is None


def test_the_headline_is_the_highest_unit_reporting(small):
    (n1,) = od.published_indicators(small, PUBLIC)
    heads = od.headlines(small, PUBLIC)
    head = heads[n1.id]
    assert (head.unit_code, head.period, head.value, head.target) == ("HSN-E", "2026", 1.0, None)
    assert shape.headline_status(n1, head) == "grey"
    assert od.headline_statuses(small, PUBLIC, od.PublicFilter()) == \
        {"green": 0, "yellow": 0, "red": 0, "grey": 1}
    assert [u.code for u in od.reporting_units(small, PUBLIC, n1.id)] == ["HSN-E", "RUN-E"]


def test_published_goals_with_status_and_place_in_the_chain(small):
    goals = {g.code: g for g in od.published_goals(small, PUBLIC, delar(small).id)}
    assert set(goals) == {"MB", "MO-HS", "G0", "G2", "G4"}
    assert goals["MB"].parent_code is None and goals["MB"].area_code is None
    assert goals["MO-HS"].parent_code == "MB" and goals["MO-HS"].area_code == "MO-HS"
    assert {goals[c].status for c in ("G0", "G2", "G4")} == {"green", "yellow", "grey"}
    assert all(goals[c].parent_code == "MO-HS" and goals[c].area_code == "MO-HS"
               for c in ("G0", "G2", "G4"))


def test_units_reporting_published_values(small):
    page = od.units(small, PUBLIC)
    assert [(u.code, u.level, u.parent_code) for u in page.rows] == [
        ("HSN-E", "enhet", "HSN"), ("RUN-E", "enhet", "RUN")]


# --- Queries on the demo region ---------------------------------------------------------


def test_every_published_demo_indicator_explains_itself(demo):
    indicators = od.published_indicators(demo, PUBLIC)
    assert len(indicators) > 100
    assert all(len(i.explanation) > 40 for i in indicators)


def test_the_region_is_the_headline_where_it_reports(demo):
    result = next(i for i in od.published_indicators(demo, PUBLIC) if i.code == "RJH-EKO-001")
    head = od.headlines(demo, PUBLIC)[result.id]
    assert head.unit_code == "RJH" and head.period == "2025" and head.target == 2.0
    assert result.long_term and "MO-LED" in result.areas and "ekonomi" in result.perspectives


def test_a_goal_hangs_on_its_nearest_published_ancestor(demo):
    goals = od.published_goals(demo, PUBLIC, None)
    published = {g.code for g in goals}
    rows = demo.execute(text("""
        SELECT c.code, a.code, gc.depth FROM goals c
        JOIN goal_closure gc ON gc.descendant_id = c.id AND gc.depth > 0
        JOIN goals a ON a.id = gc.ancestor_id
        WHERE c.published AND a.published ORDER BY gc.depth""")).all()
    nearest = {}
    for child, ancestor, _depth in rows:
        nearest.setdefault(child, ancestor)
    assert {g.code: g.parent_code for g in goals if g.parent_code} == nearest
    skipped = demo.execute(text("""SELECT COUNT(*) FROM goals c JOIN goals p ON p.id = c.parent_id
                                   WHERE c.published AND NOT p.published""")).scalar_one()
    assert skipped > 0  # the demo has published goals below unpublished ones
    assert all(g.parent_code in published for g in goals if g.parent_code)


# --- Filters ----------------------------------------------------------------------------

AREAS = [od.Choice("MO-HSV", "Hälso- och sjukvård – God och nära vård")]
PERSPECTIVES = [od.Choice("jamstalldhet", "Jämställdhet")]


def test_filters_from_the_url():
    assert shape.read_filters(None, None, None, AREAS, PERSPECTIVES) == shape.Filters()
    assert shape.read_filters(ALL, [ALL], "", AREAS, PERSPECTIVES) == shape.Filters()
    read = shape.read_filters("MO-HSV", "jamstalldhet", "  väntetid   i  vården ", AREAS,
                              PERSPECTIVES)
    assert read == shape.Filters("MO-HSV", "jamstalldhet", "väntetid i vården") and read.active
    assert len(shape.read_filters(None, None, "x" * 500, AREAS, PERSPECTIVES).text) == 100
    for area, perspective in (("MO-X", None), (None, "okänt")):
        with pytest.raises(BadArgument) as error:
            shape.read_filters(area, perspective, None, AREAS, PERSPECTIVES)
        assert error.value.argument == ("area" if area else "perspective")
        assert "finns inget" in str(error.value)


def indicator(code="X1", name="Väntetid till vård", areas=(), perspectives=(), unit="%",
              direction="higher", by_sex=False) -> od.PublicIndicator:
    return od.PublicIndicator(1, code, name, "Beskrivning", "Förklaring om köer", unit,
                              direction, "year", "Kolada", by_sex, False, areas, perspectives)


def test_indicators_match_area_perspective_and_every_word(small):
    add_searchable(small)  # X1 "Väntetid till vård" measures G0 in MO-HS (jämställdhet)
    assert "X1" in found(small, shape.Filters())
    assert found(small, shape.Filters("MO-HS", "jamstalldhet", "VÄNTETID köer")) == ["X1"]
    assert "X1" not in found(small, shape.Filters(text="väntetid tandvård"))
    assert found(small, shape.Filters(area="MO-KT")) == []
    assert "X1" not in found(small, shape.Filters(perspective="barnratt"))
    assert found(small, shape.Filters(text="x1")) == ["X1"]  # the code too


def goal(code, parent, kind="namndmal", title="Mål", perspectives=()) -> od.PublicGoal:
    return od.PublicGoal(0, code, kind, title, "", "U", "Enheten", "green", parent, "MO",
                         perspectives, ())


def test_the_chain_keeps_the_goals_above_a_match():
    goals = [goal("MB", None, "malbild"), goal("MO", "MB", "malomrade"), goal("N1", "MO"),
             goal("F1", "N1", "forvaltningsmal", "Kortare köer"), goal("N2", "MO")]
    assert shape.shown_goals(goals, shape.Filters()) == {"MB", "MO", "N1", "F1", "N2"}
    shown = shape.shown_goals(goals, shape.Filters(text="köer"))
    assert shown == {"MB", "MO", "N1", "F1"}
    children = shape.children_by_parent(goals, shown)
    assert [g.code for g in children["MO"]] == ["N1"] and [g.code for g in children["N1"]] == ["F1"]


# --- One indicator -----------------------------------------------------------------------


def view(values, ind=None, targets=None) -> shape.PublicView:
    ind = ind or indicator()
    unit = q.UnitRef(1, "RJH", "Regionen", "region")
    selection = cb.Selection(shape.as_info(ind), unit, None, [], [unit], [])
    series = [q.Value(p, dt.date(int(p[:4]), 12, 31), v, None, None, "Kolada")
              for p, v in values]
    return shape.PublicView(ind, selection, series, targets or {})


def test_the_change_since_a_year_before_in_words():
    assert shape.year_before("2026-10") == "2025-10"
    assert shape.year_before("2026-T2") == "2025-T2" and shape.year_before("2026") == "2025"
    assert shape.change_text(view([("2024", 80.0), ("2025", 82.5)])) == \
        "Högre än 2024 med 2,5 procentenheter, alltså bättre."
    lower = indicator(unit="kr/invånare", direction="lower")
    assert shape.change_text(view([("2024", 43000.0), ("2025", 43711.0)], lower)) == \
        "Högre än 2024 med 711\u00a0kr/invånare, alltså sämre."
    band = indicator(unit="antal", direction="band")
    assert shape.change_text(view([("2024", 5.0), ("2025", 4.0)], band)) == \
        "Lägre än 2024 med 1."  # a count: a whole number, without `antal`
    assert shape.change_text(view([("2024", 5.0), ("2025", 5.0)])) == "Oförändrat jämfört med 2024."
    assert shape.change_text(view([("2023", 5.0), ("2025", 6.0)])) == ""
    assert shape.change_text(view([])) == ""


def test_the_comparison_table_has_every_year_newest_first():
    riket = rk.Line("0000", "Riket", (("2024", 39000.0), ("2025", 39788.0)))
    norr = rk.Line("0025", "Region Norrbotten", (("2025", 46199.5),))
    own = {"2023": 40169.0, "2024": 41983.0}
    assert cmp.yearly_columns("Regionen", [riket, norr]) == \
        ["År", "Regionen", "Riket", "Region Norrbotten"]
    assert cmp.yearly_rows(own, [riket, norr], "kr/invånare") == [
        ["2025", "–", "39\u00a0788", "46\u00a0200"],
        ["2024", "41\u00a0983", "39\u00a0000", "–"],
        ["2023", "40\u00a0169", "–", "–"],
    ]


def test_storbild_arguments():
    assert shape.storbild_codes(" A, B,,A ,C") == ["A", "B", "C"]
    assert shape.storbild_codes(None) == []
    assert shape.storbild_seconds(None) == 20 and shape.storbild_seconds("45") == 45
    for bad in ("9", "301", "tio", "-20"):
        with pytest.raises(BadArgument):
            shape.storbild_seconds(bad)


def test_storbild_shows_the_named_or_the_long_term_indicators(demo):
    default = shape.storbild_indicators(demo, [])
    assert default and all(i.long_term for i in default)
    assert [i.code for i in shape.storbild_indicators(demo, ["N70061", "RJH-HR-002"])] == \
        ["N70061", "RJH-HR-002"]
    with pytest.raises(BadArgument, match="FINNS-INTE"):
        shape.storbild_indicators(demo, ["N70061", "FINNS-INTE"])
    published = [i.code for i in od.published_indicators(demo, PUBLIC)]
    with pytest.raises(BadArgument, match="högst 12"):
        shape.storbild_indicators(demo, published[:13])


def test_storbild_table_without_women_and_men_unless_measured_by_sex():
    columns, rows = shape.recent_table(view([("2024", 1.0), ("2025", 2.0)]))
    assert columns == ["Period", "Utfall", "Målvärde", "Status"] and rows[0][0] == "2025"
    columns, _ = shape.recent_table(view([("2025", 2.0)], indicator(by_sex=True)))
    assert "Kvinnor" in columns and "Män" in columns


def test_a_public_view_refuses_what_is_not_published(demo):
    with pytest.raises(BadArgument) as error:
        shape.public_view(demo, "RJH-HR-005")  # exists, but is not published
    assert error.value.argument == "code"
    with pytest.raises(BadArgument) as error:
        shape.public_view(demo, "RJH-HR-002", "FINNS-INTE")
    assert error.value.argument == "unit"
    shown = shape.public_view(demo, "N70061")
    # Riket, the three chosen neighbours and the median of the regions.
    assert shown.selection.unit.code == "RJH" and len(shown.comparisons) == 5
    assert shown.compared.view.ranking.count == 21
    assert not shape.public_view(demo, "RJH-HR-002", "HSN").comparisons  # only for the region


# --- The headline values, pre-computed at load and import -------------------------------


def _headlines_from_raw_measurements(session) -> dict[int, tuple]:
    """indicator id -> (unit code, period, value): the headline computed the slow way."""
    from sqlalchemy import select

    from data_access.models import Indicator, Measurement, OrgUnit
    levels = {"region": 0, "namnd": 1, "forvaltning": 2, "omrade": 3, "enhet": 4}
    rows = session.execute(
        select(Measurement.indicator_id, Measurement.id, Measurement.period,
               Measurement.period_end, Measurement.value_total, OrgUnit.code, OrgUnit.level,
               OrgUnit.sort_order, OrgUnit.name)
        .join(OrgUnit, OrgUnit.id == Measurement.unit_id)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(Indicator.published.is_(True), Measurement.value_total.is_not(None))).all()
    best: dict[int, tuple] = {}
    for r in rows:
        key = ((levels[r.level], r.sort_order, r.name), (-r.period_end.toordinal(), -r.id))
        if r.indicator_id not in best or key < best[r.indicator_id][0]:
            best[r.indicator_id] = (key, (r.code, r.period, r.value_total))
    return {indicator: found for indicator, (_key, found) in best.items()}


def test_the_headlines_equal_the_raw_measurements(demo):
    heads = od.headlines(demo, PUBLIC)
    assert len(heads) > 100
    assert {i: (h.unit_code, h.period, h.value) for i, h in heads.items()} == \
        _headlines_from_raw_measurements(demo)


def test_the_stored_statuses_are_the_headline_rule_counted_per_filter(demo):
    """PublicHeadline.status, counted in SQL per filter, equals the traffic-light rule applied
    to each matching indicator's headline (Saknar data where it has none)."""
    heads = od.headlines(demo, PUBLIC)
    area = shape.area_choices(demo)[0].code
    for which in (od.PublicFilter(), od.PublicFilter(text="vänte"),
                  od.PublicFilter(perspective=od.perspectives(demo, PUBLIC)[0].code),
                  od.PublicFilter(area=area)):
        expected = dict.fromkeys(("green", "yellow", "red", "grey"), 0)
        for key in od.indicator_keys(demo, PUBLIC, which):
            expected[shape.headline_status(key, heads.get(key.id))] += 1
        assert od.headline_statuses(demo, PUBLIC, which) == expected
        assert sum(expected.values()) == len(od.indicator_keys(demo, PUBLIC, which))


def test_migrate_fills_the_headlines_of_a_database_stored_before_them(demo_url):
    """A database from before the table (its rows gone) gets them at `rodtrad migrate`."""
    with Session(get_engine(demo_url)) as session:
        before = od.headlines(session, PUBLIC)
        session.execute(text("DELETE FROM public_headlines"))
        session.commit()
        assert od.headlines(session, PUBLIC) == {}
    migrate(demo_url)
    with Session(get_engine(demo_url)) as session:
        assert od.headlines(session, PUBLIC) == before


def test_an_import_of_measurements_moves_the_headline(demo_url):
    import io

    from data_access.importers.runner import run_import
    from tests.test_import_files import MEASUREMENT_HEADER, csv_bytes

    with Session(get_engine(demo_url)) as session:
        indicator = next(i for i in od.published_indicators(session, PUBLIC)
                         if i.code == "RJH-EKO-001")
        assert od.headlines(session, PUBLIC)[indicator.id].period == "2025"
        data = csv_bytes(MEASUREMENT_HEADER, "RJH-EKO-001;RJH;2026;3,5;;;Ekonomistaben")
        run_import(session, "matvarden", io.BytesIO(data), "matvarden.csv", username="test")
    with Session(get_engine(demo_url)) as session:
        head = od.headlines(session, PUBLIC)[indicator.id]
        assert (head.unit_code, head.period, head.value) == ("RJH", "2026", 3.5)
        assert {i: (h.unit_code, h.period, h.value)
                for i, h in od.headlines(session, PUBLIC).items()} == \
            _headlines_from_raw_measurements(session)


# --- The list a page at a time ------------------------------------------------------------


def test_page_arguments():
    rows = shape.PAGE_ROWS
    assert read_page(None, 250, rows) == (1, 3) and read_page("", 0, rows) == (1, 1)
    assert read_page("3", 250, rows) == (3, 3) and read_page(["2", "9"], 250, rows) == (2, 3)
    for raw in ("0", "4", "två", "-1", "²", "1.5", "9" * 40):
        with pytest.raises(BadArgument, match="finns inte: listan har 3 sidor"):
            read_page(raw, 250, rows)


def test_the_list_comes_a_page_at_a_time(app, client, demo):
    published = od.published_indicators(demo, PUBLIC)
    assert len(published) > shape.PAGE_ROWS  # the demo needs two pages
    link = 'href="/oppna-data/nyckeltal?code='  # in the table's HTML
    seen = []
    for number in (1, 2):
        status, page = render_page(app, client, "/oppna-data", f"?sida={number}")
        page = readable(page)
        assert status == 200 and f"sida {number} av 2" in page
        seen += [part.split('"', 1)[0] for part in page.split(link)[1:]]
        assert f"Visar alla {len(published)} nyckeltal." in page
    assert seen == [i.code for i in published]  # each once, in the list's order
    # The page links in the list's HTML (dashboard.markup.collapse_static)
    assert 'href="/oppna-data?sida=2"' in readable(render_page(app, client, "/oppna-data")[1])
    # A filter narrows to one page; a page that is not there says so, with a way back.
    status, page = render_page(app, client, "/oppna-data", "?q=karies&sida=2")
    assert status == 200 and "Sidan ”2” finns inte: listan har 1 sida." in page
    assert 'href="/oppna-data?q=karies"' in readable(page) and link not in readable(page)


# --- Search and pages in SQL: Swedish letters in any case, on both databases ------------


def stored_indicator(code: str, name: str, explanation: str = "", published: bool = True,
              goals=()) -> Indicator:
    return Indicator(code=code, name=name, description="Beskrivning", explanation=explanation,
                     unit="%", direction="higher", frequency="year", source="Kolada",
                     published=published, goals=list(goals))


def add_searchable(session) -> None:
    """Published indicators with Swedish letters (and LIKE's wildcards) in both cases; X1
    measures the published goal G0 in målområde MO-HS, which carries jämställdhet."""
    g0 = session.scalar(select(Goal).where(Goal.code == "G0"))
    g0.perspectives.append(Perspective(code="jamstalldhet", name="Jämställdhet"))
    session.add_all([
        stored_indicator("X1", "Väntetid till vård", "Förklaring om köer", goals=[g0]),
        stored_indicator("X2", "Återbesök för ÄLDRE i Östersund", "Räknas per besök på CAFÉ Ängen."),
        stored_indicator("X3", "Ökad återhämtning", "Opublicerad.", published=False),
        stored_indicator("X4", "Nöjda 100% av tiden", "Enkät_svar"),
    ])
    session.flush()


def found(session, which: od.PublicFilter = od.PublicFilter(), offset: int = 0,
          limit: int | None = None) -> list[str]:
    return [i.code for i in od.indicator_page(session, PUBLIC, which, offset, limit).rows]


def searched(session, text: str) -> list[str]:
    return found(session, od.PublicFilter(text=text))


@pytest.mark.parametrize("text", ["återbesök", "ÅTERBESÖK", "Återbesök äldre", "östersund",
                                  "ÖSTERSUND ängen", "ÄNGEN", "café", "CAFÉ", "cafÉ återBESÖK"])
def test_swedish_letters_match_in_any_case(small, text):
    add_searchable(small)
    assert searched(small, text) == ["X2"]


def test_words_must_all_occur_and_unpublished_never_match(small):
    add_searchable(small)
    assert searched(small, "återbesök väntetid") == []
    assert searched(small, "ökad") == [] and searched(small, "ÅTERHÄMTNING") == []
    assert searched(small, "É") == searched(small, "é") == ["X2"]  # CAFÉ
    assert searched(small, "Å") == ["X1", "X2"]  # vård, Återbesök; not X3's återhämtning


def test_like_wildcards_are_plain_letters(small):
    add_searchable(small)
    assert searched(small, "100%") == ["X4"] and searched(small, "%") == ["X4"]
    assert searched(small, "enkät_svar") == ["X4"] and searched(small, "enkätxsvar") == []
    assert searched(small, "n_jda") == [] and searched(small, "nö%da") == []


def test_pages_of_the_list_end_where_they_should(small):
    add_searchable(small)
    everything = found(small)
    assert everything == ["X4", "N1", "X1", "X2"]  # by name: Nöjda 1…, Nöjda p…, Vän…, Åte…
    assert [found(small, limit=3, offset=n) for n in (0, 3)] == [everything[:3], everything[3:]]
    last = od.indicator_page(small, PUBLIC, od.PublicFilter(), offset=3, limit=3)
    beyond = od.indicator_page(small, PUBLIC, od.PublicFilter(), offset=6, limit=3)
    assert (len(last.rows), last.total) == (1, 4) and (beyond.rows, beyond.total) == ([], 4)
    narrowed = od.indicator_page(small, PUBLIC, od.PublicFilter(text="nöjda"), limit=1)
    assert [i.code for i in narrowed.rows] == ["X4"] and narrowed.total == 2


def stored(session, code: str) -> str:
    return session.scalar(select(Indicator.search_text).where(Indicator.code == code))


def test_the_search_text_follows_every_way_an_indicator_is_written(small, db_url):
    add_searchable(small)  # an ORM insert
    x1 = small.scalar(select(Indicator).where(Indicator.code == "X1"))
    x1.name = "Kötid till VÅRDCENTRAL"  # an ORM update
    small.commit()
    assert searched(small, "vårdcentral") == ["X1"] and searched(small, "väntetid") == []
    # The importer: a new indicator, then a file without Beskrivning and Förklaring renaming it.
    with Session(get_engine(db_url)) as session:
        for lines in ("Kod;Namn;Beskrivning;Förklaring;Enhet;Riktning;Frekvens;Källa;Publicerad\r\n"
                      "N9;Äldres hälsa;Om ÄLDRE;Vad det BETYDER;%;högre;år;Internt;ja",
                      "Kod;Namn;Enhet;Riktning;Frekvens;Källa\r\n"
                      "N9;Hälsa hos äldre i ÖSTERSUND;%;högre;år;Internt"):
            report = run_import(session, "indikatorer", io.BytesIO(lines.encode()), "fil.csv",
                                username="test")
            assert not report.problems
    small.expire_all()
    assert searched(small, "östersund betyder") == ["N9"] and searched(small, "äldres") == []
    assert stored(small, "N9") == "n9 hälsa hos äldre i östersund om äldre vad det betyder"


def test_the_demo_and_the_migration_store_the_search_text(demo):
    rows = demo.execute(select(Indicator.code, Indicator.search_text, Indicator.name,
                               Indicator.description, Indicator.explanation)).all()
    assert len(rows) > 100
    assert all(text == search_text(code, *fields) for code, text, *fields in rows)


def test_sql_filters_equal_the_rule_of_the_public_pages(demo):
    """Every målområde and perspective, and words, narrow the demo's list exactly as the goal
    list's rule (words_match over code, name, description, explanation) does in Python."""
    everything = od.published_indicators(demo, PUBLIC)
    areas = [None, *sorted({a for i in everything for a in i.areas})]
    perspectives = [None, *sorted({p for i in everything for p in i.perspectives})]
    for words in ("", "VÄNTETID", "dagar primärvård", "kr", "Å", "zzz"):
        for area in areas:
            for perspective in perspectives:
                which = od.PublicFilter(area, perspective, words)
                expected = [i.code for i in everything
                            if (not area or area in i.areas)
                            and (not perspective or perspective in i.perspectives)
                            and words_match(words, i.code, i.name, i.description, i.explanation)]
                assert found(demo, which) == expected, which
                assert [k.code for k in od.indicator_keys(demo, PUBLIC, which)] == expected


# --- The edges of the list, on the page and in the API ------------------------------------


def test_the_last_page_and_one_past_it(app, client, demo):
    published = od.published_indicators(demo, PUBLIC)
    pages = -(-len(published) // shape.PAGE_ROWS)
    status, page = render_page(app, client, "/oppna-data", f"?sida={pages}")
    assert status == 200 and f"sida {pages} av {pages}" in page
    first = (pages - 1) * shape.PAGE_ROWS + 1
    assert f"Sidan visar nyckeltal {first}–{len(published)} av {len(published)}." in page
    assert published[-1].name in page and published[first - 2].name not in page
    status, page = render_page(app, client, "/oppna-data", f"?sida={pages + 1}")
    assert status == 200 and f"Sidan ”{pages + 1}” finns inte: listan har {pages} sidor." in page
    assert 'href="/oppna-data"' in readable(page)


def test_a_search_in_capitals_finds_the_same_on_the_page(app, client, demo):
    expected = [i.code for i in od.indicator_keys(demo, PUBLIC, od.PublicFilter(text="väntetid"))]
    assert len(expected) > 1
    link = 'href="/oppna-data/nyckeltal?code='  # in the table's HTML
    for search in ("?q=v%C3%A4ntetid", "?q=V%C3%84NTETID"):  # väntetid, VÄNTETID
        status, page = render_page(app, client, "/oppna-data", search)
        page = readable(page)
        assert status == 200 and f"Visar {len(expected)} av " in page
        assert [part.split('"', 1)[0] for part in page.split(link)[1:]] == expected


def test_the_api_searches_and_pages_in_any_case(client, demo):
    answers = [client.get("/api/v1/indicators", query_string={"q": q, "per_page": 3, "page": 3})
               for q in ("väntetid", "VÄNTETID")]
    assert [a.status_code for a in answers] == [200, 200]
    first, second = (a.get_json() for a in answers)
    assert first["data"] == second["data"] and len(first["data"]) == 1  # 7 rows: the last page
    assert first["pagination"] | {"next": None} == {
        "page": 3, "per_page": 3, "total": 7, "pages": 3, "next": None,
        "previous": first["pagination"]["previous"]}
    past = client.get("/api/v1/indicators", query_string={"q": "VÄNTETID", "per_page": 3,
                                                          "page": 4})
    assert past.status_code == 400 and past.get_json() == {
        "error": "Sidan 4 finns inte: det finns 3 sidor med 3 rader per sida.", "parameter": "page"}
