import ast
from pathlib import Path

import pytest

import checker
import site_pages
from checker import catalogue
from examples import PYODIDE

CHECKER = Path(checker.__file__).parent
DOCS = Path(__file__).parent.parent / "docs"


# The ID card and the residence permits share one layout check, which names its codes by family:
# f"{family}_CHECKSUM" (checker.resident_id.validate_layout).
LAYOUT_FAMILIES = ("RIC", "HMT")


def codes_in_the_source() -> dict[str, str]:
    """Every finding code the checker can produce → "error" when raised, "finding" when reported.

    Codes are the first argument of an exception (Invalid…) or of Finding(...), or the code given to a helper
    that reports one (``self.add(path, "FILING_…")``, ``missing="FILING_…"``); a code built as
    f"{family}_SUFFIX" counts once per family in LAYOUT_FAMILIES.
    """
    codes = {}
    for path in CHECKER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None) and getattr(node.func, "id", "")
            if (
                isinstance(node, ast.Call)
                and (name.startswith("Invalid") or name == "Finding")
                and node.args
                and isinstance(node.args[0], ast.JoinedStr)
            ):
                suffix = node.args[0].values[-1]
                assert isinstance(suffix, ast.Constant) and suffix.value.startswith("_"), ast.unparse(node)
                how = "error" if name.startswith("Invalid") else "finding"
                codes.update({family + suffix.value: how for family in LAYOUT_FAMILIES})
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.isupper()
                and "_" in node.value
                and node.value.split("_", 1)[0] in catalogue.families()
            ):
                codes.setdefault(node.value, "finding")
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "").startswith("Invalid")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                codes[node.args[0].value] = "error"
    return codes


def test_the_source_has_the_codes_we_expect():
    codes = codes_in_the_source()
    assert {
        "RIC_CHECKSUM",
        "USCC_REGION_UNKNOWN",
        "MOBILE_DATA_ONLY",
        "DOMAIN_REDUCED",
        "NAME_SYMBOLS",
        "FILING_PHONE_SHARED",
        "INVALID_TYPE",
    } <= set(codes)
    assert len(codes) > 90


def test_every_code_in_the_source_is_in_the_catalogue_and_every_code_in_the_catalogue_is_used():
    source, listed = set(codes_in_the_source()), set(catalogue.entries())
    assert source - listed == set(), "codes without an entry in checker/data/findings.toml"
    assert listed - source == set(), "entries no code produces"


def test_raised_codes_are_errors():
    wrong = {
        code
        for code, how in codes_in_the_source().items()
        if how == "error" and catalogue.entry(code).severity != "error"
    }
    assert wrong == set()


@pytest.mark.parametrize("code", sorted(catalogue.entries()))
def test_every_entry_is_complete_in_both_languages_and_links_to_a_page_that_exists(code):
    entry = catalogue.entry(code)
    assert entry.severity in catalogue.SEVERITIES and entry.item in catalogue.ITEMS
    for language in catalogue.LANGUAGES:
        assert entry.message[language].strip() and entry.fix[language].strip()
    assert catalogue.placeholders(entry.message["en"]) == catalogue.placeholders(entry.message["zh"])
    assert not catalogue.placeholders(entry.fix["en"]) and not catalogue.placeholders(entry.fix["zh"])
    assert (DOCS / f"{entry.page}.md").is_file() and (DOCS / f"{entry.page}.zh.md").is_file()
    assert catalogue.family(code) is not None, f"{code}: no [families.{code.split('_')[0]}] entry"


def test_chinese_wording_is_chinese():
    for entry in catalogue.entries().values():
        assert any("\u4e00" <= char <= "\u9fff" for char in entry.message["zh"] + entry.fix["zh"]), entry.code


def test_messages_are_filled_in_per_language():
    assert catalogue.message(
        "RIC_COUNTY_UNKNOWN", {"county": "449999", "province": {"en": "Guangdong", "zh": "广东省"}}
    ) == {
        "en": "The area code 449999 is not in our table of Guangdong codes. Old codes can be missing from it:"
        " check the first six digits against the card.",
        "zh": "地区码 449999 不在广东省的行政区划代码表中。旧代码可能未收录，请对照证件核对前六位。",
    }
    assert "…" in catalogue.general_message("RIC_UNDER_18")["en"]


def test_an_unknown_code_is_named_in_the_error():
    with pytest.raises(KeyError, match="NOPE_CODE"):
        catalogue.entry("NOPE_CODE")


def test_page_url():
    assert catalogue.page_url("RIC_CHECKSUM", "en") == "inspected-items/entity/"
    assert catalogue.page_url("RIC_CHECKSUM", "zh") == "zh/inspected-items/entity/"
    # A section's own page is its folder: "inspected-items/index/" is a 404 (it was INVALID_TYPE's link).
    assert catalogue.site_path("inspected-items/index", "en") == "inspected-items/"
    assert catalogue.site_path("inspected-items/index", "zh") == "zh/inspected-items/"
    assert catalogue.site_path("index", "en") == "" and catalogue.site_path("index", "zh") == "zh/"


def test_every_codes_read_more_link_is_a_page_the_site_has_in_both_languages():
    """Each finding's "read more" address (what the self-check page and `icp-check explain` link to), mapped
    back to the docs/*.md file MkDocs builds at that address (tests/site_pages.py: every page of docs/ and
    its address, the i18n plugin's suffix layout). A finding links to written pages only (the province pages a
    hook makes are reached from their overview), and the hook that makes them needs MkDocs, absent under Pyodide."""
    built = {(page.language, page.path): page.source for page in site_pages.pages(made=False)}
    missing = {
        (code, language, catalogue.page_url(code, language))
        for code in catalogue.entries()
        for language in catalogue.LANGUAGES
        if (language, catalogue.page_url(code, language)) not in built
    }
    assert missing == set(), "addresses no page of docs/ is built at (404s)"
    assert built["zh", catalogue.page_url("INVALID_TYPE", "zh")] == "how-the-check-decides.zh.md"


@pytest.mark.skipif(PYODIDE, reason="the TOML the catalogue is compiled from is not in the wheel")
def test_the_json_the_checker_reads_is_the_toml_people_edit():
    import update_catalogue  # scripts/ is on pytest's pythonpath

    toml = (CHECKER / "data" / "findings.toml").read_text(encoding="utf-8")
    assert (CHECKER / "data" / "findings.json").read_text(encoding="utf-8") == update_catalogue.render(toml), (
        "run scripts/update_catalogue.py"
    )
