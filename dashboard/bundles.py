"""What JavaScript the index page loads, and what waits until a page draws it.

Every page shares one index page, so every script in it is paid on every first load. Two
large bundles are only needed by some pages, and load when a page first draws them:

- Dash's **DataTable** (`dash_table`, unused today): its `<script>` tag is taken out of the
  index page, and `assets/boot/lazy.js` puts a small stand-in component in its place. The
  stand-in loads the real bundle (a file from this host, so the CSP's `script-src 'self'`
  holds) the first time a page draws the component, then draws the real one. (AG Grid, which
  the Ekonomi page's table once was, is no longer used: the table is plain HTML.)
- **plotly.js**: `dcc.Graph` loads plotly.js itself, from
  `_dash-component-suites/plotly/package_data/plotly.min.js`, when it draws its first chart
  and `window.Plotly` is not there yet. That address answers with our own bundle
  (`assets/vendor/plotly-rodtrad.min.js`: the trace types we draw, the Swedish locale), so
  pages without a chart never load plotly.js, and pages with one load the small bundle.

And one bundle is replaced: Dash's `polyfill@7.12.1` (babel-polyfill: core-js for old
browsers, 33 kB compressed and the costliest script to start on a slow phone) by
`assets/vendor/regenerator-runtime.min.js`, the one global from it that Dash's component
bundles call (`regeneratorRuntime`, 3 kB).

`tests/test_bundles.py` fails if any of them comes back into the index page.
"""

from __future__ import annotations

import json
import re

import dash
import flask

from dashboard.config import ASSETS_DIR

LAZY_ASSET = "boot/lazy.js"
# namespace -> (its bundle's path under _dash-component-suites/, without the fingerprint,
# {component type: the static properties Dash's renderer looks for by name before the bundle
# is there ("dashRenderType": it then passes the prop `dashRenderType`)})
LAZY_COMPONENTS = {
    "dash_table": ("dash/dash_table/bundle.", {"DataTable": {}}),
}
POLYFILL = "dash/deps/polyfill@"
REGENERATOR_ASSET = "vendor/regenerator-runtime.min.js"
PLOTLY_BUNDLE = ASSETS_DIR / "vendor" / "plotly-rodtrad.min.js"
# Where dcc.Graph fetches plotly.js when it is served locally (dash-renderer sets it).
PLOTLY_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"


def _script_pattern(bundle: str) -> re.Pattern:
    """A bundle's script tag, as Dash writes it into the index page."""
    return re.compile(r'<script src="([^"]*/_dash-component-suites/' + re.escape(bundle)
                      + r'[^"/]+\.js)"></script>\n?')


def lazy_scripts(scripts: str, lazy_url: str, regenerator_url: str) -> str:
    """The index page's script tags with the lazy packages' bundles taken out, the stand-in
    script (that knows where each bundle is) first, and Dash's polyfill replaced."""
    polyfill = _script_pattern(POLYFILL).search(scripts)
    if polyfill is None:
        raise RuntimeError("Dash's index page has no polyfill to replace")
    scripts = scripts.replace(polyfill.group(0), f'<script src="{regenerator_url}"></script>\n')
    packages = {}
    for namespace, (bundle, components) in LAZY_COMPONENTS.items():
        found = _script_pattern(bundle).search(scripts)
        if found is None:
            raise RuntimeError(f"Dash's index page has no bundle of {namespace} to load lazily")
        packages[namespace] = {"src": found.group(1), "components": components}
        scripts = scripts.replace(found.group(0), "")
    spec = json.dumps(packages, separators=(",", ":")).replace("'", "&#39;")
    tag = f"<script src=\"{lazy_url}\" data-packages='{spec}'></script>\n"
    return tag + scripts


def plotly_bundle():
    """Our plotly.js bundle at the address dcc.Graph loads plotly.js from. Not fingerprinted,
    so the browser checks it (ETag) before reusing its copy."""
    response = flask.send_file(PLOTLY_BUNDLE, mimetype="text/javascript", conditional=True,
                               etag=True, max_age=None)
    response.headers["Cache-Control"] = "no-cache"
    return response


def init_app(app: dash.Dash) -> None:
    """Take the lazy bundles out of the index page and replace the polyfill; serve our
    plotly.js where dcc.Graph looks for it."""
    lazy_url = app.get_asset_url(LAZY_ASSET)
    regenerator_url = app.get_asset_url(REGENERATOR_ASSET)
    interpolate = app.interpolate_index

    def interpolate_index(**kwargs):
        scripts = lazy_scripts(kwargs["scripts"], lazy_url, regenerator_url)
        return interpolate(**kwargs | {"scripts": scripts})

    app.interpolate_index = interpolate_index
    app.server.add_url_rule(app.config.routes_pathname_prefix + PLOTLY_PATH, "plotly_bundle",
                            plotly_bundle)
