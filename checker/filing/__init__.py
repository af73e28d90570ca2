"""A whole filing: the entity (备案主体) and its websites, every field checked and then checked against each other.

A filing arrives as plain data (JSON, a CSV row, the page's form) and is read leniently: a field of the wrong
type or an unknown key is reported, never raised, so one bad filing in a batch loses nothing. The shape (also
shipped as a JSON Schema, checker/data/filing.schema.json)::

    {"entity": {"type": "enterprise", "name": ..., "province": "44" | "广东省" | "Guangdong",
                "document": {"type": "uscc", "number": ...},
                "pic": PERSON, "emergency_contact": ...},
     "websites": [{"name": ..., "domains": [...], "pic": PERSON, "content": ["news", ...]}, ...],
     "materials": ["business-licence", ...]}   # optional: the verification materials ticked as ready
    PERSON = {"name": ..., "document": {"type": "resident-id", "number": ...},
              "mobile": ..., "landline": ..., "email": ...}

A value from a fixed list (entity type, province, document type, content category, material) may also be given
by its name, in Chinese as the provider consoles name it, simplified or traditional (企业, 廣東省, 身份证, 营业执照,
新闻, 核验单: `key_of`, `province_code`); an unknown one is reported with the list, in Chinese by the Chinese names.
A name (the entity's, a person's, a website's) is one line: a line break or tab inside it is an error.

Cross-field checks are warnings (the reference names no hard rule for them; provinces differ): the entity type
against its document and the category in its USCC; the province against the ID / USCC region and the
landline's area code; the phone rules across the persons in charge; the website name against the entity type;
the same domain twice; an individual's entity against its person in charge. Content that needs an authority's
approval before filing (``content``: news, medicine, games …) is named with that authority and its document; a
category whose approval was abolished (education, healthcare, bulletin boards) gives an info only. A missing
required field is an error.

``materials`` is the verification-materials checklist (inspected item 3, `checker.materials`): the keys of the
materials the filer has ready. Without the key the checklist is not in use and nothing is said about materials;
with it (an empty list too) each material of the entity type's checklist that is not listed is a finding — a
warning for one that is always needed, a note for one needed only in some cases — and `report()` counts the
ready ones. A key not on the type's checklist is a warning. With an unknown entity type there is no checklist.

>>> from checker.filing import example, report
>>> result = report(example(), lang="en")
>>> result["ok"], [f["code"] for f in result["findings"]]
(True, [])
"""

from __future__ import annotations

import importlib
from typing import Any

# The public names of the package, by the module that defines them. They are loaded on first use (PEP 562), so
# importing one part (the reader, say, for the access check) runs no other, and no part imports the package.
_EXPORTS = {
    "model": (
        "Document",
        "Person",
        "Entity",
        "Website",
        "Filing",
        "Located",
        "DOCUMENTS",
        "UNIT_DOCUMENTS",
        "PERSON_DOCUMENTS",
    ),
    "choices": ("key_of", "known_names", "province_code"),
    "reader": ("read", "split_values", "SEPARATORS", "LIST_LIMIT"),
    "rules": ("check", "OUTSIDE_MAINLAND"),
    "reporting": ("report", "materials_ready", "example"),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'checker.filing' has no attribute {name!r}")
    return getattr(importlib.import_module(f"checker.filing.{_WHERE[name]}"), name)
