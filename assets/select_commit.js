/* Rödtråd's native selects open another view when their value changes (their callbacks
 * write the URL); the Import page's is read when the file is tried, so holding its change
 * back until leaving it changes nothing there. A closed select changes its value on an arrow key or a typed letter and
 * fires `change` at once, so a keyboard user browsing the options would be taken away on the
 * first key (WCAG 3.2.2). Such a change is held back here until the reader commits it: Enter,
 * or leaving the select (as a debounced text field commits on Enter or leaving). A choice
 * made with the mouse or in the open list fires `change` without a key on the select itself,
 * and goes through at once.
 */
(function () {
    "use strict";
    var keyed = null; // the select a key is pressed on: its `change` follows in the same task

    function isSelect(element) {
        return element instanceof HTMLSelectElement;
    }

    function commit(select) {
        keyed = null;
        delete select.dataset.pending;
        select.dispatchEvent(new Event("change", {bubbles: true}));
    }

    document.addEventListener("keydown", function (event) {
        var select = event.target;
        if (!isSelect(select)) {
            return;
        }
        if (event.key === "Enter" && select.dataset.pending) {
            event.preventDefault();
            commit(select);
            return;
        }
        keyed = select;
        setTimeout(function () { keyed = null; }, 0);
    }, true);

    // Capturing on the document runs before React's listener on the app's root element.
    document.addEventListener("change", function (event) {
        if (event.target === keyed) {
            event.stopImmediatePropagation();
            event.target.dataset.pending = "1";
        }
    }, true);

    document.addEventListener("focusout", function (event) {
        if (isSelect(event.target) && event.target.dataset.pending) {
            commit(event.target);
        }
    }, true);
}());
