from pathlib import Path

import pytest

from translations import missing_translations, page_key


@pytest.mark.parametrize(
    "relative, expected",
    [
        ("index.md", ("index", "en")),
        ("index.zh.md", ("index", "zh")),
        ("inspected-items/entity.zh.md", ("inspected-items/entity", "zh")),
        ("v1.2.md", ("v1.2", "en")),  # a dot that is not a language suffix
    ],
)
def test_page_key(relative, expected):
    assert page_key(relative) == expected


def write(root: Path, *names: str) -> Path:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# page\n", encoding="utf-8")
    return root


def test_complete_docs_have_nothing_missing(tmp_path):
    write(tmp_path, "index.md", "index.zh.md", "a/b.md", "a/b.zh.md")
    assert missing_translations(tmp_path) == []


def test_missing_pages_are_named_in_both_directions(tmp_path):
    write(tmp_path, "index.md", "index.zh.md", "only-en.md", "sub/only-zh.zh.md")
    assert missing_translations(tmp_path) == ["only-en.zh.md", "sub/only-zh.md"]


def test_the_project_docs_are_complete():
    assert missing_translations(Path(__file__).parents[2] / "docs") == []
