"""Build hook: the site's 404 page at the root is the default language's; each other language gets its own.

The i18n plugin builds every language into the same site folder, and MkDocs writes the theme's `404.html` to
the folder's root on each build, so the last language built (Chinese) took the root's 404 page: an English
visitor's "page not found" came with Chinese navigation. This hook keeps the default language's page at the
root and puts each other language's at its own root (`/zh/404.html`), for servers that map 404s per folder.
Both carry the bilingual message of `overrides/404.html`, and their language switcher leads to each language's
home page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from language_switch import point_to_language_homes
from languages import DEFAULT_LANGUAGE

NOT_FOUND = "404.html"
# The default language's 404 page. Its build always runs first and replaces it, so a rebuild in the same
# process (`mkdocs serve`) never sees a stale one. (Not reset in on_config: the i18n plugin runs on_config
# again for each other language.)
_default_page: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config: Any) -> str:
    if template_name != NOT_FOUND:
        return output
    output = point_to_language_homes(output, config.site_url)
    language = config.theme["language"]
    if language == DEFAULT_LANGUAGE:
        _default_page["html"] = output
        return output
    own = Path(config.site_dir) / language / NOT_FOUND
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(output, encoding="utf-8")
    # What MkDocs writes at the root: the default language's page, built earlier in this build.
    return _default_page.get("html", output)
