"""One field checked on its own: the kinds of value, and the plain-data result the CLI and the page show.

Each kind belongs to one of the five inspected items (1 entity, 2 contact, 3 materials, 4 access, 5 content
and domain owner). The result is plain data (JSON-ready), in one language:

    {"kind": ..., "input": ..., "normalized": <str or None>, "ok": <bool>,
     "findings": [{"code": ..., "severity": ..., "item": <1-5>, "field": ..., "message": ...}]}

``ok`` is true when no finding is an error.

>>> result = check_field("mobile", "+86 170 1234 5678", lang="en")
>>> result["normalized"], result["ok"], [f["code"] for f in result["findings"]]
('17012345678', True, ['MOBILE_VIRTUAL'])
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple

from checker import _tables
from checker.exceptions import ValidationError


class Kind(NamedTuple):
    module: str  # under checker
    item: int    # the inspected item its findings belong to


KINDS: dict[str, Kind] = {
    "resident-id": Kind("resident_id", 1),
    "hmt-permit": Kind("hmt_permit", 1),
    "foreign-prid": Kind("foreign_prid", 1),
    "passport": Kind("passport", 1),
    "uscc": Kind("uscc", 1),
    "org-code": Kind("org_code", 1),
    "business-reg-no": Kind("business_reg_no", 1),
    "mobile": Kind("mobile", 2),
    "landline": Kind("landline", 2),
    "email": Kind("email", 2),
    "domain": Kind("domain", 5),
    "website-name": Kind("website_name", 5),
}
LANGUAGES = ("en", "zh")
PASSPORT_DEFAULT = "foreign-passport"  # the one layout every document number may take


def explain(code: str) -> _tables.Explanation | None:
    """What a finding's family is about, how to fix it, and the page that explains it."""
    return _tables.explanations().get(code.split("_", 1)[0])


def check_field(kind: str, value: str, *, lang: str = "en", field: str | None = None,
                document: str = PASSPORT_DEFAULT) -> dict[str, Any]:
    """Check one value of a kind; every finding, errors included, as plain data in `lang`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    module = importlib.import_module(f"checker.{KINDS[kind].module}")
    findings: list[tuple[str, str, dict[str, str]]]
    try:
        normalized, found = module.check(value, document) if kind == "passport" else module.check(value)
        findings = [(f.code, f.severity, f.message) for f in found]
    except ValidationError as error:
        normalized, findings = None, [(error.code, "error", error.message)]
    return {
        "kind": kind,
        "input": value,
        "normalized": normalized,
        "ok": all(severity != "error" for _, severity, _ in findings),
        "findings": [{"code": code, "severity": severity, "item": KINDS[kind].item, "field": field or kind,
                      "message": message[lang]} for code, severity, message in findings],
    }

