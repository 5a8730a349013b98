"""Ranking and comparisons with Kolada's areas: the maths against hand-computed values (ties,
direction, missing values, the median), the profile's sorting of the areas, and the demo's
indicator pages, files and API showing them to whom they may (only published indicators to
the public)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from callbacks import comparisons as cmp
from callbacks import indikator as cb
from data_access import ranking as rk
from data_access.db import get_engine
from data_access.models import Indicator
from data_access.profile import Area, Profile
from data_access.scope import MANAGEMENT
from tests.test_access import log_in
from tests.test_api import walk
from tests.test_downloads import fetch
from tests.test_indicator_page import render_page


def a(code: str, value: float | None, name: str | None = None):
    return None if value is None else rk.AreaValue(code, name or f"Område {code}", value)


OWN = rk.AreaValue("0023", "Vi", 30.0)


# --- The maths ----------------------------------------------------------------------------------


def test_higher_is_better_ranks_from_the_top_and_ties_share_a_place():
    r = rk.rank("2025", "region", "higher", OWN,
                [a("0001", 40.0), a("0003", 30.0), a("0004", 50.0), a("0005", 10.0)])
    # 50, 40, 30 (us), 30, 10: we share place 3 with 0003; the next is place 5.
    assert [(x.code, x.position) for x in r.areas] == [
        ("0004", 1), ("0001", 2), ("0023", 3), ("0003", 3), ("0005", 5)]
    assert (r.own.position, r.tied, r.count) == (3, 2, 5)
    assert [x.code for x in r.best] == ["0004"] and r.median == 30.0
    assert cmp.position_text(r) == \
        "Delad plats 3 av 5 regioner (2025): samma värde som 1 annan"


def test_lower_is_better_ranks_from_the_bottom():
    r = rk.rank("2025", "region", "lower", OWN, [a("0001", 40.0), a("0003", 20.0)])
    assert [(x.code, x.position) for x in r.areas] == [("0003", 1), ("0023", 2), ("0001", 3)]
    assert r.tied == 1 and cmp.position_text(r) == "Plats 2 av 3 regioner (2025)"
    assert r.median == 30.0


def test_several_best_and_an_even_median():
    r = rk.rank("2024", "kommun", "lower", OWN,
                [a("2380", 12.0), a("2303", 12.0), a("2309", 31.0)])
    assert [x.code for x in r.best] == ["2303", "2380"]  # both at place 1, by name
    assert r.own.position == 3 and r.median == (12.0 + 30.0) / 2
    lines = cmp.rank_lines(r, "%")
    assert lines[0].startswith("Plats 3 av 4 kommuner (2024)")
    assert "Område 2303, Område 2380" in lines[1]


def test_missing_values_are_left_out_and_named():
    series = {"0001": ("Stockholm", {"2024": 40.0, "2025": 41.0}),
              "0003": ("Uppsala", {"2024": 20.0}),  # nothing for 2025
              "0000": ("Riket", {"2025": 35.0})}  # riket is no region
    r = rk.latest_ranking("region", "higher", "Vi", "0023", {"2024": 30.0, "2025": 29.0}, series)
    assert (r.period, r.count, r.own.position, r.missing) == ("2025", 2, 2, ("Uppsala",))
    assert cmp.rank_lines(r, "%")[-1] == "Utan värde för 2025: Uppsala."
    # Without the organisation's own value for a year, that year is not ranked.
    r = rk.latest_ranking("region", "higher", "Vi", "0023", {"2024": 30.0}, series)
    assert (r.period, r.count, r.own.position) == ("2024", 3, 2)
    assert rk.latest_ranking("region", "higher", "Vi", "0023", {}, series) is None


def test_a_band_is_ordered_but_not_ranked():
    r = rk.rank("2025", "region", "band", OWN, [a("0001", 40.0), a("0003", 20.0)])
    assert [x.position for x in r.areas] == [None, None, None] and not r.best
    assert [x.value for x in r.areas] == [20.0, 30.0, 40.0]
    assert "rangordnas inte" in cmp.rank_lines(r, "%")[0]


def test_float_noise_is_no_difference():
    r = rk.rank("2025", "region", "higher", rk.AreaValue("0023", "Vi", 0.1 + 0.2),
                [a("0001", 0.3)])
    assert r.tied == 2 and r.own.position == 1


def test_area_kinds():
    assert [rk.area_kind(c) for c in ("0000", "0023", "2380", "G123")] == \
        ["riket", "region", "kommun", "annat"]


# --- Sorted by the profile -----------------------------------------------------------------------


def test_the_profile_sorts_the_lines_the_ranking_and_the_kommuner():
    about = Profile("Vi", "region", "0023", "Vi", riket=True, all_regions=True,
                    own_kommuner=True, areas=(Area("0022", "Västernorrland"),))
    series = {"0000": ("Riket", {"2025": 35.0}), "0022": ("Västernorrland", {"2025": 33.0}),
              "0024": ("Västerbotten", {"2025": 20.0}), "0025": ("Norrbotten", {"2025": 25.0}),
              "2380": ("Östersund", {"2025": 31.0}), "2303": ("Ragunda", {"2025": 28.0}),
              "2584": ("Kiruna", {"2025": 90.0})}  # another county's kommun
    c = rk.compare(about, "higher", {"2025": 30.0}, series)
    assert [line.name for line in c.lines] == ["Riket", "Västernorrland", "Median, regionerna"]
    assert c.lines[-1].values == (("2025", 27.5),)  # 20, 25, 30, 33
    assert (c.ranking.own.position, c.ranking.count) == (2, 4)
    assert [(k.name, k.position) for k in c.kommuner.areas] == [("Östersund", 1), ("Ragunda", 2)]
    styles = cmp.line_styles(c.lines)
    assert len({(dash, symbol) for dash, symbol, _ in styles}) == len(styles)


def test_a_kommun_is_ranked_among_the_kommuner():
    about = Profile("Exempelby", "kommun", "2480", "Exempelby", riket=True,
                    areas=(Area("0180", "Stockholm"), Area("1480", "Göteborg")))
    series = {"0000": ("Riket", {"2025": 35.0}), "0180": ("Stockholm", {"2025": 20.0}),
              "1480": ("Göteborg", {"2025": 40.0}), "0001": ("Region Stockholm", {"2025": 1.0})}
    c = rk.compare(about, "lower", {"2025": 30.0}, series)
    assert (c.ranking.kind, c.ranking.own.position, c.ranking.count) == ("kommun", 2, 3)
    assert c.kommuner is None  # only a region has its own kommuner
    assert [line.name for line in c.lines] == ["Riket", "Stockholm", "Göteborg",
                                                 "Median, kommunerna"]
    assert cmp.position_text(c.ranking) == "Plats 2 av 3 kommuner (2025)"


def test_every_chart_line_differs_without_colour():
    lines = [rk.Line("0000", "Riket", ()), rk.Line("median", "Median", ()),
             *(rk.Line(f"00{i:02d}", f"R{i}", ()) for i in range(1, rk.CHART_AREAS + 1))]
    styles = cmp.line_styles(lines)
    # Women, men and the outcome have their own: solid, dash and dot with round markers.
    own = {("solid", "circle"), ("dash", "circle"), ("dot", "circle")}
    pairs = [(dash, symbol) for dash, symbol, _ in styles]
    assert len(set(pairs)) == len(pairs) and not own & set(pairs)
    assert len({symbol for _, symbol in pairs}) == len(pairs)  # the markers alone suffice


# --- The demo: pages, files and API ---------------------------------------------------------------


@pytest.fixture
def demo(demo_url):
    with Session(get_engine(demo_url)) as session:
        yield session


def test_the_demo_compares_with_every_region_and_its_kommuner(demo):
    selection = cb.resolve(demo, MANAGEMENT, "N70061")
    data = cb.indicator_data(demo, MANAGEMENT, selection)
    view = data.compared.view
    assert view.ranking.count == 21 and view.ranking.kind == "region"
    assert len(view.kommuner.areas) == 8
    figure = cb.series_figure(selection, data.series, data.targets, data.comparisons)
    kolada = [t for t in figure["data"] if t.get("name") in {line.name for line in view.lines}]
    assert len(kolada) == 5 and len({(t["line"]["dash"], t["marker"]["symbol"])
                                     for t in kolada}) == 5


def test_the_pages_show_the_rank(app, client):
    status, public = render_page(app, client, "/oppna-data/nyckeltal", "?code=N70061")
    assert status == 200
    assert "nyckeltal-rank" in public and "av 21 regioner (2025)" in public
    assert "Median för regionerna" in public and "Region Jämtland Härjedalens kommuner" in public
    assert "Källa: Kolada" in public and "Koladas villkor" in public
    log_in(client, "ledning")
    status, internal = render_page(app, client, "/mal/indikator", "?code=N70061")
    assert status == 200 and "indikator-rank" in internal and "av 21 regioner" in internal


def test_the_comparison_file_ranks_every_year(client):
    response = fetch(client, "nyckeltal", "comparisons", "csv", code="N70061")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    own = [r for r in rows if r["Typ av område"] == "Organisationen"]
    assert own and all(r["Antal rangordnade"] == "21" for r in own if r["År"] == "2025")
    assert {r["Typ av område"] for r in rows} == {"Organisationen", "Riket", "Region", "Kommun"}
    log_in(client, "ledning")
    assert fetch(client, "indikator", "comparisons", "csv", code="N70061").status_code == 200


def test_the_api_and_the_json_file_give_the_ranking(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    rows, _ = walk(client, doc, "/rankings", {"indicator": "N70061"})
    latest = rows[-1]
    assert latest["count"] == 21 and latest["kind"] == "region" and latest["position"] >= 1
    assert len(latest["areas"]) == 21
    comparisons, _ = walk(client, doc, "/comparisons", {"indicator": "N70061", "period": "2025"})
    assert {r["area_kind"] for r in comparisons} == {"riket", "region", "kommun"}
    document = client.get("/oppna-data/filer/nyckeltal/N70061.json").get_json()
    (indicator,) = document["indicators"]
    assert indicator["ranking"] == {k: v for k, v in latest.items() if k != "indicator"}
    assert "Källa: Kolada" in document["meta"]["kolada_terms"]


def test_the_public_sees_no_comparisons_of_an_unpublished_indicator(app, client, demo_url):
    with Session(get_engine(demo_url)) as s:
        s.execute(update(Indicator).where(Indicator.code == "N70061").values(published=False))
        s.commit()
    doc = client.get("/api/v1/openapi.json").get_json()
    rows, _ = walk(client, doc, "/rankings", {})
    assert rows and "N70061" not in {r["indicator"] for r in rows}
    assert client.get("/api/v1/rankings?indicator=N70061").status_code in (400, 404)
    assert fetch(client, "nyckeltal", "comparisons", "csv", code="N70061").status_code == 400
    everything = json.loads(client.get("/oppna-data/filer/alla-nyckeltal.json").data)
    assert "N70061" not in {i["code"] for i in everything["indicators"]}
    log_in(client, "ledning")  # management still sees it on the internal page
    status, internal = render_page(app, client, "/mal/indikator", "?code=N70061")
    assert status == 200 and "indikator-rank" in internal
