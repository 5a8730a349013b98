/* Ekonomi: cell renderers for the table of units one level down (dash-ag-grid).
 *
 * EkonomiUnitLink: the unit's name as a link one step down. A click opens it in the page
 * (as dcc.Link does: the URL changes, Dash renders the view, the back button works); a
 * modified click (new tab, new window) is left to the browser. Enter on the focused cell
 * opens it too, so the table works from the keyboard.
 * EkonomiStatus: the deviation's status as symbol and word, never colour alone.
 */
(function () {
    "use strict";
    var components = (window.dashAgGridComponentFunctions =
        window.dashAgGridComponentFunctions || {});

    function openInPage(href) {
        window.history.pushState({}, "", href);
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo({top: 0, left: 0, behavior: "instant"}); // not Bootstrap's smooth scroll
    }

    components.EkonomiUnitLink = function (props) {
        var href = props.data && props.data.href;
        var cell = props.eGridCell;
        React.useEffect(function () {
            if (!href || !cell) {
                return undefined;
            }
            function onKey(event) {
                if (event.key === "Enter" && event.target === cell) {
                    event.preventDefault();
                    openInPage(href);
                }
            }
            cell.addEventListener("keydown", onKey);
            return function () {
                cell.removeEventListener("keydown", onKey);
            };
        }, [href, cell]);
        if (!href) {
            return props.value;
        }
        return React.createElement("a", {
            href: href,
            tabIndex: -1, // the grid's cell takes the focus; Enter there follows the link
            onClick: function (event) {
                if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
                        event.altKey) {
                    return;
                }
                event.preventDefault();
                openInPage(href);
            }
        }, props.value);
    };

    components.EkonomiStatus = function (props) {
        var data = props.data || {};
        return React.createElement(
            "span",
            {className: "status-badge status-" + data.status},
            React.createElement("span", {className: "status-symbol", "aria-hidden": "true"},
                                data.status_symbol),
            data.status_word
        );
    };
}());

/* The table is a page of the units in the order the server chose (`?sort=`, `?sida=`): the
 * grid keeps that order (ekonomiServerOrder), and a click on a header asks the server for the
 * new order from the first page (ekonomiSortChanged), so the order is in the URL and holds
 * across all pages. Called by dash-ag-grid by name (dashGridOptions, eventListeners). */
(function () {
    "use strict";
    var functions = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
    var DEFAULT_SORT = "deviation"; // callbacks/ekonomi.py DEFAULT_SORT

    functions.ekonomiServerOrder = function (params) {
        params.nodes.sort(function (a, b) {
            return (a.data ? a.data.order : 0) - (b.data ? b.data.order : 0);
        });
    };

    functions.ekonomiSortChanged = function (event) {
        if (!event || event.source !== "uiColumnSorted") {
            return;
        }
        var sorted = event.api.getColumnState().filter(function (c) { return c.sort; })[0];
        var sort = sorted ? (sorted.sort === "desc" ? "-" : "") + sorted.colId : DEFAULT_SORT;
        var params = new URLSearchParams(window.location.search);
        params.delete("sida");
        if (sort === DEFAULT_SORT) {
            params.delete("sort");
        } else {
            params.set("sort", sort);
        }
        params.sort(); // keys in the order of dashboard.core.urls.query_string
        var search = params.toString();
        window.history.pushState({}, "", window.location.pathname + (search ? "?" + search : ""));
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    };
}());
