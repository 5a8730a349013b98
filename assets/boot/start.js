/* Starts Dash's scripts after the first paint (dashboard.prerender): the index page holds them
 * as <script type="text/x-rodtrad-later">, which the browser neither fetches nor runs, so the
 * server's copy of the page is painted before any of them. They run in their order, as the
 * index page lists them. */
(function () {
    "use strict";
    var started = false;

    function start() {
        if (started) {
            return;
        }
        started = true;
        document.querySelectorAll('script[type="text/x-rodtrad-later"]').forEach(function (held) {
            var tag = document.createElement("script");
            Array.prototype.forEach.call(held.attributes, function (attribute) {
                if (attribute.name !== "type") {
                    tag.setAttribute(attribute.name, attribute.value);
                }
            });
            tag.async = false; // in order
            held.replaceWith(tag);
        });
    }

    // A frame (the paint), then a task. A tab that is hidden gets no frame until it is shown,
    // so there a timer. No timer otherwise: on a busy phone the first paint may come later than
    // any timer, and scripts fetched before it would count in its time.
    window.requestAnimationFrame(function () {
        window.setTimeout(start, 0);
    });
    if (document.visibilityState === "hidden") {
        window.setTimeout(start, 250);
    }
}());
