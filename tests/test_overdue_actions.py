"""Försenade åtgärder (/internkontroll/forsenade-atgarder) and the key figures that lead to
the lists behind them: the list against plain SQL, scoped per viewer, and the links on
Internkontroll and Översikt as the router renders them."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest

from data_access.queries import risks
from data_access.queries.risks import RiskSelection
from data_access.scope import MANAGEMENT, Viewer
from tests.test_access import log_in
from tests.test_internal_control import (  # noqa: F401 - fixtures
    TODAY,
    component,
    demo,
    demo_db,
    open_page,
    sql,
)

OVERDUE_SQL = """
    SELECT DISTINCT a.code, a.title, a.owner, a.due_date, a.status FROM risk_actions a
    JOIN action_risks ar ON ar.action_id = a.id JOIN risks r ON r.id = ar.risk_id
    WHERE a.status <> 'klar' AND a.due_date < :t
      AND (r.year = 2026 OR (r.year < 2026 AND r.status = 'oppen')) {namnd}"""


def expected(session, namnd_ids=None) -> set[tuple]:
    """The overdue åtgärder of the risks of 2026 and the open ones before, by plain SQL."""
    where = f"AND r.namnd_id IN ({', '.join(map(str, namnd_ids))})" if namnd_ids else ""
    return {(code, title, owner, str(due), status)
            for code, title, owner, due, status in sql(session, OVERDUE_SQL.format(namnd=where),
                                                       t=TODAY)}


def got(actions) -> set[tuple]:
    return {(a.code, a.title, a.owner, str(a.due_date), a.status) for a in actions}


@pytest.mark.parametrize("namnd", [None, "HSN"])
def test_the_list_equals_plain_sql_and_the_figure(demo, namnd):  # noqa: F811
    session, ids = demo
    selection = RiskSelection(2026, ids.get(namnd))
    actions = risks.overdue_actions(session, MANAGEMENT, selection, TODAY)
    assert actions and got(actions) == expected(session, [ids[namnd]] if namnd else None)
    assert len(actions) == len(got(actions))  # one row per åtgärd
    summary = risks.control_summary(session, MANAGEMENT, selection, TODAY)
    assert len(actions) == summary.overdue_actions
    assert [a.due_date for a in actions] == sorted(a.due_date for a in actions)
    assert all(a.risks and a.owner_unit for a in actions)


def test_a_namnd_member_sees_only_their_own_namnds_overdue_actions(demo):  # noqa: F811
    session, ids = demo
    hsn = Viewer("namnd", (ids["HSN"],))
    mine = risks.overdue_actions(session, hsn, RiskSelection(2026), TODAY)
    assert got(mine) == expected(session, [ids["HSN"]])
    hsn_risks = {code for code, in sql(session, "SELECT code FROM risks WHERE namnd_id = :n",
                                       n=ids["HSN"])}
    assert {r.code for a in mine for r in a.risks} <= hsn_risks
    everyone = risks.overdue_actions(session, MANAGEMENT, RiskSelection(2026), TODAY)
    assert len(everyone) > len(mine)


def rendered(app, client, path: str, search: str = ""):
    status, text = open_page(app, client, path, search)
    assert status == 200, text
    return json.loads(text), text


def href(tree, component_id: str) -> str:
    return component(tree, component_id)["props"]["href"]


@pytest.mark.parametrize("user", ["ledning", "hsn"])
def test_the_overdue_figure_leads_to_the_list_of_as_many(app, client, user):
    log_in(client, user)
    tree, _ = rendered(app, client, "/internkontroll")
    figure = component(tree, "internkontroll-overdue-link")
    count = int(figure["props"]["children"])
    assert figure["props"]["href"].startswith("/internkontroll/forsenade-atgarder?year=")
    path, _, search = figure["props"]["href"].partition("?")
    _, text = rendered(app, client, path, "?" + search)
    assert f'"children": "{count} försenade åtgärder per ' in text
    csv = client.get(f"/ladda-ner/forsenade/actions.csv?{search}").get_data(as_text=True)
    assert len(csv.lstrip("\ufeff").strip().splitlines()) >= count + 1
    assert "/internkontroll/risk?code=" in text
    if user == "hsn":
        assert "Du ser risker i din nämnds riskanalyser" in text
        assert "RUN-" not in csv


def test_a_namnds_filter_is_carried_to_the_list(app, client):
    log_in(client, "ledning")
    tree, _ = rendered(app, client, "/internkontroll", "?namnd=HSN&year=2026")
    assert href(tree, "internkontroll-overdue-link") == \
        "/internkontroll/forsenade-atgarder?namnd=HSN&year=2026"


def test_a_member_cannot_list_another_namnds_actions(app, client):
    log_in(client, "hsn")
    _, text = rendered(app, client, "/internkontroll/forsenade-atgarder", "?namnd=RUN")
    assert "forsenade-problem" in text and "försenade åtgärder per" not in text


def test_the_overview_figures_lead_to_their_lists(app, client):
    log_in(client, "ledning")
    tree, _ = rendered(app, client, "/")
    assert href(tree, "overview-risks-link").startswith("/internkontroll?status=oppen&year=")
    path, _, search = href(tree, "overview-budget-link").partition("?")
    assert path == "/ekonomi" and set(parse_qs(search)) == {"year", "month"}
    # The figures keep their text.
    assert component(tree, "overview-risks-link")["props"]["children"].isdigit()


def test_a_namnd_members_budget_figure_leads_to_their_namnd(app, client):
    log_in(client, "hsn")
    tree, _ = rendered(app, client, "/")
    path, _, search = href(tree, "overview-budget-link").partition("?")
    assert path == "/ekonomi" and parse_qs(search)["unit"] == ["HSN"]
    assert set(parse_qs(search)) == {"unit", "year", "month"}
