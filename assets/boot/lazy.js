/* Component bundles that load when a page first draws one of their components
 * (dashboard/bundles.py). The index page lists them in this script's data-packages:
 * {namespace: {src: bundle URL, components: {type: {static property: value}}}}.
 *
 * Until then each component is a stand-in that Dash's renderer finds at window[namespace];
 * it loads the bundle once, then draws the real component with the same props. The stand-in
 * stays the component Dash draws, so React never swaps one for the other under a page. */
(function () {
    "use strict";
    var packages = JSON.parse(document.currentScript.getAttribute("data-packages"));

    function lazyPackage(namespace, spec) {
        var stand = {};
        var real = null;
        var loading = null;

        function load() {
            if (!loading) {
                loading = new Promise(function (resolve, reject) {
                    var tag = document.createElement("script");
                    tag.src = spec.src;
                    tag.onload = function () {
                        real = window[namespace];
                        window[namespace] = stand;
                        Object.keys(real).forEach(function (name) {
                            if (!(name in spec.components)) {
                                stand[name] = real[name]; // a package's other exports
                            }
                        });
                        Object.keys(spec.components).forEach(function (type) {
                            ["dashPersistence", "defaultProps", "propTypes"].forEach(function (p) {
                                if (real[type][p] !== undefined) {
                                    stand[type][p] = real[type][p];
                                }
                            });
                        });
                        resolve(real);
                    };
                    tag.onerror = function () {
                        loading = null;
                        reject(new Error(namespace + " kunde inte laddas"));
                    };
                    document.head.appendChild(tag);
                });
            }
            return loading;
        }

        Object.keys(spec.components).forEach(function (type) {
            var Lazy = function (props) {
                var state = React.useState(real);
                var loaded = state[0];
                var setLoaded = state[1];
                React.useEffect(function () {
                    if (!loaded) {
                        load().then(setLoaded);
                    }
                }, []);
                return loaded ? React.createElement(loaded[type], props) : null;
            };
            Object.keys(spec.components[type]).forEach(function (name) {
                Lazy[name] = spec.components[type][name];
            });
            stand[type] = Lazy;
        });
        window[namespace] = stand;
    }

    Object.keys(packages).forEach(function (namespace) {
        lazyPackage(namespace, packages[namespace]);
    });
}());
