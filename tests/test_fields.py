import importlib
import json

import pytest

from checker import fields


@pytest.mark.parametrize(
    "kind, value, normalized, ok, codes",
    [
        ("resident-id", "11010519491231002x", "11010519491231002X", True, []),
        ("resident-id", "110105194912310021", None, False, ["RIC_CHECKSUM"]),
        ("uscc", "9111 0000 6000 3734 1L", "91110000600037341L", True, []),
        ("business-reg-no", "110108000000016", "110108000000016", True, ["BRN_LEGACY"]),
        ("mobile", "+86 170 1234 5678", "17012345678", True, ["MOBILE_VIRTUAL"]),
        ("landline", "0755-8888888", None, False, ["LANDLINE_LOCAL_LENGTH"]),
        ("domain", "https://www.Example.com/a", "example.com", True, ["DOMAIN_REDUCED"]),
        ("website-name", "example.com", None, False, ["NAME_IS_DOMAIN"]),
        ("passport", "E12345678", "E12345678", True, []),
        ("icp-number", "粤icp备12345678-1", "粤ICP备12345678号-1", True, ["ICP_NUMBER_WRITTEN"]),
        ("icp-number", "京ICP证150476号", "京ICP证150476号", True, ["ICP_NUMBER_LICENCE"]),
        ("icp-number", "港ICP备12345678号", None, False, ["ICP_NUMBER_NOT_MAINLAND"]),
        (
            "psb-number",
            "京公网安备44030702002399",
            "京公网安备44030702002399号",
            True,
            ["PSB_NUMBER_PROVINCE_MISMATCH"],
        ),
        ("psb-number", "粤公网安备4403050200856号", None, False, ["PSB_NUMBER_LENGTH"]),
    ],
)
def test_check_field(kind, value, normalized, ok, codes):
    result = fields.check_field(kind, value)
    assert (result["normalized"], result["ok"], [f["code"] for f in result["findings"]]) == (normalized, ok, codes)
    assert result["kind"] == kind and result["input"] == value
    json.dumps(result)  # plain data


def test_findings_carry_item_field_and_message_in_the_asked_language():
    result = fields.check_field("landline", "0755-8888888", lang="zh", field="entity.landline")
    assert result["findings"] == [
        {
            "code": "LANDLINE_LOCAL_LENGTH",
            "severity": "error",
            "item": 2,
            "field": "entity.landline",
            "message": "广东省深圳市（0755）的本地号码为8位，不是7位。",
            "fix": result["findings"][0]["fix"],
            "page": "zh/inspected-items/contact/",
        }
    ]
    assert "本地号码" in result["findings"][0]["fix"]


@pytest.mark.parametrize("kind", list(fields.KINDS))
def test_every_kind_has_a_module_with_the_common_face(kind):
    module = importlib.import_module(f"checker.{fields.KINDS[kind]}")
    assert all(callable(getattr(module, name)) for name in ("compact", "validate", "is_valid", "format", "check"))


@pytest.mark.parametrize("kind, lang", [("visa", "en"), ("mobile", "fr")])
def test_unknown_kind_or_language(kind, lang):
    with pytest.raises(ValueError):
        fields.check_field(kind, "1", lang=lang)
