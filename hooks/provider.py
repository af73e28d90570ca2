"""Build hook: every page is a Jinja2 template over the provider block of mkdocs.yml.

Pages write `{{ provider.name }}` or `[console]({{ provider.console_url }})` instead of naming one access
provider, so another provider rebrands the whole site by editing `extra.provider`. Each value is one string
for both languages or `{en: ..., zh: ...}`; pages see the value of their own language.

The build stops with a message naming the key when a required value is missing or malformed, and with the
page and line when a page uses a name the context does not have (StrictUndefined): a rebrand can never
produce a page with a hole in it.

Pages also see the checker's catalogue of findings (`checker.catalogue`): `findings("RIC")` gives the
codes of one family in the page's language, so a page can list them without copying a word of the checker.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError

import glossary
from checker import _tables, catalogue
from languages import DEFAULT_LANGUAGE, LANGUAGES, is_localized, localize, page_language


def _url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://")) and " " not in value


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _working_days(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 60


def _shipped_ranges(value: Any) -> bool:
    return isinstance(value, str) and value in _tables.providers()


def _endpoint(value: Any) -> bool:
    """An http(s) URL, or a path on the site's own host ("/resolve", behind the same reverse proxy)."""
    return _url(value) or (
        isinstance(value, str) and value.startswith("/") and not value.startswith("//") and " " not in value
    )


# What each block must hold: key → (check, what a good value looks like).
Schema = dict[str, tuple[Callable[[Any], bool], str]]
PROVIDER_SCHEMA: Schema = {
    "name": (_text, "the provider's name, e.g. {en: Tencent Cloud, zh: 腾讯云}"),
    "console_url": (_url, "the URL of the provider's ICP filing console"),
    "phone_check_url": (_url, "the URL of the console page that verifies the persons-in-charge' phones"),
    "provincial_rules_url": (_url, "the URL of the provider's page of provincial bureau requirements"),
    "shell_entity_url": (_url, "the URL of the provider's guide to deregistering a shell entity"),
    "new_website_url": (_url, "the URL of the provider's guide to adding a new website to a filing"),
    "access_filing_url": (_url, "the URL of the provider's guide to an access filing"),
    "first_filing_url": (_url, "the URL of the provider's guide to a first-time filing"),
    "change_filing_url": (_url, "the URL of the provider's guide to changing a filing"),
    "domain_suffixes_url": (_url, "the URL of the provider's list of domain suffixes eligible for filing"),
    "support_url": (_url, "the URL where filers open a support ticket"),
    "extension_days": (_working_days, "the longest extension of the rectification period, in working days"),
    "ranges": (
        _shipped_ranges,
        "the provider's address ranges for the access check: one of "
        + ", ".join(_tables.providers())
        + " (checker/data/provider-ranges/)",
    ),
}
ACCESS_SCHEMA: Schema = {
    "doh_url": (
        _endpoint,
        "the JSON DNS-over-HTTPS endpoint the access check asks (icp-doh's /resolve): "
        "an http(s) URL or a path on the site's host such as /resolve",
    ),
}
MIIT_SCHEMA: Schema = {
    "query_url": (_url, "the URL of MIIT's public filing query site"),
}


def read_block(extra: dict[str, Any], block: str, schema: Schema) -> dict[str, Any]:
    """Check `extra.<block>` against its schema; return it, or raise PluginError naming what is wrong."""
    values = extra.get(block)
    if not isinstance(values, dict):
        raise PluginError(f"mkdocs.yml: extra.{block} is missing; it needs the keys {', '.join(schema)}")
    for key, (check, meaning) in schema.items():
        where = f"mkdocs.yml: extra.{block}.{key}"
        if key not in values:
            raise PluginError(f"{where} is missing: set it to {meaning}")
        value = values[key]
        if isinstance(value, dict) and not is_localized(value):
            raise PluginError(f"{where} must be one value or have exactly the languages {', '.join(LANGUAGES)}")
        for language in LANGUAGES:
            if not check(localize(value, language)):
                raise PluginError(f"{where} is {value!r}; expected {meaning}")
    unknown = set(values) - set(schema)
    if unknown:
        raise PluginError(f"mkdocs.yml: extra.{block} has unknown keys {sorted(unknown)}")
    return values


# What Markdown would read as formatting inside a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def _cell(text: str) -> str:
    """Text shown as it is in a Markdown table cell: one line, no markup, no pipe ending the cell."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def finding_rows(language: str) -> list[dict[str, str]]:
    """Every code of the catalogue, in its order, as a page in `language` shows it: code, family (the start of
    the code before the first "_"), severity, message (each value it needs shown as "…") and fix, the last
    three ready for a Markdown table cell. A catalogue that cannot be read stops the build, naming the problem."""
    try:
        rows = []
        for code, entry in catalogue.entries().items():
            if entry.severity not in catalogue.SEVERITIES:
                raise ValueError(f"{code}: severity {entry.severity!r} is not one of {', '.join(catalogue.SEVERITIES)}")
            rows.append(
                {
                    "code": code,
                    "family": code.split("_", 1)[0],
                    "severity": catalogue.severity_name(entry.severity)[language],
                    "message": _cell(catalogue.general_message(code)[language]),
                    "fix": _cell(entry.fix[language]),
                }
            )
    except (OSError, ValueError, KeyError, TypeError) as error:  # a JSON decoding error is a ValueError
        raise PluginError(
            f"the catalogue of findings (checker/data/findings.toml, read as findings.json; "
            f"see scripts/update_catalogue.py): {error}"
        ) from error
    return rows


def findings(family: str, language: str) -> list[dict[str, str]]:
    """The codes of one family (RIC, USCC, FILING …) in `language`; none when the family has no codes yet."""
    return [row for row in finding_rows(language) if row["family"] == family]


_environment = jinja2.Environment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # the output is Markdown, not HTML
    keep_trailing_newline=True,
)


def render(markdown: str, context: dict[str, Any], source: str) -> str:
    """Render one page's Markdown; any template error becomes a PluginError naming the page."""
    try:
        return _environment.from_string(markdown).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise PluginError(f"{source}, line {error.lineno}: {error.message}") from error
    except jinja2.UndefinedError as error:
        raise PluginError(f"{source}: {error.message} (known names: {', '.join(sorted(context))})") from error


def page_context(config: Any, language: str) -> dict[str, Any]:
    """The names a page template sees, in the page's language."""
    extra = config.extra
    return {
        "provider": localize(read_block(extra, "provider", PROVIDER_SCHEMA), language),
        "miit": localize(read_block(extra, "miit", MIIT_SCHEMA), language),
        "access": read_block(extra, "access", ACCESS_SCHEMA),
        "glossary": [term.view(language) for term in glossary.load()],
        "findings": functools.partial(findings, language=language),
        "lang": language,
    }


def on_config(config: Any) -> Any:
    # Fail before any page is built: build the context every page will get (the glossary is read once, here),
    # and read the catalogue of findings.
    try:
        page_context(config, DEFAULT_LANGUAGE)
        for language in LANGUAGES:
            finding_rows(language)
    except glossary.GlossaryError as error:
        raise PluginError(str(error)) from error
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    language = page_language(page, config)
    return render(markdown, page_context(config, language), page.file.src_uri)
