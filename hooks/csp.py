"""Build hook: the site's Content-Security-Policy, written to `<site_dir>/content-security-policy.txt` for the
server to send (deploy/nginx.conf, rendered by scripts/nginx_site.py).

A strict policy runs no script but the site's own files (`script-src 'self'`). Material writes small inline
scripts into every page (its configuration scope and local storage helpers, the palette and the content tabs
restored before the first paint); they are allowed one by one by the SHA-256 of their text, computed here from the
built pages. Their text depends on the page's depth (`__md_scope=new URL("../..",location)`), so every variant is
listed, and the one policy serves every page: under Material's instant navigation a page replaces the content of
the first page loaded and keeps that page's policy, so a policy per page would fail on the second click.
Data blocks (`<script type="application/json">`, Material's configuration) are never run and need no hash.

The hashes come from the HTML files in the site folder once the build has written them all (on_post_build, which
the i18n plugin runs after each language's build: the last run sees both languages). Reading the written files,
not each page in on_post_page, also covers the 404 pages, which MkDocs renders as templates without a page
(hooks/not_found.py writes the Chinese one itself).

What a strict policy blocks cannot hide: the build fails on an inline event handler (`onclick=`) or a
`javascript:` URL in any page, which no hash can allow.

Why each directive is what it is:
- `script-src 'self' 'wasm-unsafe-eval'`: the site's scripts, and WebAssembly compiled from the site's own
  Pyodide (compiling wasm is "eval" to CSP; 'wasm-unsafe-eval' allows that and nothing of JavaScript's eval).
  The same policy holds the Python worker (a dedicated worker gets the policy of its script's response, which
  nginx sends with every file): Pyodide needs nothing more there, no 'unsafe-eval', whether it restores the
  memory snapshot or starts the usual way (tests/browser/test_csp.py, test_snapshot_fallback.py);
- `style-src 'self' 'unsafe-inline'`: without it Chromium refuses, measured, the `<style>` elements Mermaid puts
  into the wizard's map (style-src-elem: rules named after the chart's element ids and the theme, made in the
  browser, so no hash can be known at build) and the `style` attributes of the tables of "How the self-check
  decides" (style-src-attr: attr_list's `{ style="white-space: nowrap" }` in docs/how-the-check-decides*.md).
  It is site-wide because instant navigation keeps the first page's policy. Styles cannot run script; what they
  leave open is injected markup restyling a page, and no page shows markup a visitor wrote;
- `connect-src 'self'` plus the origin of the access check's DoH endpoint when it is another origin
  (extra.access.doh_url: DOH_URL at build, a path on the site's own host by default);
- `img-src 'self' data:`: Material's icons in its stylesheet are data: URLs;
- `worker-src 'self'`: the tab's Python worker and Material's search worker are files of the site;
- `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`, `frame-ancestors 'none'`: no plugins, no `<base>`
  pointing elsewhere, no form posted to another site, and no other site framing these pages (clickjacking).
"""

from __future__ import annotations

import base64
import hashlib
import html.parser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

# Where the server finds the policy: beside the site's pages, written by every build.
POLICY_FILE = "content-security-policy.txt"

# The `type` values under which a browser runs an inline script (HTML's "JavaScript MIME type essence match", and
# modules); any other type is a data block.
SCRIPT_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}
)
# Allowed inline by the policy's style-src (see the module's docstring: Mermaid's SVG).
STYLE_SOURCES = ("'self'", "'unsafe-inline'")


class InlineScripts(html.parser.HTMLParser):
    """The text of every inline script a browser would run in one page, and every inline event handler and
    `javascript:` URL (each as "attribute=value" for the message)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.blocked: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and "src" not in attributes:
            kind = (attributes.get("type") or "").strip().lower().split(";")[0].strip()
            self._text = [] if kind in SCRIPT_TYPES else None

    def handle_data(self, data: str) -> None:
        # Called for a script's raw text, possibly in pieces.
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._text is not None:
            self.scripts.append("".join(self._text))
            self._text = None


def script_hash(text: str) -> str:
    """The CSP source of an inline script: 'sha256-' and the base64 SHA-256 of its UTF-8 text, line ends as the
    browser's parser normalises them (CR LF and CR become LF)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_scripts(page: str, where: str) -> list[str]:
    """The hashes of the inline scripts `page` runs; a PluginError naming `where` on what no hash can allow."""
    parser = InlineScripts()
    parser.feed(page)
    parser.close()
    if parser.blocked:
        raise PluginError(
            f"{where}: an inline event handler or javascript: URL, which the Content-Security-Policy blocks "
            f"(move it into a script under docs/assets/javascripts/): {', '.join(parser.blocked[:3])}"
        )
    return [script_hash(script) for script in parser.scripts]


def origin(url: str) -> str | None:
    """The origin of an absolute http(s) URL (scheme://host[:port], the port only when given), else None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}".lower()


def connect_sources(doh_url: str, site_url: str | None) -> list[str]:
    """What pages and the worker may fetch: the site itself, and the DoH endpoint when on another origin."""
    endpoint = origin(doh_url)
    if endpoint is None or endpoint == origin(site_url or ""):
        return ["'self'"]
    return ["'self'", endpoint]


def policy(hashes: list[str], connect: list[str]) -> str:
    """The site's policy: one line, directives in the order a reader looks for them."""
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", "'wasm-unsafe-eval'", *hashes]),
        ("style-src", list(STYLE_SOURCES)),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", connect),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def site_policy(site_dir: Path, doh_url: str, site_url: str | None) -> str:
    """The policy for every HTML file of the built site: each inline script's hash once, in a stable order."""
    hashes: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        hashes.update(page_scripts(page.read_text(encoding="utf-8"), str(page.relative_to(site_dir))))
    return policy(sorted(hashes), connect_sources(doh_url, site_url))


def on_post_build(config: Any) -> None:
    site_dir = Path(config.site_dir)
    text = site_policy(site_dir, str(config.extra["access"]["doh_url"]), config.site_url)
    (site_dir / POLICY_FILE).write_text(text + "\n", encoding="utf-8")
