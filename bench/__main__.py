"""`make bench`: time every page render as the browser requests it, per scale tier.

Prints, per request, p50/p95/p99 latency and response size. In-process (Flask test
client), concurrency 1: the server's own time, without network or gunicorn.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.requests import logged_in_client, page_scenarios, router_payload
from bench.tiers import TIERS, ensure_tier

# Drill-down arguments worth timing besides each page's default view (demo codes).
EXTRA_SEARCHES = {
    "/mal": ["?goal=HSN-M1", "?goal=HSF-M1"],
    "/ekonomi": ["?unit=HSN", "?unit=HSF-PV"],
    "/internkontroll": ["?namnd=HSN"],
}


def percentile(samples: list[float], share: float) -> float:
    """The sample at the given share (0–1) of the sorted samples."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_request(client, body: dict, repeat: int) -> tuple[list[float], int, int]:
    """Milliseconds of each of `repeat` posts (after one warm-up), bytes, last status."""
    token = client.get_cookie("_csrf_token").value
    headers = {"X-CSRFToken": token}
    client.post("/_dash-update-component", json=body, headers=headers)
    samples, size, status = [], 0, 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.post("/_dash-update-component", json=body, headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
        size, status = len(response.data), response.status_code
    return samples, size, status


def run(tier: str, repeat: int, username: str) -> None:
    from dashboard import create_app

    url, built = ensure_tier(tier)
    if built is not None:
        print(f"Byggde nivån {tier} på {built:.1f} s")
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench" * 8,
                      "SESSION_COOKIE_SECURE": False})
    client = logged_in_client(app, username)
    print(f"\nNivå {tier} (skala {TIERS[tier]}), inloggad som {username}, {repeat} anrop per rad, "
          "i processen, samtidighet 1")
    print(f"{'anrop':<44}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'byte':>10}{'status':>8}")
    for name, path, search in page_scenarios(EXTRA_SEARCHES):
        samples, size, status = time_request(client, router_payload(path, search), repeat)
        print(f"{name[:43]:<44}{statistics.median(samples):>9.1f}{percentile(samples, .95):>9.1f}"
              f"{percentile(samples, .99):>9.1f}{size:>10}{status:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--tier", choices=TIERS, action="append",
                        help="nivå att mäta (kan upprepas; standard: rjh)")
    parser.add_argument("--repeat", type=int, default=30, help="anrop per rad")
    parser.add_argument("--user", default="ledning", help="demoanvändare att logga in som")
    args = parser.parse_args()
    for tier in args.tier or ["rjh"]:
        run(tier, args.repeat, args.user)


if __name__ == "__main__":
    main()
