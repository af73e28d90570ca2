"""The site's pages, read from docs/: every (language, source file, URL path) the build makes.

Shared by the build tests and the browser tests, so a page added to docs/ is tested without editing a list.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# ICP_SITE: another built site (a helper's own build, on its own port); `make test` uses site/.
SITE = Path(os.environ.get("ICP_SITE", ROOT / "site"))
# The pages that start Python in the browser (the self-check and the remediation wizard), by stem.
PYTHON_PAGES = ("self-check", "remediation")


@dataclass(frozen=True)
class Page:
    language: str
    source: str  # path under docs/, e.g. "inspected-items/entity.zh.md" (a page a hook makes: its virtual path)
    path: str  # URL path under the site root, e.g. "zh/inspected-items/entity/"
    made_from: Path | None = None  # a page a hook makes (a province's): the file it is made from, and dated by

    @property
    def dated_by(self) -> Path:
        """The file whose last commit is the page's "last update": its Markdown, or what a hook made it from."""
        return self.made_from or DOCS / self.source

    @property
    def stem(self) -> str:
        """The page's name without language: "inspected-items/entity"."""
        name = self.source.removesuffix(".md")
        return name.removesuffix(f".{self.language}") if self.language != "en" else name

    @property
    def built_file(self) -> Path:
        return SITE / self.path / "index.html"

    def __str__(self) -> str:
        return self.path or "/"


def url_path(stem: str, language: str) -> str:
    """Where MkDocs (directory URLs) and the i18n plugin put a page."""
    prefix = "" if language == "en" else f"{language}/"
    if stem == "index":
        return prefix
    if stem.endswith("/index"):
        return f"{prefix}{stem.removesuffix('index')}"
    return f"{prefix}{stem}/"


# The provinces whose pages the browser loads (tests/browser: every page's header, CSP, console, and axe in both
# palettes). The 62 province pages are one template filled from one table, and tests/test_site_build.py reads every
# one of them built; in the browser one province stands for the template, each page costing seconds of a suite
# that must stay within make test's budget: Liaoning, whose sources disagree (the page's fullest template).
BROWSER_PROVINCES = ("21",)


def browser_pages(language: str | None = None) -> list[Page]:
    """The pages the browser suite loads: every written page and the sample of generated ones."""
    import provinces

    sampled = {source for source, (code, _) in provinces.page_sources().items() if code in BROWSER_PROVINCES}
    return [page for page in pages(language) if page.made_from is None or page.source in sampled]


def pages(language: str | None = None, *, made: bool = True) -> list[Page]:
    """Every page of the site: the ones written in docs/, then (`made`) the ones hooks/provinces.py makes (a page
    per province in each language, from the provincial rules table; the hook needs MkDocs, which a test run under
    Pyodide has not)."""
    found = []
    for source in sorted(DOCS.rglob("*.md")):
        relative = source.relative_to(DOCS).as_posix()
        lang = "zh" if relative.endswith(".zh.md") else "en"
        stem = relative.removesuffix(".md").removesuffix(".zh")
        if language in (None, lang):
            found.append(Page(lang, relative, url_path(stem, lang)))
    if not made:
        return found
    import provinces  # hooks/provinces.py: the pages it makes, and the table they are made from

    for relative, (_, lang) in provinces.page_sources().items():
        stem = relative.removesuffix(".md").removesuffix(f".{lang}")
        if language in (None, lang):
            found.append(Page(lang, relative, url_path(stem, lang), provinces.TABLE))
    return found


def built_endpoint() -> tuple[str, int]:
    """The DoH endpoint the built self-check page asks (its data-doh): host and port. `make test` builds the site
    with DOH_URL=http://127.0.0.1:<port>/resolve, and the browser tests put an endpoint there."""
    page = (SITE / "self-check" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'data-doh="([^"]+)"', page)
    endpoint = urlsplit(found[1] if found else "")
    if endpoint.hostname != "127.0.0.1" or not endpoint.port:
        raise RuntimeError(
            f"the site was built for the endpoint {endpoint.geturl()!r}; `make test` builds it with "
            "DOH_URL=http://127.0.0.1:<port>/resolve"
        )
    return endpoint.hostname, endpoint.port


def built_policy() -> str:
    """The Content-Security-Policy the build wrote for the server to send (hooks/csp.py)."""
    return (SITE / "content-security-policy.txt").read_text(encoding="utf-8").strip()


# A browser init script (before any of the page's own): every violation of the policy the page's document sees is
# kept in window.__csp, with what was refused and where.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => window.__csp.push(
  `${event.effectiveDirective} refused ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}` +
  (event.sample ? ` (${event.sample})` : "")));
"""
