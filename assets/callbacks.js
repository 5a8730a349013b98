/* Rödtråd's browser-side callbacks, called from Python with
 * ClientsideFunction("rodtrad", <name>). They live here, not as strings in Python, so that the
 * Content-Security-Policy allows scripts from our own origin only, with no inline script and
 * no hash to keep up to date (dashboard/access.py).
 *
 * Pages name their components `<key>-<name>`; the functions find a page's key from the ids
 * of the callback's own inputs, states and outputs, so one function serves every page.
 */
(function () {
    "use strict";

    var ALL = "alla"; // a filter's "all" option (callbacks/indicators.ALL): never in the URL

    // Per page (by key), where the focus goes when the page draws a new view and no control
    // asked to keep it (see focusAfterRender). `heading`: the page's `<key>-heading`, from the
    // top (after a drill-down the link or table cell that was used is gone). `fields`: when
    // that field of the view changed to a value, the element whose id the function gives (the
    // view before is its second argument; no id: as if the field had not changed).
    // A page not named here leaves the focus alone.
    var NEW_VIEW_FOCUS = {
        mal: {heading: true},
        ekonomi: {
            heading: true,
            fields: {
                // Another order of the same unit's table: to the header of the column it is
                // sorted by (the header link clicked); another page: to the table.
                table: function (view, before) {
                    var same = ["unit", "year", "month"].every(function (k) {
                        return view[k] === before[k];
                    });
                    var table = document.getElementById("ekonomi-children-region");
                    if (!same || !table) {
                        return null;
                    }
                    if (view.sort !== before.sort) {
                        return "ekonomi-sort-" + (view.sort || "deviation").replace(/^-/, "");
                    }
                    return table.id;
                }
            }
        },
        internkontroll: {
            fields: {
                cell: function () { return "internkontroll-cell-heading"; },
                sort: function (view) { return "internkontroll-sort-" + view.sort; }
            }
        },
        anvandare: {
            fields: {
                user: function () { return "anvandare-andra-rubrik"; }
            }
        }
    };

    var seenViews = {}; // per page key: the last view drawn (JSON) and the view itself

    function context() {
        return window.dash_clientside.callback_context;
    }

    function none() {
        return window.dash_clientside.no_update;
    }

    function idOf(item) {
        return item && typeof item.id === "string" ? item.id : "";
    }

    function suffixed(items, suffix) {
        return (items || []).map(idOf).filter(function (id) {
            return id.slice(-suffix.length) === suffix;
        })[0];
    }

    /* Ask the page's focus handler to give the focus back to this control after the render. */
    function keepFocus(id) {
        window.rodtradRefocus = id;
    }

    // --- The URL writer --------------------------------------------------------------------

    /* The query string from the page's other arguments and its controls' values: keys sorted,
     * empty values and ALL dropped, as dashboard.core.urls builds a query string. */
    function searchFromArguments(key, args) {
        var params = Object.assign({}, args || {});
        context().inputs_list.forEach(function (input) {
            params[input.id.slice(key.length + 1)] = input.value;
        });
        var pairs = Object.keys(params)
            .filter(function (k) { return params[k] && params[k] !== ALL; }).sort()
            .map(function (k) {
                return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
            });
        return pairs.length ? "?" + pairs.join("&") : "";
    }

    /* The query string a select chose; no_update unless a person made a choice. Dash also
     * calls the callback when a page is drawn: its selects then report the view they show,
     * all at once and all with the same value (or the value `drawnWith`, the query the page
     * was drawn with, for a page with one select). */
    function searchFromChoice(values, drawnWith) {
        var triggered = context().triggered || [];
        var allEqual = values.length > 1 && values.every(function (v) {
            return v === values[0];
        });
        if (triggered.length !== 1 || allEqual || !triggered[0].value) {
            return none();
        }
        var value = triggered[0].value;
        var search = value === "?" ? "" : value;
        if (value === drawnWith || search === window.location.search) {
            return none();
        }
        keepFocus(triggered[0].prop_id.split(".")[0]); // the choice's select keeps the focus
        return search;
    }

    /* The URL writer: a page's controls write the URL's query string (the pages router then
     * draws the view for it), as Output("_pages_location", "search"). The page's controls
     * are its inputs, and what they mean depends on its state:
     *  - State("<key>-args"), the page's other URL arguments: each control `<key>-<name>` is
     *    the argument `name` (a filter's value, a search text).
     *  - otherwise each control is a select whose options' values are the page's query
     *    string for that choice ("?" for none); an optional state is the query the page was
     *    drawn with. The select keeps the focus in the new view (focusAfterRender). */
    function writeSearch() {
        var ctx = context();
        var count = ctx.inputs_list.length;
        var values = Array.prototype.slice.call(arguments, 0, count);
        var state = arguments[count];
        var argsId = suffixed(ctx.states_list, "-args");
        if (argsId) {
            return searchFromArguments(argsId.slice(0, -"-args".length), state);
        }
        return searchFromChoice(values, state);
    }

    // --- The focus handler -----------------------------------------------------------------

    function focusById(id, preventScroll) {  // or the element itself
        var element = id && (typeof id === "string" ? document.getElementById(id) : id);
        if (element) {
            element.focus({preventScroll: preventScroll});
        }
        return Boolean(element);
    }

    /* After a page draws a view (its `<key>-view` data, the callback's input, changed; the
     * output `<key>-view-shown` only marks it handled), move the focus, so that a keyboard or
     * screen reader user goes on from a sensible place:
     *  1. a control that asked to keep the focus (keepFocus, or assets/oppna_data.js) gets it
     *     back;
     *  2. else, when the view is a new one (not the first after loading), the page's place in
     *     NEW_VIEW_FOCUS;
     *  3. else the focus stays where it is. */
    function focusAfterRender(view) {
        var key = idOf(context().outputs_list).replace(/-view-shown$/, "");
        var seen = JSON.stringify(view);
        var before = seenViews[key];
        seenViews[key] = {json: seen, view: view};
        var keep = window.rodtradRefocus;
        window.rodtradRefocus = null;
        if (focusById(keep, true) || !before || before.json === seen) {
            return view;
        }
        var rules = NEW_VIEW_FOCUS[key] || {};
        var fields = rules.fields || {};
        var changed = Object.keys(fields).filter(function (field) {
            return view && view[field] && view[field] !== (before.view || {})[field];
        })[0];
        var target = changed ? fields[changed](view, before.view || {}) : null;
        if (target) {
            focusById(target, false);
        } else if (rules.heading) {
            // Instant: Bootstrap makes scrolling smooth, which would still be under way when read.
            window.scrollTo({top: 0, left: 0, behavior: "instant"});
            focusById(key + "-heading", true);
        }
        return view;
    }

    // --- Other page tools ------------------------------------------------------------------

    /* Kopiera länk (layouts/components.copy_link): copies the view's address without the
     * storbild switch (a link for the minutes opens the view in the normal mode). Where the
     * browser refuses (no clipboard, not allowed), the address is shown in a field to copy by
     * hand. */
    async function copyLink(clicks) {
        if (!clicks) {
            return [none(), none(), none()];
        }
        var url = new URL(window.location.href);
        url.searchParams.delete("storbild");
        var link = url.toString();
        try {
            await navigator.clipboard.writeText(link);
            return ["Länken är kopierad. Klistra in den där du vill, till exempel i " +
                    "protokollet.", link, {display: "none"}];
        } catch (error) {
            return ["Länken kunde inte kopieras automatiskt. Markera den här och kopiera den: ",
                    link, {display: "block"}];
        }
    }

    /* A print button. */
    function print(clicks) {
        if (clicks) {
            window.print();
        }
        return clicks;
    }

    /* Mål: a click in the tree opens the clicked goal; a click on the box the view is opened
     * at goes up one level, as plotly itself zooms out. The root (the målbild) is the page
     * without goal. Plotly's click names parents by label, so parents are looked up by id in
     * the figure (whose `level` plotly has already moved to the click, so the URL says where
     * the view was opened). Keys in the same sorted order as dashboard.core.urls.query_string. */
    function openClickedGoal(click, search, figure) {
        if (!click || !click.points || !click.points.length || !figure) {
            return none();
        }
        var trace = figure.data[0];
        var parentOf = function (id) {
            var i = trace.ids.indexOf(id);
            return i < 0 ? "" : trace.parents[i];
        };
        var params = new URLSearchParams(search || "");
        var point = click.points[0];
        var target = point.id === params.get("goal") ? parentOf(point.id) : point.id;
        var args = [];
        if (target && parentOf(target)) {
            args.push(["goal", target]);
        }
        ["period", "storbild"].forEach(function (name) {
            if (params.get(name)) {
                args.push([name, params.get(name)]);
            }
        });
        var query = args.map(function (kv) {
            return kv[0] + "=" + encodeURIComponent(kv[1]);
        }).join("&");
        window.rodtradRefocus = null;
        query = query ? "?" + query : "";
        return query === (search || "") ? none() : query;
    }

    /* Storbildsläge: the timer shows the next indicator; the buttons pause, resume and step.
     * With prefers-reduced-motion nothing turns by itself (the page starts paused). Plotly is
     * told to redraw, since a chart drawn while hidden has no size. */
    function storbildStep(ticks, toggles, backs, forwards, state) {
        var s = Object.assign({index: 0, count: 1, paused: false, started: false}, state || {});
        var trigger = (context().triggered[0] || {}).prop_id || "";
        if (!s.started) {
            s.started = true;
            s.paused = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        } else if (trigger.indexOf("storbild-pause") === 0) {
            s.paused = !s.paused;
        } else if (trigger.indexOf("storbild-prev") === 0) {
            s.index = (s.index - 1 + s.count) % s.count;
        } else if (trigger.indexOf("storbild-next") === 0 ||
                   (trigger.indexOf("storbild-timer") === 0 && !s.paused)) {
            s.index = (s.index + 1) % s.count;
        }
        var hidden = [];
        for (var i = 0; i < s.count; i++) {
            hidden.push(i !== s.index);
        }
        setTimeout(function () { window.dispatchEvent(new Event("resize")); }, 0);
        var label = s.paused ? "Fortsätt visningen" : "Pausa visningen";
        var position = "Nyckeltal " + (s.index + 1) + " av " + s.count +
            (s.paused ? " (pausat)" : "");
        return [s, hidden, label, s.paused, position];
    }

    /* Storbildsläge: the full-screen button enters and leaves full screen. */
    function fullscreen(clicks) {
        if (clicks && document.fullscreenEnabled && !document.fullscreenElement) {
            document.documentElement.requestFullscreen();
        } else if (clicks && document.fullscreenElement) {
            document.exitFullscreen();
        }
        return none();
    }

    /* Import: whenever the file, the kind, the option or the source changes, the last report no longer
     * applies (clear it, ask for a new dry run), and the chosen file is named with its size;
     * one bigger than `limit` bytes is refused before it is ever sent (the server checks
     * again). */
    function importChoice(contents, filename, kind, skipInvalid, source, limit) {
        var cleared = [[], true, null];
        if (!contents || !filename) {
            return ["", false].concat(cleared);
        }
        var bytes = Math.floor((contents.length - contents.indexOf(",") - 1) * 3 / 4);
        var size = function (n) {
            return n < 1048576 ? Math.ceil(n / 1024) + "\u00a0kB"
                               : (n / 1048576).toFixed(1).replace(".", ",") + "\u00a0MB";
        };
        if (bytes > limit) {
            return ["Filen " + filename + " är " + size(bytes) + "; här tas filer på högst " +
                    size(limit) + " emot. Större filer importeras med kommandot rodtrad " +
                    "import på servern.", true].concat(cleared);
        }
        return ["Vald fil: " + filename + " (" + size(bytes) + "). Provkör den för att se " +
                "vad som händer innan något sparas.", false].concat(cleared);
    }

    // --- The shell -------------------------------------------------------------------------

    /* The phone menu opens and closes, and its button says whether it is open. */
    function toggleMenu(n, isOpen) {
        var open = n ? !isOpen : Boolean(isOpen);
        return [open, String(open)];
    }

    /* Dash's pages router: the page's title (the router's own callback, given to Dash as a
     * string, is replaced by this one: dashboard/scripts.py). */
    function pageTitle(data) {
        document.title = data.title;
    }

    // --- Folded sections in the URL (layouts/page.open_sections) -------------------------

    /* Opening or closing a folded section (a <details> the page marked data-avsnitt) writes
     * which are open to the URL's `oppen`, when that differs from how the page draws them, so
     * that Kopiera länk and a reload give exactly the view. The address is replaced, not
     * pushed: the back button still goes to the previous view. */
    function openSectionsSearch() {
        var sections = Array.prototype.slice.call(
            document.querySelectorAll("details[data-avsnitt][id]"));
        var ids = function (keep) {
            return sections.filter(keep).map(function (d) { return d.id; }).join(",");
        };
        var open = ids(function (d) { return d.open; });
        var drawn = ids(function (d) { return d.getAttribute("data-avsnitt") === "oppen"; });
        var params = new URLSearchParams(window.location.search);
        params.delete("oppen");
        if (open !== drawn) {
            params.set("oppen", open || "inga");
        }
        var keys = Array.from(new Set(params.keys())).sort();
        var pairs = [];
        keys.forEach(function (k) {
            params.getAll(k).forEach(function (v) {
                pairs.push(encodeURIComponent(k) + "=" +
                           encodeURIComponent(v).replace(/%2C/g, ","));
            });
        });
        return pairs.length ? "?" + pairs.join("&") : "";
    }

    document.addEventListener("toggle", function (event) {
        var target = event.target;
        if (!target || target.tagName !== "DETAILS" || !target.hasAttribute("data-avsnitt")) {
            return;
        }
        var search = openSectionsSearch();
        if (search !== window.location.search) {
            window.history.replaceState(window.history.state, "",
                                        window.location.pathname + search + window.location.hash);
        }
    }, true);

    var ns = (window.dash_clientside = window.dash_clientside || {});
    ns.rodtrad = Object.assign(ns.rodtrad || {}, {
        writeSearch: writeSearch,
        focusAfterRender: focusAfterRender,
        copyLink: copyLink,
        print: print,
        openClickedGoal: openClickedGoal,
        storbildStep: storbildStep,
        fullscreen: fullscreen,
        importChoice: importChoice,
        toggleMenu: toggleMenu,
        pageTitle: pageTitle
    });
}());
