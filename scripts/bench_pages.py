#!/usr/bin/env python3
"""Benchmark: what the home page and a FAQ page cost a visitor, in bytes and time to `load`.

Serves the built site (site/) on 127.0.0.1 through Debian's nginx with the production configuration
(deploy/nginx.conf via scripts/nginx_site.py: compression, cache lifetimes, security headers) and loads each page in
Debian's Chromium, cold (a new browser context, empty cache) and then warm (the same page again in that context:
pages revalidated, content-hashed files from the cache), several times; prints the medians. Timings on a shared
machine are noisy: compare figures from one run, not across runs. Bytes are counted per response body, as sent
(compressed, what crosses the wire) and decoded. Also reports whether any Python runtime (Pyodide, PyScript) was
requested: FAQ pages must load none.

Prints one table and writes it, with the raw loads, to artifacts/bench-pages.json (BENCHMARKS.md's source).

    make bench            # builds, then runs this
    .venv/bin/python scripts/bench_pages.py --runs 9
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

import benchmarks
import nginx_site
from local_site import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
OUT = ROOT / "artifacts" / "bench-pages.json"
COLUMNS = ("page", "state", "requests", "bytes on the wire", "bytes decoded", "load ms", "runtime")
PAGES = [
    ("home (en)", ""),
    ("home (zh)", "zh/"),
    ("FAQ: rectification period (en)", "rectification-period/"),
    ("FAQ: rectification period (zh)", "zh/rectification-period/"),
]
RUNTIME_MARKERS = ("pyodide", "pyscript", ".wasm")


# Bytes per response, from the Resource Timing entries of the page and of everything it fetched: transferSize is
# what crossed the wire (headers and the body as sent, after Content-Encoding; 0 for what the cache answered
# without asking, a few hundred bytes for a 304), decodedBodySize the body as the page reads it.
SIZES = """() => [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
  .map(entry => ({url: entry.name, sent: entry.transferSize, decoded: entry.decodedBodySize}))"""


def load(page, url: str) -> dict:
    """Navigate to url; return requests, bytes sent and decoded, and time to load."""
    urls: list[str] = []

    def on_request(request) -> None:
        urls.append(request.url)

    page.on("request", on_request)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")  # lazy requests (search index, sitemap) count too
    page.remove_listener("request", on_request)
    sizes = page.evaluate(SIZES)
    load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    return {
        "requests": len(urls),
        "bytes": sum(entry["sent"] for entry in sizes),
        "decoded": sum(entry["decoded"] for entry in sizes),
        "load_ms": load_ms,
        "runtime": [u for u in urls if any(marker in u.lower() for marker in RUNTIME_MARKERS)],
    }


def rows(name: str, runs: dict[str, list[dict]]) -> list[list[str]]:
    """A page's two rows, cold and warm: medians of the runs, formatted as printed."""
    out = []
    for state, results in runs.items():
        median = {
            key: statistics.median(r[key] for r in results) for key in ("requests", "bytes", "decoded", "load_ms")
        }
        runtime = ", ".join(sorted({u for r in results for u in r["runtime"]})) or "none"
        out.append(
            [
                name,
                state,
                f"{median['requests']:.0f}",
                f"{median['bytes']:,.0f}",
                f"{median['decoded']:,.0f}",
                f"{median['load_ms']:.0f}",
                runtime,
            ]
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="loads per page and state (median reported)")
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=OUT, help="raw data and table, JSON (default: %(default)s)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} is not built: run `make bench` (it builds first)")

    run = benchmarks.Run()
    loads: dict[str, dict[str, list[dict]]] = {}
    with (
        nginx_site.nginx(args.site.resolve(), "127.0.0.1", nginx_site.free_port()) as server,
        sync_playwright() as playwright,
    ):
        base = server.url
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        chromium = browser.version
        for name, path in PAGES:
            loads[name] = {"cold": [], "warm": []}
            for _ in range(args.runs):
                context = browser.new_context()
                page = context.new_page()
                loads[name]["cold"].append(load(page, base + path))
                loads[name]["warm"].append(load(page, base + path))
                context.close()
            print(f"{name}: {args.runs} cold and warm loads", flush=True)
        browser.close()

    table = benchmarks.table(
        "Home and FAQ pages in Chromium, " + (f"medians of {args.runs} runs" if args.runs > 1 else "one run"),
        COLUMNS,
        [row for name, runs in loads.items() for row in rows(name, runs)],
        [
            "cold: a new browser context, empty cache; warm: the same page again in that context (the page revalidated,"
            " the theme's content-hashed files from the cache without asking).",
            "bytes: every response until the network is idle (search index and sitemap included), on the wire"
            " (headers and compressed bodies; nothing for what the cache answered) and decoded (Resource Timing).",
            "runtime: requests for a Python runtime (Pyodide, PyScript, wasm); FAQ pages must load none.",
        ],
    )
    loaded = sorted({u for runs in loads.values() for results in runs.values() for r in results for u in r["runtime"]})
    budgets = benchmarks.table(
        "Budgets",
        benchmarks.BUDGET_COLUMNS,
        [benchmarks.budget_row("home and FAQ pages load no Python runtime", ", ".join(loaded) or "none", not loaded)],
    )
    for each in (table, budgets):
        benchmarks.print_table(each)
    benchmarks.write_artifact(
        args.out,
        run.environment(chromium=chromium),  # the pages load no Pyodide
        [table, budgets],
        {"runs": args.runs, "loads": loads},
    )
    print(f"\nRaw data: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
