/* Användare: "Ändra" opens one user's card above the list, and the keyboard focus (and a screen
 * reader) goes to the card's heading, not back to the top of the page. Each card shown gets the
 * focus once, when it appears.
 */
(function () {
    "use strict";
    var focused = null;
    new MutationObserver(function () {
        var heading = document.getElementById("anvandare-andra-rubrik");
        if (heading && heading !== focused) {
            focused = heading;
            heading.focus();
        }
    }).observe(document.documentElement, {childList: true, subtree: true});
})();
