// Rödtråd's plotly.js: the core with the trace types the app draws, and the Swedish locale.
var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/icicle'),
    require('plotly.js/lib/pie'),
    require('plotly.js/lib/locales/sv')
]);
window.Plotly = Plotly;
