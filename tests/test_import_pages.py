"""The Import and Importlogg pages over HTTP, as the browser posts their callbacks: an
administrator dry-runs, reads the report and commits; nobody else may run either callback;
too big a file and a commit without a dry run are refused in Swedish, whatever receipt of a
dry run the browser forges."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json

import dash
import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from callbacks import importera as cb
from data_access.db import get_engine
from data_access.importers import KINDS
from data_access.models import ImportRun, Measurement, OrgUnit, Risk
from tests.helpers import readable
from tests.test_access import csrf_token, log_in
from tests.test_pages_http import render_page, shell_texts

IMPORT_KEY = "..importera-rapport.children...importera-spara.disabled...importera-provad.data.."
GOOD = ("Kod;Titel;Nämnd;Ägare;Process;År;Sannolikhet;Konsekvens;Status\r\n"
        "WEB-R1;Risk från webben;HSN;HSF;lon;2026;3;4;öppen\r\n").encode("utf-8-sig")
BAD = ("Kod;Titel;Nämnd;Ägare;Process;År;Sannolikhet;Konsekvens;Status\r\n"
       "WEB-R1;Risk;HSN;HSF;lon;2026;7;4;öppen\r\n").encode("utf-8-sig")
# What the browser kept after a dry run before receipts were signed: anyone could write it.
FORGED = {"sha256": hashlib.sha256(GOOD).hexdigest(), "kind": "risker", "skip": False,
          "user": "admin"}


def data_url(content: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(content).decode("ascii")


def import_body(trigger: str, content: bytes | None, kind: str = "risker", skip=False,
                tested=None, filename: str = "risker.csv", source: str | None = None) -> dict:
    """The JSON the browser posts when a button is clicked on the Import page."""
    clicks = {"importera-provkor": 0, "importera-spara": 0, trigger: 1}
    inputs = [
        {"id": "importera-provkor", "property": "n_clicks", "value": clicks["importera-provkor"]},
        {"id": "importera-spara", "property": "n_clicks", "value": clicks["importera-spara"]},
    ]
    state = [
        {"id": "importera-fil", "property": "contents",
         "value": None if content is None else data_url(content)},
        {"id": "importera-fil", "property": "filename", "value": filename},
        {"id": "importera-sort", "property": "value", "value": kind},
        {"id": "importera-hoppa", "property": "value", "value": skip},
        {"id": "importera-provad", "property": "data", "value": tested},
        {"id": "importera-kalla", "property": "value", "value": source},
    ]
    outputs = [{"id": i, "property": p} for i, p in (
        ("importera-rapport", "children"), ("importera-spara", "disabled"),
        ("importera-provad", "data"))]
    return {"output": IMPORT_KEY, "outputs": outputs, "inputs": inputs, "state": state,
            "changedPropIds": [f"{trigger}.n_clicks"]}


def post(client, body: dict):
    client.get("/")  # the pages router exists after the first request
    return client.post("/_dash-update-component", json=body,
                       headers={"X-CSRFToken": csrf_token(client)})


def answer(response) -> tuple[str, bool, object]:
    """(report as text, commit disabled, dry-run fingerprint) from a callback response."""
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    found = response.get_json()["response"]
    return (json.dumps(found["importera-rapport"]["children"], ensure_ascii=False),
            found["importera-spara"]["disabled"], found["importera-provad"]["data"])


def web_risks(url: str) -> int:
    with Session(get_engine(url)) as session:
        return session.scalar(select(func.count()).select_from(Risk).where(
            Risk.code.like("WEB-%")))


def test_an_administrator_dry_runs_then_imports(client, app, demo_url):
    log_in(client, "admin")
    report, disabled, tested = answer(post(client, import_body("importera-provkor", GOOD)))
    assert "Provkörning: Klar" in report and "1 nya" in report and "WEB-R1" in report
    assert disabled is False and isinstance(tested, str) and "WEB-R1" not in tested
    assert web_risks(demo_url) == 0
    report, disabled, tested = answer(post(client, import_body("importera-spara", GOOD,
                                                               tested=tested)))
    assert "Import: Klar" in report and disabled is True and tested is None
    assert web_risks(demo_url) == 1
    with Session(get_engine(demo_url)) as session:
        run = session.scalars(select(ImportRun).order_by(ImportRun.id.desc())).first()
        assert (run.username, run.file_name, run.dry_run, run.outcome) == \
            ("admin", "risker.csv", False, "ok")
    log = render_page(client, app, "/admin/importlogg")
    assert "risker.csv" in log and "Provkörning, klar" in log and "Anders" not in log


def test_a_failed_dry_run_shows_every_problem_and_keeps_import_disabled(client, demo_url):
    log_in(client, "admin")
    report, disabled, tested = answer(post(client, import_body("importera-provkor", BAD)))
    assert "Provkörning: Fel" in report and "Sannolikhet" in report
    assert "ska vara ett heltal från 1 till 4" in report
    assert disabled is True and tested is None


def test_a_commit_needs_a_dry_run_of_the_same_file_and_choices(client, demo_url):
    log_in(client, "admin")
    _, _, tested = answer(post(client, import_body("importera-provkor", GOOD)))
    for body in (import_body("importera-spara", GOOD, tested=None),
                 import_body("importera-spara", GOOD, skip=True, tested=tested),
                 import_body("importera-spara", GOOD + b"X;Y", tested=tested)):
        report, disabled, _ = answer(post(client, body))
        assert "Provkör filen först" in report and disabled is True
    assert web_risks(demo_url) == 0


def test_an_administrator_imports_a_file_through_its_sources_mappings(client, demo_url):
    """The demo maps Stratsys's "HC Brunflo" and a mätetal's name to our codes."""
    log_in(client, "admin")
    stratsys = ("Indikator;Enhet;Period;Värde totalt;Källa\r\n"
                "Basala hygienrutiner;HC Brunflo;2026-08-01;66 %;Stratsys\r\n").encode()
    options = {"kind": "matvarden", "filename": "stratsys.csv"}
    report, disabled, _ = answer(post(client, import_body("importera-provkor", stratsys,
                                                          **options)))
    assert "Provkörning: Fel" in report and "det finns ingen enhet med den koden" in report
    report, disabled, tested = answer(post(client, import_body(
        "importera-provkor", stratsys, source=" Stratsys ", **options)))
    assert "Provkörning: Klar" in report and disabled is False, report
    report, disabled, _ = answer(post(client, import_body(  # another source: dry-run again
        "importera-spara", stratsys, source="annat", tested=tested, **options)))
    assert "Provkör filen först" in report
    report, disabled, _ = answer(post(client, import_body(
        "importera-spara", stratsys, source="stratsys", tested=tested, **options)))
    assert "Import: Klar" in report, report
    with Session(get_engine(demo_url)) as session:
        assert session.scalar(select(Measurement.value_total).join(
            OrgUnit, OrgUnit.id == Measurement.unit_id).where(
            OrgUnit.code == "HSF-PV-HC-BRUNFLO", Measurement.period == "2026-T2",
            Measurement.source == "Stratsys")) == 66.0


def test_too_big_a_file_is_refused_in_swedish(client, demo_url, monkeypatch):
    monkeypatch.setattr(cb, "MAX_UPLOAD_BYTES", 100)
    log_in(client, "admin")
    report, disabled, _ = answer(post(client, import_body("importera-provkor", GOOD * 5)))
    assert "här tas filer på högst" in report and "rodtrad import" in report
    assert disabled is True


def test_no_file_is_asked_for(client):
    log_in(client, "admin")
    report, disabled, _ = answer(post(client, import_body("importera-provkor", None)))
    assert "Välj en fil först" in report and disabled is True


@pytest.mark.parametrize("username", [None, "hsn", "ledning"])
def test_nobody_but_an_administrator_may_import(client, demo_url, username):
    log_in(client, username)
    before = web_risks(demo_url)
    for trigger in ("importera-provkor", "importera-spara"):
        response = post(client, import_body(trigger, GOOD, tested=FORGED))
        assert response.status_code == (401 if username is None else 403)
        assert "WEB-R1" not in response.get_data(as_text=True)
    template = {"output": "importera-mall.data", "outputs": {"id": "importera-mall",
                                                             "property": "data"},
                "inputs": [{"id": "importera-mall-xlsx", "property": "n_clicks", "value": 1},
                           {"id": "importera-mall-csv", "property": "n_clicks", "value": 0}],
                "state": [{"id": "importera-sort", "property": "value", "value": "risker"}],
                "changedPropIds": ["importera-mall-xlsx.n_clicks"]}
    assert post(client, template).status_code in (401, 403)
    assert web_risks(demo_url) == before
    with Session(get_engine(demo_url)) as session:
        assert session.scalar(select(func.count()).select_from(ImportRun)) == 1  # the demo's


def test_a_template_downloads_for_the_chosen_kind(client):
    log_in(client, "admin")
    body = {"output": "importera-mall.data", "outputs": {"id": "importera-mall", "property": "data"},
            "inputs": [{"id": "importera-mall-xlsx", "property": "n_clicks", "value": 0},
                       {"id": "importera-mall-csv", "property": "n_clicks", "value": 1}],
            "state": [{"id": "importera-sort", "property": "value", "value": "budget"}],
            "changedPropIds": ["importera-mall-csv.n_clicks"]}
    response = post(client, body)
    assert response.status_code == 200
    sent = response.get_json()["response"]["importera-mall"]["data"]
    assert sent["filename"] == "budget-mall.csv"
    text = base64.b64decode(sent["content"]).decode("utf-8-sig")
    assert text.startswith("Enhet;Kostnadsslag;År;Månad;Belopp (tkr)")


def test_an_import_moves_the_footers_data_date(client, app):
    before, _ = shell_texts(client, app)
    log_in(client, "admin")
    content = ("Indikator;Enhet;Period;Värde totalt;Källa\r\n"
               "RJH-HR-002;HSF;2026-11;6,1;Heroma\r\n").encode("utf-8")
    _, _, tested = answer(post(client, import_body("importera-provkor", content,
                                                   kind="matvarden", filename="m.csv")))
    answer(post(client, import_body("importera-spara", content, kind="matvarden",
                                    filename="m.csv", tested=tested)))
    after, badge = shell_texts(client, app)
    # The end of November, unless that is still to come (never later than the import).
    expected = max(dt.date(2026, 10, 31), min(dt.date(2026, 11, 30), dt.date.today()))
    assert before == "Data per 2026-10-31" and after == f"Data per {expected.isoformat()}"
    assert badge is not None  # the demo data is still there


def signed(fingerprint: dict, key: str = "test") -> str:
    """A receipt signed with a key (the test app's SECRET_KEY is "test")."""
    return URLSafeTimedSerializer(key, salt=cb.DRY_RUN_SALT).dumps(fingerprint)


def test_a_forged_receipt_commits_nothing(client, demo_url):
    """No dry run, or a dry run of something else: whatever the browser sends, no commit."""
    log_in(client, "admin")
    _, _, other = answer(post(client, import_body("importera-provkor",
                                                  GOOD.replace(b"WEB-R1", b"WEB-R2"))))
    assert other is not None  # a real receipt, for another file
    forged = [
        FORGED,  # a plain fingerprint, such as the browser used to keep
        {key: value for key, value in FORGED.items() if key != "user"},
        json.dumps(FORGED),
        signed(FORGED, key="not-the-secret-key"),
        signed({**FORGED, "user": "ledning"}),  # a real signature, for another user
        signed({**FORGED, "kind": "mal"}),
        other,
        "",
        ["x"],
    ]
    for receipt in forged:
        report, disabled, kept = answer(post(client, import_body("importera-spara", GOOD,
                                                                 tested=receipt)))
        assert "Provkör filen först" in report and disabled is True and kept is None, receipt
    assert web_risks(demo_url) == 0
    with Session(get_engine(demo_url)) as session:
        assert not session.scalar(select(func.count()).select_from(ImportRun).where(
            ImportRun.dry_run.is_(False), ImportRun.kind == "risker"))


def test_a_receipt_expires(client, demo_url, monkeypatch):
    log_in(client, "admin")
    _, _, receipt = answer(post(client, import_body("importera-provkor", GOOD)))
    monkeypatch.setattr(cb, "DRY_RUN_VALID_SECONDS", -1)
    report, _, _ = answer(post(client, import_body("importera-spara", GOOD, tested=receipt)))
    assert "Provkör filen först" in report and web_risks(demo_url) == 0


def test_the_import_log_caption_agrees_with_its_count():
    assert cb.log_caption(1, 200) == "Den enda importen"
    assert cb.log_caption(3, 200) == "Alla 3 importer, nyaste först"
    assert cb.log_caption(200, 200) == "De senaste 200 importerna, nyaste först"


def test_the_page_says_what_a_person_needs_to_know(client, app):
    log_in(client, "admin")
    page = render_page(client, app, dash.page_registry["layouts.importera"]["path"])
    assert "Provkör först" in page and "tas inte bort" in page
    for kind in KINDS.values():  # every kind's columns, from the importer's own descriptions
        assert f'"importera-sort-{kind.name}"' in page
        assert all(f">{column.header}<" in readable(page)
                   for column in kind.columns)
    assert "docs/import.md" not in page and "rodtrad " not in page
