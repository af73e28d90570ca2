"""The registry of kinds: every kind of value the checker knows, its module, the options its check takes, and
one value of a kind checked on its own as plain data.

Every kind's module has the same face, `check(value, *, context)` (`checker._face.Context`: the document type,
today's date, the entity type travel there), so the CLI, the browser's worker and the filing's rules call
every kind the same way and take the list of kinds and their options from here. Modules are imported when first
used: the browser pays only for the kinds a filing holds.

Each finding belongs to one of the five inspected items (1 entity, 2 contact, 3 materials, 4 access, 5 content
and domain owner), as the catalogue says. The result is plain data (JSON-ready), in one language:

    {"kind": ..., "input": ..., "normalized": <str or None>, "ok": <bool>,
     "findings": [{"code": ..., "severity": ..., "item": <1-5>, "field": ..., "message": ..., "fix": ...,
                   "page": ...}]}     (`checker.exceptions.Finding.to_data`, the one shape of a finding)

``ok`` is true when no finding is an error.

>>> result = check_field("mobile", "+86 170 1234 5678", lang="en")
>>> result["normalized"], result["ok"], [f["code"] for f in result["findings"]]
('17012345678', True, ['MOBILE_VIRTUAL'])
>>> options("passport")["document"][:2]
('mainland-passport', 'hk-macau-permit')
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from checker._face import NO_CONTEXT
from checker._face import Context as Context  # the registry's face: callers build a context from here
from checker.exceptions import Finding, ValidationError
from checker.words import LANGUAGES

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
    "icp-number": "icp_number",
    "psb-number": "psb_number",
}


def module(kind: str) -> ModuleType:
    """The module that checks a kind; ValueError names the kinds for an unknown one."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    return importlib.import_module(f"checker.{KINDS[kind]}")


def options(kind: str) -> dict[str, tuple[str, ...]]:
    """The choices a kind's check reads from its context (``{"document": (...)}`` for a passport), by option."""
    return dict(getattr(module(kind), "OPTIONS", {}))


def check_value(kind: str, value: str, *, context: Context = NO_CONTEXT) -> tuple[str | None, list[Finding]]:
    """The normalised value (None when invalid) and every finding, errors included."""
    check = module(kind).check
    try:
        normalized, findings = check(value, context=context)
    except ValidationError as error:
        return None, [Finding.of(error)]
    return normalized, findings


def check_field(
    kind: str, value: str, *, lang: str = "en", field: str | None = None, context: Context = NO_CONTEXT
) -> dict[str, Any]:
    """Check one value of a kind; every finding, errors included, as plain data in `lang`."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    normalized, findings = check_value(kind, value, context=context)
    shown = [finding.to_data(lang, field or kind) for finding in findings]
    return {
        "kind": kind,
        "input": value,
        "normalized": normalized,
        "ok": all(finding["severity"] != "error" for finding in shown),
        "findings": shown,
    }
