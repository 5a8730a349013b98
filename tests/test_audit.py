"""The audit log (granskningslogg): what is written for sign-ins, page views, downloads,
imports and user changes, what never is, the administrators' page and its CSV, and pruning."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import time

import pytest
from sqlalchemy import select

from dashboard.cli import main
from data_access.db import session_scope, sqlite_path
from data_access.models import AuditEvent
from tests.test_access import PASSWORDS, log_in, post_callback
from tests.test_auth import router_body
from tests.test_downloads import HYPERLINK, live_formulas

FIELDS = ("username", "kind", "method", "target", "role", "namnder", "address")
PERIOD = "2026-DELAR"


def events(url: str, kind: str | None = None) -> list[dict]:
    """The stored events, oldest first, as dicts of FIELDS."""
    with session_scope(url) as s:
        query = select(AuditEvent).order_by(AuditEvent.id)
        if kind:
            query = query.where(AuditEvent.kind == kind)
        return [{f: getattr(e, f) for f in FIELDS} for e in s.scalars(query)]


def all_text(url: str) -> str:
    return "\n".join(str(e) for e in events(url))


def test_a_password_sign_in_and_a_failed_one_are_recorded_without_the_password(client,
                                                                                 demo_url):
    log_in(client, "hsn", "fel-losenord-123")
    log_in(client, "hsn")
    failed, = events(demo_url, "inloggning_misslyckad")
    assert failed | {"address": ""} == {
        "username": "hsn", "kind": "inloggning_misslyckad", "method": "losenord",
        "target": "", "role": "", "namnder": "", "address": ""}
    signed_in, = events(demo_url, "inloggning")
    assert (signed_in["username"], signed_in["method"], signed_in["role"]) == (
        "hsn", "losenord", "namnd")
    assert "Hälso" in signed_in["namnder"] and signed_in["address"] == "127.0.0.1"
    text = all_text(demo_url)
    assert "fel-losenord-123" not in text and PASSWORDS["hsn"] not in text


def test_a_non_public_page_view_is_recorded_once_with_the_scope(app, client, demo_url):
    log_in(client, "hsn")
    body = router_body(app, client, "/internkontroll")
    body["inputs"][1]["value"] = "?namnd=HSN"  # the location's search
    assert post_callback(client, body).status_code == 200
    view, = events(demo_url, "sidvisning")
    assert view["target"] == "/internkontroll?namnd=HSN"
    assert (view["username"], view["role"]) == ("hsn", "namnd") and "Hälso" in view["namnder"]


@pytest.fixture
def batching_app(demo_url):
    from dashboard.app import create_app

    return create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
                       "AUDIT_BATCH_MS": 300})


def view_page(app, client, search: str) -> None:
    body = router_body(app, client, "/internkontroll")
    body["inputs"][1]["value"] = search
    assert post_callback(client, body).status_code == 200


def test_page_views_are_written_in_a_batch_stamped_when_they_happened(batching_app,
                                                                      demo_url):
    from dashboard.audit import PAGE_VIEWS

    client = batching_app.server.test_client()
    log_in(client, "hsn")  # a sign-in is written at once
    assert events(demo_url)[-1]["kind"] == "inloggning"
    before = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    started = time.monotonic()
    view_page(batching_app, client, "?namnd=HSN")
    view_page(batching_app, client, "?namnd=HSN&status=oppen")
    after = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    if time.monotonic() - started < 0.3:  # (a busy machine may take longer for the two)
        assert events(demo_url, "sidvisning") == []  # kept, within the batch's time
    deadline = dt.datetime.now() + dt.timedelta(seconds=5)
    while not events(demo_url, "sidvisning") and dt.datetime.now() < deadline:
        PAGE_VIEWS._timer and PAGE_VIEWS._timer.join(0.1)
    views = events(demo_url, "sidvisning")
    assert [v["target"] for v in views] == ["/internkontroll?namnd=HSN",
                                            "/internkontroll?namnd=HSN&status=oppen"]
    assert all(v["username"] == "hsn" and v["role"] == "namnd" for v in views)
    with session_scope(demo_url) as s:
        stamped = s.scalars(select(AuditEvent.at).where(AuditEvent.kind == "sidvisning")).all()
    assert all(before <= at <= after for at in stamped)  # when they happened, not written


def test_a_full_batch_and_a_stopping_worker_write_at_once(demo_url, monkeypatch):
    from dashboard import audit as web_audit
    from dashboard.app import create_app

    monkeypatch.setattr(web_audit, "BATCH_MOST", 3)
    # A batch's time far longer than the test: only a full batch and the stop write.
    app = create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
                      "AUDIT_BATCH_MS": 600_000})
    client = app.server.test_client()
    log_in(client, "ledning")
    for n in range(4):
        view_page(app, client, f"?namnd=HSN&sida={n + 1}")
    assert len(events(demo_url, "sidvisning")) == 3  # the third filled the batch
    web_audit.PAGE_VIEWS.write()  # what the worker does when it stops (atexit)
    assert len(events(demo_url, "sidvisning")) == 4
    assert web_audit.PAGE_VIEWS._timer is None


def test_a_public_page_view_and_a_refused_one_are_not_recorded(app, client, demo_url):
    assert post_callback(client, router_body(app, client, "/")).status_code == 200
    assert post_callback(client, router_body(app, client, "/mal")).status_code == 401
    log_in(client, "ledning")
    assert post_callback(client, router_body(app, client, "/oppna-data")).status_code == 200
    assert post_callback(client, router_body(app, client, "/admin/import")).status_code == 403
    assert events(demo_url, "sidvisning") == []


def test_downloads_are_recorded_with_the_url_and_scope(client, demo_url):
    log_in(client, "hsn")
    table = client.get("/ladda-ner/atgarder/measures.csv?namnd=HSN")
    assert table.status_code == 200
    pdf = client.get(f"/namndrapport.pdf?namnd=HSN&period={PERIOD}")
    assert pdf.status_code == 200
    assert client.get(f"/namndrapport.pdf?namnd=RUN&period={PERIOD}").status_code == 403
    downloads = events(demo_url, "nedladdning")
    assert [d["target"] for d in downloads] == [
        "/ladda-ner/atgarder/measures.csv?namnd=HSN", f"/namndrapport.pdf?namnd=HSN&period={PERIOD}"]
    assert all(d["username"] == "hsn" and d["role"] == "namnd" for d in downloads)


def test_an_import_and_user_changes_from_the_command_line_are_recorded(
        demo_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", demo_url)
    path = tmp_path / "risker.csv"
    path.write_text("Kod;Titel;Nämnd;Ägare;Process;År;Sannolikhet;Konsekvens;Status\r\n"
                    "NY-R1;Ny risk;HSN;HSF;lon;2026;2;3;öppen\r\n", encoding="cp1252")
    assert main(["import", "risker", str(path), "--anvandare", "anna"]) == 0
    imported, = events(demo_url, "import")
    assert imported["username"] == "anna"
    assert imported["target"].startswith("import_runs/") and "risker.csv" in imported["target"]
    monkeypatch.setattr("sys.stdin", io.StringIO("ett-hemligt-losenord\n"))
    assert main(["user", "add", "berit", "--role", "namnd", "--namnd", "HSN"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("ett-annat-losenord\n"))
    assert main(["user", "set-password", "berit"]) == 0
    assert main(["user", "disable", "berit"]) == 0
    changes = [e["target"] for e in events(demo_url, "anvandarandring")
               if e["username"] != "demodata"]  # the demo's own users
    assert changes == ["add berit: roll namnd, nämnder HSN", "set-password berit: roll namnd, "
                       "nämnder HSN", "disable berit: roll namnd, nämnder HSN"]
    assert all("(kommandorad)" in e["username"] for e in events(demo_url, "anvandarandring")
               if e["username"] != "demodata")
    assert "hemligt" not in all_text(demo_url) and "annat-losenord" not in all_text(demo_url)


def test_admins_read_filter_and_download_the_log(app, client, demo_url):
    log_in(client, "hsn", "fel-losenord-123")
    log_in(client, "admin")
    assert client.get("/admin/granskningslogg").status_code == 200
    body = router_body(app, client, "/admin/granskningslogg")
    body["inputs"][1]["value"] = "?handelse=inloggning_misslyckad"
    shown = post_callback(client, body).json["response"]["_pages_content"]["children"]
    assert "Händelse 1–1 av 1, nyast först" in json.dumps(shown, ensure_ascii=False)
    csv = client.get("/ladda-ner/granskningslogg/events.csv?handelse=inloggning_misslyckad")
    assert csv.status_code == 200
    lines = csv.data.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Tid;Vem;Händelse") and len(lines) == 2
    assert ";hsn;Misslyckad inloggning;Lösenord;" in lines[1]
    everything = client.get("/ladda-ner/granskningslogg/events.csv?vem=adm").data.decode()
    assert "Inloggning" in everything and "hsn" not in everything


def test_a_page_of_the_log_that_is_not_there_says_so(app, client):
    log_in(client, "admin")
    body = router_body(app, client, "/admin/granskningslogg")
    body["inputs"][1]["value"] = "?handelse=inloggning&sida=999"
    shown = json.dumps(post_callback(client, body).json["response"]["_pages_content"]["children"],
                       ensure_ascii=False)
    assert "granskningslogg-problem" in shown and "Sidan ”999” finns inte" in shown
    assert "Granskningslogg" in shown and "granskningslogg-lista" not in shown


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_a_name_typed_like_a_formula_is_text_in_the_download(client, extension):
    log_in(client, HYPERLINK, "vad-som-helst-1")
    log_in(client, "admin")
    download = client.get(f"/ladda-ner/granskningslogg/events.{extension}")
    assert download.status_code == 200
    assert live_formulas(download.data, extension) == []


@pytest.mark.parametrize("username", [None, "hsn", "ledning"])
def test_only_admins_reach_the_page_and_its_download(client, username):
    log_in(client, username)
    page = client.get("/admin/granskningslogg")
    download = client.get("/ladda-ner/granskningslogg/events.csv")
    expected = 302 if username is None else 403
    assert (page.status_code, download.status_code) == (expected, 401 if username is None
                                                        else 403)


def test_prune_removes_old_events_only(demo_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", demo_url)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    with session_scope(demo_url) as s:
        for days, name in ((400, "gammal"), (300, "mellan"), (1, "ny")):
            s.add(AuditEvent(at=now - dt.timedelta(days=days), username=name, kind="sidvisning"))
    assert main(["granskningslogg", "rensa"]) == 0
    assert kept(demo_url) == ["mellan", "ny"]
    assert "1 händelser" in capsys.readouterr().out
    monkeypatch.setenv("RODTRAD_AUDIT_DAYS", "30")
    assert main(["granskningslogg", "rensa"]) == 0
    assert kept(demo_url) == ["ny"]


def kept(url: str) -> list[str]:
    return [e["username"] for e in events(url, "sidvisning")]


def test_a_locked_database_skips_the_event_and_the_download_still_works(client, demo_url):
    path = sqlite_path(demo_url)
    if path is None:
        pytest.skip("SQLite's write lock only")
    log_in(client, "hsn")
    before = len(events(demo_url))
    lock = sqlite3.connect(path, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # as an import holds it
    try:
        assert client.get("/ladda-ner/atgarder/measures.csv?namnd=HSN").status_code == 200
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert len(events(demo_url)) == before


def test_kept_page_views_go_to_their_own_database(monkeypatch):
    from dashboard import audit as web_audit
    from data_access import audit as data_audit

    written = []
    monkeypatch.setattr(data_audit, "write", lambda engine, events: written.append(
        (engine, [e.target for e in events])) or True)
    views = web_audit.PageViews()
    first, second = object(), object()
    view = data_audit.Event(data_audit.PAGE_VIEW, target="/a")
    views.add(first, [view], 60)
    views.add(second, [data_audit.Event(data_audit.PAGE_VIEW, target="/b")], 60)
    assert written == [(first, ["/a"])]  # the other app's views, written before it takes over
    views.write()
    assert written[-1] == (second, ["/b"]) and views._timer is None
