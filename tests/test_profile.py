"""The organisation profile: its rules (data_access.profile), `rodtrad profil visa|satt`, its
migration, the demo's profile, the page Administration › Organisation over HTTP, and that the
public texts and the API description follow it."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select

from dashboard.cli import main
from data_access import profile
from data_access.db import alembic_config, get_engine, session_scope
from data_access.models import AuditEvent
from tests.test_access import log_in, payload, post_callback

PAGE = "/admin/profil"
KOMMUN = profile.Profile(name="Exempelby kommun", kind="kommun", kolada_area="2480",
                         publisher="Exempelby kommun, kommunstyrelsen", riket=True,
                         areas=(profile.Area("0180", "Stockholm"),), success_factors=True)


def stored(url: str) -> profile.Profile | None:
    with session_scope(url) as s:
        return profile.read(s)


# --- The rules -------------------------------------------------------------------------------


@pytest.mark.parametrize("changes, message", [
    ({"name": "  "}, "Namnet saknas"),
    ({"publisher": ""}, "Utgivaren saknas"),
    ({"kind": "stad"}, "region eller kommun"),
    ({"kolada_area": "24"}, "fyra siffror"),
    ({"kolada_area": "0024"}, "inte en kommun i Kolada"),
    ({"kind": "region", "kolada_area": "0002"}, "inte en region i Kolada"),
    ({"own_kommuner": True}, "Bara en region"),
    ({"areas": (profile.Area("2480", "Sig själv"),)}, "eget område"),
    ({"areas": (profile.Area("0000", "Riket"),)}, "rutan Riket"),
    ({"areas": (profile.Area("0180", "A"), profile.Area("0180", "B"))}, "två gånger"),
    ({"areas": (profile.Area("0180", ""),)}, "Namnet på område 0180 saknas"),
])
def test_a_bad_profile_is_refused_in_swedish(changes, message):
    with pytest.raises(profile.ProfileError, match=message):
        profile.check(replace(KOMMUN, **changes))


def test_an_area_line_is_id_space_name():
    assert profile.parse_area(" 0180   Stockholm ") == profile.Area("0180", "Stockholm")
    with pytest.raises(profile.ProfileError, match="fyra siffror, ett mellanslag och namnet"):
        profile.parse_area("Stockholm")


def test_the_kolada_areas_of_a_region(db_url):
    region = profile.Profile("Region Exempel", "region", "0020", "Region Exempel", riket=True,
                             all_regions=True, own_kommuner=True,
                             areas=(profile.Area("0180", "Stockholm"),))
    with session_scope(db_url) as s:
        assert profile.kolada_areas(s) is None
        profile.save(s, region, by="test")
    with session_scope(db_url) as s:
        areas = profile.kolada_areas(s)
    assert areas.own == "0020" and len(areas.regions) == 20 and "0020" not in areas.regions
    assert [a.code for a in areas.named] == ["0000", "0180"]
    assert all(areas.includes(code) for code in ("0000", "0001", "0180", "2021", "2080"))
    assert not any(areas.includes(code) for code in ("0020", "1480", "9999"))


# --- The command line ------------------------------------------------------------------------


def test_the_cli_sets_and_shows_the_profile(monkeypatch, capsys, db_url):
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert main(["profil", "visa"]) == 1
    assert "Ingen organisationsprofil är satt ännu" in capsys.readouterr().err
    assert main(["profil", "satt", "--namn", "Exempelby kommun"]) == 1
    assert "alla tre behövs första gången" in capsys.readouterr().err
    assert main(["profil", "satt", "--namn", "Exempelby kommun", "--typ", "kommun",
                 "--kolada", "2480", "--jamfor", "0180 Stockholm",
                 "--jamfor", "1480 Göteborg"]) == 0
    assert "Klart" in capsys.readouterr().out
    assert main(["profil", "satt", "--utgivare", "Kommunstyrelsen", "--riket", "nej"]) == 0
    capsys.readouterr()
    assert main(["profil", "visa"]) == 0
    out = capsys.readouterr().out
    assert "Namn:\tExempelby kommun" in out and "Utgivare (licensen):\tKommunstyrelsen" in out
    assert "Jämförs med:\tStockholm och Göteborg" in out
    assert "Framgångsfaktorer:\tanvänds inte" in out
    assert main(["profil", "satt", "--framgangsfaktorer", "ja"]) == 0
    capsys.readouterr()
    assert main(["profil", "visa"]) == 0
    assert "Framgångsfaktorer:\tanvänds\n" in capsys.readouterr().out
    with session_scope(db_url) as s:
        events = s.scalars(select(AuditEvent.kind).where(AuditEvent.kind == "profilandring"))
        assert len(list(events)) == 3


@pytest.mark.parametrize("argv, message", [
    (["--kolada", "123"], "Kolada-id ska vara fyra siffror"),
    (["--egna-kommuner", "ja"], "Bara en region"),
    (["--jamfor", "Stockholm"], "fyra siffror, ett mellanslag och namnet"),
    (["--namn", " "], "Namnet saknas"),
])
def test_the_cli_refuses_bad_input_in_one_swedish_line_and_writes_nothing(
        monkeypatch, capsys, sqlite_url, argv, message):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    with session_scope(sqlite_url) as s:
        profile.save(s, KOMMUN, by="test")
    capsys.readouterr()
    assert main(["profil", "satt", *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rodtrad: ") and message in err and len(err.strip().splitlines()) == 1
    assert stored(sqlite_url) == KOMMUN


def test_the_cli_refuses_an_unknown_kind_as_argparse_does(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["profil", "satt", "--typ", "stad"])
    assert exc.value.code == 2


# --- The migration and the demo ----------------------------------------------------------------


def test_migration_0013_adds_the_profile_tables_and_takes_them_away(db_url):
    tables = {"organisation_profile", "profile_comparison_areas"}
    assert tables <= set(inspect(get_engine(db_url)).get_table_names())
    command.downgrade(alembic_config(db_url), "0012")
    assert not tables & set(inspect(get_engine(db_url)).get_table_names())
    command.upgrade(alembic_config(db_url), "head")
    with session_scope(db_url) as s:
        profile.save(s, KOMMUN, by="test")
    assert stored(db_url) == KOMMUN


def test_the_demo_loads_its_profile(demo_url):
    demo = stored(demo_url)
    assert (demo.kind, demo.kolada_area, demo.riket) == ("region", "0023", True)
    assert demo.publisher == demo.name == "Region Jämtland Härjedalen"
    assert [a.code for a in demo.areas] == ["0022", "0024", "0025"]


# --- The page over HTTP ----------------------------------------------------------------------


def rendered(app, client, path: str, search: str = "") -> str:
    from tests.test_auth import router_body

    body = router_body(app, client, path)
    body["inputs"][1]["value"] = search
    response = post_callback(client, body)
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def post_save(app, client, **fields) -> str:
    """Click Spara with the form's fields (default: the Exempelby kommun), as the browser
    posts it; the answer's text."""
    client.get("/healthz")
    key = next(k for k, cb in app.callback_map.items()
               if cb.get("inputs") and cb["inputs"][0]["id"] == "profil-spara")
    body = payload(key, app.callback_map[key], pathname=PAGE)
    values = {"profil-spara": 1, "profil-namn": KOMMUN.name, "profil-typ": "kommun",
              "profil-kolada": "2480", "profil-utgivare": KOMMUN.publisher,
              "profil-jamfor": ["riket"], "profil-omraden": "0180 Stockholm\n\n",
              "profil-malnivaer": ["framgangsfaktorer"]}
    values.update({f"profil-{name}": value for name, value in fields.items()})
    for item in (*body["inputs"], *body["state"]):
        item["value"] = values[item["id"]]
    response = post_callback(client, body)
    assert response.status_code in (200, 403), response.data
    return response.status_code, json.dumps(response.get_json(), ensure_ascii=False)


def test_the_page_is_for_administrators_and_shows_the_stored_profile(app, client):
    assert client.get(PAGE).status_code == 302
    log_in(client, "ledning")
    assert client.get(PAGE).status_code == 403
    log_in(client, "admin")
    assert client.get(PAGE).status_code == 200
    page = rendered(app, client, PAGE)
    assert "Region Jämtland Härjedalen" in page and "0023" in page
    assert "0022 Region Västernorrland\\n0024 Region Västerbotten" in page
    assert '"Organisation"' in page  # the admin navigation's entry


def test_saving_the_form_stores_the_profile_and_the_texts_follow_it(app, client, demo_url):
    log_in(client, "admin")
    status, answer = post_save(app, client)
    assert status == 200 and "Sparat: Exempelby kommun" in answer, answer
    assert stored(demo_url) == KOMMUN
    with session_scope(demo_url) as s:
        assert s.scalar(select(AuditEvent.username).where(
            AuditEvent.kind == "profilandring")) == "admin"

    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["info"]["title"] == "Öppna data från Exempelby kommun"
    comparisons = spec["paths"]["/comparisons"]["get"]["description"]
    assert "riket och Stockholm" in comparisons and "kommunen" in comparisons
    meta = client.get("/api/v1/").get_json()["meta"]
    assert meta["source"] == KOMMUN.publisher
    for path, search in (("/oppna-data/api", ""), ("/oppna-data", ""), ("/oppna-data/mal", ""),
                         ("/oppna-data/nyckeltal", "?code=N70061")):
        text = rendered(app, client, path, search)
        assert f"Ange källan: {KOMMUN.publisher} och Rödtråd" in text or \
            f"Ange {KOMMUN.publisher} och Rödtråd som källa" in text, path
    nyckeltal = rendered(app, client, "/oppna-data/nyckeltal", "?code=N70061")
    # The comparisons name the organisation, and a kommun is ranked among kommuner.
    assert "Exempelby kommun och Riket" in nyckeltal and "Median, kommunerna" in nyckeltal


@pytest.mark.parametrize("fields, message", [
    ({"namn": ""}, "Namnet saknas"),
    ({"kolada": "24"}, "Kolada-id ska vara fyra siffror"),
    ({"typ": "stad"}, "Välj typ"),
    ({"jamfor": ["egna_kommuner"]}, "Bara en region"),
    ({"jamfor": ["allt"]}, "Jämförelserna kom inte fram"),
    ({"omraden": "0180 Stockholm\nGöteborg"}, "”Göteborg” ska skrivas som"),
    ({"omraden": ["0180"]}, "Jämförelseområdena kom inte fram"),
    ({"malnivaer": ["delmal"]}, "Målnivåerna kom inte fram"),
    # The demo region has framgångsfaktorer: they cannot be switched off under it.
    ({"malnivaer": []}, "framgångsfaktorer inlagda, så de kan inte slås av"),
])
def test_bad_form_input_is_refused_in_swedish_and_nothing_is_saved(app, client, demo_url,
                                                                   fields, message):
    before = stored(demo_url)
    log_in(client, "admin")
    status, answer = post_save(app, client, **fields)
    assert status == 200 and "Inget sparades." in answer and message in answer, answer
    assert stored(demo_url) == before
    with session_scope(demo_url) as s:
        assert s.scalar(select(AuditEvent.id).where(AuditEvent.kind == "profilandring")) is None


def test_a_crafted_save_by_a_non_admin_is_refused(app, client, demo_url):
    before = stored(demo_url)
    log_in(client, "ledning")
    status, _ = post_save(app, client)
    assert status == 403
    assert stored(demo_url) == before


# --- Nothing about the demo region in the code -------------------------------------------------

PROJECT = Path(__file__).resolve().parents[1]
REGION_WORDS = re.compile(r"Jämtland|Härjedalen|RJH|0023|Västernorrland|Västerbotten|"
                          r"Norrbotten|grannregion", re.IGNORECASE)
# Left for now, each with its reason (remove the line when the file is clean):
STILL_NAMING = {
    # Kolada's ids and names of all 21 regions (the "alla regioner" comparison set, also the
    # demo's), moved here from the importer; the importer's own area and comparisons come
    # from the profile (profile.kolada_areas)
    "data_access/profile.py",
    # the import templates' example rows must name codes that exist in the demo (every
    # template imports into the demo: tests/test_import_roundtrip.py)
    "data_access/importers/kinds.py",
}


def test_nothing_about_the_demo_region_remains_in_the_code_outside_the_demo():
    found = []
    for folder in ("dashboard", "callbacks", "layouts", "data_access"):
        for path in sorted((PROJECT / folder).rglob("*")):
            name = path.relative_to(PROJECT).as_posix()
            if (path.suffix not in (".py", ".html") or name in STILL_NAMING
                    or name.startswith(("data_access/demo/", "data_access/migrations/"))):
                continue
            found += [f"{name}:{number}: {line.strip()}"
                      for number, line in enumerate(path.read_text().splitlines(), start=1)
                      if REGION_WORDS.search(line)]
    assert found == []
