"""The comparison cards the indicator pages share (Indikator, internal; Nyckeltal, public): the
organisation's yearly values beside riket, its chosen areas and the median of its kind; its
rank among the regions (or kommuner) with the best value and the median, as Kolada's
Jämföraren shows them; and a region's own kommuner. Each credits Kolada as Kolada's terms ask
(callbacks.comparisons)."""

from __future__ import annotations

from dash import html

from callbacks import comparisons as cmp
from data_access import ranking as rk
from data_access.profile import and_list
from layouts.components import card, data_table, download_links, note, unstretched


def credit(about_name: str, derived: bool = False) -> html.P:
    """`Källa: Kolada` and Kolada's terms (and who computed what is derived)."""
    text = [html.Strong(cmp.KOLADA_SOURCE + ". "), cmp.KOLADA_TERMS + " ",
            html.A("Koladas villkor", href=cmp.KOLADA_TERMS_URL), "."]
    if derived:
        text.append(" " + cmp.own_work(about_name))
    return html.P(text, className="small text-body-secondary mb-0")


def yearly_card(key: str, compared: cmp.Compared, unit: str, stacked: bool = True) -> list:
    """The organisation per year beside the chart's comparison lines."""
    view = compared.view
    if not view.lines:
        return []
    columns = cmp.yearly_columns(view.own_name, view.lines)
    names = and_list([line.name for line in view.lines])
    table = data_table(f"{view.own_name} och {names} per år ({unit}), nyast först", columns,
                       cmp.yearly_rows(compared.own_values, view.lines, unit),
                       [False, *[True] * (len(columns) - 1)], stacked=stacked)
    more = [note(f"{view.hidden_lines} valda jämförelseområden till visas inte i diagrammet; "
                 "alla finns i filen med jämförelserna.")] if view.hidden_lines else []
    derived = any(line.code == rk.MEDIAN for line in view.lines)
    return [unstretched(card("Jämförelse per år", "Helår", table, *more,
                             credit(view.own_name, derived),
                             card_id=f"{key}-comparison"))]


def _ranking_table(what: str, columns, r: rk.Ranking, unit: str, stacked: bool):
    order = "bäst först" if r.ranked else "lägst först"
    return data_table(f"{what} {r.period}, {order} ({unit})", columns,
                      cmp.ranking_rows(r, unit), [True, False, True], stacked=stacked)


def ranking_card(key: str, compared: cmp.Compared, unit: str, files: dict | None = None,
                 stacked: bool = True) -> list:
    """The organisation's place among the regions (or kommuner) for the latest year, best
    first; `files` (the page's download arguments) adds the comparison file's links."""
    r = compared.view.ranking
    if r is None:
        return []
    lines = cmp.rank_lines(r, unit)
    table = _ranking_table(rk.KIND_DEFINITE_SV[r.kind].capitalize(), cmp.RANKING_COLUMNS, r,
                           unit, stacked)
    links = [download_links(key, "comparisons", files, "jämförelserna")] if files else []
    return [unstretched(card(
        f"Placering bland {rk.KIND_DEFINITE_SV[r.kind]}", f"Helår {r.period}",
        html.P(lines[0], className="fs-5 mb-2", id=f"{key}-rank"),
        *[html.P(line, className="mb-1") for line in lines[1:]],
        html.Details([html.Summary(f"Visa alla {r.count} {rk.KIND_PLURALS_SV[r.kind]}",
                                   className="mb-2"), table], className="table-details mt-3"),
        *links,
        credit(compared.about.name, derived=True),
        card_id=f"{key}-ranking",
    ))]


def kommuner_card(key: str, compared: cmp.Compared, unit: str, stacked: bool = True) -> list:
    """A region's own kommuner for their latest year, best first."""
    r = compared.view.kommuner
    if r is None:
        return []
    table = _ranking_table(f"{compared.about.name}s kommuner", cmp.KOMMUN_COLUMNS, r, unit,
                           stacked)
    missing = [note(f"Utan värde för {r.period}: {', '.join(r.missing)}.")] if r.missing else []
    return [unstretched(card(
        f"{compared.about.name}s kommuner", f"Helår {r.period}",
        note("Koladas värden för kommunerna i länet."), table, *missing,
        credit(compared.about.name, derived=True),
        card_id=f"{key}-kommuner",
    ))]


def cards(key: str, compared: cmp.Compared, unit: str, files: dict | None = None,
          stacked: bool = True) -> list:
    """Every comparison card that has something to show."""
    return [*yearly_card(key, compared, unit, stacked),
            *ranking_card(key, compared, unit, files, stacked),
            *kommuner_card(key, compared, unit, stacked)]
