"""The verification materials (核验材料, inspected item 3) a filer usually prepares, by entity type.

The checklist comes from checker/data/materials.tsv (icp-rules.md §7), read on first use. Each material is
needed either ``always`` for its entity types, or only ``when`` a case holds (an authorisation letter when the
entity's person in charge is not its legal representative); for a ``when`` material the note names that case, for
the others it is a practical tip. Provinces add items of their own (condition ``province``): those are on a
checklist only where a province's rows name them (`checker.provincial`, `checker.filing.provincial`).

>>> [material.key for material in checklist("individual")]
['personal-id', 'domain-certificate', 'verification-form', 'face-verification', 'residence-proof']
>>> letter = checklist("enterprise")[-1]
>>> letter.key, letter.condition, letter.name_zh
('authorisation-letter', 'when', '法定代表人授权书')
>>> letter.note_en.startswith("when the entity's person in charge is not its legal representative")
True
>>> checklist("government")[0].name_en.startswith("The unit's certificate")
True
>>> checklist("spaceship"), checklist("")
([], [])
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from checker import _tables

CONDITIONS = ("always", "when", "province")
GROUPS = ("unit", "person", "*")  # the entity types whose documents are a unit's, a person's, and every type


class Material(NamedTuple):
    key: str  # "business-licence": what a filing lists in "materials" when it is ready
    applies_to: tuple[str, ...]  # entity-type keys, or the groups "unit", "person", "*", as in the table
    condition: str  # "always"; "when": needed only in the case the note names; "province": where a province asks
    name_zh: str
    name_en: str
    note_zh: str  # "always": a practical tip; "when": the case, "主体负责人不是法定代表人时"
    note_en: str  # … "when the entity's person in charge is not its legal representative"


@functools.cache
def materials() -> dict[str, Material]:
    """Every material of the table by key, in the table's order."""
    return {
        key: Material(key, tuple(applies_to.split(",")), condition, *names)
        for key, applies_to, condition, *names in _tables.rows("materials.tsv")
    }


@functools.cache
def _checklists() -> dict[str, tuple[Material, ...]]:
    """Entity-type key → its materials in the table's order."""
    return {
        key: tuple(
            material
            for material in materials().values()
            if material.condition != "province" and {key, kind.documents, "*"} & set(material.applies_to)
        )
        for key, kind in _tables.entity_types().items()
    }


def checklist(entity_type: str) -> list[Material]:
    """The materials an entity of this type (a key of entity-types.tsv: "enterprise", "individual" …) usually
    prepares, in the table's order; [] for an unknown or empty type. Case and spaces around the key do not
    matter, as in a filing."""
    return list(_checklists().get(entity_type.strip().lower(), ()))
