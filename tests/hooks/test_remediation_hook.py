"""hooks/remediation.py: the wizard's tree as the template's data; a broken tree or word list stops the build."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import remediation as hook
from checker import remediation
from checker.words import LANGUAGES
from example_site import EXTRA

CONFIG = SimpleNamespace(extra=EXTRA)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_node_of_the_tree_reaches_the_template_with_its_links_resolved(language):
    data = hook.wizard(CONFIG, language, "..")
    tree = remediation.default_tree()
    assert data["start"] == tree.start == data["questions"][0]["id"]
    assert {question["id"] for question in data["questions"]} == set(tree.questions)
    assert {outcome["outcome"] for outcome in data["outcomes"]} == set(tree.outcomes)
    links = [link for outcome in data["outcomes"] for step in outcome["steps"] for link in step["links"]]
    assert links and all(link["url"] for link in links), "a step's link has no address"
    pages = [link["url"] for link in links if link["target"].startswith("page:")]
    assert all(url.startswith("../" + ("zh/" if language == "zh" else "")) for url in pages)
    assert "https://console.example.com/icp/phones" in {link["url"] for link in links}
    text = " ".join(step["text"] for outcome in data["outcomes"] for step in outcome["steps"])
    assert "Example Cloud" in text or "示例云" in text
    assert data["words"].start_again == {"en": "Start again", "zh": "重新开始"}[language]


def test_python_in_the_browser_gets_the_configuration_the_links_were_made_from():
    assert json.loads(hook.wizard(CONFIG, "zh", "..")["settings_json"]) == {
        "provider": EXTRA["provider"],
        "miit": EXTRA["miit"],
    }


def test_the_page_names_the_runtime_python_takes_over_with(monkeypatch):
    urls = {
        "worker": "../w.mjs",
        "pyodide": "../p/pyodide.mjs",
        "wheel": "../c.whl",
        "snapshot": "../c.snapshot",
        "snapshot_sha256": "ab" * 32,
    }
    monkeypatch.setattr(hook._runtime, "current", lambda: SimpleNamespace(urls=lambda base_url: urls))
    page = SimpleNamespace(
        url="zh/remediation/", file=SimpleNamespace(src_uri="remediation.zh.md"), meta={}, locale="zh"
    )
    monkeypatch.setattr(hook, "page_language", lambda page, config: "zh")
    html = hook.on_page_content(f"<p>before</p>{hook.MARKER}<p>after</p>", page, CONFIG, None)
    assert 'data-runtime-for="wizard"' in html and 'data-worker="../w.mjs"' in html and 'data-wheel="../c.whl"' in html
    assert 'data-root="../../"' in html and html.startswith("<p>before</p>") and html.endswith("<p>after</p>")
    assert 'data-snapshot="../c.snapshot"' in html and f'data-snapshot-sha256="{"ab" * 32}"' in html


def test_a_broken_tree_stops_the_build(monkeypatch):
    def broken():
        raise remediation.TreeError([remediation.Problem("next", "questions.notice", "no node 'nowhere'")])

    monkeypatch.setattr(remediation, "default_tree", broken)
    with pytest.raises(PluginError, match="no node 'nowhere'"):
        hook.on_config(CONFIG)


def test_the_project_words_are_complete():
    assert hook.read_words(hook.WORDS)


def test_the_page_gets_where_every_answer_string_leads_and_pythons_limits():
    """What remediation.js follows before Python runs: decided by checker.remediation, not by the page."""
    data = hook.wizard(CONFIG, "en", "..")
    tree = remediation.default_tree()
    walks = json.loads(data["walks_json"])
    assert walks[0] == ["", tree.start]
    assert {node for _, node in walks} == set(tree.questions) | set(tree.outcomes)
    assert all(tree.walk(remediation.decode(answers)).node == node for answers, node in walks)
    assert json.loads(data["limits_json"]) == {
        "separator": remediation.SEPARATOR,
        "answers": remediation.MAX_ANSWERS,
        "characters": remediation.MAX_STRING,
    }
