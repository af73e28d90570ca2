"""Build hook: the language switcher keeps the reader on the same page, also under instant navigation.

The i18n plugin points each page's switcher links and `<link rel="alternate" hreflang>` tags at the same
page in the other language. Two things of Material's break that when the site's default language sits at the
root (`/`, `/zh/`) and instant navigation is on:

- Material treats every `link[rel=alternate]` in <head> as a language *root* and fetches `sitemap.xml` below
  it: below a page, that is a 404 on every page view.
- Instant navigation swaps the page content but keeps the header, so the switcher links go stale after the
  first in-site click.

So this hook moves the alternates out of Material's way, into `<meta name="alternate-page">` tags (head tags
*are* swapped on instant navigation; search engines get the same alternates from the i18n plugin's
sitemap.xml), marks the switcher links `target="_self"` so a language change is a full page load (the header,
search language and site name change with it), and `assets/javascripts/language-switch.js` re-points the
switcher from the metas after each navigation. It also puts a copy of sitemap.xml at each language's root,
where Material's instant navigation looks for it.

Page addresses are made in one place, `checker.catalogue.site_path` (the catalogue's, the wizard's and the hooks'):
templates have it as the filter `site_path`, ``{{ 'index' | site_path('zh') | url }}``.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from checker import catalogue, words
from languages import DEFAULT_LANGUAGE, LANGUAGES

_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([a-zA-Z-]+)">')
_SWITCHER_LINK = re.compile(r'(<a href="[^"]*" hreflang="[a-zA-Z-]+" class="md-select__link")>')


def page_root_path(site_url: str | None, page_url: str) -> str:
    """The absolute URL path of a page: `/zh/shell-entity/` for page URL `shell-entity/` in the zh build."""
    base = urlsplit(site_url or "/").path or "/"
    return posixpath.join(base if base.endswith("/") else base + "/", page_url)


def absolute(href: str, page_path: str) -> str:
    """Resolve a link relative to the page (`../../shell-entity/`) to an absolute path (`/shell-entity/`)."""
    joined = posixpath.normpath(posixpath.join(page_path, href))
    return joined + "/" if href.endswith(("/", ".")) and not joined.endswith("/") else joined


def rewrite(page_html: str, page_path: str) -> str:
    """Alternates become metas with absolute paths; switcher links load a full page."""

    def to_meta(found: re.Match[str]) -> str:
        return f'<meta name="alternate-page" data-lang="{found[2]}" content="{absolute(found[1], page_path)}">'

    page_html = _ALTERNATE.sub(to_meta, page_html)
    return _SWITCHER_LINK.sub(r'\1 target="_self">', page_html)


def language_home(site_url: str | None, language: str) -> str:
    """The absolute path of a language's home page: `/` for the default language, `/zh/` for Chinese."""
    return page_root_path(site_url, catalogue.site_path("index", language))


def point_to_language_homes(page_html: str, site_url: str | None) -> str:
    """For a page that exists in no language (the 404 page): the switcher leads to each language's home.

    Its alternates would otherwise be those of whichever page was built last.
    """

    def to_meta(found: re.Match[str]) -> str:
        home = language_home(site_url, found[2])
        return f'<meta name="alternate-page" data-lang="{found[2]}" content="{home}">'

    def to_home(found: re.Match[str]) -> str:
        return f'<a href="{language_home(site_url, found[1])}" hreflang="{found[1]}" class="md-select__link"'

    page_html = _ALTERNATE.sub(to_meta, page_html)
    page_html = re.sub(r'<a href="[^"]*" hreflang="([a-zA-Z-]+)" class="md-select__link"', to_home, page_html)
    return _SWITCHER_LINK.sub(r'\1 target="_self">', page_html)


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Templates make a page's address and read their words as the hooks do:
    ``{{ 'index' | site_path('zh') | url }}``, ``{{ word("site-pages", "not_found.title", "zh") }}``."""
    env.filters["site_path"] = catalogue.site_path
    env.globals["word"] = words.in_language
    return env


def on_post_page(output: str, page: Any, config: Any) -> str:
    return rewrite(output, page_root_path(config.site_url, page.url))


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        sitemap = site / name
        if not sitemap.is_file():
            continue
        for language in LANGUAGES:
            if language != DEFAULT_LANGUAGE and (site / language).is_dir():
                shutil.copyfile(sitemap, site / language / name)
