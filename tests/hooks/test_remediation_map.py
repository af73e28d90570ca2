"""hooks/remediation_map.py: the wizard's tree as a Mermaid chart's text in each language; Mermaid's script from
node_modules or a build that says to run `npm ci`; a word list missing a language stops the build."""

from __future__ import annotations

import html
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import remediation_map as hook
from checker import remediation
from example_site import EXTRA

CONFIG = SimpleNamespace(extra=EXTRA, theme={"language": "en"})
SETTINGS = {"provider": EXTRA["provider"], "miit": EXTRA["miit"]}


def page(url: str, locale: str) -> SimpleNamespace:
    return SimpleNamespace(url=url, file=SimpleNamespace(locale=locale, src_uri="remediation-map.md"))


@pytest.fixture
def library(tmp_path: Path, monkeypatch) -> Path:
    """A stand-in for node_modules/mermaid: its package.json and the one script the site serves."""
    package = tmp_path / "mermaid"
    (package / "dist").mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"version": "11.0.0-test"}), encoding="utf-8")
    (package / "dist" / "mermaid.min.js").write_text("window.mermaid = {}\n", encoding="utf-8")
    monkeypatch.setattr(hook, "MERMAID", package)
    return package


@pytest.mark.parametrize(
    "language, url, script",
    [
        ("en", "remediation-map/", "../assets/mermaid/11.0.0-test/mermaid.min.js"),
        ("zh", "zh/remediation-map/", "../../assets/mermaid/11.0.0-test/mermaid.min.js"),
    ],
)
def test_the_marker_becomes_the_charts_escaped_text_in_the_pages_language(library, language, url, script):
    hook.on_config(CONFIG)
    content = hook.on_page_content(f"<p>Intro</p>\n{hook.MARKER}\n<h2>Next</h2>", page(url, language), CONFIG, None)
    text = remediation.mermaid(remediation.default_tree(), language, SETTINGS)
    assert hook.MARKER not in content
    assert f'<pre class="wz-map__source" data-search-exclude>{html.escape(text)}</pre>' in content
    assert "-->" not in content and "--&gt;" in content  # escaped: the arrows are text, not markup
    assert ("Example Cloud" if language == "en" else "示例云") in text
    assert f'data-script="{script}"' in content
    words = hook.read_words(hook.WORDS)
    assert f'data-failed="{html.escape(words["failed"][language])}"' in content


def test_a_page_without_the_marker_is_left_alone(library):
    hook.on_config(CONFIG)
    content = "<p>The wizard, one question at a time.</p>"
    assert hook.on_page_content(content, page("remediation/", "en"), CONFIG, None) == content


def test_the_site_gets_mermaids_one_script_and_nothing_else(library, tmp_path: Path):
    (library / "dist" / "mermaid.min.js.map").write_text("{}", encoding="utf-8")
    (library / "dist" / "chunks").mkdir()
    hook.on_config(CONFIG)
    site = tmp_path / "site"
    hook.on_post_build(SimpleNamespace(site_dir=str(site)))
    hook.on_post_build(SimpleNamespace(site_dir=str(site)))  # once per language: the second copies nothing
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()) == [
        "assets/mermaid/11.0.0-test/mermaid.min.js",
        "assets/vendored.json",
    ]
    manifest = json.loads((site / "assets/vendored.json").read_text(encoding="utf-8"))
    assert list(manifest) == ["assets/mermaid/11.0.0-test/mermaid.min.js"]


def test_without_mermaid_installed_the_build_says_to_run_npm_ci(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(hook, "MERMAID", tmp_path / "node_modules" / "mermaid")
    with pytest.raises(PluginError, match=r"Mermaid is not installed .*run `npm ci`"):
        hook.on_config(CONFIG)


def test_the_project_words_are_complete_and_usable_as_data_attributes():
    words = hook.read_words(hook.WORDS)
    assert {"drawing", "failed", "chart"} <= set(words)
    # remediation-map.js reads each as element.dataset.<key>: one lower-case word.
    assert all(key.isalpha() and key.islower() for key in words)


def test_a_broken_tree_stops_the_build(library, monkeypatch):
    def broken():
        raise remediation.TreeError([remediation.Problem("next", "questions.notice", "no node 'nowhere'")])

    monkeypatch.setattr(remediation, "default_tree", broken)
    hook.on_config(CONFIG)
    with pytest.raises(PluginError, match="no node 'nowhere'"):
        hook.on_page_content(hook.MARKER, page("remediation-map/", "en"), CONFIG, None)
