/* The shell's notice (dashboard/errors.py): a callback that failed, e.g. while the database is
 * away, says so there. A new address clears it; a failure there sets it again. */
(function () {
    "use strict";

    var ns = (window.dash_clientside = window.dash_clientside || {});
    ns.rodtrad = Object.assign(ns.rodtrad || {}, {
        clearNotice: function () {
            return null;
        }
    });
})();
