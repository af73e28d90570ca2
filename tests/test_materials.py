import pytest

from checker import _tables, materials

ENTERPRISE = [
    "business-licence",
    "entity-pic-id",
    "website-pic-id",
    "domain-certificate",
    "verification-form",
    "face-verification",
    "authorisation-letter",
]
INDIVIDUAL = ["personal-id", "domain-certificate", "verification-form", "face-verification", "residence-proof"]
OTHER_UNIT = ["unit-certificate", "entity-pic-id", "official-letter", "domain-certificate", "verification-form"]
WHEN = {"authorisation-letter", "residence-proof"}  # needed only in some cases (icp-rules.md §7)


def keys(entity_type):
    return [material.key for material in materials.checklist(entity_type)]


@pytest.mark.parametrize(
    "entity_type, expected",
    [
        ("enterprise", ENTERPRISE),
        ("individual", INDIVIDUAL),
        *((key, OTHER_UNIT) for key, kind in _tables.entity_types().items() if key not in ("enterprise", "individual")),
        (" Enterprise ", ENTERPRISE),  # as a filing reads a choice: case and spaces do not matter
        ("company", []),
        ("", []),
        ("*", []),
        ("unit", []),
        ("person", []),  # unknown types, groups are no types
    ],
)
def test_each_entity_type_gets_its_checklist_in_table_order(entity_type, expected):
    assert keys(entity_type) == expected


def test_the_checklist_is_a_fresh_list_each_time():
    first = materials.checklist("individual")
    first.clear()
    assert keys("individual") == INDIVIDUAL


@pytest.mark.parametrize("material", materials.materials().values(), ids=lambda material: material.key)
def test_every_row_is_complete_in_both_languages(material):
    assert material.condition in materials.CONDITIONS
    assert set(material.applies_to) <= set(_tables.entity_types()) | set(materials.GROUPS)
    for text in (material.name_zh, material.name_en, material.note_zh, material.note_en):
        assert text.strip() == text and text
    assert any("\u4e00" <= char <= "\u9fff" for char in material.name_zh + material.note_zh)
    assert any(char.isascii() and char.isalpha() for char in material.name_en + material.note_en)
    if material.condition == "when":
        # the case, a clause completing "needed …" / "…需要提供"
        assert material.note_en.startswith("when ") and not material.note_en.endswith(".")
        assert "时" in material.note_zh and not material.note_zh.endswith("。")
        assert material.key in WHEN
    else:
        assert material.note_en.endswith(".") and material.note_zh.endswith("。")  # a tip, in sentences
        assert material.key not in WHEN


def test_every_material_is_on_some_checklist_and_the_keys_are_unique():
    from checker import _tables

    rows = _tables.rows("materials.tsv")
    assert all(len(row) == 7 for row in rows)
    assert len({row[0] for row in rows}) == len(rows) == len(materials.materials())
    used = {material.key for key in _tables.entity_types() for material in materials.checklist(key)}
    asked_by_provinces = {key for key, material in materials.materials().items() if material.condition == "province"}
    assert used == set(materials.materials()) - asked_by_provinces


def test_a_provinces_material_is_on_no_national_checklist_and_named_by_some_province():
    """A material only provinces ask for (condition "province") is on an entity type's checklist nowhere, and
    some row of the provincial table (each quoting a provider's text) names it: none is listed for nothing."""
    from checker import provincial

    own = {key for key, material in materials.materials().items() if material.condition == "province"}
    on_checklists = {material.key for key in ("enterprise", "individual") for material in materials.checklist(key)}
    named = {rule.value for rule in provincial.rules() if rule.rule == "material"}
    assert own and not own & on_checklists
    assert own <= named, f"asked by no province: {sorted(own - named)}"


def test_provinces_own_items_are_mentioned():
    notes = " ".join(material.note_zh for material in materials.materials().values())
    assert "广东" in notes and "备案承诺书" in notes and "310" in notes
