"""The kommun demo (`rodtrad demo --profil kommun`, Östersunds kommun) proves that nothing is
bound to Region Jämtland Härjedalen: every declared page renders for every role that may open
it, in a kommun's words and with nothing of the region in it; so do the downloads and the
public API. One database and one app for the whole module (the load takes seconds)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil

import pytest
from sqlalchemy import select, text

from dashboard.core.wording import fill
from data_access import profile
from data_access.db import dispose_engines, migrate, session_scope
from data_access.demo import load_demo
from data_access.demo.users import KOMMUN_USERS
from data_access.models import Risk
from layouts.oversikt import NAMND_LEAD
from layouts.pages import page_modules
from tests.conftest import DEMO_AS_OF, DEMO_SEED
from tests.helpers import has_heading
from tests.test_access import WHO_MAY, log_in
from tests.test_api import API, get_json, path_args, query_params
from tests.test_pages_http import render_page

PASSWORDS = {name: password for name, password, *_ in KOMMUN_USERS}
ROLES = {None: "allmanhet", "bun": "namnd", "son": "namnd", "ledning": "ledning",
         "admin": "admin"}
# What would betray a region-bound page: the region's name, its codes, its council's words.
RJH_TEXT = re.compile(r"Jämtland|Härjedalen|RJH|Målbild 2050|\b[Rr]egion(en|ens|fullmäktige\w*"
                      r"|styrelsen|planen?s?)\b|\"0023\"")
BASE64 = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")
ERRORS = ("Något gick fel", "Internal Server Error", "Traceback")


@pytest.fixture(scope="module")
def kommun_url(kommun_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("kommun-http") / "kommun.db"
    shutil.copy(kommun_template, path)
    yield f"sqlite:///{path}"
    dispose_engines()


@pytest.fixture(scope="module")
def app(kommun_url):
    from dashboard.app import create_app

    return create_app({"DATABASE_URL": kommun_url, "TESTING": True, "SECRET_KEY": "test"})


def client_as(app, username: str | None):
    client = app.server.test_client()
    if username is not None:
        log_in(client, username, PASSWORDS[username])
    return client


def no_region_in(text_: str, where: str) -> None:
    text_ = BASE64.sub("", text_)  # an embedded image's bytes may spell anything
    found = RJH_TEXT.search(text_)
    assert found is None, f"{where}: {text_[max(found.start() - 80, 0):found.end() + 80]}"


# --- The data --------------------------------------------------------------------------


def fingerprint(url: str) -> str:
    digest = hashlib.sha256()
    with session_scope(url) as session:
        for table in ("org_units", "goals", "indicators", "measurements", "economy_entries",
                      "risks", "uppdrag", "state_grants", "comparison_measurements"):
            for row in session.execute(text(f"SELECT * FROM {table} ORDER BY id")):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_the_same_seed_gives_the_same_kommun(kommun_template, tmp_path):
    url = f"sqlite:///{tmp_path / 'again.db'}"
    migrate(url)
    with session_scope(url) as session:
        load_demo(session, seed=DEMO_SEED, as_of=DEMO_AS_OF, profil="kommun")
    assert fingerprint(url) == fingerprint(f"sqlite:///{kommun_template}")
    dispose_engines()


def test_the_profile_is_the_kommuns(kommun_url):
    with session_scope(kommun_url) as session:
        stored = profile.read(session)
        top = session.execute(text("SELECT code, name, level FROM org_units WHERE parent_id "
                                   "IS NULL")).one()
        namnder = set(session.execute(text("SELECT name FROM org_units WHERE level = 'namnd'"))
                      .scalars())
        areas = set(session.execute(text("SELECT DISTINCT area_code FROM "
                                         "comparison_measurements")).scalars())
    assert (stored.name, stored.kind, stored.kolada_area) == ("Östersunds kommun", "kommun", "2380")
    assert tuple(top) == ("OSTK", "Östersunds kommun", "region")  # the root level of any tree
    assert {"Kommunstyrelsen", "Barn- och utbildningsnämnden", "Socialnämnden"} <= namnder
    # Kolada comparisons come from the profile's comparison set.
    assert areas == {"0000", *(area.code for area in stored.areas)}


def test_an_unknown_demo_profile_is_refused(sqlite_url):
    with session_scope(sqlite_url) as session, pytest.raises(ValueError, match="demoprofil"):
        load_demo(session, profil="landsting")


# --- Every page, every role --------------------------------------------------------------


@pytest.mark.parametrize("username", list(ROLES), ids=[u or "allmanhet" for u in ROLES])
def test_every_page_renders_in_a_kommuns_words(app, username):
    client = client_as(app, username)
    shown = 0
    for module in page_modules():
        page = module.PAGE
        if ROLES[username] not in WHO_MAY[page.access]:
            continue
        content = render_page(client, app, page.path)
        where = f"{page.path} as {username}"
        if page.key != "risk":  # one risk's page asks which (shown with a code below)
            assert f'"{page.key}-problem"' not in content, where
        assert not any(error in content for error in ERRORS), where
        # Its heading and lead, in the kommun's words (a nämnd member lands on Min nämnd).
        title, lead = page.title, page.lead
        if page.key == "oversikt" and ROLES[username] == "namnd":
            title, lead = "Min nämnd: ", NAMND_LEAD
            assert f'"children": "{title}' in content, where
        else:
            assert has_heading(content, fill(title, "kommun")), where
        assert fill(lead, "kommun") in content, where
        no_region_in(content, where)
        shown += 1
    assert shown >= (4 if username is None else 10)


VIEWS = (
    ("/", "", ("hela kommunen", "Hela kommunen, belopp i mnkr", "kommunens resultat")),
    ("/mal", "", ("Kommunens mål hänger ihop", "kommunfullmäktige beslutar om", "Vision 2040")),
    ("/mal", "?goal=BUN-M1", ("Fler elever når kunskapskraven",)),
    ("/mal/indikator", "?code=OST-UTB-002&unit=BUN", ("kunskapskraven i alla ämnen",)),
    ("/mal/kvalitet", "?namnd=BUN", ("Barn- och utbildningsnämnden",)),
    ("/mal/uppdrag", "", ("kommunfullmäktige, kommunstyrelsen och nämnderna",
                          "Kommunfullmäktige")),
    ("/ekonomi", "", ("för hela kommunen", "Kommun", "Kommunfullmäktiges långsiktiga finansiella",
                      "bokförs direkt på kommunen")),
    ("/ekonomi", "?unit=SN", ("Socialnämnden", "Köpt verksamhet")),
    ("/ekonomi/statsbidrag", "", ("Statsbidrag för likvärdig skola",)),
    ("/ekonomi/atgarder", "", ("Hemmaplanslösningar",)),
    ("/ekonomi/prognossakerhet", "", ("bokförs på kommunen gemensamt",)),
    ("/internkontroll", "?namnd=SN", ("Köpta placeringar",)),
    ("/internkontroll/plan", "?namnd=VON", ("Vård- och omsorgsnämnden",)),
    ("/namndrapport", "?namnd=SN", ("Socialnämnden",)),
    ("/oppna-data", "", ("som kommunen har beslutat att publicera",)),
    ("/oppna-data/mal", "", ("Kommunens mål", "kommunfullmäktiges målområden")),
    ("/oppna-data/nyckeltal", "?code=N01951", ("Invånare totalt", "Sundsvall")),
    ("/oppna-data/api", "", ("Bara det som kommunen har publicerat",)),
)


def test_the_kommuns_own_views_name_its_things(app, kommun_url):
    client = client_as(app, "ledning")
    with session_scope(kommun_url) as session:
        risk = session.scalar(select(Risk.code).where(Risk.code.like("SN-%")).order_by(Risk.id))
    for path, search, expected in (*VIEWS, ("/internkontroll/risk", f"?code={risk}", ("SN",))):
        content = render_page(client, app, path, search)
        where = path + search
        assert "-problem\"" not in content, where
        for words in expected:
            assert words in content, (where, words)
        no_region_in(content, where)


def test_the_tab_title_and_the_login_page_say_kommun(app):
    client = client_as(app, None)
    assert 'content="Kommunens mål – Rödtråd"' in client.get("/oppna-data/mal").get_data(
        as_text=True)
    login = client.get("/login").get_data(as_text=True)
    assert "medarbetare i kommunen" in login
    no_region_in(login, "/login")


# --- Downloads -----------------------------------------------------------------------------


def download_links(rendered: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'"href": "(/ladda-ner/[^"]+)"', rendered)))


def test_every_table_downloads_in_the_kommuns_words(app):
    client = client_as(app, "ledning")
    fetched = 0
    for module in page_modules():
        page = module.PAGE
        if page.tables is None or page.access == "admin":
            continue
        for link in download_links(render_page(client, app, page.path)):
            for extension in ("csv", "xlsx"):
                response = client.get(re.sub(r"\.(csv|xlsx)(?=\?|$)", f".{extension}", link))
                assert response.status_code == 200, link
                fetched += 1
                if extension == "csv":
                    no_region_in(response.data.decode("utf-8-sig"), link)
    assert fetched >= 20
    report = client.get("/namndrapport.pdf?namnd=SN")
    assert report.status_code == 200 and report.data.startswith(b"%PDF")


# --- The public API ---------------------------------------------------------------------------


def test_the_api_describes_and_serves_the_kommun(app):
    client = client_as(app, None)
    doc = client.get(f"{API}/openapi.json").get_json()
    assert doc["info"]["title"] == "Öppna data från Östersunds kommun"
    assert "som kommunen har beslutat" in doc["info"]["description"]
    assert "Sundsvall, Umeå och Luleå" in doc["info"]["description"]
    no_region_in(str(doc), "openapi.json")
    # Every documented path answers, with each documented example (taken from the kommun's
    # own data: no example names something only the region has).
    for path, item in doc["paths"].items():
        operation = item["get"]
        get_json(client, doc, path, path_args=path_args(operation))
        for param in query_params(operation):
            value = param.get("example", param["schema"].get("default"))
            get_json(client, doc, path, params={param["name"]: value},
                     path_args=path_args(operation))
    _, body = get_json(client, doc, "/comparisons", params={"indicator": "N01951",
                                                            "per_page": 500})
    assert {row["area"] for row in body["data"]} == {"0000", "2281", "2480", "2580"}


def test_the_open_data_files_are_the_kommuns(app):
    client = client_as(app, None)
    rows = list(csv.DictReader(io.StringIO(client.get("/oppna-data/filer/alla-nyckeltal.csv")
                                           .data.decode("utf-8-sig")), delimiter=";"))
    assert rows and {r["Licens"] for r in rows} == {"CC BY 4.0"}
    assert "Östersunds kommun" in {r["Organisationsenhet"] for r in rows}
    document = client.get("/oppna-data/filer/nyckeltal/N01951.json").get_json()
    (indicator,) = document["indicators"]
    assert indicator["values"] and indicator["comparisons"]
    assert "Östersunds kommun" in str(document["meta"])
