"""A chart drawn on the server, as HTML and SVG, from the same plain figure dict plotly draws.

For the public (logged out): a public page with a plotly chart loaded plotly.js, 354 kB
compressed, twice the rest of the page, and drawing it blocked a phone's main thread for
hundreds of milliseconds (issue 18). Here the figure becomes markup the browser only parses:

- the plot is an SVG scaled to the width it gets (`preserveAspectRatio="none"`, in a box of the
  figure's height), its lines and markers kept at their width (`non-scaling-stroke`; a marker is
  a zero-length line with round caps, so it stays round);
- the tick labels, axis titles, bar texts and the legend are HTML placed by percent of the
  plot's width, in the page's own font and size, so they neither stretch nor shrink;
- every marker and bar has its hover text as an SVG `<title>`; the table beside every chart has
  every value, and the chart's wrapper names it for screen readers (layouts.components.chart).

Two kinds of figure, the ones the public pages draw: lines over a date or number axis (with
markers, dashes, `fill: "tonexty"` bands) and horizontal bars over categories. Any other figure
(`drawable` says) keeps plotly.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import math
import re
from collections.abc import Sequence

from dashboard.core import formatting as fmt

PLOT_WIDTH = 1000  # the SVG's own x units across the plot, scaled to the width it gets
DEFAULT_HEIGHT = 450
DEFAULT_FONT = 14
DASHES = {"dash": "8 5", "dot": "2 4", "dashdot": "8 4 2 4", "longdash": "14 6",
          "longdashdot": "14 4 3 4"}
LINE_COLOURS = ("#1f2328", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
GRID = "#d9dee3"
TAG = re.compile(r"<[^>]+>")
FIELD = re.compile(r"%\{(\w+)(?:[^}]*)\}")


def _e(text) -> str:
    return html_lib.escape(str(text), quote=True)


def _plain(text) -> str:
    """Plotly's little markup (`<br>`, `<b>`) as plain text."""
    return TAG.sub("", str(text).replace("<br>", " ")) if text is not None else ""


def _date(value) -> float | None:
    """A date (or ISO text starting with one) as its day number, the axis's unit."""
    if isinstance(value, dt.date):  # a datetime too: its day
        return float(value.toordinal())
    try:
        return float(dt.date.fromisoformat(str(value)[:10]).toordinal())
    except ValueError:
        return None


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def drawable(figure) -> bool:
    """Whether this module draws the figure: lines (scatter) over a date or number axis, or
    horizontal bars over categories, nothing else."""
    if not isinstance(figure, dict) or not isinstance(figure.get("data"), list):
        return False
    traces = figure["data"]
    if not traces:
        return False
    kinds = {t.get("type", "scatter") for t in traces if isinstance(t, dict)}
    if len(kinds) != 1 or len(traces) != sum(isinstance(t, dict) for t in traces):
        return False
    if kinds == {"bar"}:
        return all(t.get("orientation") == "h" for t in traces)
    if kinds == {"scatter"}:
        return all(t.get("fill") in (None, "none", "tonexty") for t in traces) and all(
            _number(x) is not None or _date(x) is not None
            for t in traces for x in (t.get("x") or []) if x is not None)
    return False


def _nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `count` ticks."""
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _ticks(low: float, high: float, count: int) -> tuple[list[float], int]:
    """Round values between low and high, and the decimals their labels need."""
    if high <= low:
        high = low + 1
    step = _nice_step(high - low, count)
    first = math.ceil(low / step - 1e-9) * step
    values = []
    value = first
    while value <= high + step * 1e-9:
        values.append(round(value, 10))
        value += step
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    if decimals == 0 and step % 1:
        decimals = 1
    return values, decimals


def _hover(trace: dict, i: int, x, y, template: str | None = None) -> str:
    """The trace's hover text for point i, from its hovertemplate (`%{x}`, `%{y}`, `%{text}`,
    `%{customdata}`), or its name and value. `template`: the trace's, as `_template` gives it
    (worked out once for all its points)."""
    def at(key):
        return _at(trace.get(key), i)

    if trace.get("hoverinfo") == "skip":
        return ""
    if template is None:
        template = _template(trace)
    if not template:
        value = at("text") or (fmt.number(y, 1) if isinstance(y, (int, float)) else y)
        return f"{trace.get('name', '')}: {value}".strip(": ")
    fields = {"x": x, "y": y, "text": at("text"), "customdata": at("customdata")}
    text = FIELD.sub(lambda m: str(fields.get(m[1], "")), template)
    return _plain(text).strip()


def _at(values, i: int):
    """Point i's value of a trace's per-point (a list) or shared text or customdata ("" for
    none)."""
    if isinstance(values, (list, tuple)):
        return values[i] if i < len(values) else ""
    return values if values is not None else ""


def _hover_texts(trace: dict, template: str, points: list[tuple]) -> list[str]:
    """`_hover(trace, i, x, y, template)` of each point (i, x, y), for a trace's hundreds of
    points at once: the template's fields and its markup (`_plain`) worked out once, and each
    field's values made texts as one column.

    The markup is taken out of the template with each field held by a mark; the same as
    taking it out of each hover text wherever no tag spans a field and no value holds `<`
    or `>`, which the marks and each point's values show (else that text takes `_hover`)."""
    def slow(i, x, y):
        return _hover(trace, i, x, y, template)

    if not template or trace.get("hoverinfo") == "skip" or "\0" in template:
        return [slow(*point) for point in points]
    parts = FIELD.split(template)  # literal, field, literal, …, literal
    names = parts[1::2]
    marked = "".join(part if n % 2 == 0 else f"\0{n // 2}\0" for n, part in enumerate(parts))
    pieces = _plain(marked).split("\0")
    if pieces[1::2] != [str(n) for n in range(len(names))]:
        return [slow(*point) for point in points]
    literals = pieces[0::2]
    if not names:
        return [literals[0].strip()] * len(points)
    texts, custom = trace.get("text"), trace.get("customdata")
    columns = []
    for name in names:
        if name == "x":
            columns.append([str(x) for _, x, _ in points])
        elif name == "y":
            columns.append([str(y) for _, _, y in points])
        else:
            values = texts if name == "text" else custom if name == "customdata" else None
            if isinstance(values, (list, tuple)):
                count = len(values)
                columns.append([str(values[i]) if i < count else "" for i, _, _ in points])
            else:
                columns.append([str(_at(values, 0))] * len(points))
    # The literals with a place for each field's text, braces kept as they are.
    shape = "{}".join(literal.replace("{", "{{").replace("}", "}}") for literal in literals)
    marked_points = {n for column in columns for n, text in enumerate(column)
                     if "<" in text or ">" in text}
    found = [shape.format(*values).strip() for values in zip(*columns)]
    for n in marked_points:
        found[n] = slow(*points[n])
    return found


def _template(trace: dict) -> str:
    """The trace's hovertemplate without its `<extra>` part ("" without one)."""
    template = trace.get("hovertemplate")
    return re.sub(r"<extra>.*?</extra>", "", template) if template else ""


def _legend(traces: list[dict], layout: dict) -> str:
    """The legend as an HTML list below the plot: each shown trace's swatch and name, a
    legend group once."""
    if layout.get("showlegend") is False:
        return ""
    items, groups = [], set()
    for trace in traces:
        name = trace.get("name")
        group = trace.get("legendgroup")
        if not name or trace.get("showlegend") is False or (group and group in groups):
            continue
        if group:
            groups.add(group)
        items.append(f'<li>{_swatch(trace)}<span>{_e(_plain(name))}</span></li>')
    if len(items) < 2 and layout.get("showlegend") is not True:
        return ""
    return f'<ul class="drawn-chart-legend">{"".join(items)}</ul>'


def _swatch(trace: dict) -> str:
    """A small picture of the trace: its band, its bar colour, or its line and marker."""
    if trace.get("fill") == "tonexty":
        inner = f'<rect x="1" y="2" width="34" height="10" fill="{_e(trace.get("fillcolor"))}"/>'
    elif trace.get("type") == "bar":
        colour = (trace.get("marker") or {}).get("color")
        colour = colour[0] if isinstance(colour, list) and colour else colour
        inner = f'<rect x="8" y="1" width="20" height="12" fill="{_e(colour or LINE_COLOURS[1])}"/>'
    else:
        line = trace.get("line") or {}
        colour = _e(line.get("color") or LINE_COLOURS[0])
        dash = _dash(line.get("dash"))
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        inner = (f'<line x1="0" y1="7" x2="36" y2="7" stroke="{colour}" '
                 f'stroke-width="{min(line.get("width", 2), 4)}"{dashed}/>')
        if "markers" in (trace.get("mode") or ""):
            inner += f'<g transform="translate(18 7)">{_marker(trace, colour)}</g>'
    return (f'<svg class="drawn-chart-swatch" viewBox="0 0 36 14" width="36" height="14" '
            f'aria-hidden="true">{inner}</svg>')


def _symbol_path(symbol: str, r: float) -> tuple[str, bool]:
    """A marker's outline around (0, 0) with half-size r, and whether it is drawn as lines
    (x, cross) rather than filled."""
    base = symbol.removesuffix("-open")
    h = r * 0.87
    if base == "square":
        return f"M{-r:.1f},{-r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}z", False
    if base == "diamond":
        return f"M0,{-r * 1.2:.1f}L{r * 1.2:.1f},0L0,{r * 1.2:.1f}L{-r * 1.2:.1f},0z", False
    if base in ("triangle-up", "triangle-down"):
        up = 1 if base == "triangle-up" else -1
        return f"M0,{-up * r * 1.1:.1f}L{r * 1.1:.1f},{up * h:.1f}L{-r * 1.1:.1f},{up * h:.1f}z", False
    if base == "x":
        return f"M{-r:.1f},{-r:.1f}L{r:.1f},{r:.1f}M{-r:.1f},{r:.1f}L{r:.1f},{-r:.1f}", True
    if base == "cross":
        return f"M{-r:.1f},0H{r:.1f}M0,{-r:.1f}V{r:.1f}", True
    if base == "star":
        points = []
        for k in range(10):
            radius = r * 1.25 if k % 2 == 0 else r * 0.5
            angle = math.pi / 5 * k - math.pi / 2
            points.append(f"{radius * math.cos(angle):.1f},{radius * math.sin(angle):.1f}")
        return "M" + "L".join(points) + "z", False
    return (f"M{r:.1f},0A{r:.1f},{r:.1f} 0 1,1 {-r:.1f},0A{r:.1f},{r:.1f} 0 1,1 {r:.1f},0z",
            False)


def _marker(trace: dict, colour: str, title: str = "") -> str:
    """The trace's marker as a path around (0, 0), in px."""
    return f"{_marker_open(trace, colour)}{_title(title)}</path>"


def _title(text: str) -> str:
    """A hover text as an SVG title (none for no text)."""
    return f"<title>{_e(text)}</title>" if text else ""


def _marker_open(trace: dict, colour: str) -> str:
    """The opening tag of the trace's marker path (the same for all its points)."""
    marker = trace.get("marker") or {}
    symbol = str(marker.get("symbol") or "circle")
    shape, stroked = _symbol_path(symbol, float(marker.get("size", 6)) / 2)
    if stroked:
        paint = f'fill="none" stroke="{colour}" stroke-width="2"'
    elif symbol.endswith("-open"):
        paint = f'fill="#fff" stroke="{colour}" stroke-width="1.5"'
    else:
        paint = f'fill="{colour}"'
    return f'<path d="{shape}" {paint}>'


def _dash(value) -> str | None:
    """A plotly dash (a name, or px lengths such as `5px,3px`) as an SVG dash array."""
    if not value or value == "solid":
        return None
    if value in DASHES:
        return DASHES[value]
    lengths = re.findall(r"[\d.]+", str(value))
    return " ".join(lengths) or None


def _axis_title(axis: dict) -> str:
    title = axis.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return _plain(text) if text else ""


def _font_size(layout: dict) -> float:
    font = layout.get("font") or {}
    return float(font.get("size") or DEFAULT_FONT)


def _label_width(labels: Sequence[str], size: float) -> float:
    return max((len(label) for label in labels), default=0) * size * 0.58 + size * 0.6


def _frame(layout: dict, plot: str, y_labels: list[tuple[float, str]], x_labels: list[tuple[float, str]],
           plot_height: float, extra: str = "", legend: str = "") -> str:
    """The chart's HTML: the y labels beside the plot, the x labels and title under it, the
    legend below; positions in px down and percent across."""
    size = _font_size(layout)
    y_title = _axis_title(layout.get("yaxis") or {})
    x_title = _axis_title(layout.get("xaxis") or {})
    label_width = _label_width([text for _, text in y_labels], size)
    y_column = "".join(f'<span style="top:{top:.1f}px">{_e(text)}</span>' for top, text in y_labels)
    # On a phone every other label across gives way (assets/app.css), the last one kept.
    alternate = ' class="alt"'
    x_row = "".join(
        f'<span{alternate if (len(x_labels) - 1 - i) % 2 else ""} style="left:{left:.2f}%">'
        f'{_e(text)}</span>' for i, (left, text) in enumerate(x_labels))
    title_cell = (f'<div class="drawn-chart-ytitle"><span>{_e(y_title)}</span></div>'
                  if y_title else "<div></div>")
    return (
        f'<div class="drawn-chart" style="font-size:{size:g}px">'
        f'<div class="drawn-chart-grid" style="grid-template-columns:auto {label_width:.0f}px 1fr">'
        f'{title_cell}'
        f'<div class="drawn-chart-yticks" style="height:{plot_height:.0f}px">{y_column}</div>'
        f'<div class="drawn-chart-plot" style="height:{plot_height:.0f}px">{plot}{extra}</div>'
        f'<div></div><div></div><div class="drawn-chart-xticks">{x_row}</div>'
        f'</div>'
        + (f'<div class="drawn-chart-xtitle">{_e(x_title)}</div>' if x_title else "")
        + legend + "</div>")


def _svg(plot_height: float, inner: str) -> str:
    return (f'<svg viewBox="0 0 {PLOT_WIDTH} {plot_height:.0f}" preserveAspectRatio="none" '
            f'width="100%" height="{plot_height:.0f}" aria-hidden="true" focusable="false">'
            f'{inner}</svg>')


def _plot_height(layout: dict, legend: str) -> float:
    size = _font_size(layout)
    height = float(layout.get("height") or DEFAULT_HEIGHT)
    below = size * 1.8 + (size * 1.6 if _axis_title(layout.get("xaxis") or {}) else 0)
    below += size * 1.8 if legend else 0
    return max(height - below - 16, 80.0)


def _lines(figure: dict) -> str:
    """Lines with markers over a date or number x axis."""
    traces, layout = figure["data"], figure.get("layout") or {}
    legend = _legend(traces, layout)
    plot_height = _plot_height(layout, legend)
    dates = any(_number(x) is None for t in traces for x in (t.get("x") or []) if x is not None)
    to_x = _date if dates else _number
    points = []
    for trace in traces:
        xs = [to_x(x) if x is not None else None for x in trace.get("x") or []]
        ys = [_number(y) for y in trace.get("y") or []]
        points.append(list(zip(xs, ys)))
    all_x = [x for series in points for x, _ in series if x is not None]
    all_y = [y for series in points for _, y in series if y is not None]
    if not all_x or not all_y:
        return _frame(layout, _svg(plot_height, ""), [], [], plot_height, legend=legend)
    yaxis = layout.get("yaxis") or {}
    low, high = min(all_y), max(all_y)
    if yaxis.get("rangemode") == "tozero":
        low, high = min(low, 0.0), max(high, 0.0)
    pad = (high - low) * 0.06 or abs(high) * 0.1 or 1.0
    if not (yaxis.get("rangemode") == "tozero" and low == 0):
        low -= pad
    high += pad
    y_values, decimals = _ticks(low, high, max(3, int(plot_height // 60)))
    x_low, x_high = min(all_x), max(all_x)
    x_pad = (x_high - x_low) * 0.03 or 1.0
    x_low, x_high = x_low - x_pad, x_high + x_pad

    def px(x):
        return (x - x_low) / (x_high - x_low) * PLOT_WIDTH

    def py(y):
        return plot_height - (y - low) / (high - low) * plot_height

    parts = [f'<line x1="0" x2="{PLOT_WIDTH}" y1="{py(v):.2f}" y2="{py(v):.2f}" stroke="{GRID}" '
             f'stroke-width="1" vector-effect="non-scaling-stroke"/>' for v in y_values]
    x_labels = []
    if dates:
        first, last = dt.date.fromordinal(int(x_low)).year, dt.date.fromordinal(int(x_high)).year
        for year in range(first, last + 1):
            start, middle = dt.date(year, 1, 1).toordinal(), dt.date(year, 7, 2).toordinal()
            if x_low <= start <= x_high:
                parts.append(f'<line x1="{px(start):.2f}" x2="{px(start):.2f}" y1="0" '
                             f'y2="{plot_height:.0f}" stroke="{GRID}" stroke-width="1" '
                             'vector-effect="non-scaling-stroke"/>')
            if x_low <= middle <= x_high:
                x_labels.append((px(middle) / PLOT_WIDTH * 100, str(year)))
    else:
        x_ticks, x_decimals = _ticks(x_low, x_high, 6)
        x_labels = [(px(v) / PLOT_WIDTH * 100, fmt.number(v, x_decimals)) for v in x_ticks
                    if x_low <= v <= x_high]
    previous, markers = None, []
    for n, (trace, series) in enumerate(zip(traces, points)):
        drawn = []
        if trace.get("fill") == "tonexty" and previous:
            edge = [(px(x), py(y)) for x, y in series if x is not None and y is not None]
            back = [(px(x), py(y)) for x, y in reversed(previous) if x is not None and y is not None]
            shape = " ".join(f"{x:.2f},{y:.2f}" for x, y in edge + back)
            drawn.append(f'<polygon points="{shape}" fill="{_e(trace.get("fillcolor") or GRID)}" '
                         'stroke="none"/>')
        previous = series
        line = trace.get("line") or {}
        mode = trace.get("mode") or "lines"
        colour = _e(line.get("color") or LINE_COLOURS[n % len(LINE_COLOURS)])
        width = line.get("width", 2)
        if "lines" in mode and width:
            dash = _dash(line.get("dash"))
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            for run in (r for r in _runs(series) if len(r) > 1):  # a lone point: its marker
                shape = " ".join(f"{px(x):.2f},{py(y):.2f}" for x, y in run)
                drawn.append(f'<polyline points="{shape}" fill="none" stroke="{colour}" '
                             f'stroke-width="{width}"{dashed} stroke-linejoin="round" '
                             'vector-effect="non-scaling-stroke"/>')
        name = f' data-trace="{_e(_plain(trace.get("name") or ""))}"'
        if drawn:
            parts.append(f"<g{name}>{''.join(drawn)}</g>")
        if "markers" in mode:
            # In px, over the plot, placed by percent across: a marker keeps its shape.
            raw_x = trace.get("x") or []
            opening = _marker_open(trace, colour)
            shown = [(i, x, y) for i, (x, y) in enumerate(series)
                     if x is not None and y is not None]
            hovers = _hover_texts(trace, _template(trace), [(i, raw_x[i], y) for i, _, y in shown])
            placed = [f'<svg x="{px(x) / PLOT_WIDTH * 100:.3f}%" y="{py(y):.2f}" width="1" '
                      f'height="1" overflow="visible">{opening}{_title(hover)}</path></svg>'
                      for (_, x, y), hover in zip(shown, hovers)]
            markers.append(f"<g{name}>{''.join(placed)}</g>")
    y_labels = [(py(v), fmt.number(v, decimals)) for v in y_values]
    overlay = (f'<svg class="drawn-chart-markers" width="100%" height="{plot_height:.0f}" '
               f'aria-hidden="true" focusable="false">{"".join(markers)}</svg>') if markers else ""
    return _frame(layout, _svg(plot_height, "".join(parts)), y_labels, x_labels, plot_height,
                  overlay, legend)


def _runs(series: list[tuple]) -> list[list[tuple]]:
    """The series split at its gaps (no line across a missing value)."""
    runs, run = [], []
    for x, y in series:
        if x is None or y is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append((x, y))
    if run:
        runs.append(run)
    return runs


def _bars(figure: dict) -> str:
    """Horizontal bars, a category each, the first at the top (plotly's reversed y axis),
    each with its text outside the bar."""
    traces, layout = figure["data"], figure.get("layout") or {}
    legend = _legend(traces, layout)
    plot_height = _plot_height(layout, legend)
    trace = traces[0]
    categories = [_plain(y) for y in trace.get("y") or []]
    values = [_number(x) or 0.0 for x in trace.get("x") or []]
    texts = trace.get("text") or []
    outside = trace.get("textposition") == "outside"
    high = max(values + [0.0]) or 1.0
    x_values, decimals = _ticks(0.0, high * (1.12 if outside else 1.0), 5)
    top = max(x_values[-1], high)
    band = plot_height / max(len(categories), 1)
    thickness = band * (1 - float(layout.get("bargap", 0.2)))
    colours = (trace.get("marker") or {}).get("color")
    reversed_axis = (layout.get("yaxis") or {}).get("autorange") == "reversed"
    parts = [f'<line x1="{v / top * PLOT_WIDTH:.2f}" x2="{v / top * PLOT_WIDTH:.2f}" y1="0" '
             f'y2="{plot_height:.0f}" stroke="{GRID}" stroke-width="1" '
             'vector-effect="non-scaling-stroke"/>' for v in x_values]
    y_labels, extra = [], []
    for i, (category, value) in enumerate(zip(categories, values)):
        row = i if reversed_axis else len(categories) - 1 - i
        middle = band * row + band / 2
        colour = colours[i] if isinstance(colours, list) else (colours or LINE_COLOURS[1])
        width = value / top * PLOT_WIDTH
        title = _hover(trace, i, value, category)
        parts.append(f'<rect x="0" y="{middle - thickness / 2:.2f}" width="{width:.2f}" '
                     f'height="{thickness:.2f}" fill="{_e(colour)}"><title>{_e(title)}</title></rect>')
        y_labels.append((middle, category))
        if outside and i < len(texts) and texts[i] not in (None, ""):
            extra.append(f'<span class="drawn-chart-bartext" style="left:{width / PLOT_WIDTH * 100:.2f}%;'
                         f'top:{middle:.1f}px">{_e(_plain(texts[i]))}</span>')
    x_labels = [(v / top * 100, fmt.number(v, decimals)) for v in x_values]
    return _frame(layout, _svg(plot_height, "".join(parts)), y_labels, x_labels, plot_height,
                  "".join(extra), legend)


def to_html(figure: dict) -> str:
    """The figure drawn as HTML and SVG (`drawable(figure)` must hold)."""
    if figure["data"][0].get("type") == "bar":
        return _bars(figure)
    return _lines(figure)
