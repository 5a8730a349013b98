"""The open-data API against its own OpenAPI document: the document is valid OpenAPI 3.1, every
documented path answers as documented with every documented parameter, every page of every
list can be walked to the end, bad parameters give 400 with a Swedish message naming the
parameter (never 500), and answers carry ETag and Cache-Control (304 on If-None-Match).
Then the files to download: CSV and JSON, for one indicator and for all."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import create_engine, text

API = "/api/v1"
DOC_URI = "urn:rodtrad:openapi"
# Parameters naming something that must exist: an unknown code is a 400, not an empty list.
CODE_PARAMETERS = {"indicator", "unit", "area", "perspective", "followup"}


@pytest.fixture
def doc(client) -> dict:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def validator(doc: dict, pointer: str) -> Draft202012Validator:
    """A JSON Schema validator for the schema at `pointer` in the OpenAPI document."""
    registry = Registry().with_resource(DOC_URI, Resource(contents=doc, specification=DRAFT202012))
    return Draft202012Validator({"$ref": f"{DOC_URI}#{pointer}"}, registry=registry,
                                format_checker=FormatChecker())


def escape(path: str) -> str:
    """A path as a JSON Pointer token."""
    return path.replace("~", "~0").replace("/", "~1")


def answer_schema(doc: dict, path: str, status: str) -> Draft202012Validator:
    return validator(doc, f"/paths/{escape(path)}/get/responses/{status}/content/"
                          "application~1json/schema")


def url(path: str, params: dict | None = None, path_args: dict | None = None) -> str:
    for name, value in (path_args or {}).items():
        path = path.replace("{" + name + "}", value)
    return API + path + ("?" + urlencode(params) if params else "")


def get_json(client, doc, path: str, status: int = 200, **kwargs):
    """GET a documented path, check the status and that the body matches the documented schema."""
    response = client.get(url(path, **kwargs))
    assert response.status_code == status, (path, kwargs, response.data[:300])
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.get_json()
    answer_schema(doc, path, str(status)).validate(body)
    return response, body


def path_args(operation: dict) -> dict:
    return {p["name"]: p["example"] for p in operation["parameters"] if p["in"] == "path"}


def query_params(operation: dict) -> list[dict]:
    return [p for p in operation["parameters"] if p["in"] == "query"]


def bad_values(param: dict) -> list[str]:
    """Values the parameter's schema forbids (and, for codes, a code that does not exist)."""
    schema, bad = param["schema"], []
    if schema["type"] == "integer":
        bad += ["tre", "1.5", str(schema["minimum"] - 1)]
        if "maximum" in schema:
            bad.append(str(schema["maximum"] + 1))
        return bad
    if schema.get("minLength"):
        bad.append("")
    if "maxLength" in schema:
        bad.append("x" * (schema["maxLength"] + 1))
    if "pattern" in schema:
        bad += ["20x5", "2025-13"]
    if param["name"] in CODE_PARAMETERS and "pattern" not in schema:
        bad.append("FINNS-INTE")
    return bad


# --- The document ---------------------------------------------------------------------


def test_the_document_is_valid_openapi_with_licence_and_source(doc):
    validate_openapi(doc)
    assert doc["openapi"].startswith("3.1")
    assert "CC BY 4.0" in doc["info"]["license"]["name"]
    assert "Källa: Kolada" in doc["info"]["description"]
    assert doc["servers"] == [{"url": API}]
    assert {"/indicators", "/indicators/{code}", "/values", "/targets", "/comparisons",
            "/goals", "/units"} <= set(doc["paths"])


def test_the_document_describes_the_routes_that_exist(app, doc):
    rules = {rule.rule for rule in app.server.url_map.iter_rules()}
    for path in doc["paths"]:
        assert API + path.replace("{", "<").replace("}", ">") in rules, path


# --- Every path, every parameter --------------------------------------------------------


def test_every_documented_path_and_parameter_answers_as_documented(client, doc):
    for path, item in doc["paths"].items():
        operation = item["get"]
        response, body = get_json(client, doc, path, path_args=path_args(operation))
        assert response.headers["ETag"] and "max-age" in response.headers["Cache-Control"]
        for param in query_params(operation):
            value = param.get("example", param["schema"].get("default"))
            assert value is not None, (path, param["name"])
            get_json(client, doc, path, params={param["name"]: value},
                     path_args=path_args(operation))


def test_every_example_together_narrows_the_answer(client, doc):
    """All of a list's documented examples at once still answer, with fewer or equal rows."""
    for path, item in doc["paths"].items():
        operation = item["get"]
        examples = {p["name"]: p["example"] for p in query_params(operation)
                    if "example" in p and p["name"] not in ("page", "per_page")}
        if not examples or "{" in path:
            continue
        _, everything = get_json(client, doc, path)
        _, narrowed = get_json(client, doc, path, params=examples)
        assert narrowed["pagination"]["total"] <= everything["pagination"]["total"], path


def test_bad_parameters_give_400_with_a_swedish_message(client, doc):
    for path, item in doc["paths"].items():
        operation = item["get"]
        args = path_args(operation)
        for param in query_params(operation):
            for value in bad_values(param):
                _, body = get_json(client, doc, path, 400, params={param["name"]: value},
                                   path_args=args)
                assert body["parameter"] == param["name"], (path, param["name"], value)
                assert param["name"] in body["error"] or "finns" in body["error"]
            repeated = f"{url(path, path_args=args)}?{param['name']}=1&{param['name']}=2"
            response = client.get(repeated)
            assert response.status_code == 400 and "bara anges en gång" in response.get_json()["error"]
        _, body = get_json(client, doc, path, 400, params={"okand": "1"}, path_args=args)
        assert body["parameter"] == "okand" and "Okänd parameter" in body["error"]


def test_an_unknown_code_in_the_path_is_a_json_404(client, doc):
    _, body = get_json(client, doc, "/indicators/{code}", 404, path_args={"code": "FINNS-INTE"})
    assert "FINNS-INTE" in body["error"]
    response = client.get(f"{API}/inget-har")
    assert response.status_code == 404 and "error" in response.get_json()


def test_impossible_dates_and_pages_past_the_end_are_400(client, doc):
    _, body = get_json(client, doc, "/values", 400, params={"from": "2025-02-30"})
    assert body["parameter"] == "from"
    _, body = get_json(client, doc, "/units", 400, params={"page": 10_000})
    assert body["parameter"] == "page" and "finns inte" in body["error"]


# --- Pagination walked to the end -------------------------------------------------------


def walk(client, doc, path: str, params: dict) -> tuple[list, dict]:
    """Every row of a list, following `next` links; the first page's pagination."""
    _, body = get_json(client, doc, path, params=params)
    first, rows, pages = body["pagination"], list(body["data"]), 1
    assert first["previous"] is None
    while body["pagination"]["next"]:
        response = client.get(body["pagination"]["next"])
        assert response.status_code == 200
        body = response.get_json()
        answer_schema(doc, path, "200").validate(body)
        assert body["pagination"]["previous"]
        rows += body["data"]
        pages += 1
    assert pages == first["pages"] and len(rows) == first["total"]
    return rows, first


def test_every_list_can_be_walked_to_the_end(client, doc):
    for path, item in doc["paths"].items():
        names = {p["name"] for p in query_params(item["get"])}
        if "page" not in names:
            continue
        rows, first = walk(client, doc, path, {"per_page": 500})
        keys = [json.dumps(row, sort_keys=True) for row in rows]
        assert len(set(keys)) == len(keys), f"{path}: a row came twice"
        if first["total"] > 7:  # the same rows in small pages, in the same order
            small, _ = walk(client, doc, path, {"per_page": 7} | (
                {"indicator": "N70061"} if "indicator" in names else {}))
            _, direct = get_json(client, doc, path, params={"per_page": 7} | (
                {"indicator": "N70061"} if "indicator" in names else {}))
            assert small[:7] == direct["data"]


def test_values_filter_by_period_and_unit(client, doc, app):
    engine = create_engine(app.server.config["DATABASE_URL"])
    with engine.connect() as conn:
        expected = conn.execute(text("""
            SELECT COUNT(*) FROM measurements m JOIN indicators i ON i.id = m.indicator_id
            JOIN org_units u ON u.id = m.unit_id
            WHERE i.published AND u.code = 'RJH' AND m.period_end BETWEEN '2024-01-01' AND '2025-06-30'
        """)).scalar_one()
    engine.dispose()
    rows, _ = walk(client, doc, "/values", {"unit": "RJH", "from": "2024", "to": "2025-06",
                                            "per_page": 500})
    assert len(rows) == expected > 0
    assert all(r["unit"] == "RJH" and "2024-01-01" <= r["period_end"] <= "2025-06-30" for r in rows)
    rows, _ = walk(client, doc, "/values", {"period": "2025-T1", "per_page": 500})
    assert rows and {r["period"] for r in rows} == {"2025-T1"}


# --- Caching ----------------------------------------------------------------------------


def test_an_unchanged_answer_is_304_and_a_changed_one_is_not(client, doc):
    first = client.get(f"{API}/units?per_page=5")
    etag = first.headers["ETag"]
    again = client.get(f"{API}/units?per_page=5", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag and "max-age" in again.headers["Cache-Control"]
    other = client.get(f"{API}/units?per_page=6", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag
    refused = client.get(f"{API}/units?per_page=0")
    assert refused.headers["Cache-Control"] == "no-store"


# --- Licence and source in the data -----------------------------------------------------


def test_every_answer_states_licence_source_and_data_date(client, doc):
    _, body = get_json(client, doc, "/indicators", params={"per_page": 1})
    assert body["meta"]["license"]["name"] == "CC BY 4.0"
    assert body["meta"]["source"] == "Region Jämtland Härjedalen"
    assert "Källa: Kolada" in body["meta"]["attribution"]
    assert body["meta"]["data_as_of"] == "2026-10-31" and body["meta"]["demo"] is True


def test_comparisons_are_kolada_areas(client, doc):
    rows, _ = walk(client, doc, "/comparisons", {"indicator": "N70061"})
    # The demo's comparison set: riket, every other region and the region's eight kommuner.
    areas = {r["area"] for r in rows}
    assert {"0000", "0022", "0024", "0025"} <= areas and "0023" not in areas
    assert len(areas) == 1 + 20 + 8 and sum(a.startswith("23") for a in areas) == 8
    assert {r["source"] for r in rows} == {"Kolada"}


# --- Files --------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode())  # Excel reads å, ä and ö
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_one_indicators_files(client):
    response = client.get("/oppna-data/filer/nyckeltal/RJH-HR-002.csv")
    assert response.status_code == 200 and response.headers["ETag"]
    assert 'filename="oppna-data_RJH-HR-002_2026-10-31.csv"' in response.headers["Content-Disposition"]
    rows = read_csv(response.data)
    assert rows and {r["Indikatorkod"] for r in rows} == {"RJH-HR-002"}
    assert {r["Licens"] for r in rows} == {"CC BY 4.0"}
    assert any(r["Kvinnor"] and r["Män"] for r in rows)  # women and men
    assert all("," in r["Utfall"] or r["Utfall"].lstrip("-").isdigit() for r in rows if r["Utfall"])
    document = client.get("/oppna-data/filer/nyckeltal/N70061.json").get_json()
    (indicator,) = document["indicators"]
    assert indicator["code"] == "N70061" and indicator["values"] and indicator["comparisons"]
    assert document["meta"]["license"]["name"] == "CC BY 4.0"


def test_all_published_indicators_at_once(client, app):
    rows = read_csv(client.get("/oppna-data/filer/alla-nyckeltal.csv").data)
    engine = create_engine(app.server.config["DATABASE_URL"])
    with engine.connect() as conn:
        published = conn.execute(text("""SELECT COUNT(*) FROM measurements m
            JOIN indicators i ON i.id = m.indicator_id WHERE i.published""")).scalar_one()
        codes = set(conn.execute(text("SELECT code FROM indicators WHERE published")).scalars())
    engine.dispose()
    assert len(rows) == published
    assert {r["Indikatorkod"] for r in rows} <= codes
    document = client.get("/oppna-data/filer/alla-nyckeltal.json").get_json()
    assert {i["code"] for i in document["indicators"]} == codes
    assert sum(len(i["values"]) for i in document["indicators"]) == published


def test_an_unknown_indicators_file_is_404(client):
    for extension in ("csv", "json"):
        response = client.get(f"/oppna-data/filer/nyckeltal/FINNS-INTE.{extension}")
        assert response.status_code == 404 and "FINNS-INTE" in response.get_json()["error"]
