/* Öppna data: a filter or selector that changes the URL re-renders the page, and the control
 * that was changed would lose the keyboard focus. Remember it here (inside [data-refocus]); the
 * page's focus handler (focusAfterRender, assets/callbacks.js) gives it back after the render.
 */
(function () {
    "use strict";
    document.addEventListener("change", function (event) {
        var target = event.target;
        if (target && target.id && target.closest && target.closest("[data-refocus]")) {
            window.rodtradRefocus = target.id;
        }
    }, true);
})();
