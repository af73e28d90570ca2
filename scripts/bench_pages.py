#!/usr/bin/env python3
"""Benchmark: what the home page and a FAQ page cost a visitor, in bytes and time to `load`.

Serves the built site (site/) on 127.0.0.1 and loads each page in Debian's Chromium, cold (a new browser
context, empty cache) and then warm (the same page again in that context, from the cache), several times;
prints the medians. Timings on a shared machine are noisy: compare figures from one run, not across runs.
Bytes are counted per response body, as served (Python's http.server does not compress) and as gzip would
send them (what a production server with compression sends). Also reports whether any Python runtime
(Pyodide, PyScript) was requested: FAQ pages must load none.

    make bench            # builds, then runs this
    .venv/bin/python scripts/bench_pages.py --runs 9
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from local_site import CHROMIUM, CHROMIUM_ARGS, serve

SITE = Path(__file__).resolve().parent.parent / "site"
PAGES = [
    ("home (en)", ""),
    ("home (zh)", "zh/"),
    ("FAQ: rectification period (en)", "rectification-period/"),
    ("FAQ: rectification period (zh)", "zh/rectification-period/"),
]
RUNTIME_MARKERS = ("pyodide", "pyscript", ".wasm")


def load(page, url: str) -> dict:
    """Navigate to url; return requests, raw and gzip bytes of the bodies received, and time to load."""
    bodies: list[bytes] = []
    urls: list[str] = []

    def on_response(response):
        urls.append(response.url)
        with contextlib.suppress(Exception):  # redirects and aborted requests have no body
            bodies.append(response.body())

    page.on("response", on_response)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")  # lazy requests (search index, sitemap) count too
    page.remove_listener("response", on_response)
    load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    return {
        "requests": len(urls),
        "bytes": sum(len(body) for body in bodies),
        "gzip": sum(len(gzip.compress(body, 6)) for body in bodies),
        "load_ms": load_ms,
        "runtime": [u for u in urls if any(marker in u.lower() for marker in RUNTIME_MARKERS)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="loads per page and state (median reported)")
    args = parser.parse_args(argv)
    if not (SITE / "index.html").is_file():
        parser.error(f"{SITE} is not built: run `make bench` (it builds first)")

    server = serve(SITE)
    base = f"http://127.0.0.1:{server.server_port}/"
    print(f"{'page':34} {'state':5} {'requests':>8} {'bytes':>10} {'gzip':>10} {'load ms':>8}  runtime")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in PAGES:
            runs: dict[str, list[dict]] = {"cold": [], "warm": []}
            for _ in range(args.runs):
                context = browser.new_context()
                page = context.new_page()
                runs["cold"].append(load(page, base + path))
                runs["warm"].append(load(page, base + path))
                context.close()
            for state, results in runs.items():
                median = {
                    key: statistics.median(r[key] for r in results) for key in ("requests", "bytes", "gzip", "load_ms")
                }
                runtime = sorted({u for r in results for u in r["runtime"]}) or "none"
                if state == "cold":
                    print(
                        f"{name:34} {state:5} {median['requests']:8.0f} {median['bytes']:10,.0f} "
                        f"{median['gzip']:10,.0f} {median['load_ms']:8.0f}  {runtime}"
                    )
                else:  # from the browser's cache: only the time means something
                    print(f"{name:34} {state:5} {'':8} {'cached':>10} {'':10} {median['load_ms']:8.0f}")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
