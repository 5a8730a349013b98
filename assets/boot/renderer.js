/* Starts Dash's renderer: the line Dash would write inline into the index page
 * (dashboard/scripts.py). */
var renderer = new DashRenderer();
