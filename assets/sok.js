/* The search field in the header as a WAI-ARIA combobox (list autocomplete): the field owns
   the listbox of suggestions Dash renders under it (callbacks/sok.py). Arrow down/up move
   the active suggestion (aria-activedescendant), Enter opens it (or, with none active, the
   form opens the Sök page), Escape closes the list. The field is re-created whenever the
   header's user area is, so its attributes are set again whenever the page changes. */
(function () {
    "use strict";
    var FIELD = "sok-falt", LIST = "sok-lista";

    function parts() {
        return {field: document.getElementById(FIELD), list: document.getElementById(LIST)};
    }

    function options(list) {
        return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    }

    function setActive(p, option) {
        options(p.list).forEach(function (o) {
            o.setAttribute("aria-selected", o === option ? "true" : "false");
        });
        if (option) {
            p.field.setAttribute("aria-activedescendant", option.id);
            option.scrollIntoView({block: "nearest"});
        } else {
            p.field.removeAttribute("aria-activedescendant");
        }
    }

    function open(p, isOpen) {
        p.list.hidden = !isOpen;
        p.field.setAttribute("aria-expanded", isOpen ? "true" : "false");
        if (!isOpen) { setActive(p, null); }
    }

    /* The combobox's attributes, and aria-expanded as the listbox shows (Dash sets hidden). */
    function sync() {
        var p = parts();
        if (!p.field || !p.list) { return; }
        if (p.field.getAttribute("role") !== "combobox") {
            p.field.setAttribute("role", "combobox");
            p.field.setAttribute("aria-autocomplete", "list");
            p.field.setAttribute("aria-controls", LIST);
        }
        var expanded = !p.list.hidden && options(p.list).length > 0 ? "true" : "false";
        if (p.field.getAttribute("aria-expanded") !== expanded) {
            p.field.setAttribute("aria-expanded", expanded);
            if (expanded === "false") { p.field.removeAttribute("aria-activedescendant"); }
        }
        var active = p.field.getAttribute("aria-activedescendant");
        if (active && !document.getElementById(active)) {
            p.field.removeAttribute("aria-activedescendant");
        }
    }

    function go(option) {
        window.location.assign(option.getAttribute("data-href"));
    }

    document.addEventListener("keydown", function (event) {
        var p = parts();
        if (!p.field || event.target !== p.field || !p.list) { return; }
        var all = options(p.list);
        var current = document.getElementById(p.field.getAttribute("aria-activedescendant"));
        var index = all.indexOf(current);
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (!all.length) { return; }
            event.preventDefault();
            if (p.list.hidden) { open(p, true); }
            var step = event.key === "ArrowDown" ? 1 : -1;
            var next = index < 0 ? (step > 0 ? 0 : all.length - 1)
                : (index + step + all.length) % all.length;
            setActive(p, all[next]);
        } else if (event.key === "Enter" && current && !p.list.hidden) {
            event.preventDefault();
            go(current);
        } else if (event.key === "Escape" && !p.list.hidden) {
            event.preventDefault();
            open(p, false);
        }
    });

    /* Typing starts over: the suggestions that come are new ones. */
    document.addEventListener("input", function (event) {
        var p = parts();
        if (p.field && event.target === p.field && p.list) { setActive(p, null); }
    });

    document.addEventListener("click", function (event) {
        var p = parts();
        if (!p.list) { return; }
        var option = event.target.closest ? event.target.closest("#" + LIST + " [role=option]") : null;
        if (option) {
            go(option);
        } else if (!p.list.hidden && p.field && !p.field.contains(event.target)) {
            open(p, false);
        }
    });

    new MutationObserver(sync).observe(document.documentElement, {
        childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"]
    });
})();
