"""One field checked on its own: the kinds of value, and the plain-data result the CLI and the page show.

Each finding belongs to one of the five inspected items (1 entity, 2 contact, 3 materials, 4 access, 5 content
and domain owner), as the catalogue says. The result is plain data (JSON-ready), in one language:

    {"kind": ..., "input": ..., "normalized": <str or None>, "ok": <bool>,
     "findings": [{"code": ..., "severity": ..., "item": <1-5>, "field": ..., "message": ...}]}

``ok`` is true when no finding is an error.

>>> result = check_field("mobile", "+86 170 1234 5678", lang="en")
>>> result["normalized"], result["ok"], [f["code"] for f in result["findings"]]
('17012345678', True, ['MOBILE_VIRTUAL'])
"""

from __future__ import annotations

import datetime
import importlib
from typing import Any

from checker import catalogue
from checker.exceptions import Finding, ValidationError

# Each kind of value and the module that checks it.
KINDS: dict[str, str] = {
    "resident-id": "resident_id",
    "hmt-permit": "hmt_permit",
    "foreign-prid": "foreign_prid",
    "passport": "passport",
    "uscc": "uscc",
    "org-code": "org_code",
    "business-reg-no": "business_reg_no",
    "mobile": "mobile",
    "landline": "landline",
    "email": "email",
    "domain": "domain",
    "website-name": "website_name",
}
DATED = {"resident-id", "hmt-permit", "foreign-prid"}  # kinds whose check depends on today's date
LANGUAGES = catalogue.LANGUAGES
PASSPORT_DEFAULT = "foreign-passport"  # the one layout every document number may take


def explain(code: str) -> catalogue.Entry | None:
    """The catalogue entry of a code (what it means, how to fix it, its page), or None for an unknown code."""
    return catalogue.entries().get(code)


def check_value(kind: str, value: str, *, document: str = PASSPORT_DEFAULT, today: datetime.date | None = None,
                entity_type: str | None = None) -> tuple[str | None, list[Finding]]:
    """The normalised value (None when invalid) and every finding, errors included.

    `document` says which passport or permit a ``passport`` number is from; `today` dates the ID checks;
    `entity_type` is whose website a ``website-name`` names.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    module = importlib.import_module(f"checker.{KINDS[kind]}")
    try:
        if kind == "passport":
            return module.check(value, document)
        if kind in DATED:
            return module.check(value, today=today)
        if kind == "website-name":
            return module.check(value, entity_type=entity_type)
        return module.check(value)
    except ValidationError as error:
        return None, [Finding.of(error)]


def check_field(kind: str, value: str, *, lang: str = "en", field: str | None = None,
                document: str = PASSPORT_DEFAULT) -> dict[str, Any]:
    """Check one value of a kind; every finding, errors included, as plain data in `lang`."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    normalized, findings = check_value(kind, value, document=document)
    entries = [catalogue.entry(finding.code) for finding in findings]
    return {
        "kind": kind,
        "input": value,
        "normalized": normalized,
        "ok": all(entry.severity != "error" for entry in entries),
        "findings": [{"code": entry.code, "severity": entry.severity, "item": entry.item, "field": field or kind,
                      "message": finding.message[lang]} for entry, finding in zip(entries, findings)],
    }
