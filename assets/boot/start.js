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
        // Added in one go, to the head: each script put in its held one's place cost a
        // phone's main thread several times as much, on a long page.
        var scripts = document.createDocumentFragment();
        document.querySelectorAll('script[type="text/x-rodtrad-later"]').forEach(function (held) {
            var tag = document.createElement("script");
            Array.prototype.forEach.call(held.attributes, function (attribute) {
                if (attribute.name !== "type") {
                    tag.setAttribute(attribute.name, attribute.value);
                }
            });
            tag.async = false; // in order
            scripts.appendChild(tag);
            held.remove();
        });
        document.head.appendChild(scripts);
    }

    // Once the first contentful paint is on the screen (the paint timing entry comes when the
    // frame is presented, later than the frame's own callbacks): a script fetched before it
    // would count in its time. Two frames and a second as well, in case nothing contentful is
    // painted; and a tab that is hidden gets no frame until it is shown, so there a timer.
    function painted() {
        return performance.getEntriesByName("first-contentful-paint").length > 0;
    }
    if (painted()) {
        window.setTimeout(start, 0);
    } else if (window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || [])
            .indexOf("paint") >= 0) {
        var observer = new PerformanceObserver(function () {
            if (painted()) {
                observer.disconnect();
                window.setTimeout(start, 0);
            }
        });
        observer.observe({type: "paint", buffered: true});
        window.requestAnimationFrame(function () {
            window.requestAnimationFrame(function () {
                window.setTimeout(start, 1000);
            });
        });
    } else {
        window.requestAnimationFrame(function () {
            window.setTimeout(start, 0);
        });
    }
    if (document.visibilityState === "hidden") {
        window.setTimeout(start, 250);
    }
}());
