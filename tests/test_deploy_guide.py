"""The deployment guide (docs/deploy.md, docs/deploy.zh.md) against what it describes: every setting of `icp-doh`
(doh.settings.SOURCES, the table its command line and environment are read from), every file of deploy/ and every
data script it names exist, in both languages; and no setting is documented that the endpoint does not have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from doh.settings import SOURCES

ROOT = Path(__file__).resolve().parent.parent
GUIDES = {language: ROOT / "docs" / name for language, name in (("en", "deploy.md"), ("zh", "deploy.zh.md"))}


def reference_rows(text: str) -> dict[str, str]:
    """The guide's `icp-doh` table: option → its environment variable ("" for none)."""
    rows = re.findall(r"^\| `(--[a-z-]+)` \| *(?:`(ICP_DOH_[A-Z_]+)`)? *\|", text, flags=re.MULTILINE)
    return dict(rows)


@pytest.mark.parametrize("language", GUIDES)
def test_the_reference_lists_every_setting_of_the_endpoint_and_nothing_else(language):
    documented = reference_rows(GUIDES[language].read_text(encoding="utf-8"))
    actual = {option: variable or "" for option, variable, _ in SOURCES.values()}
    assert documented == actual


@pytest.mark.parametrize("language", GUIDES)
def test_every_file_and_script_the_guide_names_exists(language):
    text = GUIDES[language].read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:deploy|scripts)/[\w@.-]+\.\w+)`", text))
    assert named, "the guide names no file"
    missing = sorted(path for path in named if not (ROOT / path).is_file())
    assert not missing, f"{GUIDES[language].name} names files that do not exist: {missing}"


def test_both_languages_name_the_same_files_and_scripts():
    named = {
        language: set(re.findall(r"`((?:deploy|scripts)/[\w@.-]+\.\w+)`", path.read_text(encoding="utf-8")))
        for language, path in GUIDES.items()
    }
    assert named["en"] == named["zh"]


def test_every_data_script_is_in_the_guide():
    """A new `scripts/update_*.py` without a row in "Refreshing the data" would leave a table nobody refreshes."""
    scripts = {f"scripts/{path.name}" for path in (ROOT / "scripts").glob("update_*.py")}
    for language, path in GUIDES.items():
        text = path.read_text(encoding="utf-8")
        assert {script for script in scripts if f"`{script}`" not in text} == set(), language
