"""Static files compressed once per process, brotli where the browser takes it, and kept a
year when their address changes with their content (dashboard/static_files.py)."""

from __future__ import annotations

import gzip
import re

import brotli

from dashboard.static_files import VENDOR_DIR

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def test_each_precompressed_vendor_file_is_its_file():
    packed = sorted(VENDOR_DIR.glob("*.br"))
    assert {p.name for p in packed} >= {"plotly-rodtrad.min.js.br", "bootstrap.min.css.br"}
    for path in packed:
        assert brotli.decompress(path.read_bytes()) == path.with_suffix("").read_bytes(), path


def dash_bundle(client) -> str:
    html = client.get("/").get_data(as_text=True)
    return re.search(r'src="(/_dash-component-suites/dash/dash-renderer/[^"]+)"', html).group(1)


def test_a_dash_bundle_is_sent_in_brotli_or_gzip_and_kept_a_year(client):
    url = dash_bundle(client)
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    packed = client.get(url, headers=BROWSER)
    assert packed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(packed.get_data()) == plain.get_data()
    assert "Accept-Encoding" in packed.headers["Vary"]
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.get_data()) == plain.get_data()
    cache = packed.headers["Cache-Control"]
    assert "immutable" in cache and "max-age=31536000" in cache and "public" in cache
    assert client.get(url, headers=BROWSER).get_data() == packed.get_data()  # from the cache


def test_an_asset_is_checked_unless_its_address_carries_its_mtime(client):
    fixed = client.get("/assets/app.css", headers=BROWSER)
    assert fixed.headers["Cache-Control"] == "no-cache" and fixed.headers["ETag"].endswith(':br"')
    assert client.get("/assets/app.css", headers=BROWSER | {
        "If-None-Match": fixed.headers["ETag"]}).status_code == 304
    stamped = client.get("/assets/app.css?m=1", headers=BROWSER)
    assert "immutable" in stamped.headers["Cache-Control"]


def test_our_plotly_bundle_is_sent_as_vendored_at_brotlis_best(client):
    from dashboard.bundles import PLOTLY_PATH

    packed = client.get("/" + PLOTLY_PATH, headers=BROWSER)
    assert packed.get_data() == (VENDOR_DIR / "plotly-rodtrad.min.js.br").read_bytes()


def test_pages_and_callbacks_are_left_to_flask_compress(client):
    page = client.get("/", headers=BROWSER)
    assert page.headers.get("Content-Encoding") == "zstd"  # flask-compress' first choice
    assert "immutable" not in page.headers.get("Cache-Control", "")
