"""The worker restores the checker's memory snapshot, and when it cannot, starts Python the usual way.

checker-worker.mjs restores the Pyodide memory snapshot the build made (scripts/make_snapshot.mjs) and falls back
to the normal start (Pyodide, then the wheel) when the snapshot is missing, is not the bytes the page names, was
made for another Pyodide, finds no memory for its bytes, is cut short, or throws while restoring. Each failure is
made real here, in Chromium, on the built site: the server's answer is replaced (Playwright's routing), and where
the page must name the new bytes' hash for the failure to reach Pyodide at all, the page is served with that hash.
The page must then check as always, and say why only in the console.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import Route, expect

from checker import words
from site_pages import SITE

STRINGS = words.load("site-self-check")  # the page's words (checker/data/words/site-self-check.toml)
READY = 60_000  # as tests/browser/test_self_check_page.py: Pyodide's normal start on a busy 2-core machine
FINDING = 5_000
ROOT_SELECTOR = "#icp-self-check"

SNAPSHOT = next((SITE / "assets" / "checker").glob("*.snapshot"), None) if (SITE / "assets").is_dir() else None
FALLBACK = "The checker's snapshot was not used"
# Playwright's own warning where a page registers its service worker in a context that blocks them (conftest.py's
# browser_context_args): not the page's.
SERVICE_WORKER_BLOCKED = "Service Worker registration blocked by Playwright"
# Pyodide's snapshot header (pyodide.asm.mjs, makeMemorySnapshot), at the start of the memory: 4-byte words magic,
# heap offset, length of the JSON that follows the header, 0; then the build id in 8 words (bytes 16-47); the JSON
# from byte 48.
BUILD_ID = slice(16, 48)
JSON_START = 48


def url_of(site_url: str, language: str) -> str:
    return site_url + ("" if language == "en" else f"{language}/") + "self-check/"


def mobile_findings(page: BrowserPage, code: str):
    return page.locator(f'#icp-entity-pic-mobile-findings > li.icp-sc__finding[data-code="{code}"]')


def snapshot_bytes() -> bytes:
    if SNAPSHOT is None:
        pytest.fail(f"no snapshot in {SITE}/assets/checker: run `make build`")
    return SNAPSHOT.read_bytes()


def changed(data: bytes, where: slice, new: bytes) -> bytes:
    return data[: where.start] + new + data[where.stop :]


def in_memory(data: bytes, where: slice) -> slice:
    """Where bytes of the memory are in the shipped file (docs/assets/javascripts/snapshot-pages.mjs: after an
    ICPSNAP1 header of H bytes come the kept pages; the first page, holding Pyodide's header, is always kept)."""
    assert data[:8] == b"ICPSNAP1"
    header, first_page = int.from_bytes(data[8:12], "little"), int.from_bytes(data[24:28], "little")
    assert first_page == 0, "the memory's first page is not the first kept"
    return slice(header + where.start, header + where.stop)


def serve_snapshot(page: BrowserPage, data: bytes, *, named: bool) -> None:
    """Answer the snapshot's URL with `data`; when `named`, serve the pages with `data`'s hash as the snapshot's, so
    that the worker's hash check passes and the failure is Pyodide's own."""
    page.route("**/*.snapshot", lambda route: route.fulfill(status=200, body=data))
    if not named:
        return
    digest = hashlib.sha256(data).hexdigest()

    def with_hash(route: Route) -> None:
        response = route.fetch()
        body = re.sub(r'data-snapshot-sha256="[0-9a-f]+"', f'data-snapshot-sha256="{digest}"', response.text())
        route.fulfill(response=response, body=body)

    page.route(re.compile(r".*/self-check/$"), with_hash)


def missing(page: BrowserPage) -> None:
    page.route("**/*.snapshot", lambda route: route.fulfill(status=404))


def other_bytes(page: BrowserPage) -> None:
    data = snapshot_bytes()
    serve_snapshot(
        page, changed(data, slice(len(data) // 2, len(data) // 2 + 1), bytes([data[len(data) // 2] ^ 1])), named=False
    )


def other_pyodide(page: BrowserPage) -> None:
    data = snapshot_bytes()
    build_id = in_memory(data, BUILD_ID)
    serve_snapshot(page, changed(data, build_id, bytes(b ^ 0xFF for b in data[build_id])), named=True)


def cut_short(page: BrowserPage) -> None:
    data = snapshot_bytes()
    serve_snapshot(page, data[: len(data) // 2], named=True)


def restore_throws(page: BrowserPage) -> None:
    data = snapshot_bytes()
    serve_snapshot(page, changed(data, in_memory(data, slice(JSON_START, JSON_START + 4)), b"}}}}"), named=True)


# The browser has no memory for the snapshot: reading its 31 MB response into an ArrayBuffer throws V8's RangeError,
# as on a phone short of memory. (Pyodide's own 30 MB heap is the same for either start, so only this allocation
# is the snapshot's own; the worker script is served with the shim in front.)
NO_MEMORY_SHIM = """
{
  const arrayBuffer = Response.prototype.arrayBuffer
  Response.prototype.arrayBuffer = function () {
    if (this.url.endsWith(".snapshot")) return Promise.reject(new RangeError("Array buffer allocation failed"))
    return arrayBuffer.call(this)
  }
}
"""


def no_memory(page: BrowserPage) -> None:
    def with_shim(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=NO_MEMORY_SHIM + response.text())

    page.route("**/checker-worker.mjs*", with_shim)


@dataclass(frozen=True)
class Failure:
    breakage: Callable[[BrowserPage], None]
    reason: str  # what the console's warning says about why
    language: str


FAILURES = {
    "missing": Failure(missing, "404", "en"),
    "other-bytes": Failure(other_bytes, "its SHA-256 is", "zh"),
    "other-pyodide": Failure(other_pyodide, "build id mismatch", "en"),
    "no-memory": Failure(no_memory, "Array buffer allocation failed", "zh"),
    "restore-throws": Failure(restore_throws, "JSON", "en"),
    "cut-short": Failure(cut_short, "cut short", "zh"),  # a deploy that copied half the file
}


def open_and_type(page: BrowserPage, site_url: str, language: str) -> tuple[list[str], list[str]]:
    """Open the self-check, type a mobile number one digit short at once, and see it checked; the console's
    warnings and errors, and every URL asked for."""
    console: list[str] = []
    requests: list[str] = []
    page.on(
        "console",
        lambda message: (
            message.type in ("warning", "error")
            and message.text != SERVICE_WORKER_BLOCKED
            and console.append(message.text)
        ),
    )
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url_of(site_url, language), wait_until="domcontentloaded")
    page.locator("#icp-entity-pic-mobile").fill("1380013800")
    root = page.locator(ROOT_SELECTOR)
    expect(root).to_have_attribute("data-state", "ready", timeout=READY)
    expect(page.locator(".icp-sc__status[role=status]")).to_have_text(STRINGS["script"]["ready"][language])
    expect(mobile_findings(page, "MOBILE_LENGTH")).to_have_count(1, timeout=FINDING)
    return console, requests


def test_the_snapshot_is_restored_and_the_wheel_never_fetched(page: BrowserPage, site_url: str):
    console, requests = open_and_type(page, site_url, "en")
    assert [url for url in requests if url.endswith(".snapshot")] != [], "the snapshot was not asked for"
    assert [url for url in requests if url.endswith(".whl")] == [], "the wheel was fetched: the snapshot was not used"
    assert [line for line in console if FALLBACK in line] == []


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_without_a_usable_snapshot_the_page_still_checks_and_says_why_in_the_console_only(
    page: BrowserPage, site_url: str, failure: Failure
):
    failure.breakage(page)
    console, requests = open_and_type(page, site_url, failure.language)
    said = [line for line in console if FALLBACK in line]
    assert len(said) == 1 and failure.reason in said[0], console
    assert [url for url in requests if url.endswith(".whl")] != [], "the normal start did not fetch the wheel"
    # The page shows no trace of it: the ready status (checked above), no failure state, nothing else said.
    expect(page.locator(ROOT_SELECTOR)).not_to_have_attribute("data-state", "failed")
    assert [line for line in console if FALLBACK not in line and "favicon" not in line] == []
