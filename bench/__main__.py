"""`make bench`: the app served by gunicorn, driven over HTTP with the browser's payloads.

Per scale tier: the SQL floor of each view and where the rest of an uncached render goes
(in-process: SQL, the page's load, building components and figures, JSON encoding, the
request around them); each main callback at concurrency 1, 8 and 32 without the page cache
and with it (p50/p95/p99 latency, throughput, bytes on the wire, and the ratio to the SQL
floor); a trivial Dash callback served the same way, as the yardstick for the cached path;
the RSS of each worker; the audit log's write; and the first load of the main pages in
headless Chromium (largest contentful paint, bytes transferred: public pages logged out,
internal ones logged in) and Lighthouse's mobile performance score of the public pages (the
median of five runs per page). Ends with the targets of
issue 18 and whether this run met them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os

import requests

from bench import audit_cost, browser, floor, load, server, trivial
from bench.scenarios import SCENARIOS, Scenario
from bench.tiers import TIERS, ensure_tier
from data_access.db import DatabaseUnavailable

# (path, user): the public pages logged out, the internal ones as ledning.
PUBLIC_PAGES = ["/", "/oppna-data", "/oppna-data/mal", "/oppna-data/nyckeltal?code=N70059",
                "/oppna-data/api", "/storbild"]
BROWSER_PAGES = [(path, None) for path in PUBLIC_PAGES] + [
    ("/mal", "ledning"), ("/ekonomi", "ledning"), ("/internkontroll", "ledning")]
CLIENT_TARGET_TIER = "x10"  # where throughput, LCP, transfer and Lighthouse have targets
TARGET_LCP_MS = 1000.0  # desktop, for these pages:
LCP_PAGES = ("/", "/mal", "/ekonomi", "/internkontroll", "/oppna-data")
TARGET_TRANSFER_BYTES = {True: 600_000, False: 1_000_000}  # public (logged out), internal
TARGET_LIGHTHOUSE = 90.0  # mobile performance score of every public page
# Lighthouse runs per public page; the target holds for the median run. One run's score
# moves by up to 12 points on the same page and code here (Lighthouse's own guidance on
# variability: the median of five runs is about twice as stable as one run).
LIGHTHOUSE_RUNS = 5
# x10 on SQLite, uncached, concurrency 1: every view's p50 at most this far above its SQL
# floor, and its p95 at most this.
TARGET_FLOOR_MARGIN_MS = 10.0
TARGET_P95_MS = {"x10": 50.0, "x30": 120.0}  # uncached, concurrency 1, every view
TARGET_UNCACHED_THROUGHPUT = 100.0  # requests/s at concurrency 8, x10, every view
TARGET_CACHED_THROUGHPUT = 800.0  # the same with the page cache
# Cached views against a trivial Dash callback served the same way in the same run.
TARGET_TRIVIAL_SHARE = 0.40
RSS_TARGET_TIER = "x30"
TARGET_RSS_MB = 250.0
# Requests per view at a concurrency above 1 with the page cache (and for the trivial
# callback): hundreds a second, so a few dozen would be over before the clock says much.
THROUGHPUT_REQUESTS = 400
# The audit log's write per page view, as a share of the cheapest non-public page (p50).
TARGET_AUDIT_SHARE = 0.05
AUDIT_WRITES = 400


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--tier", choices=TIERS, action="append",
                        help="nivå att mäta (kan upprepas; standard: alla tre, x30 bara om "
                             "PostgreSQL nås)")
    parser.add_argument("--repeat", type=int, default=30,
                        help="anrop per vy och samtidighet (minst fyra per tråd)")
    parser.add_argument("--concurrency", default="1,8,32", help="samtidiga klienter, t.ex. 1,8,32")
    parser.add_argument("--workers", type=int, default=2, help="gunicorns arbetsprocesser")
    parser.add_argument("--database-url", help="mät mot den här databasen i stället för nivåns")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""),
                        help="Redis för sidcachen (standard: REDIS_URL, annars per process)")
    parser.add_argument("--no-browser", action="store_true", help="hoppa över Chromium-mätningen")
    parser.add_argument("--only", help="bara vyer vars namn innehåller den här texten")
    parser.add_argument("--lighthouse-runs", type=int, default=LIGHTHOUSE_RUNS,
                        help="Lighthouse-körningar per publik sida; målet gäller medianen")
    args = parser.parse_args()
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    scenarios = [s for s in SCENARIOS if not args.only or args.only.lower() in s.name.lower()]
    print(f"Rödtråds benchmark {dt.date.today().isoformat()}, {os.cpu_count()} kärnor")
    for tier in args.tier or list(TIERS):
        try:
            run_tier(tier, args, scenarios, concurrencies)
        except DatabaseUnavailable as error:
            if args.tier:  # asked for by name: a failure
                raise SystemExit(f"Nivå {tier}: {error}") from error
            print(f"\n=== Nivå {tier} hoppas över: {error}")


def run_tier(tier: str, args, scenarios: list[Scenario], concurrencies: list[int]) -> None:
    """Every measurement for one tier, printed as it comes."""
    url, built = ensure_tier(tier, args.database_url)
    print(f"\n=== Nivå {tier} (skala {TIERS[tier]}) i {_engine_name(url)}"
          + (f", byggd på {built:.0f} s" if built is not None else ""))
    splits = floor.splits(url, scenarios, repeat=5)
    print_splits(splits)
    floors = {name: split.sql for name, split in splits.items()}
    results, loads, rss, scores = {}, [], [], []
    print("\nCPU ms = arbetsprocessernas CPU-tid per anrop; andra % = andel av maskinens alla "
          "kärnor som andra processer\n(varken servern eller lastklienten) tog under "
          "körningen. Anrop/s kan inte växa med samtidigheten\nnär kärnorna är upptagna: "
          "högst kärnor × 1000 / CPU ms.")
    for cached in (False, True):
        title = "med sidcache" if cached else "utan sidcache (varje anrop ritar sidan)"
        with server.gunicorn(url, args.workers, cached, args.redis_url) as (base, master):
            print(f"\n--- {title}, gunicorn med {args.workers} arbetsprocesser")
            results[cached] = measure(base, scenarios, concurrencies, args.repeat, floors,
                                      args.workers, THROUGHPUT_REQUESTS if cached else 0,
                                      master)
            rss.extend(server.worker_rss_mb(master))
            print("RSS per arbetsprocess: "
                  + ", ".join(f"{mb:.0f} MB" for mb in server.worker_rss_mb(master)))
            if not (args.no_browser or cached):
                loads = first_loads(base)
                scores = lighthouse_scores(base, args.lighthouse_runs)
    trivial = measure_trivial(url, args.workers, [c for c in concurrencies if c > 1],
                              max(args.repeat, THROUGHPUT_REQUESTS))
    audit_writes = measure_audit(url, sorted({1, args.workers}))
    check_targets(tier, results, rss, loads, concurrencies, audit_writes, scenarios, floors,
                  trivial, scores)


def print_splits(splits: dict[str, floor.Split]) -> None:
    """Where the time of an uncached render goes, per view (in-process, median ms)."""
    print("\nVar tiden går: en osparad rendering i processen (median ms). SQL = satserna "
          "ensamma; load = sidans load\nutöver SQL (ORM, Python); bygga = view och "
          "sidverktygen (komponenter, figurer); koda = Dash JSON-kodning;\növrigt = Flask, "
          "inloggning, behörighetskontroll, Dash runt sidan.")
    print(f"{'vy':<34}{'SQL':>8}{'load':>8}{'bygga':>8}{'koda':>8}{'övrigt':>8}{'totalt':>8}")
    for name, split in splits.items():
        print(f"{name[:33]:<34}{split.sql:>8.1f}{max(0.0, split.load - split.sql):>8.1f}"
              f"{split.build:>8.1f}{split.encode:>8.1f}{split.other:>8.1f}{split.total:>8.1f}")


def measure(base: str, scenarios: list[Scenario], concurrencies: list[int], repeat: int,
            floors: dict[str, float], workers: int, throughput_requests: int = 0,
            master=None) -> dict[tuple[str, int], load.LoadResult]:
    """Each scenario at each concurrency, after a warm-up that reaches every worker; prints a
    row each. Above concurrency 1, at least `throughput_requests` requests per view. With
    the gunicorn `master`, each row also says what a request cost the workers in CPU and
    what share of the machine other processes took meanwhile (`server.cpu_share`)."""
    print(f"{'vy':<34}{'samt.':>6}{'p50':>8}{'p95':>8}{'p99':>8}{'anrop/s':>9}{'komp. B':>9}"
          f"{'SQL ms':>8}{'×SQL':>8}{'fel':>5}{'CPU ms':>8}{'andra %':>9}")
    sessions: dict[str | None, object] = {}
    results = {}
    for scenario in scenarios:
        if scenario.user not in sessions:
            sessions[scenario.user] = load.session_for(base, scenario.user)
        session = sessions[scenario.user]
        wire = load.compressed_bytes(session, scenario)  # also fills the page cache, when on
        load.run_load(session, scenario, 8 * workers, workers)  # each worker's first requests
        for concurrency in concurrencies:
            total = max(repeat, 4 * concurrency, throughput_requests if concurrency > 1 else 0)
            result, share = measure_cpu(
                master, lambda: load.run_load(session, scenario, total, concurrency), total)
            results[scenario.name, concurrency] = result
            sql_ms = floors[scenario.name]
            ratio = f"{result.p50 / sql_ms:8.1f}" if sql_ms >= 0.05 else f"{'–':>8}"
            print(f"{scenario.name[:33]:<34}{concurrency:>6}{result.p50:>8.1f}"
                  f"{result.percentile(.95):>8.1f}{result.percentile(.99):>8.1f}"
                  f"{result.throughput:>9.1f}{wire:>9}{sql_ms:>8.1f}{ratio}{result.errors:>5}"
                  + (f"{share.server_ms_per_request:>8.1f}{share.others_percent:>9.0f}"
                     if share else f"{'–':>8}{'–':>9}"))
    return results


def measure_cpu(master, run, requests: int):
    """`run()`'s result and its CPU share (None without a master to look at)."""
    return (run(), None) if master is None else server.cpu_share(master, run, requests)


def measure_trivial(url: str, workers: int, concurrencies: list[int],
                    requests_total: int) -> dict[int, load.LoadResult]:
    """The yardstick: a trivial Dash callback (`bench.trivial`) served by gunicorn with the
    same settings, at each concurrency."""
    results = {}
    with server.gunicorn(url, workers, app=server.TRIVIAL_APP) as (base, _master):
        session = requests.Session()
        session.base_url = base
        session.headers["Accept-Encoding"] = load.ACCEPT_ENCODING
        body = trivial.payload()
        load.run_posts(session, "/_dash-update-component", body, 4 * workers, workers)
        print(f"\n{'en trivial Dash-callback (bench.trivial)':<40}{'samt.':>6}{'p50':>8}"
              f"{'p95':>8}{'anrop/s':>9}{'fel':>5}")
        for concurrency in concurrencies:
            result = load.run_posts(session, "/_dash-update-component", body,
                                    max(requests_total, 4 * concurrency), concurrency)
            results[concurrency] = result
            print(f"{'':<40}{concurrency:>6}{result.p50:>8.1f}{result.percentile(.95):>8.1f}"
                  f"{result.throughput:>9.1f}{result.errors:>5}")
    return results


def measure_audit(url: str, concurrencies: list[int]) -> dict[int, load.LoadResult]:
    """The audit log's write per page view, in the web's batches (what the target reads) and
    one by one (RODTRAD_AUDIT_BATCH_MS=0), alone and with as many writers at once as there
    are workers."""
    print(f"\n{'granskningslogg, skrivning per sidvisning':<42}{'samt.':>6}{'p50':>8}{'p95':>8}"
          f"{'p99':>8}{'skrivn./s':>11}{'tappade':>9}")
    results = {}
    for batch in (audit_cost.BATCH, 1):
        print(f"{'  i omgångar om ' + str(batch) if batch > 1 else '  en i taget':<42}")
        for concurrency in concurrencies:
            result = audit_cost.write_cost(url, AUDIT_WRITES, concurrency, batch)
            if batch > 1:
                results[concurrency] = result
            print(f"{'':<42}{concurrency:>6}{result.p50:>8.2f}{result.percentile(.95):>8.2f}"
                  f"{result.percentile(.99):>8.2f}{result.throughput:>11.0f}{result.errors:>9}")
    return results


def first_loads(base: str) -> list[browser.FirstLoad]:
    """The browser part, or a line saying why it cannot run here."""
    reason = browser.unavailable_reason()
    if reason:
        print(f"Webbläsarmätningen hoppas över: {reason}")
        return []
    loads = browser.first_loads(base, BROWSER_PAGES)
    print(f"\n{'första laddning i Chromium (1920×1080)':<40}{'som':>10}{'LCP ms':>8}"
          f"{'överfört kB':>13}")
    for item in loads:
        print(f"{item.path:<40}{item.user or 'utloggad':>10}{item.lcp_ms:>8.0f}"
              f"{item.transferred_bytes / 1000:>13.0f}")
    return loads


def lighthouse_scores(base: str, runs: int = LIGHTHOUSE_RUNS) -> list[browser.LighthouseRun]:
    """Lighthouse's mobile performance audit of each public page, `runs` times: per page the
    median run by score (its metrics beside it), with every run's score; or a line saying
    why not."""
    reason = browser.lighthouse_unavailable_reason()
    if reason:
        print(f"Lighthouse hoppas över: {reason}")
        return []
    print(f"\nLighthouse, mobil, utloggad: medianen av {runs} körningar per sida (poäng och "
          "mått), och varje körnings poäng")
    print(f"{'sida':<40}{'poäng':>7}{'FCP ms':>8}{'LCP ms':>8}{'TBT ms':>8}{'CLS':>7}"
          f"{'CPU-index':>11}  alla poäng")
    chosen = []
    for path in PUBLIC_PAGES:
        page_runs = [browser.lighthouse(base, path) for _ in range(max(1, runs))]
        run = median_run(page_runs)
        chosen.append(run)
        if run.score is None:
            print(f"{path:<40}  kunde inte mätas: {run.error}")
        else:
            every = ", ".join("–" if r.score is None else f"{r.score:.0f}" for r in page_runs)
            print(f"{path:<40}{run.score:>7.0f}{run.fcp_ms:>8.0f}{run.lcp_ms:>8.0f}"
                  f"{run.tbt_ms:>8.0f}{run.cls:>7.3f}{run.benchmark_index:>11.0f}  {every}")
    return chosen


def median_run(runs: list[browser.LighthouseRun]) -> browser.LighthouseRun:
    """The run with the median score (the lower middle one of an even number); a run that
    could not be measured counts as the lowest score, and one such run is what is given
    when most runs failed."""
    ranked = sorted(runs, key=lambda r: -1.0 if r.score is None else r.score)
    return ranked[(len(ranked) - 1) // 2]


def check_targets(tier: str, results, rss: list[float], loads, concurrencies,
                  audit_writes: dict[int, load.LoadResult], scenarios: list[Scenario],
                  floors: dict[str, float] | None = None,
                  trivial: dict[int, load.LoadResult] | None = None,
                  scores: list[browser.LighthouseRun] = ()) -> None:
    """The targets, each with this run's figure: a verdict where the target is set for this
    tier, a comparison where it is set for another (issue 18: latency, throughput and the
    trivial callback for x10 on SQLite; latency and RSS for x30 on PostgreSQL). A target for
    every view names the worst one and the views that miss it."""
    print(f"\nMål för nivå {tier}:")
    uncached, cached = results[False], results.get(True, {})
    if 1 in concurrencies:
        if floors:
            _per_view(f"p50 utan cache, samtidighet 1, ≤ vyns SQL-golv + "
                      f"{TARGET_FLOOR_MARGIN_MS:.0f} ms (ms över golvet)",
                      {name: r.p50 - floors[name] for (name, c), r in uncached.items()
                       if c == 1 and name in floors},
                      TARGET_FLOOR_MARGIN_MS, applies=tier == "x10", target_tier="x10")
        for target_tier, limit in TARGET_P95_MS.items():
            _per_view(f"p95 utan cache, samtidighet 1, ≤ {limit:.0f} ms",
                      {name: r.percentile(.95) for (name, c), r in uncached.items() if c == 1},
                      limit, applies=tier == target_tier, target_tier=target_tier)
    own = tier == CLIENT_TARGET_TIER
    if 8 in concurrencies:
        _per_view(f"anrop/s utan cache, samtidighet 8, ≥ {TARGET_UNCACHED_THROUGHPUT:.0f}",
                  {name: r.throughput for (name, c), r in uncached.items() if c == 8},
                  TARGET_UNCACHED_THROUGHPUT, higher_is_better=True, applies=own)
        with_cache = {name: r.throughput for (name, c), r in cached.items() if c == 8}
        _per_view(f"anrop/s med cache, samtidighet 8, ≥ {TARGET_CACHED_THROUGHPUT:.0f}",
                  with_cache, TARGET_CACHED_THROUGHPUT, higher_is_better=True, applies=own)
        if trivial and 8 in trivial and with_cache:
            yardstick = trivial[8].throughput
            _per_view(f"anrop/s med cache, samtidighet 8, ≥ {TARGET_TRIVIAL_SHARE:.0%} av en "
                      f"trivial Dash-callbacks ({yardstick:.0f} anrop/s), i %",
                      {name: 100 * rate / yardstick for name, rate in with_cache.items()},
                      100 * TARGET_TRIVIAL_SHARE, higher_is_better=True, applies=own)
    for item in loads:
        if item.path in LCP_PAGES:
            _verdict(f"LCP {item.path} ≤ {TARGET_LCP_MS:.0f} ms", item.lcp_ms, TARGET_LCP_MS,
                     applies=own)
        limit = TARGET_TRANSFER_BYTES[item.user is None]
        _verdict(f"överfört vid första laddning {item.path} ({item.user or 'utloggad'}) "
                 f"≤ {limit / 1000:.0f} kB", item.transferred_bytes / 1000, limit / 1000,
                 applies=own)
    for run in scores:
        if run.score is None:
            print(f"  EJ UPPFYLLT  Lighthouse mobil {run.path} ≥ {TARGET_LIGHTHOUSE:.0f}: "
                  f"kunde inte mätas ({run.error})")
        else:
            _verdict(f"Lighthouse mobil prestanda {run.path} ≥ {TARGET_LIGHTHOUSE:.0f}",
                     run.score, TARGET_LIGHTHOUSE, higher_is_better=True, applies=own)
    if rss:
        _verdict(f"RSS per arbetsprocess ≤ {TARGET_RSS_MB:.0f} MB", max(rss), TARGET_RSS_MB,
                 applies=tier == RSS_TARGET_TIER, target_tier=RSS_TARGET_TIER)
    logged_in = {s.name for s in scenarios if s.user is not None}
    pages = [(r.p50, name) for (name, c), r in uncached.items()
             if c == 1 and name in logged_in]
    if pages and 1 in audit_writes:
        cheapest = min(pages)
        share = audit_writes[1].percentile(.95) / cheapest[0]
        _verdict(f"granskningsloggens skrivning per sidvisning (p95, i omgångar om "
                 f"{audit_cost.BATCH}) ≤ {TARGET_AUDIT_SHARE:.0%} av den "
                 f"billigaste inloggade vyns p50 ({cheapest[1]}, {cheapest[0]:.1f} ms), i %",
                 100 * share, 100 * TARGET_AUDIT_SHARE)


def _per_view(what: str, figures: dict[str, float], limit: float,
              higher_is_better: bool = False, applies: bool = True,
              target_tier: str = "") -> None:
    """One verdict for a target every view must meet: the worst view's figure, named, and
    the views that miss it."""
    if not figures:
        return
    worst = (min if higher_is_better else max)(figures, key=figures.get)
    missed = [name for name, figure in figures.items()
              if not _met(figure, limit, higher_is_better)]
    named = f"sämst: {worst}"
    if missed:
        named += f"; {len(missed)} av {len(figures)} vyer missar: " + ", ".join(missed)
    _verdict(f"{what} ({named})", figures[worst], limit, higher_is_better, applies,
             target_tier)


def _met(figure: float, limit: float, higher_is_better: bool) -> bool:
    return figure >= limit if higher_is_better else figure <= limit


def _verdict(what: str, figure: float, limit: float, higher_is_better: bool = False,
             applies: bool = True, target_tier: str = "") -> None:
    met = _met(figure, limit, higher_is_better)
    if applies:
        word = "uppfyllt " if met else "EJ UPPFYLLT"
    else:  # the target belongs to another tier: shown for comparison only
        word = f"jämförelse, målet gäller {target_tier or CLIENT_TARGET_TIER}:"
    print(f"  {word}  {what}: {figure:.1f}")


def _engine_name(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


if __name__ == "__main__":
    main()
