"""First load of each page in headless Chromium: largest contentful paint and bytes on the wire."""

from __future__ import annotations

import os
from dataclasses import dataclass

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


@dataclass(frozen=True)
class FirstLoad:
    """A page's first load in a fresh browser (cold cache): LCP in ms and bytes transferred."""

    path: str
    lcp_ms: float
    transferred_bytes: int


def unavailable_reason() -> str | None:
    """Why the browser part cannot run here, or None."""
    if not os.path.exists(CHROMIUM):
        return f"Chromium saknas ({CHROMIUM}; apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright saknas (make install-test)"
    return None


def first_loads(base: str, paths: list[str], user: str = "ledning") -> list[FirstLoad]:
    """Log in, then open each path in a new browser context with an empty cache."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in paths:
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            _log_in(context, base, user)
            page = context.new_page()
            page.goto(base + path)
            page.wait_for_selector(DRAWN, timeout=60_000)
            page.wait_for_load_state("networkidle")
            results.append(FirstLoad(path, page.evaluate(LCP_SCRIPT),
                                     page.evaluate(TRANSFERRED_SCRIPT)))
            context.close()
        browser.close()
    return results


def _log_in(context, base: str, user: str) -> None:
    """Log the context in by posting the login form, without loading (and caching) any page."""
    context.request.get(base + "/login")
    token = next(c["value"] for c in context.cookies() if c["name"] == "_csrf_token")
    response = context.request.post(base + "/login", max_redirects=0, form={
        "username": user, "password": PASSWORDS[user], "csrf_token": token})
    if response.status != 302:
        raise RuntimeError(f"inloggningen som {user} misslyckades: {response.status}")
