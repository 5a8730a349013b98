/* The Markup component (dashboard/markup.py): a part of a page that nothing updates, sent by
 * the server as HTML and drawn by the browser's parser instead of as hundreds of Dash
 * components. Its in-app links (data-rt-link, drawn from dcc.Link) go where dcc.Link goes,
 * without reloading the page: the history entry, then Dash's location event. */
(function () {
    "use strict";
    var space = window.rodtrad_components = window.rodtrad_components || {};

    function follow(event) {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey
                || event.shiftKey || event.altKey) {
            return;
        }
        var link = event.target.closest ? event.target.closest("a[data-rt-link]") : null;
        if (!link || !event.currentTarget.contains(link)
                || (link.target && link.target !== "_self")) {
            return;
        }
        event.preventDefault();
        window.history.pushState({}, "", link.getAttribute("href"));
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo(0, 0);
    }

    function Markup(props) {
        var attributes = {
            id: props.id,
            className: props.className,
            role: props.role,
            tabIndex: props.tabIndex,
            hidden: props.hidden,
            onClick: follow,
            dangerouslySetInnerHTML: {__html: props.html || ""}
        };
        Object.keys(props).forEach(function (name) {
            if (name.indexOf("aria-") === 0) {
                attributes[name] = props[name];
            }
        });
        return React.createElement(props.tag || "div", attributes);
    }

    space.Markup = Markup;
}());
