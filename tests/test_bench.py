"""The benchmark's parts work (no timing asserted: the figures belong to `make bench`)."""

from __future__ import annotations

import pytest

from bench import __main__ as bench_main
from bench import audit_cost, floor, load, server, trivial
from bench.scenarios import SCENARIOS


@pytest.fixture
def app(demo_url):
    """The app as `make bench` serves it: plain http, so the session cookie may not be Secure."""
    from dashboard.app import create_app

    return create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
                       "SESSION_COOKIE_SECURE": False})


def test_every_scenario_opens_its_view_without_an_error(live_server):
    sessions = {}
    for scenario in SCENARIOS:
        if scenario.user not in sessions:
            sessions[scenario.user] = load.session_for(live_server, scenario.user)
        result = load.run_load(sessions[scenario.user], scenario, requests_total=2, concurrency=2)
        assert (len(result.latencies_ms), result.errors) == (2, 0), scenario.name
        assert b"Ingen beh" not in sessions[scenario.user].post(
            live_server + "/_dash-update-component",
            json=load.router_payload(scenario.path, scenario.search),
            headers={"X-CSRFToken": sessions[scenario.user].cookies["_csrf_token"]}).content
        assert load.compressed_bytes(sessions[scenario.user], scenario) > 0


def test_the_sql_floor_counts_the_statements_of_a_render(demo_url):
    floors = floor.sql_floors(demo_url, list(SCENARIOS[:2]), repeat=1)
    assert set(floors) == {s.name for s in SCENARIOS[:2]} and all(f > 0 for f in floors.values())


def test_the_split_times_each_phase_of_a_render_and_leaves_the_app_as_it_was(demo_url):
    import dash

    splits = floor.splits(demo_url, list(SCENARIOS[:2]), repeat=2)
    assert set(splits) == {s.name for s in SCENARIOS[:2]}
    for split in splits.values():
        assert split.sql > 0 and split.load > 0 and split.build > 0 and split.encode > 0
        assert split.total >= split.load + split.build + split.encode and split.other >= 0
    # Nothing of the timing stays behind: the registry and the declarations are the pages' own.
    for page in dash.page_registry.values():
        assert page["layout"].__func__ is type(page["declaration"]).dash_layout
        assert "load" not in vars(page["declaration"]) or \
            not page["declaration"].load.__name__ == "wrapper"


def test_the_split_is_printed_a_row_per_view(capsys):
    bench_main.print_splits({"Mål: Målbild 2050": floor.Split(1.0, 3.0, 4.0, 2.0, 12.0)})
    out = capsys.readouterr().out
    for heading in ("SQL", "load", "bygga", "koda", "övrigt", "totalt"):
        assert heading in out
    assert out.splitlines()[-1].split()[-6:] == ["1.0", "2.0", "4.0", "2.0", "3.0", "12.0"]


def test_the_trivial_yardstick_is_a_real_dash_callback():
    client = trivial.server.test_client()
    response = client.post("/_dash-update-component", json=trivial.payload("mätsticka"))
    assert response.status_code == 200
    assert response.get_json()["response"] == {"out": {"children": "mätsticka"}}


def _result(ms: float, requests: int = 10, seconds: float = 1.0) -> load.LoadResult:
    return load.LoadResult([ms] * requests, seconds, 100, 0)


def test_the_targets_name_the_worst_view_and_every_view_that_misses(capsys):
    fast, slow = "Risk", "Ekonomi: område"
    uncached = {(fast, 1): _result(12.0), (slow, 1): _result(70.0),
                (fast, 8): _result(20.0, 200), (slow, 8): _result(90.0, 50)}
    cached = {(fast, 8): _result(2.0, 900), (slow, 8): _result(3.0, 700)}
    bench_main.check_targets(
        "x10", {False: uncached, True: cached}, [140.0, 150.0], [], [1, 8], {}, [],
        floors={fast: 0.5, slow: 40.0}, trivial={8: _result(1.0, 2000)})
    lines = capsys.readouterr().out.splitlines()

    def line(start: str) -> str:
        return next(text for text in lines if start in text)

    margin = line("SQL-golv + 10 ms")  # Risk 11.5 ms over its floor, område 30
    assert "EJ UPPFYLLT" in margin and f"sämst: {slow}" in margin and "2 av 2" in margin
    p95 = line("p95 utan cache, samtidighet 1, ≤ 50 ms")
    assert "EJ UPPFYLLT" in p95 and f"1 av 2 vyer missar: {slow}" in p95
    assert "jämförelse, målet gäller x30" in line("≤ 120 ms")
    assert "EJ UPPFYLLT" in line("utan cache, samtidighet 8, ≥ 100")
    assert "EJ UPPFYLLT" in line("med cache, samtidighet 8, ≥ 800")
    share = line("trivial Dash-callbacks")
    # Risk reaches 900/2000 = 45 % of the trivial callback, område 700/2000 = 35 %.
    assert "EJ UPPFYLLT" in share and "2000 anrop/s" in share and share.endswith(": 35.0")
    assert f"1 av 2 vyer missar: {slow}" in share
    assert "jämförelse, målet gäller x30" in line("RSS per arbetsprocess ≤ 250 MB")


def test_the_audit_log_cost_writes_as_the_web_does_and_leaves_no_trace(demo_url):
    from sqlalchemy import func, select

    from data_access.db import session_scope
    from data_access.models import AuditEvent

    def events() -> int:
        with session_scope(demo_url) as session:
            return session.scalar(select(func.count()).select_from(AuditEvent))

    before = events()
    result = audit_cost.write_cost(demo_url, writes=8, concurrency=2)
    assert (len(result.latencies_ms), result.errors) == (8, 0)
    batched = audit_cost.write_cost(demo_url, writes=8, concurrency=2, batch=4)
    assert (len(batched.latencies_ms), batched.errors) == (8, 0)
    assert events() == before


def test_an_unreachable_postgresql_tier_says_why_in_swedish(monkeypatch):
    from bench import tiers
    from data_access.db import DatabaseUnavailable

    monkeypatch.setattr(tiers, "POSTGRES_URL", "postgresql://postgres@127.0.0.1:9/rodtrad_{tier}")
    with pytest.raises(DatabaseUnavailable, match="PostgreSQL kan inte nås .*BENCH_POSTGRES_URL"):
        tiers.ensure_tier("x30")


def test_the_first_load_covers_every_public_page_logged_out():
    from bench.__main__ import BROWSER_PAGES, PUBLIC_PAGES
    from layouts.pages import page_modules

    public = {m.PAGE.path for m in page_modules() if m.PAGE.access == "public"}
    assert {path.split("?")[0] for path in PUBLIC_PAGES} == public
    assert all(user is None for path, user in BROWSER_PAGES if path in PUBLIC_PAGES)
    assert all(user is not None for path, user in BROWSER_PAGES if path not in PUBLIC_PAGES)


def test_lighthouse_says_in_swedish_why_it_cannot_run(monkeypatch, tmp_path):
    from bench import browser

    monkeypatch.setattr(browser, "LIGHTHOUSE", tmp_path / "lighthouse")
    assert "saknas" in browser.lighthouse_unavailable_reason() or \
        "npm ci --prefix bench/lighthouse" in browser.lighthouse_unavailable_reason()


def test_lighthouse_target_holds_for_the_median_run():
    from bench.browser import LighthouseRun

    def runs(*scores):
        return [LighthouseRun("/", score=s, tbt_ms=i) if s is not None
                else LighthouseRun("/", error="fel") for i, s in enumerate(scores)]

    assert bench_main.median_run(runs(95, 82, 91, 88, 90)).score == 90
    assert bench_main.median_run(runs(95, 82, 91, 88, 90)).tbt_ms == 4  # that run's metrics
    assert bench_main.median_run(runs(92, 89)).score == 89  # even: the lower middle
    assert bench_main.median_run(runs(None, 95, 96)).score == 95  # a failed run ranks lowest
    assert bench_main.median_run(runs(None, None, 96)).score is None
    assert bench_main.median_run(runs(93)).score == 93


def test_the_cpu_share_counts_the_workers_of_the_master():
    """The server's CPU per request comes from the master's children (gunicorn's workers)."""
    import subprocess
    import sys
    import time

    master = subprocess.Popen(["sh", "-c", f"{sys.executable} -c 'while True: pass' & wait"])
    try:
        while not server.worker_pids(master):  # the busy "worker" is started
            time.sleep(0.05)
        result, share = server.cpu_share(master, lambda: time.sleep(0.3) or "ran", 3)
    finally:
        for pid in server.worker_pids(master):
            subprocess.run(["kill", pid], check=False)
        master.wait(timeout=30)
    assert result == "ran"
    assert share.server_ms_per_request > 0 and 0 <= share.others_percent <= 100
