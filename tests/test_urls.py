"""Page URLs are built in one place, with stable query strings for permalinks."""

import dash
import pytest

from dashboard.app import create_app
from dashboard.core import urls
from layouts.pages import page_keys


@pytest.fixture
def empty_app(sqlite_url):
    return create_app({"DATABASE_URL": sqlite_url, "TESTING": True, "SECRET_KEY": "test"})


def test_every_page_path_is_registered(empty_app):
    registered = {page["path"] for page in dash.page_registry.values()}
    assert registered == set(urls.PAGE_PATHS.values())


def test_navigation_order_follows_the_declarations(empty_app):
    keys = page_keys()
    assert [p["path"] for p in dash.page_registry.values()] == [urls.page_path(k) for k in keys]
    assert keys[:2] == ["oversikt", "mal"] and keys[-2:] == ["anvandare", "profil"]


def test_page_url_without_arguments(empty_app):
    assert urls.page_url("oversikt") == "/"
    assert urls.page_url("oppna_data") == "/oppna-data"


def test_page_url_sorts_arguments_and_drops_empty_ones(empty_app):
    url = urls.page_url("ekonomi", year=2026, unit="HSN", empty="", missing=None)
    assert url == "/ekonomi?unit=HSN&year=2026"


def test_page_url_quotes_swedish_and_spaces(empty_app):
    assert urls.page_url("mal", q="Hälso- och sjukvård") == "/mal?q=H%C3%A4lso-%20och%20sjukv%C3%A5rd"


def test_unknown_page_is_an_error():
    with pytest.raises(KeyError):
        urls.page_path("finns-inte")


def test_query_string_is_empty_without_arguments():
    assert urls.query_string({}) == ""
    assert urls.query_string({"a": None}) == ""


def test_query_strings_encode_as_urlencode_does():
    from urllib.parse import quote, urlencode

    values = ["HSF-PV", "2026-DELAR", "a b", "åäö", "x/y", "1+1", "50%", "~._-", "", "ÅR&x=1",
              "\u00ad", "kod?", 2026, 3.5]
    for value in values:
        args = {"unit": value, "q": "vård och omsorg", "year": 2026}
        expected = [(k, str(v)) for k, v in sorted(args.items()) if v not in (None, "")]
        assert urls.query_string(args) == "?" + urlencode(expected, quote_via=quote)
    assert urls.query_string({"a": None, "b": ""}) == ""


@pytest.mark.parametrize("args", [{}, {"unit": "old", "year": 2026, "month": None},
                                  {"a": "x y", "zz": "å", "sort": "", "storbild": "1"},
                                  {"unit": "q", "vecka": 3}])
def test_query_strings_of_one_varying_argument_equal_query_string(args):
    built = urls.query_strings(args, "unit")
    for code in ["HSF-PV", "ÅR&x=1", "a b", "50%"]:
        assert built(code) == urls.query_string({**args, "unit": code})


def test_the_pages_ids_are_those_of_dashs_page_container():
    """Dash's private ids, named once in dashboard.core.urls, still name its page container's parts."""
    parts = {child.id: type(child).__name__ for child in dash.page_container.children}
    assert parts[urls.PAGES_LOCATION] == "Location"
    assert parts[urls.PAGES_CONTENT] == "Div"
    assert parts[urls.PAGES_STORE] == "Store"
