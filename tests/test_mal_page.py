"""The Mål page over HTTP, as the browser's page router asks for it: permalinks give the goal,
period and statuses the database holds; bad or foreign arguments give a Swedish message and
nothing of the goal; each role sees its own scope."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text

from callbacks.mal import BAD_PERIOD_SV, NOT_FOUND_SV
from data_access.status import DEVIATION_TEXT_SV, STATUS_LABELS_SV
from tests.test_access import (
    callbacks_after_first_request,
    log_in,
    payload,
    post_callback,
)
from tests.test_downloads import file_name, xlsx_rows

ROUTER = "_pages_content"


def render(app, client, search: str, username: str | None = "ledning") -> tuple[int, str]:
    """(status, page content as JSON text) the router sends for /mal with this query string."""
    callbacks = callbacks_after_first_request(app, client)
    log_in(client, username)
    key = next(k for k in callbacks if ROUTER in k)
    response = post_callback(client, payload(key, callbacks[key], "/mal", search))
    if response.status_code != 200:
        return response.status_code, ""
    content = response.get_json()["response"][ROUTER]["children"]
    return 200, json.dumps(content, ensure_ascii=False)


def query(app, sql: str, **params) -> list:
    """Rows from the app's database, by plain SQL."""
    engine = create_engine(app.server.config["DATABASE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(text(sql), params).all()
    engine.dispose()
    return rows


def said(status: str) -> str:
    """A status as the page writes it in a badge: the word (the symbol is a separate span)."""
    return f'"{STATUS_LABELS_SV[status].word}"'


def test_a_permalink_gives_the_goal_its_period_and_statuses(app, client):
    (title, reported, computed, manual, deviates), = query(app, """
        SELECT g.title, s.reported_status, s.computed_status, s.manual, s.deviates
        FROM goals g JOIN goal_statuses s ON s.goal_id = g.id
        JOIN followup_periods p ON p.id = s.followup_period_id
        WHERE g.code = 'HSN-M1' AND p.year = 2026 AND p.kind = 'DELAR'""")
    children = query(app, """SELECT c.title FROM goals c JOIN goals g ON g.id = c.parent_id
                             WHERE g.code = 'HSN-M1'""")
    status, content = render(app, client, "?goal=HSN-M1&period=2026-DELAR")
    assert status == 200
    assert f'"children": "{title}"' in content  # the h1
    assert "Delår 2026" in content and "Trend sedan T1 2026" in content
    assert said(reported) in content
    assert manual and "Beräknad från utfall:" in content and said(computed) in content
    assert (DEVIATION_TEXT_SV in content) == bool(deviates)
    assert all(child in content for child, in children)
    # Breadcrumbs up to Målbild 2050 and drill-down links keep the period.
    assert '"href": "/mal?period=2026-DELAR"' in content
    assert '"href": "/mal?goal=MO-HSV&period=2026-DELAR"' in content
    assert '"value": "?goal=HSN-M1&period=2026-DELAR"' in content  # the selected period


def test_the_period_changes_the_statuses(app, client):
    rows = dict(query(app, """
        SELECT p.kind, s.reported_status FROM goal_statuses s JOIN goals g ON g.id = s.goal_id
        JOIN followup_periods p ON p.id = s.followup_period_id
        WHERE g.code = 'HSF-M1' AND p.year = 2026"""))
    for kind, previous in (("T1", "Helår 2025"), ("DELAR", "T1 2026")):
        _, content = render(app, client, f"?goal=HSF-M1&period=2026-{kind}")
        assert said(rows[kind]) in content and f"Trend sedan {previous}" in content
        assert f'"value": "?goal=HSF-M1&period=2026-{kind}"' in content


def test_the_start_view_shows_the_vision_and_the_malomraden(app, client):
    (vision,), = query(app, "SELECT description FROM goals WHERE kind = 'malbild'")
    areas = query(app, "SELECT title FROM goals WHERE kind = 'malomrade'")
    status, content = render(app, client, "")
    assert status == 200 and vision in content
    for (title,) in areas:
        name, _, goal = title.partition(" – ")
        assert f'"children": "{name}"' in content and goal in content
    assert "Hur beräknas färgen?" in content and "Målkvalitet" in content
    assert '"id": "mal-tree"' in content


@pytest.mark.parametrize("search", [
    "?goal=FINNS-INTE", "?goal=HSN-M1&goal=HSN-M2", "?goal=%3Cscript%3E",
])
def test_an_unknown_goal_gives_a_swedish_message(app, client, search):
    status, content = render(app, client, search)
    assert status == 200 and NOT_FOUND_SV in content
    assert "mal-children" not in content and "mal-tree" not in content


@pytest.mark.parametrize("period", ["1999-T1", "2026-T9", "igår", "2026-T1&period=2025-T1"])
def test_a_bad_period_gives_a_swedish_message(app, client, period):
    (title,), = query(app, "SELECT title FROM goals WHERE code = 'HSN-M1'")
    status, content = render(app, client, f"?goal=HSN-M1&period={period}")
    assert status == 200 and BAD_PERIOD_SV in content and title not in content


def test_an_hsn_member_sees_no_unpublished_run_goal_below_namnd_level(app, client):
    hidden = query(app, """SELECT g.code, g.title FROM goals g JOIN org_units u
        ON u.id = g.owner_unit_id JOIN org_units n ON n.id = u.namnd_id
        WHERE n.code = 'RUN' AND NOT g.published AND g.kind <> 'namndmal' ORDER BY g.code""")
    for code, title in (hidden[0], hidden[-1]):
        status, content = render(app, client, f"?goal={code}", "hsn")
        assert status == 200 and NOT_FOUND_SV in content and title not in content
    (run_title,), = query(app, "SELECT title FROM goals WHERE code = 'RUN-M1'")
    _, content = render(app, client, "?goal=RUN-M1", "hsn")
    assert f'"children": "{run_title}"' in content  # a RUN nämndmål is a summary goal
    assert not any(title in content for _, title in hidden)


def test_risks_are_shown_only_to_their_namnd(app, client):
    (goal, risk_title, risk_code), = query(app, """
        SELECT g.code, r.title, r.code FROM risk_goals rg JOIN goals g ON g.id = rg.goal_id
        JOIN risks r ON r.id = rg.risk_id JOIN org_units n ON n.id = r.namnd_id
        WHERE n.code = 'RUN' AND g.kind = 'namndmal' AND r.year = 2026
        ORDER BY g.code, r.code LIMIT 1""")
    _, own = render(app, client, f"?goal={goal}&period=2026-DELAR", "run")
    assert risk_title in own and f"/internkontroll?risk={risk_code}" in own
    _, other = render(app, client, f"?goal={goal}&period=2026-DELAR", "hsn")
    assert "mal-risks" in other and risk_title not in other and risk_code not in other


def test_the_public_gets_nothing_from_the_page(app, client):
    assert render(app, client, "?goal=HSN-M1", None) == (401, "")
    assert client.get("/mal?goal=HSN-M1").status_code == 302


def test_every_drill_down_link_opens_a_goal_the_viewer_may_see(app, client):
    """Following the links from the start view two levels down never ends in the message."""
    _, content = render(app, client, "", "hsn")
    links = sorted({part.split('"')[0] for part in content.split('"href": "/mal?goal=')[1:]})
    # The målområden, and below them the list of the nämnder's goals (nämndmål by default).
    assert len([link for link in links if link.startswith("MO-")]) == 8
    assert len(links) > 8
    for search in links[:3]:
        _, page = render(app, client, f"?goal={search}", "hsn")
        assert NOT_FOUND_SV not in page
        for deeper in sorted({p.split('"')[0] for p in page.split('"href": "/mal?goal=')[1:]})[:4]:
            _, leaf = render(app, client, f"?goal={deeper}", "hsn")
            assert NOT_FOUND_SV not in leaf, deeper


def test_each_indicator_tile_downloads_its_values(app, client):
    (code, unit_code, owner_id), = query(app, """
        SELECT i.code, u.code, u.id FROM goals g JOIN goal_indicators gi ON gi.goal_id = g.id
        JOIN indicators i ON i.id = gi.indicator_id JOIN org_units u ON u.id = g.owner_unit_id
        WHERE g.code = 'HSN-M1' ORDER BY i.code LIMIT 1""")
    expected = query(app, """
        SELECT m.value_total FROM measurements m JOIN indicators i ON i.id = m.indicator_id
        WHERE i.code = :code AND m.unit_id = :unit AND m.value_total IS NOT NULL
        AND m.period_end BETWEEN '2024-01-01' AND '2026-04-30'
        ORDER BY m.period_end, m.id""", code=code, unit=owner_id)
    _, page = render(app, client, "?goal=HSN-M1&period=2026-T1")
    link = f"/ladda-ner/mal/indikator-{code}.xlsx?goal=HSN-M1&period=2026-T1"
    assert link in page
    response = client.get(link)
    rows = xlsx_rows(response.data)
    assert rows[0][:2] == ("Period", "Utfall (%)") and rows[0][2].startswith("Målvärde")
    assert [r[1] for r in rows[1:]] == [v for v, in expected] and expected
    assert file_name(client.get(link.replace(".xlsx", ".csv"))) == \
        f"mal_nyckeltal-{code}_HSN-M1_2026-T1.csv"
    assert unit_code == "HSN"


def test_a_member_gets_no_file_of_a_goal_they_may_not_see(app, client):
    (goal,), = query(app, """
        SELECT g.code FROM goals g JOIN org_units u ON u.id = g.owner_unit_id
        JOIN org_units n ON n.id = u.namnd_id WHERE n.code = 'RUN' AND g.published = false
        AND g.kind = 'enhetsmal' ORDER BY g.code LIMIT 1""")
    render(app, client, "", "hsn")
    for table in ("children", "uppdrag"):
        response = client.get(f"/ladda-ner/mal/{table}.csv?goal={goal}")
        assert response.status_code == 400 and NOT_FOUND_SV in response.text


# --- Many goals below one: a page at a time ---------------------------------------------


def test_many_goals_below_come_a_page_at_a_time(app, client, monkeypatch):
    import callbacks.mal as shape

    monkeypatch.setattr(shape, "CHILD_PAGE_ROWS", 10)
    children = [code for code, in query(
        app, "SELECT g.code FROM goals g JOIN goals p ON p.id = g.parent_id "
             "WHERE p.code = 'HSF-PV-M2' ORDER BY g.sort_order, g.code")]
    assert len(children) == 25

    def linked(page: str) -> list[str]:
        return [code for code in children if f'"href": "/mal?goal={code}&period=' in page]

    seen = []
    for number, count in ((1, 10), (2, 10), (3, 5)):
        status, page = render(app, client, f"?goal=HSF-PV-M2&sida={number}")
        assert status == 200 and f"sida {number} av 3" in page
        assert len(linked(page)) == count
        seen += linked(page)
        assert "Visar mål" in page and "av 25. Alla finns i filerna nedan." in page
    assert sorted(seen) == sorted(children)  # each once, over the three pages
    status, page = render(app, client, "?goal=HSF-PV-M2")
    assert '"href": "/mal?goal=HSF-PV-M2&period=2026-DELAR&sida=2"' in page
    # A page that is not there: a Swedish message, a way back, nothing of the goal.
    status, page = render(app, client, "?goal=HSF-PV-M2&sida=4")
    assert status == 200 and "Sidan ”4” finns inte: listan har 3 sidor." in page
    assert "Till målets första sida" in page and "mal-children" not in page
    status, page = render(app, client, "?sida=x")
    assert status == 200 and "Sidan ”x” finns inte" in page


# --- The nämnder's goals, level by level (filters in the URL) ---------------------------------

LEVEL_SQL = """
    SELECT g.kind, s.reported_status, COUNT(*) FROM goal_statuses s
    JOIN goals g ON g.id = s.goal_id JOIN org_units u ON u.id = g.owner_unit_id
    JOIN followup_periods p ON p.id = s.followup_period_id AND p.year = 2026 AND p.kind = 'T1'
    WHERE g.kind <> 'malbild' AND (:code IS NULL OR u.id = (SELECT id FROM org_units
          WHERE code = :code) OR u.namnd_id = (SELECT id FROM org_units WHERE code = :code))
    GROUP BY g.kind, s.reported_status"""
LEVELS = (("namndmal", "Nämndmål"), ("framgangsfaktor", "Framgångsfaktorer"),
          ("forvaltningsmal", "Förvaltningsmål"), ("enhetsmal", "Enhetsmål"))
STATUS_ORDER = ("green", "yellow", "red", "grey")


def csv_rows(client, name: str, search: str) -> list[list[str]]:
    response = client.get(f"/ladda-ner/mal/{name}.csv{search}")
    assert response.status_code == 200, response.status_code
    return [line.split(";") for line in response.data.decode("utf-8-sig").splitlines()]


@pytest.mark.parametrize("code", [None, "HSN", "RUN"])
def test_each_goal_level_is_counted_apart_as_the_database_says(app, client, code):
    counts = {(kind, status): n for kind, status, n in query(app, LEVEL_SQL, code=code)}
    search = "?period=2026-T1" + (f"&namnd={code}" if code else "")
    status, page = render(app, client, search)
    assert status == 200 and "Måluppfyllelse per målnivå" in page
    table = {row[0]: row[1:] for row in csv_rows(client, "levels", search)[1:] if row[0]}
    for kind, label in LEVELS:
        expected = [counts.get((kind, s), 0) for s in STATUS_ORDER]
        assert table[label][:5] == [str(n) for n in [*expected, sum(expected)]], kind


def test_namndmal_come_first_when_every_level_is_listed(app, client):
    search = "?namnd=HSN&niva=alla&period=2026-T1"
    rows = csv_rows(client, "goals", search) if render(app, client, search)[0] == 200 else []
    level = rows[0].index("Nivå")
    levels = [row[level] for row in rows[1:] if len(row) > level and row[level]]
    order = ["Nämndmål", "Framgångsfaktor", "Förvaltningsmål", "Områdesmål", "Enhetsmål"]
    assert levels[0] == "Nämndmål" and levels == sorted(levels, key=order.index)
    assert {"Nämndmål", "Förvaltningsmål", "Enhetsmål"} <= set(levels)
    # Every row is the nämnd's, and there are as many as the database has.
    (expected,), = query(app, """
        SELECT COUNT(*) FROM goals g JOIN org_units u ON u.id = g.owner_unit_id
        WHERE g.kind IN ('namndmal', 'framgangsfaktor', 'forvaltningsmal', 'omradesmal',
                         'enhetsmal')
        AND (u.code = 'HSN' OR u.namnd_id = (SELECT id FROM org_units WHERE code = 'HSN'))""")
    assert len(levels) == expected


def test_the_filters_combine_and_each_choice_keeps_the_others(app, client):
    search = "?namnd=HSN&niva=forvaltningsmal&period=2026-T1&status=ej-uppfyllt"
    status, page = render(app, client, search)
    assert status == 200
    expected = query(app, """
        SELECT g.title FROM goals g JOIN org_units u ON u.id = g.owner_unit_id
        JOIN goal_statuses s ON s.goal_id = g.id JOIN followup_periods p
        ON p.id = s.followup_period_id AND p.year = 2026 AND p.kind = 'T1'
        WHERE g.kind = 'forvaltningsmal' AND s.reported_status = 'red'
        AND (u.code = 'HSN' OR u.namnd_id = (SELECT id FROM org_units WHERE code = 'HSN'))""")
    listed = [row[0] for row in csv_rows(client, "goals", search)[1:] if row[0]]
    assert sorted(listed) == sorted(t for t, in expected) and expected
    assert "Förvaltningsmål, Hälso- och sjukvårdsnämnden, Ej uppfyllt" in page
    # The selects' options are permalinks: changing one keeps the other two and the period.
    assert '"value": "?namnd=RUN&niva=forvaltningsmal&period=2026-T1&status=ej-uppfyllt"' in page
    assert '"value": "?namnd=HSN&niva=enhetsmal&period=2026-T1&status=ej-uppfyllt"' in page
    assert '"value": "?namnd=HSN&niva=forvaltningsmal&period=2026-T1&status=delvis"' in page
    # ... and so does the period selector.
    assert '"value": "?namnd=HSN&niva=forvaltningsmal&period=2026-DELAR&status=ej-uppfyllt"' \
        in page


@pytest.mark.parametrize("search,message", [
    ("?niva=hemligt", "Målnivån ”hemligt” finns inte."),
    ("?status=gron", "Statusen ”gron” finns inte."),
    ("?namnd=XYZ", "Det finns ingen nämnd med koden ”XYZ”."),
    ("?niva=enhetsmal&malsida=999", "Sidan ”999” finns inte"),
])
def test_a_bad_filter_gives_a_swedish_message(app, client, search, message):
    status, page = render(app, client, search)
    assert status == 200 and message in page and '"id": "mal-problem"' in page
