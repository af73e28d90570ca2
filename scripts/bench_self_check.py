#!/usr/bin/env python3
"""Benchmark: the self-check page (Python in a Web Worker) against a bare page that starts the same Pyodide.

Serves the built site (site/) on 127.0.0.1 and loads /self-check/ and /zh/self-check/ in Debian's Chromium,
each run beside a baseline page that only does `await loadPyodide()` on the main thread (served by this
script alone, never part of the built site), in the order page, baseline, page, baseline ... so that the
machine's noise hits both alike. Every run starts a new, empty persistent profile: the first load is cold,
the second load in the same profile is warm (a persistent profile keeps its disk cache, and with it
Pyodide's 9.6 MB wasm; an incognito `browser.new_context()` never caches the wasm). Per load it measures:

1. when the form is visible and accepts typing (the first field filled, `performance.now()` read after);
2. main-thread long tasks from navigation until Python is ready (PerformanceObserver "longtask", and
   "long-animation-frame" to say which script they came from);
3. when Python is ready: the startTime of the `icp-checker-ready` mark (the baseline marks the same name);
4. once ready, about 60 keystrokes typed into five fields, as a filer would (120 ms apart; values that
   produce findings): every `icp-check` measure the page records (first input event -> findings rendered);
5. requests, bytes (response bodies, and on the wire as Chromium counts them) and any request that leaves
   127.0.0.1; console errors;
and, once, that the home page and a FAQ page load no Python runtime (no Pyodide, wheel or checker worker).

The remediation wizard (/remediation/, /zh/remediation/), in the same way (cold and warm, a new profile per
run, alternating with the pages above): when its first question is on screen (CSS shows it before any script),
when it is answerable (on screen and the wizard's script mounted, so an answer goes into the address: budget
1 s cold), when Python has taken over (its worker answered for the node shown), the longest main-thread task
until then, and one answer once Python decides (click -> next question shown).

Budgets are printed with PASS or MISS beside each, from the medians of the runs (the long-task budget from
the longest task of any run); nothing is asserted: the script exits non-zero only when the page is broken
(Python never ready, no check recorded). Timings on a shared machine are noisy: compare figures from one run,
not across runs, and note the load average the table's header gives. Raw data: artifacts/bench-self-check.json.

    make bench            # builds, then runs this after the other benchmarks
    .venv/bin/python scripts/bench_self_check.py --runs 9 --pages en
"""

from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import json
import os
import re
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from local_site import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
OUT = ROOT / "artifacts" / "bench-self-check.json"
PAGES = {"en": "self-check/", "zh": "zh/self-check/"}
FAQ_PAGES = [
    ("home (en)", ""),
    ("FAQ: contact (en)", "inspected-items/contact/"),
    ("home (zh)", "zh/"),
    ("FAQ: contact (zh)", "zh/inspected-items/contact/"),
]
BASELINE = "/__bench__/baseline/"  # answered by this script's server only
RUNTIME_PATHS = ("assets/pyodide/", "assets/checker/", "checker-worker", ".whl", ".wasm", "pyscript")
READY_TIMEOUT_MS = 90_000
DWELL_S = 12.0  # a cold load stays open this long after ready (see run_pair)
# What a filer types once Python is ready: (field, text). 58 keystrokes; the ID number's check character is
# wrong, the mobile number one digit short, the second domain has an underscore: each gives findings while typed.
TYPING = [
    ("#icp-entity-name", "示例科技有限公司"),
    ("#icp-entity-document-number", "91440300MA5DA1B21X"),
    ("#icp-entity-pic-mobile", "1380013800"),
    ("#icp-websites-0-domains", "shili.cn\nshi_li.cn"),
    ("#icp-websites-0-name", "示例官网"),
]
FIRST_TYPED = "深圳"  # typed into the entity name as soon as the form accepts it, before Python is ready
KEY_DELAY_MS = 120

BUDGETS = {
    "typeable": 1000,
    "longest_task": 200,
    "ready_ratio": 1.15,
    "keystroke_p95": 100,
    "question_answerable": 1000,
}
WIZARD = {"en": "remediation/", "zh": "zh/remediation/"}
# Polled every animation frame from navigation on: the time the wizard's first question is on screen, and when it
# is answerable as well (the script has mounted), as performance.now() at that frame.
QUESTION_JS = """(mounted) => {
  const option = document.querySelector("#wz-notice .wz__option")
  if (!option || !option.checkVisibility()) return null
  if (mounted && !document.querySelector("#icp-wizard[data-ready]")) return null
  return performance.now()
}"""
PYTHON_JS = """() => document.querySelector("#icp-wizard[data-engine=python]") ? performance.now() : null"""
# One answer once Python decides: click the first question's first option, wait for the next node to show.
ANSWER_JS = """async () => {
  const option = document.querySelector("#wz-notice .wz__option")
  const next = document.getElementById("wz-" + option.dataset.next)
  const start = performance.now()
  option.click()
  while (!next.hasAttribute("data-current")) await new Promise((resolve) => requestAnimationFrame(resolve))
  return performance.now() - start
}"""

# Registered before any script of each page: long tasks and long animation frames from navigation on.
INIT_SCRIPT = """(() => {
  const bench = window.__bench = {longtasks: [], loafs: []}
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longtasks.push(
      {start: e.startTime, duration: e.duration}) }).observe({type: "longtask", buffered: true})
  } catch (error) { bench.longtasks = null }
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.duration >= 50) bench.loafs.push(
      {start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
       scripts: e.scripts.map((s) => ({source: s.sourceURL, function: s.sourceFunctionName,
         invoker: s.invoker, type: s.invokerType, duration: s.duration}))}) })
      .observe({type: "long-animation-frame", buffered: true})
  } catch (error) { bench.loafs = null }
})()"""

READY_JS = """() => {
  const mark = performance.getEntriesByName("icp-checker-ready", "mark")[0]
  if (mark) return {ready: mark.startTime}
  const root = document.getElementById("icp-self-check")
  if (root && root.dataset.state === "failed") return {failed: root.querySelector("[role=status]").textContent}
  return window.__baselineError ? {failed: window.__baselineError} : null
}"""


def baseline_html(version: str) -> bytes:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Baseline: Pyodide {version} on the main thread</title></head>
<body><p>Baseline: loadPyodide() on the main thread, nothing else.</p>
<script type="module">
import {{ loadPyodide }} from "/assets/pyodide/{version}/pyodide.mjs"
try {{ await loadPyodide(); performance.mark("icp-checker-ready") }}
catch (error) {{ window.__baselineError = String(error) }}
</script></body></html>
""".encode()


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The built site, plus the baseline page at BASELINE (never written into the site).

    Every response says `Cache-Control: no-cache`: a warm load revalidates each file (304, no body). Without
    it Chromium guesses how long a file stays fresh from its age (10% of the time since it was last
    modified), so whether a warm load asks the server at all would depend on how long ago the site was built.
    """

    baseline = b""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:
        if urlsplit(self.path).path != BASELINE:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.baseline)))
        self.end_headers()
        self.wfile.write(self.baseline)


def serve(directory: Path, port: int, baseline: bytes) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(type("Handler", (_Handler,), {"baseline": baseline}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def built_port(site: Path) -> int:
    """The port the site was built for, if for 127.0.0.1 (Material's instant navigation wants it; a plain
    page load, all this script does, works on any port)."""
    sitemap = site / "sitemap.xml"
    first = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.is_file() else None
    address = urlsplit(first[1] if first else "")
    return (address.port or 0) if address.hostname == "127.0.0.1" else 0


def percentile(values: list[float], fraction: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * fraction
    low = int(k)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (k - low)


class Load:
    """One page load in a context: every request, console error and page error, from navigation on."""

    def __init__(self, context, url: str) -> None:
        self.context, self.url = context, url
        self.requests, self.errors = [], []
        self._on_request = lambda request: self.requests.append(request)
        context.on("request", self._on_request)
        self.page = context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def close(self) -> dict:
        """Stop listening; what was fetched (asked once the measuring is over, so it costs the page nothing)."""
        self.page.wait_for_timeout(200)
        self.context.remove_listener("request", self._on_request)
        rows = []
        for request in self.requests:
            row = {"url": request.url, "type": request.resource_type, "status": None, "body": 0, "wire": 0}
            try:
                response = request.response()
                if response is not None:
                    row["status"] = response.status
                    length = response.header_value("content-length")
                    row["body"] = int(length) if length is not None else len(response.body())
                    sizes = request.sizes()
                    row["wire"] = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            except Exception as error:  # aborted or failed: no response, no body
                row["status"] = f"failed: {request.failure or error}"
            rows.append(row)
        self.page.close()
        away = [
            r["url"]
            for r in rows
            if urlsplit(r["url"]).scheme not in ("data", "blob") and urlsplit(r["url"]).hostname != "127.0.0.1"
        ]
        return {
            "requests": len(rows),
            "bytes_body": sum(r["body"] for r in rows),
            "bytes_wire": sum(r["wire"] for r in rows),
            "left_localhost": away,
            "runtime": [r["url"] for r in rows if any(m in r["url"] for m in RUNTIME_PATHS)],
            "console_errors": self.errors,
            "request_list": rows,
        }


def linger(page, since: float, dwell: float) -> None:
    """Keep the page open until `dwell` seconds after `since` (time.monotonic()): see run_pair."""
    remaining = since + dwell - time.monotonic()
    if remaining > 0:
        page.wait_for_timeout(remaining * 1000)


def measure(context, url: str, *, form: bool, dwell: float = 0.0) -> dict:
    """Load url once in context; with form, the self-check page's own measures (typing, keystrokes) too."""
    load = Load(context, url)
    page = load.page
    out: dict = {"url": url}
    try:
        page.goto(url, wait_until="commit")
        if form:
            page.locator("#icp-entity-name").fill(FIRST_TYPED)
            out["typeable_ms"] = page.evaluate("performance.now()")
        page.wait_for_function(READY_JS, timeout=READY_TIMEOUT_MS, polling=100)
        state = page.evaluate(READY_JS)
        if "failed" in state:
            raise RuntimeError(f"Python failed to start: {state['failed']}")
        ready = out["ready_ms"] = state["ready"]
        ready_at = time.monotonic()
        if form:
            out["state"] = page.get_attribute("#icp-self-check", "data-state")
            out.update(type_and_collect(page))
        page.wait_for_timeout(300)  # the last long-task entries arrive
        bench = page.evaluate("window.__bench")
        out["first_contentful_paint_ms"] = page.evaluate(
            "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
        )
        out["dom_content_loaded_ms"] = page.evaluate(
            "performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null"
        )
        # The page's own fetches (a worker's are in the worker's timeline): when the checker's worker started.
        out["resources"] = page.evaluate("""performance.getEntriesByType("resource").map((e) =>
            ({name: e.name, start: Math.round(e.startTime), end: Math.round(e.responseEnd)}))""")
        out["worker_requested_ms"] = next((r["start"] for r in out["resources"] if "checker-worker" in r["name"]), None)
        tasks = bench["longtasks"] or []
        until_ready = [t["duration"] for t in tasks if t["start"] <= ready]
        out["long_tasks_until_ready"] = [round(d) for d in until_ready]
        out["longest_task_ms"] = max(until_ready, default=0)
        out["long_tasks_after_ready"] = [round(t["duration"]) for t in tasks if t["start"] > ready]
        out["long_frames"] = bench["loafs"]
        linger(page, ready_at, dwell)
    except Exception as error:
        out["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"
    out.update(load.close())
    return out


def measure_wizard(context, url: str, dwell: float = 0.0) -> dict:
    """Load the wizard once in context: first question on screen / answerable, Python's takeover, one answer."""
    load = Load(context, url)
    page = load.page
    out: dict = {"url": url}
    try:
        page.goto(url, wait_until="commit")
        out["question_visible_ms"] = page.wait_for_function(QUESTION_JS, arg=False, polling="raf").json_value()
        out["question_answerable_ms"] = page.wait_for_function(QUESTION_JS, arg=True, polling="raf").json_value()
        took_over = out["python_ms"] = page.wait_for_function(
            PYTHON_JS, timeout=READY_TIMEOUT_MS, polling=50
        ).json_value()
        ready_at = time.monotonic()
        page.wait_for_timeout(300)  # the last long-task entries arrive
        out["answer_ms"] = page.evaluate(ANSWER_JS)
        tasks = page.evaluate("window.__bench.longtasks") or []
        out["longest_task_ms"] = max((t["duration"] for t in tasks if t["start"] <= took_over), default=0)
        linger(page, ready_at, dwell)
    except Exception as error:
        out["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"
    out.update(load.close())
    return out


def wizard_pair(playwright, url: str, dwell: float) -> tuple[dict, dict]:
    """A cold and a warm load of the wizard in a new, empty persistent profile (see run_pair)."""
    profile = tempfile.mkdtemp(prefix="bench-wizard-")
    try:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        context.add_init_script(INIT_SCRIPT)
        cold = measure_wizard(context, url, dwell)
        warm = measure_wizard(context, url)
        context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return cold, warm


def summarize_wizard(loads: dict[str, dict[str, list[dict]]]) -> dict:
    keys = (
        "question_visible_ms",
        "question_answerable_ms",
        "python_ms",
        "answer_ms",
        "longest_task_ms",
        "requests",
        "bytes_body",
    )
    summary: dict = {}
    for name, states in loads.items():
        summary[name] = {}
        for state, runs in states.items():
            good = [r for r in runs if "error" not in r]
            row = {key: median([r[key] for r in good if r.get(key) is not None]) for key in keys}
            row.update(
                runs=len(runs),
                failed=len(runs) - len(good),
                question_answerable_max=max((r["question_answerable_ms"] for r in good), default=None),
                longest_task_max=max((r["longest_task_ms"] for r in good), default=None),
                left_localhost=sum(len(r["left_localhost"]) for r in runs),
                console_errors=sum(len(r["console_errors"]) for r in runs),
            )
            summary[name][state] = row
    return summary


def print_wizard_table(summary: dict, runs: int) -> None:
    print(f"\nRemediation wizard, medians of {runs} runs (max in brackets)")
    header = f"{'measure':46} {'page':16} {'cold':>18} {'warm':>18}  {'budget':22} result"
    print(header)
    print("-" * len(header))
    for name, states in summary.items():
        c, w = states["cold"], states["warm"]
        rows = [
            (
                "7. first question on screen, ms",
                f"{fmt(c['question_visible_ms'])}",
                f"{fmt(w['question_visible_ms'])}",
                "",
                "",
            ),
            (
                "   first question answerable, ms",
                f"{fmt(c['question_answerable_ms'])} ({fmt(c['question_answerable_max'])})",
                f"{fmt(w['question_answerable_ms'])} ({fmt(w['question_answerable_max'])})",
                "<= 1000 ms cold",
                verdict(
                    c["question_answerable_ms"] is not None
                    and c["question_answerable_ms"] <= BUDGETS["question_answerable"]
                ),
            ),
            ("   Python has taken over, ms", fmt(c["python_ms"]), fmt(w["python_ms"]), "", ""),
            (
                "   longest main-thread task until then, ms",
                f"{fmt(c['longest_task_ms'])} ({fmt(c['longest_task_max'])})",
                f"{fmt(w['longest_task_ms'])} ({fmt(w['longest_task_max'])})",
                "",
                "",
            ),
            (
                "   one answer with Python: click -> next, ms",
                fmt(c["answer_ms"], digits=1),
                fmt(w["answer_ms"], digits=1),
                "",
                "",
            ),
            (
                "   requests; bytes",
                f"{fmt(c['requests'])}; {fmt(c['bytes_body'])}",
                f"{fmt(w['requests'])}; {fmt(w['bytes_body'])}",
                "",
                "",
            ),
            (
                "   requests leaving 127.0.0.1; console errors",
                f"{c['left_localhost']}; {c['console_errors']}",
                f"{w['left_localhost']}; {w['console_errors']}",
                "none",
                verdict(c["left_localhost"] + w["left_localhost"] + c["console_errors"] + w["console_errors"] == 0),
            ),
        ]
        for measure, cold, warm, budget, result in rows:
            print(f"{measure:46} {name:16} {cold:>18} {warm:>18}  {budget:22} {result}")


def type_and_collect(page) -> dict:
    """Type as a filer would, once Python is ready; every `icp-check` measure recorded meanwhile."""
    start = page.evaluate("performance.now()")
    keystrokes = 0
    for selector, text in TYPING:
        field = page.locator(selector)
        field.click()
        field.press("End")
        page.keyboard.type(text, delay=KEY_DELAY_MS)
        keystrokes += len(text)
    # Wait until the last change has been checked: no new measure for 600 ms.
    count, quiet_since, deadline = -1, time.monotonic(), time.monotonic() + 15
    while time.monotonic() < deadline:
        now = page.evaluate("performance.getEntriesByName('icp-check', 'measure').length")
        if now != count:
            count, quiet_since = now, time.monotonic()
        elif time.monotonic() - quiet_since > 0.6:
            break
        page.wait_for_timeout(100)
    checks = page.evaluate(
        """(start) => performance.getEntriesByName("icp-check", "measure")
        .filter((m) => m.startTime >= start).map((m) => m.duration)""",
        start,
    )
    findings = page.locator("#icp-self-check .icp-sc__finding").count()
    return {"keystrokes": keystrokes, "checks_ms": checks, "findings_shown": findings}


def run_pair(playwright, url: str, *, form: bool, dwell: float) -> tuple[dict, dict]:
    """A cold and a warm load of url in a new, empty persistent profile."""
    profile = tempfile.mkdtemp(prefix="bench-self-check-")
    try:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        context.add_init_script(INIT_SCRIPT)
        # The cold load stays open `dwell` seconds after Python is ready (longer than the typing takes), page
        # or baseline alike: Chromium writes a large wasm module's compiled code into its cache some time after
        # compiling it, and both warm loads must find the cache in the same state.
        cold = measure(context, url, form=form, dwell=dwell)
        warm = measure(context, url, form=form)
        context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return cold, warm


def faq_check(playwright, base: str) -> list[dict]:
    """The home page and a FAQ page, each in a new profile, until the network is idle: no Python runtime."""
    results = []
    for name, path in FAQ_PAGES:
        profile = tempfile.mkdtemp(prefix="bench-self-check-")
        try:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            load = Load(context, base + path)
            try:
                load.page.goto(base + path, wait_until="load")
                load.page.wait_for_load_state("networkidle")  # lazy requests (search index, sitemap) count too
                load.page.wait_for_timeout(500)
                error = None
            except Exception as exc:
                error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
            results.append({"name": name, "url": base + path, "error": error, **load.close()})
            context.close()
        finally:
            shutil.rmtree(profile, ignore_errors=True)
    return results


# --- summary -----------------------------------------------------------------------------------------------


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def task_sources(result: dict) -> list[tuple[str, float]]:
    """Where the long tasks until ready came from: for each long animation frame that held one (blocking time
    above zero), the script that ran longest in it when scripts took most of the frame, else the browser's own
    work (parsing the HTML, style, layout, paint)."""
    sources = []
    for frame in result.get("long_frames") or []:
        if frame["start"] > result["ready_ms"] or not frame["blocking"]:
            continue
        if sum(script["duration"] for script in frame["scripts"]) >= frame["duration"] / 2:
            top = max(frame["scripts"], key=lambda script: script["duration"])
            path = urlsplit(top["source"]).path
            where = path.rsplit("/", 1)[-1] if not path.endswith("/") else f"inline script of {path}"
            label = f"{where} ({top['type']}{': ' + top['invoker'] if top['type'] == 'event-listener' else ''})"
        else:
            label = "not attributed to a script (HTML parsing, style, layout; wasm compiling)"
        sources.append((label, frame["duration"]))
    return sources


def summarize(loads: dict[str, dict[str, list[dict]]]) -> dict:
    summary: dict = {}
    for name, states in loads.items():
        summary[name] = {}
        for state, runs in states.items():
            good = [r for r in runs if "error" not in r]
            checks = [c for r in good for c in r.get("checks_ms", [])]
            row = {
                "runs": len(runs),
                "failed": len(runs) - len(good),
                "ready_ms": median([r["ready_ms"] for r in good]),
                "first_contentful_paint_ms": median(
                    [r["first_contentful_paint_ms"] for r in good if r.get("first_contentful_paint_ms") is not None]
                ),
                "dom_content_loaded_ms": median(
                    [r["dom_content_loaded_ms"] for r in good if r.get("dom_content_loaded_ms")]
                ),
                "worker_requested_ms": median(
                    [r["worker_requested_ms"] for r in good if r.get("worker_requested_ms") is not None]
                ),
                "ready_all": [round(r["ready_ms"]) for r in good],
                "longest_task_ms": median([r["longest_task_ms"] for r in good]),
                "longest_task_max": max((r["longest_task_ms"] for r in good), default=None),
                "long_tasks_until_ready": median([len(r["long_tasks_until_ready"]) for r in good]),
                "requests": median([r["requests"] for r in runs]),
                "bytes_body": median([r["bytes_body"] for r in runs]),
                "bytes_wire": median([r["bytes_wire"] for r in runs]),
                "left_localhost": sum(len(r["left_localhost"]) for r in runs),
                "console_errors": sum(len(r["console_errors"]) for r in runs),
                "task_sources": {},
            }
            for r in good:
                for label, duration in task_sources(r):
                    count, longest = row["task_sources"].get(label, (0, 0))
                    row["task_sources"][label] = (count + 1, max(longest, round(duration)))
            if good and "typeable_ms" in good[0]:
                row["typeable_ms"] = median([r["typeable_ms"] for r in good])
                row["typeable_max"] = max(r["typeable_ms"] for r in good)
            if checks:
                row.update(
                    keystroke_p50=percentile(checks, 0.5),
                    keystroke_p95=percentile(checks, 0.95),
                    keystroke_max=max(checks),
                    checks=len(checks),
                    keystrokes=sum(r["keystrokes"] for r in good),
                    long_tasks_while_typing=max(len(r["long_tasks_after_ready"]) for r in good),
                    longest_task_while_typing=max((d for r in good for d in r["long_tasks_after_ready"]), default=0),
                )
            summary[name][state] = row
    return summary


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "MISS")


def fmt(value, unit: str = "", digits: int = 0) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and digits:
        return f"{value:,.{digits}f}{unit}"
    return f"{value:,.0f}{unit}"


def print_table(summary: dict, faq: list[dict], runs: int, info: dict) -> None:
    pages = [name for name in summary if name != "baseline"]
    base = summary["baseline"]
    print(
        f"\nSelf-check page, {info['date']}, {info['chromium']}, {info['cpus']} cores; Pyodide {info['pyodide']};"
        f" medians of {runs} runs (max in brackets); baseline: {base['cold']['runs']} runs, one beside each page run;"
        f" load average (1 min) {info['load_average']['start'][0]} at the start,"
        f" {info['load_average']['end'][0]} at the end"
    )
    header = f"{'measure':46} {'page':16} {'cold':>18} {'warm':>18}  {'budget':22} result"
    print(header)
    print("-" * len(header))

    def row(measure: str, page: str, cold: str, warm: str, budget: str = "", result: str = "") -> None:
        print(f"{measure:46} {page:16} {cold:>18} {warm:>18}  {budget:22} {result}")

    for name in pages:
        s = summary[name]
        c, w = s["cold"], s["warm"]
        row(
            "1. form accepts typing, ms after navigation",
            name,
            f"{fmt(c.get('typeable_ms'))} ({fmt(c.get('typeable_max'))})",
            f"{fmt(w.get('typeable_ms'))} ({fmt(w.get('typeable_max'))})",
            "<= 1000 ms cold",
            verdict(c.get("typeable_ms") is not None and c["typeable_ms"] <= BUDGETS["typeable"]),
        )
        row(
            "   first contentful paint / DOMContentLoaded",
            name,
            f"{fmt(c['first_contentful_paint_ms'])} / {fmt(c['dom_content_loaded_ms'])}",
            f"{fmt(w['first_contentful_paint_ms'])} / {fmt(w['dom_content_loaded_ms'])}",
        )
    for name in [*pages, "baseline"]:
        c, w = summary[name]["cold"], summary[name]["warm"]
        worst = max(c["longest_task_max"] or 0, w["longest_task_max"] or 0)
        row(
            "2. longest main-thread task until ready, ms",
            name,
            f"{fmt(c['longest_task_ms'])} ({fmt(c['longest_task_max'])})",
            f"{fmt(w['longest_task_ms'])} ({fmt(w['longest_task_max'])})",
            "none > 200 ms",
            verdict(worst <= BUDGETS["longest_task"]),
        )
        row(
            "   tasks >= 50 ms until ready (count)",
            name,
            fmt(c["long_tasks_until_ready"]),
            fmt(w["long_tasks_until_ready"]),
        )
    for name in [*pages, "baseline"]:
        c, w = summary[name]["cold"], summary[name]["warm"]
        row("3. Python ready, ms after navigation", name, fmt(c["ready_ms"]), fmt(w["ready_ms"]))
        if c["worker_requested_ms"] is not None:
            row(
                "   checker's worker requested at, ms",
                name,
                fmt(c["worker_requested_ms"]),
                fmt(w["worker_requested_ms"]),
            )
    for name in pages:
        c, w = summary[name]["cold"], summary[name]["warm"]
        ratios = [
            c["ready_ms"] / base["cold"]["ready_ms"] if c["ready_ms"] and base["cold"]["ready_ms"] else None,
            w["ready_ms"] / base["warm"]["ready_ms"] if w["ready_ms"] and base["warm"]["ready_ms"] else None,
        ]
        summary[name]["ready_ratio"] = {"cold": ratios[0], "warm": ratios[1]}
        row(
            "   ready / baseline's ready",
            name,
            fmt(ratios[0], "x", 2),
            fmt(ratios[1], "x", 2),
            "<= 1.15x cold and warm",
            verdict(None if None in ratios else all(r <= BUDGETS["ready_ratio"] for r in ratios)),
        )
    for name in pages:
        c, w = summary[name]["cold"], summary[name]["warm"]
        both = [v for v in (c.get("keystroke_p95"), w.get("keystroke_p95")) if v is not None]
        row(
            "4. keystroke -> findings, p50/p95/max ms",
            name,
            f"{fmt(c.get('keystroke_p50'))}/{fmt(c.get('keystroke_p95'))}/{fmt(c.get('keystroke_max'))}",
            f"{fmt(w.get('keystroke_p50'))}/{fmt(w.get('keystroke_p95'))}/{fmt(w.get('keystroke_max'))}",
            "p95 <= 100 ms",
            verdict(bool(both) and max(both) <= BUDGETS["keystroke_p95"]),
        )
        row(
            "   checks measured / keystrokes typed",
            name,
            f"{c.get('checks', 0)}/{c.get('keystrokes', 0)}",
            f"{w.get('checks', 0)}/{w.get('keystrokes', 0)}",
        )
        row(
            "   tasks >= 50 ms while typing (max; longest)",
            name,
            f"{fmt(c.get('long_tasks_while_typing'))}; {fmt(c.get('longest_task_while_typing'))} ms",
            f"{fmt(w.get('long_tasks_while_typing'))}; {fmt(w.get('longest_task_while_typing'))} ms",
        )
    for name in [*pages, "baseline"]:
        c, w = summary[name]["cold"], summary[name]["warm"]
        row("5. requests", name, fmt(c["requests"]), fmt(w["requests"]))
        row("   bytes, response bodies", name, fmt(c["bytes_body"]), fmt(w["bytes_body"]))
        row("   bytes on the wire (headers + body)", name, fmt(c["bytes_wire"]), fmt(w["bytes_wire"]))
        away = c["left_localhost"] + w["left_localhost"]
        row(
            "   requests leaving 127.0.0.1",
            name,
            fmt(c["left_localhost"]),
            fmt(w["left_localhost"]),
            "none",
            verdict(away == 0),
        )
        row(
            "   console errors (all runs)",
            name,
            fmt(c["console_errors"]),
            fmt(w["console_errors"]),
            "none",
            verdict(c["console_errors"] + w["console_errors"] == 0),
        )
    for result in faq:
        runtime = result["runtime"]
        row(
            "6. Python runtime requested",
            result["name"],
            f"{len(runtime)} of {result['requests']} req",
            "",
            "none",
            verdict(not runtime and not result["error"]),
        )
    print(
        "\nWhere the long tasks until ready came from (long animation frames holding one; the script that ran"
        " longest in each: frames in all runs, longest frame in ms):"
    )
    for name in summary:
        for state in ("cold", "warm"):
            sources = sorted(summary[name][state]["task_sources"].items(), key=lambda item: -item[1][0])
            print(
                f"  {name} {state}: "
                + ("; ".join(f"{label} x{count} ({longest})" for label, (count, longest) in sources[:4]) or "none")
            )
    broken = [name for name in summary if any(summary[name][s]["failed"] for s in ("cold", "warm"))]
    if broken:
        print(f"\nBROKEN: loads failed for {', '.join(broken)} (see 'error' in {OUT.relative_to(ROOT)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold+warm pairs per page (median reported)")
    parser.add_argument(
        "--pages", nargs="+", choices=sorted(PAGES), default=["en", "zh"], help="which self-check pages to measure"
    )
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: site/)")
    parser.add_argument(
        "--port",
        type=int,
        default=None,
        help="port to serve on (default: the one the site was built for, else any free one)",
    )
    parser.add_argument(
        "--dwell",
        type=float,
        default=DWELL_S,
        help="seconds each cold load stays open after ready, typing included (default: %(default)s)",
    )
    parser.add_argument("--out", type=Path, default=OUT, help="raw data, JSON (default: %(default)s)")
    parser.add_argument(
        "--compare",
        type=Path,
        metavar="SITE",
        help="another built site (an older commit's, say) measured in the same run: its pages are"
        " loaded beside this site's, in turn, and reported as '… @old'",
    )
    wizard = parser.add_mutually_exclusive_group()
    wizard.add_argument("--no-wizard", action="store_true", help="leave the remediation wizard's page out")
    wizard.add_argument("--wizard-only", action="store_true", help="only the remediation wizard's page")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / PAGES["en"] / "index.html").is_file():
        parser.error(f"{site} has no self-check page: run `make bench` (it builds first)")
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]
    if not (site / "assets" / "pyodide" / version / "pyodide.mjs").is_file():
        parser.error(f"{site} has no assets/pyodide/{version}/ (node_modules/pyodide's version): rebuild it")

    port = built_port(site) if args.port is None else args.port
    try:
        server = serve(site, port, baseline_html(version))
    except OSError:  # the built-for port is taken (`make serve`?): any port does for plain page loads
        server = serve(site, 0, baseline_html(version))
    base = f"http://127.0.0.1:{server.server_port}/"
    print(f"Serving {site} at {base}; baseline at {base.rstrip('/')}{BASELINE}", flush=True)

    load_before = os.getloadavg()
    names = {f"self-check ({lang})": base + PAGES[lang] for lang in args.pages} if not args.wizard_only else {}
    wizards = {f"wizard ({lang})": base + WIZARD[lang] for lang in args.pages} if not args.no_wizard else {}
    old_server = None
    if args.compare:  # the other site's pages, each loaded right after this site's same page: same noise for both
        old_server = serve(args.compare.resolve(), 0, baseline_html(version))
        old = f"http://127.0.0.1:{old_server.server_port}/"
        print(f"Serving {args.compare} at {old} (reported as @old)", flush=True)

        def beside_old(pages: dict[str, str]) -> dict[str, str]:
            return {
                key: url
                for name, page in pages.items()
                for key, url in ((name, page), (f"{name} @old", page.replace(base, old)))
            }

        names, wizards = beside_old(names), beside_old(wizards)
    loads: dict[str, dict[str, list[dict]]] = {
        name: {"cold": [], "warm": []} for name in ([*names, "baseline"] if names else [])
    }
    wizard_loads: dict[str, dict[str, list[dict]]] = {name: {"cold": [], "warm": []} for name in wizards}
    with sync_playwright() as playwright:
        for run in range(args.runs):
            for name, url in names.items():  # page, baseline, page, baseline ...
                for label, target, form in ((name, url, True), ("baseline", base.rstrip("/") + BASELINE, False)):
                    cold, warm = run_pair(playwright, target, form=form, dwell=args.dwell)
                    loads[label]["cold"].append(cold)
                    loads[label]["warm"].append(warm)
                    print(
                        f"run {run + 1}/{args.runs} {label:17} ready cold {fmt(cold.get('ready_ms')):>6} ms,"
                        f" warm {fmt(warm.get('ready_ms')):>6} ms; longest task {fmt(cold.get('longest_task_ms'))}"
                        f" / {fmt(warm.get('longest_task_ms'))} ms"
                        + (
                            f"; keystroke p95 {fmt(percentile(cold['checks_ms'], 0.95))} /"
                            f" {fmt(percentile(warm['checks_ms'], 0.95))} ms"
                            if cold.get("checks_ms") and warm.get("checks_ms")
                            else ""
                        )
                        + "".join(
                            f"; {s} ERROR {r['error']}" for s, r in (("cold", cold), ("warm", warm)) if "error" in r
                        ),
                        flush=True,
                    )
            for name, url in wizards.items():
                cold, warm = wizard_pair(playwright, url, args.dwell)
                wizard_loads[name]["cold"].append(cold)
                wizard_loads[name]["warm"].append(warm)
                print(
                    f"run {run + 1}/{args.runs} {name:17} first question answerable cold"
                    f" {fmt(cold.get('question_answerable_ms')):>6} ms,"
                    f" warm {fmt(warm.get('question_answerable_ms')):>6} ms;"
                    f" Python {fmt(cold.get('python_ms'))} / {fmt(warm.get('python_ms'))} ms"
                    + "".join(f"; {s} ERROR {r['error']}" for s, r in (("cold", cold), ("warm", warm)) if "error" in r),
                    flush=True,
                )
        faq = faq_check(playwright, base) if names else []
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        chromium_version = f"Chromium {chromium.version}"
        chromium.close()
    for running in (server, old_server):
        if running is not None:
            running.shutdown()
            running.server_close()

    summary = summarize(loads) if names else {}
    info = {
        "date": datetime.date.today().isoformat(),
        "chromium": chromium_version,
        "cpus": os.cpu_count(),
        "pyodide": version,
        "runs": args.runs,
        "dwell_s": args.dwell,
        "key_delay_ms": KEY_DELAY_MS,
        "site": str(site),
        "base": base,
        "load_average": {"start": [round(x, 2) for x in load_before], "end": [round(x, 2) for x in os.getloadavg()]},
    }
    if names:
        print_table(summary, faq, args.runs, info)
    wizard_summary = summarize_wizard(wizard_loads)
    if wizards:
        print_wizard_table(wizard_summary, args.runs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "info": info,
                "budgets": BUDGETS,
                "summary": summary,
                "loads": loads,
                "faq": faq,
                "wizard": {"summary": wizard_summary, "loads": wizard_loads},
            },
            indent=1,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(f"\nRaw data: {args.out}")
    broken = any(
        r.get("error") or (r.get("keystrokes") and not r.get("checks_ms"))
        for group in (loads, wizard_loads)
        for states in group.values()
        for runs in states.values()
        for r in runs
    )
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
