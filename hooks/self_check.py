"""Build hook: the self-check page, and the Python runtime it runs in the visitor's browser.

The page (`docs/self-check.md`, template `overrides/self-check.html`) is a form rendered at build time from the
checker's own tables (entity types, provinces, documents, content categories, materials), so it is readable
and accepts typing before any Python has loaded. In the browser, `self-check.js` asks the tab's one Web Worker
(`checker-runtime.js`, shared with the remediation wizard), which loads Pyodide and the checker's wheel and answers
each change of the form with `checker.filing.page.answer`: the filing, its report, and what the page shows where.
What each entity type shows (`checker.filing.page.entity_views`) and the wizard's address per inspected item
(`plans`) are rendered here, so the script decides nothing.

This hook prepares that runtime when the build starts and copies it into the built site when it ends
(hooks/browser_runtime.py: what is copied, and why the build stops when a file is missing or stale); the wizard's
hook does the same for its page, so either works without the other.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mkdocs.utils import get_relative_url

import browser_runtime
from checker import _tables, catalogue, filing, materials, remediation
from checker.filing import page as page_view
from languages import check_words, localize, page_language, read_words

ROOT = Path(__file__).resolve().parent.parent
WORDS = "site-self-check"  # checker/data/words/site-self-check.toml
WORDS_SOURCE = f"checker/data/words/{WORDS}.toml"
TEMPLATE = "self-check.html"


# This hook's own runtime (hooks/remediation.py prepares its own: neither needs the other).
_runtime = browser_runtime.Prepared()


def on_pre_build(config: Any) -> None:
    _runtime.prepare()


def on_post_build(config: Any) -> None:
    _runtime.current().copy_into(Path(config.site_dir))


GROUPS = ("page", "script")  # the words the template renders, and those the page's script gets as JSON


def check_strings(data: Any, source: str = WORDS_SOURCE) -> dict[str, dict[str, dict[str, str]]]:
    """The page's words, checked: its two groups, every word in every language (`languages.check_words`)."""
    checked: dict[str, dict[str, dict[str, str]]] = check_words(data, source, GROUPS)
    return checked


@functools.cache
def strings() -> dict[str, dict[str, dict[str, str]]]:
    return read_words(WORDS, GROUPS)


def plans(language: str) -> dict[str, str]:
    """Per inspection item, the wizard's page (from the site's root) opened at that item's question, with the
    answers the self-check knows already (the tree's [entries]); `from=self-check` makes the wizard say so."""
    page = catalogue.site_path("remediation", language)
    return {
        item: f"{page}?a={remediation.encode(answers)}&from=self-check"
        for item, answers in remediation.default_tree().entries.items()
    }


def form(language: str) -> dict[str, Any]:
    """What the page's template needs, in one language: options for every choice and every word it shows."""
    text = strings()
    types = _tables.entity_types()
    return {
        # A namespace, not a dict: Jinja looks attributes up first, so `t.clear` of a dict is dict.clear.
        "t": SimpleNamespace(**{key: value[language] for key, value in text["page"].items()}),
        "script_strings": json.dumps(
            {
                **{key: value[language] for key, value in text["script"].items()},
                "items": {str(number): catalogue.item_name(number)[language] for number in catalogue.ITEMS},
                "severities": {key: catalogue.severity_name(key)[language] for key in catalogue.SEVERITIES},
                "plans": plans(language),
            },
            ensure_ascii=False,
        ),
        "entity_types": [
            {"key": kind.key, "name": _in(kind, "name", language), "group": kind.documents} for kind in types.values()
        ],
        # What each entity type shows (its fields' group, documents, materials), as checker.filing.page decides:
        # the page switches with it before Python has loaded.
        "entity_views": json.dumps(page_view.entity_views()),
        # And the materials a province adds (checker.filing.page.province_materials), shown when it is chosen.
        "province_materials": json.dumps(page_view.province_materials(), separators=(",", ":")),
        "documents": {
            group: [{"key": key, "name": _in(_tables.document_types()[key], "name", language)} for key in keys]
            for group, keys in (("unit", filing.UNIT_DOCUMENTS), ("person", filing.PERSON_DOCUMENTS))
        },
        "provinces": [
            {"key": code, "name": _in(region, "name", language)}
            for code, region in _tables.provinces().items()
            if code not in filing.OUTSIDE_MAINLAND
        ],
        "content": [_content(category, language) for category in _tables.content_categories().values()],
        "materials": _materials(language),
    }


def _content(category: _tables.ContentCategory, language: str) -> dict[str, Any]:
    """A content category's checkbox: its name, and after it who grants its pre-approval and the document (the
    authority alone when the source names none), or, abolished, that ticking it gives a note only (the checker's
    FILING_APPROVAL_ABOLISHED info): the filer sees it before ticking."""
    page = strings()["page"]
    if category.status == "abolished":
        note = page["content_abolished"][language]
    elif category.licence_en:
        licence = _in(category, "licence", language)
        note = page["content_licence"][language].format(authority=_in(category, "authority", language), licence=licence)
    else:
        note = _in(category, "authority", language)
    return {
        "key": category.key,
        "name": _in(category, "name", language),
        "department": note,
        "abolished": category.status == "abolished",
    }


def _in(record: Any, field: str, language: str) -> str:
    """A table record's text in one language: its `<field>_<language>` attribute (name_zh, note_en ...)."""
    return getattr(record, f"{field}_{language}")


def _materials(language: str) -> list[dict[str, Any]]:
    """Every material once, in the checklist's order, with the entity types it applies to (the page shows the
    chosen type's)."""
    lists = {kind: {item.key for item in materials.checklist(kind)} for kind in _tables.entity_types()}
    return [
        {
            "key": item.key,
            "types": [kind for kind, keys in lists.items() if item.key in keys],
            "if_needed": item.condition == "when",
            "name": _in(item, "name", language),
            "note": _in(item, "note", language),
        }
        for item in materials.materials().values()
    ]


def access(extra: dict[str, Any], language: str) -> dict[str, str]:
    """The access check's part of the page, in one language: its words with the provider, the date and source of
    its address ranges and the DoH endpoint filled in, and what the script needs (the ranges' key, the endpoint).
    hooks/provider.py has checked both blocks of mkdocs.yml before any page is built."""
    page = strings()["page"]
    key, endpoint = extra["provider"]["ranges"], extra["access"]["doh_url"]
    ranges = _tables.provider_ranges(key)
    provider = localize(extra["provider"]["name"], language)
    return {
        "title": page["access"][language].format(provider=provider),
        "hint": page["access_hint"][language].format(endpoint=endpoint),
        "ranges": page["access_ranges"][language].format(provider=provider, date=ranges.date, source=ranges.source),
        "provider": key,
        "endpoint": endpoint,
    }


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    if page.meta.get("template") == TEMPLATE:
        language = page_language(page, config)
        runtime = _runtime.current().urls(get_relative_url(".", page.url))
        context["self_check"] = {**form(language), "access": access(config.extra, language), "runtime": runtime}
    return context
