"""Both editions in step: each page of docs/ and its twin in the other language (`page.md`, `page.zh.md`) have the
same sections (the same headings, by level, in order), use the same provider links (the `{{ provider.…_url }}`
and `{{ miit.…_url }}` keys, and every absolute address), and name the same finding codes (a code, or a family's
table `codes("FAMILY")`), the same pages and the same wizard nodes (`remediation.md?a=…`, `#wz-…`). Read from the
sources, so the test needs no build.

Elsewhere: that every page has its twin is hooks/translations.py's (the build stops; tests/hooks/test_translations.py,
and `test_every_page_has_its_twin` below on the real docs/); every finding code's message and fix in both languages
is tests/test_catalogue.py's `test_every_entry_is_complete_in_both_languages_and_links_to_a_page_that_exists`;
every wizard text in both languages is checker.remediation's loader's (a "language" problem, tests/test_remediation.py's
broken-tree cases), and tests/test_words.py's `test_every_word_has_every_language` for every compiled word.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from examples import PYODIDE

# docs/ is not in the checker's wheel, which the Pyodide run tests.
pytestmark = pytest.mark.skipif(PYODIDE, reason="reads docs/, which is not in the wheel")

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OTHER = "zh"

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_PROVIDER_LINK = re.compile(r"\{\{\s*((?:provider|miit|access)\.\w+_url)\s*\}\}")
_ADDRESS = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+")  # up to a bracket, quote or non-ASCII character


def outside_code(markdown: str) -> list[tuple[int, str]]:
    """(line number, line) of a page's Markdown outside its front matter and fenced code."""
    lines = markdown.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((index + 1 for index in range(1, len(lines)) if lines[index].strip() in ("---", "...")), 0)
    found, fence = [], ""
    for number, line in enumerate(lines[start:], start + 1):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = ""
        elif opening:
            fence = opening[1]
        else:
            found.append((number, line))
    return found


def headings(markdown: str) -> list[tuple[int, str, int]]:
    """(level, title, line) of every heading, in order."""
    return [
        (len(match[1]), match[2], number)
        for number, line in outside_code(markdown)
        for match in [_HEADING.match(line)]
        if match
    ]


def links(markdown: str) -> set[str]:
    """The provider's and MIIT's links a page uses (their keys), and the absolute addresses it names."""
    text = "\n".join(line for _, line in outside_code(markdown))
    return set(_PROVIDER_LINK.findall(text)) | {address.rstrip(".,;:") for address in _ADDRESS.findall(text)}


_CODE = re.compile(r"(?<![\w.])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
_FAMILY = re.compile(r"""codes\(\s*['"]([A-Z0-9_]+)['"]""")
_PAGE = re.compile(r"\]\(([^)\s]*\.md)(?:[?#][^)\s]*)?\)")
_WIZARD = re.compile(r"""remediation\.md\?a=[^)\s"]*|#wz-[\w-]+""")


def mentions(markdown: str) -> set[str]:
    """The finding codes, code families, pages and wizard nodes a page names."""
    text = "\n".join(line for _, line in outside_code(markdown))
    return (
        {f"code {code}" for code in _CODE.findall(text)}
        | {f"family {family}" for family in _FAMILY.findall(text)}
        | {f"page {page}" for page in _PAGE.findall(text)}
        | {f"wizard {node}" for node in _WIZARD.findall(text)}
    )


def section_differences(english: str, chinese: str) -> list[str]:
    """How two twins' sections differ, heading by heading: the first place where the levels part, or a heading
    one twin has and the other lacks."""
    ours, theirs = headings(english), headings(chinese)
    problems = []
    for index in range(max(len(ours), len(theirs))):
        en = ours[index] if index < len(ours) else None
        zh = theirs[index] if index < len(theirs) else None
        if en is None or zh is None or en[0] != zh[0]:
            show = lambda heading: f"{'#' * heading[0]} {heading[1]} (line {heading[2]})" if heading else "nothing"  # noqa: E731
            problems.append(f"heading {index + 1}: en has {show(en)}, {OTHER} has {show(zh)}")
            break
    if len(ours) != len(theirs) and not problems:
        problems.append(f"en has {len(ours)} headings, {OTHER} {len(theirs)}")
    return problems


def link_differences(english: str, chinese: str) -> list[str]:
    ours, theirs = links(english), links(chinese)
    return [f"only in en: {link}" for link in sorted(ours - theirs)] + [
        f"only in {OTHER}: {link}" for link in sorted(theirs - ours)
    ]


def mention_differences(english: str, chinese: str) -> list[str]:
    ours, theirs = mentions(english), mentions(chinese)
    return [f"only in en: {item}" for item in sorted(ours - theirs)] + [
        f"only in {OTHER}: {item}" for item in sorted(theirs - ours)
    ]


def twins() -> list[tuple[Path, Path]]:
    return [
        (path, path.with_name(path.name.removesuffix(".md") + f".{OTHER}.md"))
        for path in sorted(DOCS.rglob("*.md"))
        if not path.name.endswith(f".{OTHER}.md")
    ]


def test_every_page_has_its_twin():
    from translations import missing_translations

    assert missing_translations(DOCS) == []
    assert len(twins()) >= 15 and all(zh.is_file() for _, zh in twins())


@pytest.mark.parametrize("english, chinese", twins(), ids=lambda path: path.relative_to(DOCS).as_posix())
def test_twins_have_the_same_sections(english: Path, chinese: Path):
    assert section_differences(english.read_text(encoding="utf-8"), chinese.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("english, chinese", twins(), ids=lambda path: path.relative_to(DOCS).as_posix())
def test_twins_use_the_same_provider_links(english: Path, chinese: Path):
    assert link_differences(english.read_text(encoding="utf-8"), chinese.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("english, chinese", twins(), ids=lambda path: path.relative_to(DOCS).as_posix())
def test_twins_name_the_same_codes_pages_and_wizard_nodes(english: Path, chinese: Path):
    assert mention_differences(english.read_text(encoding="utf-8"), chinese.read_text(encoding="utf-8")) == []


def test_a_code_page_or_wizard_node_named_in_one_twin_only_is_found():
    english = 'See `RIC_CHECKSUM`, {{ codes("MOBILE") }}; [plan](remediation.md?a=within.yes), [why](index.md).\n'
    chinese = "见 `RIC_CHECKSUM`；[方案](remediation.md?a=within.no)。\n"
    assert mention_differences(english, chinese) == [
        "only in en: family MOBILE",
        "only in en: page index.md",
        "only in en: wizard remediation.md?a=within.yes",
        f"only in {OTHER}: wizard remediation.md?a=within.no",
    ]


# --- the checks can fail ----------------------------------------------------------------------------------------

EN = """---
description: A page.
---

# Title

## First

See the [console]({{ provider.console_url }}) and https://beian.miit.gov.cn/.

```text
# not a heading
https://example.com/in-code
```

### Detail

## What to do next
"""
ZH = """---
description: 页面。
---

# 标题

## 第一节

请登录[控制台]({{ provider.console_url }})，或访问 https://beian.miit.gov.cn/。

### 细节

## 下一步
"""


def test_twins_in_step_have_no_differences():
    assert [level for level, _, _ in headings(EN)] == [1, 2, 3, 2]
    assert links(EN) == {"provider.console_url", "https://beian.miit.gov.cn/"}
    assert section_differences(EN, ZH) == [] and link_differences(EN, ZH) == []


def test_a_missing_or_moved_section_is_found():
    missing = ZH.replace("### 细节\n", "")
    assert section_differences(EN, missing) == ["heading 3: en has ### Detail (line 16), zh has ## 下一步 (line 12)"]
    demoted = ZH.replace("## 第一节", "### 第一节")
    assert section_differences(EN, demoted)[0].startswith("heading 2: en has ## First")
    extra = ZH + "\n## 附录\n"
    assert section_differences(EN, extra) == ["heading 5: en has nothing, zh has ## 附录 (line 15)"]


def test_a_link_used_in_one_twin_only_is_found():
    other = ZH.replace("{{ provider.console_url }}", "{{ provider.support_url }}").replace("https://", "http://")
    assert link_differences(EN, other) == [
        "only in en: https://beian.miit.gov.cn/",
        "only in en: provider.console_url",
        "only in zh: http://beian.miit.gov.cn/",
        "only in zh: provider.support_url",
    ]
