"""The one catalogue of findings: for every code, its severity, the inspected item it belongs to, the
knowledge-base page that explains it, and its message and fix in English and Chinese.

People edit checker/data/findings.toml; `scripts/update_catalogue.py` writes the same content as
checker/data/findings.json, which is what the checker reads (on first use): Pyodide parses JSON in C in a few
milliseconds, while importing and running `tomllib` there costs a few hundred. A test keeps the two equal.

Messages are `str.format` templates. A value that reads differently per language (a province name) is passed
as ``{"en": ..., "zh": ...}`` and each language takes its own; the path of a field of the filing is passed as a
`checker.field_names.FieldPath` and each language names the field in its own words (never the raw path);
anything else is shown as it is.

>>> entry("RIC_CHECKSUM").severity, entry("RIC_CHECKSUM").item, entry("RIC_CHECKSUM").page
('error', 1, 'inspected-items/entity')
>>> message("LANDLINE_LOCAL_LENGTH", {"place": {"en": "Shenzhen", "zh": "深圳"}, "area": "0755",
...                                   "expected": "8", "given": 7})["en"]
'A local number in Shenzhen (0755) has 8 digits, not 7.'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from checker import _tables, field_names, words
from checker.words import LANGUAGES

__all__ = [
    "ITEMS",
    "LANGUAGES",
    "SEVERITIES",
    "Entry",
    "Family",
    "entries",
    "entry",
    "families",
    "family",
    "general_message",
    "item_name",
    "message",
    "page_url",
    "placeholders",
    "severity_name",
    "site_path",
]

SEVERITIES = ("error", "warning", "info")
ITEMS = (1, 2, 3, 4, 5)  # the inspected items of the provider's notice


def severity_name(severity: str) -> dict[str, str]:
    """A severity in words, in each language (checker/data/words/report.toml)."""
    return words.text("report", f"severities.{severity}")


def item_name(item: int) -> dict[str, str]:
    """An inspected item's name, in each language (checker/data/words/report.toml)."""
    return words.text("report", f"items.{item}")


class Entry(NamedTuple):
    code: str
    severity: str
    item: int
    page: str  # under docs/, without ".md"
    message: dict[str, str]  # templates
    fix: dict[str, str]


class Family(NamedTuple):
    family: str  # the start of a code: "RIC" for RIC_CHECKSUM
    meaning: dict[str, str]  # what the value is


@functools.cache
def _load() -> tuple[dict[str, Family], dict[str, Entry]]:
    data = _tables.read_json("findings.json")
    families = {name: Family(name, row["meaning"]) for name, row in data["families"].items()}
    entries = {
        code: Entry(code, row["severity"], row["item"], row["page"], row["message"], row["fix"])
        for code, row in data["codes"].items()
    }
    return families, entries


def entries() -> dict[str, Entry]:
    """Every code in the catalogue."""
    return _load()[1]


def families() -> dict[str, Family]:
    """What each family of codes is about."""
    return _load()[0]


def entry(code: str) -> Entry:
    """The catalogue entry of a code; KeyError names a code the catalogue lacks (a bug, caught by the tests)."""
    try:
        return entries()[code]
    except KeyError:
        raise KeyError(f"finding code {code!r} is not in checker/data/findings.toml") from None


def family(code: str) -> Family | None:
    return families().get(code.split("_", 1)[0])


def site_path(page: str, lang: str) -> str:
    """A knowledge-base page (its path under docs/ without ".md") as MkDocs addresses it, relative to the
    site's root: ``inspected-items/entity`` is ``inspected-items/entity/``, a section's ``inspected-items/index``
    is ``inspected-items/`` (never ``inspected-items/index/``: a 404), ``zh/…`` in Chinese.

    >>> site_path("inspected-items/entity", "zh"), site_path("inspected-items/index", "en"), site_path("index", "zh")
    ('zh/inspected-items/entity/', 'inspected-items/', 'zh/')
    """
    folder = page[: -len("index")] if page == "index" or page.endswith("/index") else page + "/"
    return ("zh/" if lang == "zh" else "") + folder


def page_url(code: str, lang: str) -> str:
    """The address of the page that explains a code, relative to the site's root (``zh/…`` in Chinese)."""
    return site_path(entry(code).page, lang)


def _localise(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The values of a message in one language: a value per language gives its own, a field's path its name."""
    return {key: _in_language(value, lang) for key, value in params.items()}


def _in_language(value: Any, lang: str) -> Any:
    if isinstance(value, Mapping):
        return value[lang]
    if isinstance(value, field_names.FieldPath):
        return field_names.name(value)[lang]
    return value


def message(code: str, params: Mapping[str, Any] | None = None) -> dict[str, str]:
    """The code's message in each language, filled in with `params`."""
    templates = entry(code).message
    return {lang: templates[lang].format(**_localise(params or {}, lang)) for lang in LANGUAGES}


def placeholders(template: str) -> set[str]:
    """The names a template needs."""
    return set(re.findall(r"{(\w+)}", template))


def general_message(code: str) -> dict[str, str]:
    """The message with each value it needs shown as "…" (for `icp-check explain`, where there is no value)."""
    templates = entry(code).message
    return {lang: templates[lang].format(**{name: "…" for name in placeholders(templates[lang])}) for lang in LANGUAGES}
