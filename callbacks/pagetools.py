"""The page tools' browser-side callback: Kopiera länk (layouts/components.copy_link)."""

from __future__ import annotations

from dash import MATCH, Input, Output

# Copies the view's address without the storbild switch (a link for the minutes opens the
# view in the normal mode). Where the browser refuses (no clipboard, not allowed), the
# address is shown in a field to copy by hand.
COPY_LINK = """
async function(clicks) {
    var none = window.dash_clientside.no_update;
    if (!clicks) { return [none, none, none]; }
    var url = new URL(window.location.href);
    url.searchParams.delete('storbild');
    var link = url.toString();
    try {
        await navigator.clipboard.writeText(link);
        return ['Länken är kopierad. Klistra in den där du vill, till exempel i protokollet.',
                link, {display: 'none'}];
    } catch (error) {
        return ['Länken kunde inte kopieras automatiskt. Markera den här och kopiera den: ',
                link, {display: 'block'}];
    }
}
"""


def register(app) -> None:
    """One callback for every page's Kopiera länk button."""
    app.clientside_callback(
        COPY_LINK,
        Output({"type": "copy-link-status", "page": MATCH}, "children"),
        Output({"type": "copy-link-url", "page": MATCH}, "value"),
        Output({"type": "copy-link-fallback", "page": MATCH}, "style"),
        Input({"type": "copy-link", "page": MATCH}, "n_clicks"),
        prevent_initial_call=True,
    )
