/* Storbild (?storbild=1): drill down and up with the keyboard, for a presenter.
 *
 * ↓ and ↑ move between the rows of the page's tables that hold a link (the focus goes to the
 * row's first link, so Enter opens it as a click would); ← and → move between the links of
 * the row (e.g. the cells of the riskmatris). Escape goes up one level: the page's marked
 * "up" link, else the last link of its breadcrumbs. Only active while the page is in
 * storbild (layouts/pagetools.py wraps it in .storbild-page), and never while typing.
 */
(function () {
    "use strict";

    var ROWS = "main tbody tr";

    function active() {
        return document.querySelector(".storbild-page") !== null;
    }

    function visible(element) {
        return element.offsetParent !== null;
    }

    function links(row) {
        return Array.prototype.filter.call(row.querySelectorAll("a[href]"), visible);
    }

    function rows() {
        return Array.prototype.filter.call(document.querySelectorAll(ROWS), function (row) {
            return visible(row) && links(row).length > 0;
        });
    }

    function indexOfFocus(list) {
        var focused = document.activeElement;
        for (var i = 0; i < list.length; i += 1) {
            if (list[i].contains(focused)) {
                return i;
            }
        }
        return -1;
    }

    function focusLink(link) {
        link.focus({preventScroll: true});
        link.scrollIntoView({block: "center", behavior: "instant"});
    }

    function moveRow(step) {
        var list = rows();
        if (!list.length) {
            return false;
        }
        var at = indexOfFocus(list);
        var next = at < 0 ? (step > 0 ? 0 : list.length - 1)
                          : Math.min(Math.max(at + step, 0), list.length - 1);
        focusLink(links(list[next])[0]);
        return true;
    }

    function moveLink(step) {
        var list = rows();
        var at = indexOfFocus(list);
        if (at < 0) {
            return false;
        }
        var inRow = links(list[at]);
        var here = inRow.indexOf(document.activeElement);
        var next = Math.min(Math.max(here + step, 0), inRow.length - 1);
        focusLink(inRow[next]);
        return true;
    }

    function goUp() {
        var up = document.querySelector("main a.storbild-up");
        if (!up) {
            var crumbs = document.querySelectorAll("main .breadcrumb-item:not(.active) a");
            up = crumbs.length ? crumbs[crumbs.length - 1] : null;
        }
        if (up) {
            up.click();
        }
        return up !== null;
    }

    function typing(target) {
        return target && (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) ||
                          target.isContentEditable);
    }

    var KEYS = {
        ArrowDown: function () { return moveRow(1); },
        ArrowUp: function () { return moveRow(-1); },
        ArrowRight: function () { return moveLink(1); },
        ArrowLeft: function () { return moveLink(-1); },
        Escape: goUp,
    };

    document.addEventListener("keydown", function (event) {
        var handle = KEYS[event.key];
        if (!handle || !active() || event.altKey || event.ctrlKey || event.metaKey ||
                typing(event.target)) {
            return;
        }
        if (handle()) {
            event.preventDefault();
            event.stopPropagation();
        }
    }, true);
}());
