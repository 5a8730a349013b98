/* Ekonomi: a click anywhere on a row of the table of units one level down opens that unit, as
 * a click on its name does (the name is the row's link, the one the keyboard uses). The click
 * is left alone when it is on a link, selects text or asks for a new tab or window. */
(function () {
    "use strict";
    document.addEventListener("click", function (event) {
        var row = event.target.closest && event.target.closest("#ekonomi-children tbody tr[data-href]");
        if (!row || event.target.closest("a") || event.button !== 0 || event.metaKey ||
                event.ctrlKey || event.shiftKey || event.altKey ||
                String(window.getSelection()).length) {
            return;
        }
        window.history.pushState({}, "", row.getAttribute("data-href"));
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo({top: 0, left: 0, behavior: "instant"}); // not Bootstrap's smooth scroll
    });
}());
