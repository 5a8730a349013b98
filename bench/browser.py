"""First load of each page in headless Chromium: largest contentful paint and bytes on the wire,
logged out for the public pages and logged in for the internal ones; and Lighthouse's mobile
performance score of the public pages (npm's Lighthouse, installed in bench/lighthouse by
`make bench`, driving the same Chromium)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.scenarios import PASSWORDS

CHROMIUM = os.environ.get("RODTRAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# The page is drawn when Dash has put the page's content (an h1) into the router's container.
DRAWN = "#_pages_content h1"
LCP_SCRIPT = """() => new Promise(resolve => {
    new PerformanceObserver(list => {
        const entries = list.getEntries();
        resolve(entries[entries.length - 1].startTime);
    }).observe({type: 'largest-contentful-paint', buffered: true});
})"""
TRANSFERRED_SCRIPT = """() => performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'))
    .reduce((sum, e) => sum + e.transferSize, 0)"""


LIGHTHOUSE = Path(__file__).resolve().parent / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
LIGHTHOUSE_SECONDS = 180


@dataclass(frozen=True)
class FirstLoad:
    """A page's first load in a fresh browser (cold cache): LCP in ms and bytes transferred,
    as `user` (None: logged out)."""

    path: str
    user: str | None
    lcp_ms: float
    transferred_bytes: int


@dataclass(frozen=True)
class LighthouseRun:
    """Lighthouse's mobile performance score (0–100) of a page, logged out, and the metrics
    behind it (ms, simulated slow 4G and a 4× slower CPU); `error` says why there is none."""

    path: str
    score: float | None = None
    fcp_ms: float = 0.0
    lcp_ms: float = 0.0
    tbt_ms: float = 0.0
    cls: float = 0.0
    # Lighthouse's measure of this machine's CPU at the time (a fast desktop: 1 500 or more);
    # the simulated phone is 4× slower than this machine, so a busy machine scores low.
    benchmark_index: float = 0.0
    error: str = ""


def unavailable_reason() -> str | None:
    """Why the browser part cannot run here, or None."""
    if not os.path.exists(CHROMIUM):
        return f"Chromium saknas ({CHROMIUM}; apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright saknas (make install-test)"
    return None


def lighthouse_unavailable_reason() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not os.path.exists(CHROMIUM):
        return f"Chromium saknas ({CHROMIUM}; apt-get install chromium)"
    if shutil.which("node") is None:
        return "Node.js saknas (apt-get install nodejs npm)"
    if not LIGHTHOUSE.exists():
        return "Lighthouse är inte installerat (npm ci --prefix bench/lighthouse, som make bench gör)"
    return None


def first_loads(base: str, pages: list[tuple[str, str | None]]) -> list[FirstLoad]:
    """Open each (path, user) in a new browser context with an empty cache, logged in as the
    user first when there is one (None: logged out)."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path, user in pages:
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            if user is not None:
                _log_in(context, base, user)
            page = context.new_page()
            page.goto(base + path)
            page.wait_for_selector(DRAWN, timeout=60_000)
            page.wait_for_load_state("networkidle")
            results.append(FirstLoad(path, user, page.evaluate(LCP_SCRIPT),
                                     page.evaluate(TRANSFERRED_SCRIPT)))
            context.close()
        browser.close()
    return results


def lighthouse(base: str, path: str) -> LighthouseRun:
    """Lighthouse's mobile performance audit of one page, logged out, in a fresh Chromium."""
    try:
        done = subprocess.run(
            [str(LIGHTHOUSE), base + path, "--only-categories=performance", "--output=json",
             "--quiet", f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}"],
            capture_output=True, text=True, timeout=LIGHTHOUSE_SECONDS, check=False,
            env=os.environ | {"CHROME_PATH": CHROMIUM})
    except subprocess.TimeoutExpired:
        return LighthouseRun(path, error=f"Lighthouse svarade inte inom {LIGHTHOUSE_SECONDS} s")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(inget felmeddelande)"])[-1]
        return LighthouseRun(path, error=f"Lighthouse avslutades med kod {done.returncode}: {last}")
    report = json.loads(done.stdout)
    score = report["categories"]["performance"]["score"]
    if score is None:
        errors = report.get("runtimeError", {}).get("message", "okänt fel")
        return LighthouseRun(path, error=f"Lighthouse gav ingen poäng: {errors}")
    audits = report["audits"]
    return LighthouseRun(
        path, score=100 * score,
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        benchmark_index=report.get("environment", {}).get("benchmarkIndex", 0.0))


def _log_in(context, base: str, user: str) -> None:
    """Log the context in by posting the login form, without loading (and caching) any page."""
    context.request.get(base + "/login")
    token = next(c["value"] for c in context.cookies() if c["name"] == "_csrf_token")
    response = context.request.post(base + "/login", max_redirects=0, form={
        "username": user, "password": PASSWORDS[user], "csrf_token": token})
    if response.status != 302:
        raise RuntimeError(f"inloggningen som {user} misslyckades: {response.status}")
