"""Build hook: the remediation wizard's decision tree as one chart (`docs/remediation-map.md`).

Where a page's Markdown has the marker `<!-- the wizard map -->`, the tree's Mermaid flowchart
(`checker.remediation.mermaid`, the text `icp-check wizard --graph` prints) goes into the content as text,
in the page's language and with the configured provider's name. `remediation-map.js` draws it in the browser with
Mermaid; without the script, the reader sees the chart's text.

Mermaid is served by the site itself, never by a CDN (the site must be fast from mainland China, and Material's
own Mermaid support fetches the library from a public CDN): this hook copies the one file the page loads, Mermaid's
standalone build from `node_modules/mermaid` (pinned by package-lock.json), into `assets/mermaid/<version>/`
(hooks/vendor.py, which records its hash), and the build stops with a message saying which command to run when it
is missing.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import vendor
from checker import remediation
from languages import page_language, read_words

MARKER = "<!-- the wizard map -->"
ROOT = Path(__file__).resolve().parent.parent
# The chart's own words (checker/data/words/site-remediation-map.toml).
WORDS = "site-remediation-map"
MERMAID = ROOT / "node_modules" / "mermaid"
# Mermaid's build for a classic <script>: one file that defines window.mermaid, no chunks to fetch later.
SCRIPT = "mermaid.min.js"


def mermaid(package: Path) -> vendor.Vendored:
    """Mermaid's standalone script in node_modules, served at `assets/mermaid/<version>/mermaid.min.js`."""
    version = vendor.npm_version(package, "Mermaid")
    return vendor.Vendored.of(
        [(package / "dist" / SCRIPT, f"assets/mermaid/{version}/{SCRIPT}")],
        what=f"Mermaid is not installed in {package}",
        hint="run `npm ci` or `make build`",
    )


@functools.cache
def words() -> dict[str, dict[str, str]]:
    return read_words(WORDS)


_library: dict[str, vendor.Vendored] = {}


def library() -> vendor.Vendored:
    """This build's Mermaid (found by on_config; found now if a page comes first)."""
    if "current" not in _library:
        _library["current"] = mermaid(MERMAID)
    return _library["current"]


def on_config(config: Any) -> Any:
    words()  # fail before any page is built
    _library["current"] = mermaid(MERMAID)  # again on every build: `mkdocs serve` may have another Mermaid
    return config


def on_post_build(config: Any) -> None:
    library().copy_into(Path(config.site_dir))


def chart(config: Any, language: str, script_url: str) -> str:
    """The chart's HTML in one language: the flowchart's text, and what the script needs as data attributes."""
    try:
        tree = remediation.default_tree()
    except remediation.TreeError as error:
        raise PluginError(str(error)) from error
    settings = {"provider": config.extra["provider"], "miit": config.extra["miit"]}
    # Each word as data-<key>: the script reads them as element.dataset.<key> (keys are one lower-case word).
    data = "".join(f' data-{key}="{html.escape(value[language])}"' for key, value in words().items())
    # The status line is empty, and hidden, until the script says it is drawing or could not draw. The chart's
    # text stays out of the search index (data-search-exclude): its arrows and ids would be search results, and
    # the wizard's page already has every question and plan.
    return (
        f'<div class="wz-map" data-script="{html.escape(script_url)}"{data}>'
        f'<p class="wz-map__status" role="status"></p>'
        f'<pre class="wz-map__source" data-search-exclude>'
        f"{html.escape(remediation.mermaid(tree, language, settings))}</pre></div>"
    )


def on_page_content(content: str, page: Any, config: Any, files: Any) -> str:
    if MARKER not in content:
        return content
    script_url = get_relative_url(library().path(SCRIPT), page.url)
    return content.replace(MARKER, chart(config, page_language(page, config), script_url), 1)
