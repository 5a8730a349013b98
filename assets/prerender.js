/* The page's first view drawn on the server (dashboard.prerender) stays until Dash has drawn
 * the page, or a callback's error notice, in its own (invisible) entry point; then the copy
 * goes and Dash's page is the one shown, at the same place. */
(function () {
    "use strict";
    var copy = document.querySelector("[data-rt-prerender]");
    if (!copy) {
        return;
    }
    function drawn(id) {
        var element = document.getElementById(id);
        return element !== null && element.childNodes.length > 0;
    }
    // The page, the links and who is logged in, and the footer's date: the first callbacks.
    var view = ["_pages_content", "nav-user", "data-as-of"];
    var observer = new MutationObserver(function () {
        if (view.every(drawn) || drawn("app-notice")) {
            observer.disconnect();
            // A chart keeps the room the copy gave it until plotly.js has drawn it.
            var rooms = copy.querySelectorAll(".dash-graph");
            document.querySelectorAll("#react-entry-point .dash-graph").forEach(function (graph, i) {
                if (rooms[i]) {
                    graph.style.minHeight = rooms[i].getBoundingClientRect().height + "px";
                }
            });
            copy.remove();
        }
    });
    observer.observe(document.getElementById("react-entry-point"), {childList: true, subtree: true});
}());
