"""The page tools' browser-side callbacks: Kopiera länk (layouts/components.copy_link), and the
focus after a page draws a new view (`focus_after_render`)."""

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



def focus_after_render(key: str) -> str:
    """JS: after page `key` draws a new view (its `<key>-view` data changed), move the focus to
    the page's heading `<key>-heading` and start at the top, so reading starts there: after a
    drill-down the link or table cell that was used is gone (the focus would fall to the page
    body). A control that asked to keep the focus (`window.<key>Refocus = its id`, e.g. a
    period selector) gets it back instead. Nothing moves on the first view after loading."""
    return """
function(view) {
    var seen = JSON.stringify(view);
    var first = window.%(key)sSeenView === undefined;
    var changed = window.%(key)sSeenView !== seen;
    window.%(key)sSeenView = seen;
    if (first || !changed) { return view; }
    var keep = window.%(key)sRefocus && document.getElementById(window.%(key)sRefocus);
    window.%(key)sRefocus = null;
    if (keep) { keep.focus({preventScroll: true}); return view; }
    var heading = document.getElementById('%(key)s-heading');
    // Instant: Bootstrap makes scrolling smooth, which would still be under way when read.
    window.scrollTo({top: 0, left: 0, behavior: "instant"});
    if (heading) { heading.focus({preventScroll: true}); }
    return view;
}
""" % {"key": key}


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
