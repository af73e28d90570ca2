import ast
import json
from pathlib import Path

import pytest

import checker
from checker import _tables, fields

CHECKER = Path(checker.__file__).parent
DOCS = CHECKER.parent / "docs"


def codes_in_the_source() -> set[str]:
    """Every finding code the checker can produce: first arguments of exceptions and of Finding(...)."""
    codes = set()
    for path in CHECKER.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                name = getattr(node.func, "id", "")
                if (name.startswith("Invalid") or name == "Finding") and isinstance(node.args[0].value, str):
                    codes.add(node.args[0].value)
    return codes


def test_the_source_has_the_codes_we_expect():
    codes = codes_in_the_source()
    assert {"RIC_CHECKSUM", "USCC_REGION_UNKNOWN", "MOBILE_DATA_ONLY", "DOMAIN_REDUCED", "NAME_SYMBOLS"} <= codes
    assert len(codes) > 60


@pytest.mark.parametrize("code", sorted(codes_in_the_source() | {"INVALID_TYPE", "INVALID_CHECKSUM"}))
def test_every_code_is_explained_in_both_languages_with_a_page_that_exists(code):
    explanation = fields.explain(code)
    assert explanation is not None, f"{code} has no family in checker/data/explanations.tsv"
    for language in ("en", "zh"):
        assert explanation.meaning[language].strip() and explanation.fix[language].strip()
    assert (DOCS / f"{explanation.page}.md").is_file() and (DOCS / f"{explanation.page}.zh.md").is_file()


def test_every_family_in_the_table_is_used():
    families = {code.split("_", 1)[0] for code in codes_in_the_source()}
    assert set(_tables.explanations()) == families | {"INVALID"}


@pytest.mark.parametrize("kind, value, normalized, ok, codes", [
    ("resident-id", "11010519491231002x", "11010519491231002X", True, []),
    ("resident-id", "110105194912310021", None, False, ["RIC_CHECKSUM"]),
    ("uscc", "9111 0000 6000 3734 1L", "91110000600037341L", True, []),
    ("business-reg-no", "110108000000016", "110108000000016", True, ["BRN_LEGACY"]),
    ("mobile", "+86 170 1234 5678", "17012345678", True, ["MOBILE_VIRTUAL"]),
    ("landline", "0755-8888888", None, False, ["LANDLINE_LOCAL_LENGTH"]),
    ("domain", "https://www.Example.com/a", "example.com", True, ["DOMAIN_REDUCED"]),
    ("website-name", "example.com", None, False, ["NAME_IS_DOMAIN"]),
    ("passport", "E12345678", "E12345678", True, []),
])
def test_check_field(kind, value, normalized, ok, codes):
    result = fields.check_field(kind, value)
    assert (result["normalized"], result["ok"], [f["code"] for f in result["findings"]]) == (normalized, ok, codes)
    assert result["kind"] == kind and result["input"] == value
    json.dumps(result)  # plain data


def test_findings_carry_item_field_and_message_in_the_asked_language():
    result = fields.check_field("landline", "0755-8888888", lang="zh", field="entity.landline")
    assert result["findings"] == [{"code": "LANDLINE_LOCAL_LENGTH", "severity": "error", "item": 2,
                                   "field": "entity.landline",
                                   "message": "广东省深圳市（0755）的本地号码为8位，不是7位。"}]


def test_every_kind_belongs_to_an_inspected_item():
    assert all(kind.item in (1, 2, 3, 4, 5) for kind in fields.KINDS.values())


@pytest.mark.parametrize("kind, lang", [("visa", "en"), ("mobile", "fr")])
def test_unknown_kind_or_language(kind, lang):
    with pytest.raises(ValueError):
        fields.check_field(kind, "1", lang=lang)
