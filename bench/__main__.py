"""`make bench`: the app served by gunicorn, driven over HTTP with the browser's payloads.

Per scale tier: the SQL floor of each view (in-process, uncached); each main callback at
concurrency 1, 8 and 32 without the page cache and with it (p50/p95/p99 latency, throughput,
bytes on the wire, and the ratio to the SQL floor); the RSS of each worker; and the first load
of the main pages in headless Chromium (largest contentful paint, bytes transferred: public
pages logged out, internal ones logged in) and Lighthouse's mobile performance score of the
public pages. Ends
with the targets and whether this run met them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os

from bench import audit_cost, browser, floor, load, server
from bench.scenarios import SCENARIOS, Scenario
from bench.tiers import TIERS, ensure_tier
from data_access.db import DatabaseUnavailable

# (path, user): the public pages logged out, the internal ones as ledning.
PUBLIC_PAGES = ["/", "/oppna-data", "/oppna-data/mal", "/oppna-data/nyckeltal?code=N70059",
                "/oppna-data/api", "/storbild"]
BROWSER_PAGES = [(path, None) for path in PUBLIC_PAGES] + [
    ("/mal", "ledning"), ("/ekonomi", "ledning"), ("/internkontroll", "ledning")]
# name -> (tier, what is measured, limit, how the figure compares)
TARGETS = {
    "x10": ("p95 utan cache, samtidighet 1", 100.0, "ms"),
    "x30": ("p95 utan cache, samtidighet 1", 250.0, "ms"),
}
CLIENT_TARGET_TIER = "x10"  # where throughput, LCP, transfer and RSS have targets
TARGET_THROUGHPUT = 150.0  # requests/s at concurrency 8, cached
TARGET_LCP_MS = 1000.0  # desktop, for these pages:
LCP_PAGES = ("/", "/mal", "/ekonomi", "/internkontroll", "/oppna-data")
TARGET_TRANSFER_BYTES = {True: 600_000, False: 1_000_000}  # public (logged out), internal
TARGET_LIGHTHOUSE = 90.0  # mobile performance score of every public page
TARGET_RSS_MB = 300.0
# The audit log's write per page view, as a share of the cheapest non-public page (p50).
TARGET_AUDIT_SHARE = 0.05
AUDIT_WRITES = 400
# The drill-down, economy and risk callbacks the latency targets are about.
TARGETED = ("Mål", "Ekonomi", "Internkontroll", "Risk")


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
    floors = floor.sql_floors(url, scenarios, repeat=5)
    results, loads, scores = {}, [], []
    for cached in (False, True):
        title = "med sidcache" if cached else "utan sidcache (varje anrop ritar sidan)"
        with server.gunicorn(url, args.workers, cached, args.redis_url) as (base, master):
            print(f"\n--- {title}, gunicorn med {args.workers} arbetsprocesser")
            results[cached] = measure(base, scenarios, concurrencies, args.repeat, floors,
                                      args.workers)
            rss = server.worker_rss_mb(master)
            print("RSS per arbetsprocess: " + ", ".join(f"{mb:.0f} MB" for mb in rss))
            if not (args.no_browser or cached):
                loads = first_loads(base)
                scores = lighthouse_scores(base)
    audit_writes = measure_audit(url, sorted({1, args.workers}))
    check_targets(tier, results, rss, loads, concurrencies, audit_writes, scenarios, scores)


def measure(base: str, scenarios: list[Scenario], concurrencies: list[int], repeat: int,
            floors: dict[str, float], workers: int) -> dict[tuple[str, int], load.LoadResult]:
    """Each scenario at each concurrency, after a warm-up that reaches every worker; prints a
    row each."""
    print(f"{'vy':<34}{'samt.':>6}{'p50':>8}{'p95':>8}{'p99':>8}{'anrop/s':>9}{'gzip B':>9}"
          f"{'SQL ms':>8}{'×SQL':>7}{'fel':>5}")
    sessions: dict[str | None, object] = {}
    results = {}
    for scenario in scenarios:
        if scenario.user not in sessions:
            sessions[scenario.user] = load.session_for(base, scenario.user)
        session = sessions[scenario.user]
        wire = load.compressed_bytes(session, scenario)  # also fills the page cache, when on
        load.run_load(session, scenario, 4 * workers, workers)  # each worker's first requests
        for concurrency in concurrencies:
            result = load.run_load(session, scenario, max(repeat, 4 * concurrency), concurrency)
            results[scenario.name, concurrency] = result
            sql_ms = floors[scenario.name]
            ratio = f"{result.p50 / sql_ms:7.1f}" if sql_ms >= 0.05 else f"{'–':>7}"
            print(f"{scenario.name[:33]:<34}{concurrency:>6}{result.p50:>8.1f}"
                  f"{result.percentile(.95):>8.1f}{result.percentile(.99):>8.1f}"
                  f"{result.throughput:>9.1f}{wire:>9}{sql_ms:>8.1f}{ratio}{result.errors:>5}")
    return results


def measure_audit(url: str, concurrencies: list[int]) -> dict[int, load.LoadResult]:
    """The audit log's write per page view, alone and with as many writers at once as there
    are workers."""
    print(f"\n{'granskningslogg, skrivning per sidvisning':<42}{'samt.':>6}{'p50':>8}{'p95':>8}"
          f"{'p99':>8}{'skrivn./s':>11}{'tappade':>9}")
    results = {}
    for concurrency in concurrencies:
        result = audit_cost.write_cost(url, AUDIT_WRITES, concurrency)
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


def lighthouse_scores(base: str) -> list[browser.LighthouseRun]:
    """Lighthouse's mobile performance score of each public page, or a line saying why not."""
    reason = browser.lighthouse_unavailable_reason()
    if reason:
        print(f"Lighthouse hoppas över: {reason}")
        return []
    print(f"\n{'Lighthouse, mobil, utloggad':<40}{'poäng':>7}{'FCP ms':>8}{'LCP ms':>8}"
          f"{'TBT ms':>8}{'CLS':>7}{'CPU-index':>11}")
    runs = []
    for path in PUBLIC_PAGES:
        run = browser.lighthouse(base, path)
        runs.append(run)
        if run.score is None:
            print(f"{path:<40}  kunde inte mätas: {run.error}")
        else:
            print(f"{path:<40}{run.score:>7.0f}{run.fcp_ms:>8.0f}{run.lcp_ms:>8.0f}"
                  f"{run.tbt_ms:>8.0f}{run.cls:>7.3f}{run.benchmark_index:>11.0f}")
    return runs


def check_targets(tier: str, results, rss: list[float], loads, concurrencies,
                  audit_writes: dict[int, load.LoadResult], scenarios: list[Scenario],
                  scores: list[browser.LighthouseRun] = ()) -> None:
    """The targets, each with this run's figure: a verdict where the target is set for this
    tier, a comparison where it is set for another (the issue sets throughput, LCP, transfer
    and RSS for x10 on SQLite, latency for x10 and x30)."""
    print(f"\nMål för nivå {tier}:")
    worst = max((r.percentile(.95), name) for (name, c), r in results[False].items()
                if c == 1 and name.startswith(TARGETED))
    for target_tier, (what, limit, unit) in TARGETS.items():
        _verdict(f"{what} ≤ {limit:.0f} {unit} (sämst: {worst[1]})", worst[0], limit,
                 applies=tier == target_tier, target_tier=target_tier)
    own = tier == CLIENT_TARGET_TIER
    if 8 in concurrencies:
        slowest = min((r.throughput, name) for (name, c), r in results[True].items() if c == 8)
        _verdict(f"anrop/s med cache, samtidighet 8 ≥ {TARGET_THROUGHPUT:.0f} (lägst: "
                 f"{slowest[1]})", slowest[0], TARGET_THROUGHPUT, higher_is_better=True,
                 applies=own)
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
                 applies=own)
    logged_in = {s.name for s in scenarios if s.user is not None}
    pages = [(r.p50, name) for (name, c), r in results[False].items()
             if c == 1 and name in logged_in]
    if pages and 1 in audit_writes:
        cheapest = min(pages)
        share = audit_writes[1].percentile(.95) / cheapest[0]
        _verdict(f"granskningsloggens skrivning (p95) ≤ {TARGET_AUDIT_SHARE:.0%} av den "
                 f"billigaste inloggade vyns p50 ({cheapest[1]}, {cheapest[0]:.1f} ms), i %",
                 100 * share, 100 * TARGET_AUDIT_SHARE)


def _verdict(what: str, figure: float, limit: float, higher_is_better: bool = False,
             applies: bool = True, target_tier: str = "") -> None:
    met = figure >= limit if higher_is_better else figure <= limit
    if applies:
        word = "uppfyllt " if met else "EJ UPPFYLLT"
    else:  # the target belongs to another tier: shown for comparison only
        word = f"jämförelse, målet gäller {target_tier or CLIENT_TARGET_TIER}:"
    print(f"  {word}  {what}: {figure:.1f}")


def _engine_name(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


if __name__ == "__main__":
    main()
