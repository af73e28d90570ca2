"""A filing's report: its findings as plain data in one language, counted per severity and per inspected item;
what the self-check page and `icp-check validate` show."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from checker import catalogue, materials
from checker.filing.model import Filing, Located
from checker.filing.reader import read
from checker.filing.rules import check


def materials_ready(filing: Filing) -> dict[str, int] | None:
    """``{"ready": n, "total": m}``: how many materials of the entity type's checklist are ticked as ready, of how
    many; None when the filing does not use the checklist. An unknown entity type has an empty checklist (0 of 0).

    >>> from checker.filing.model import Entity
    >>> materials_ready(Filing(Entity(type="individual"), materials=("domain-certificate", "passport")))
    {'ready': 1, 'total': 5}
    >>> materials_ready(Filing(Entity(type="individual"))) is None
    True
    """
    if filing.materials is None:
        return None
    keys = [material.key for material in materials.checklist(filing.entity.type)]
    return {"ready": len(set(filing.materials) & set(keys)), "total": len(keys)}


def report(
    data: Any, *, lang: str = "en", today: datetime.date | None = None, problems: Sequence[Located] = ()
) -> dict[str, Any]:
    """A filing's findings as plain data in one language, with counts per severity and per inspected item;
    `problems` are found outside the data and come first (a CSV row's cell outside the columns, `filing_io`).

    When the filing uses the materials checklist (it has the key ``materials``), the report also has
    ``"materials": {"ready": n, "total": m}`` (see `materials_ready`); otherwise it has no such key.
    """
    if lang not in catalogue.LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(catalogue.LANGUAGES)}")
    filing, shape = read(data)
    findings = [located.to_data(lang) for located in [*problems, *shape, *check(filing, today=today)]]
    counts = {severity: sum(f["severity"] == severity for f in findings) for severity in catalogue.SEVERITIES}
    result = {
        "ok": counts["error"] == 0,
        "counts": counts,
        "items": {str(item): sum(f["item"] == item for f in findings) for item in catalogue.ITEMS},
        "findings": findings,
    }
    ready = materials_ready(filing)
    if ready is not None:
        result["materials"] = ready
    return result


def example() -> dict[str, Any]:
    """A genuine-looking enterprise filing with two websites (numbers built by the official algorithms)."""
    pic = {
        "name": "张三",
        "document": {"type": "resident-id", "number": "440305199001010018", "expires": "2038-03-15"},
        "mobile": "13800138000",
        "landline": "0755-86013388",
        "email": "zhangsan@example.com",
        "legal_representative": "yes",
    }

    def web_pic() -> dict[str, Any]:
        return {
            "name": "李四",
            "document": {"type": "resident-id", "number": "440305199202020028", "expires": "2040-06-30"},
            "mobile": "13912345678",
            "landline": "",
            "email": "lisi@example.com",
            "legal_representative": "no",
        }

    return {
        "entity": {
            "type": "enterprise",
            "name": "深圳市示例科技有限公司",
            "province": "广东省",
            "document": {"type": "uscc", "number": "91440300MA5DA1B21A", "expires": ""},
            "pic": pic,
            "emergency_contact": "13700137000",
            "icp_number": "",
        },
        "websites": [
            {
                "name": "示例科技官网",
                "domains": ["example.com"],
                "pic": web_pic(),
                "content": [],
                "icp_number": "",
            },
            {
                "name": "示例科技文档中心",
                "domains": ["example.cn"],
                "pic": web_pic(),
                "content": [],
                "icp_number": "",
            },
        ],
    }
