/* Översikt: a nämnd member who lands on `/` sees Min nämnd, their first nämnd. The address
 * then says which (`?namnd=HSN`), so that Kopiera länk and a bookmark name the nämnd exactly.
 * The address is replaced, not added to: Back leaves the page as before, and the page is not
 * drawn again (the pages router is not told, and need not be: it shows that nämnd already).
 */
(function () {
    "use strict";

    /* `search`: the query naming the view drawn (layouts/oversikt.py), given only when the
     * address named no nämnd. Left alone if the address has anything in it by now. */
    function showNamndInUrl(search) {
        if (search && !window.location.search) {
            window.history.replaceState(window.history.state, "",
                                        window.location.pathname + search + window.location.hash);
        }
        return search;
    }

    var ns = (window.dash_clientside = window.dash_clientside || {});
    ns.rodtrad = Object.assign(ns.rodtrad || {}, {showNamndInUrl: showNamndInUrl});
}());
