"""Build hook: the remediation wizard's whole tree as static HTML (`overrides/remediation-tree.html`).

Every question and every plan of `checker/data/remediation.toml` is rendered into the page's content where its
Markdown has the marker `<!-- the wizard -->`, each a section with an anchor and each option a link to the next
one: the wizard reads and works without JavaScript and before any script has loaded. It is rendered into the
content, not by the page's template, and before the search plugin reads the content, so that search indexes every
plan. The tree is loaded and validated when the build starts: an unknown next node, an unreachable node, a cycle,
an empty question or plan stops the build.

In the browser, remediation.js shows these nodes one question at a time, following the answer strings rendered
here (`Tree.walks`: it holds no rule of the tree), and hands over to Python
(checker.remediation in the tab's worker, hooks/browser_runtime.py) once it has loaded; the page names the
worker's files and the configuration Python makes the same links from. This hook prepares that runtime and copies
it into the site itself, so the wizard needs no other hook (the self-check's names the same files).

Links of the steps are resolved here: knowledge-base pages to the page's own language, `provider:` and `miit:`
targets from the site's configuration (extra.provider, extra.miit), so a rebrand changes every link.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

import browser_runtime
from checker import catalogue, remediation
from languages import page_language, read_words

MARKER = "<!-- the wizard -->"
ROOT = Path(__file__).resolve().parent.parent
# The page's own words (checker/data/words/site-remediation.toml).
WORDS = "site-remediation"
TEMPLATE = "remediation-tree.html"
_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True, undefined=jinja2.StrictUndefined
)


@functools.cache
def words() -> dict[str, dict[str, str]]:
    return read_words(WORDS)


def tree() -> remediation.Tree:
    try:
        return remediation.default_tree()
    except remediation.TreeError as error:
        raise PluginError(str(error)) from error


def on_config(config: Any) -> Any:
    tree()  # fail before any page is built
    words()
    return config


# This hook's own runtime (hooks/self_check.py prepares its own: neither needs the other).
_runtime = browser_runtime.Prepared()


def on_pre_build(config: Any) -> None:
    _runtime.prepare()


def on_post_build(config: Any) -> None:
    _runtime.current().copy_into(Path(config.site_dir))


def wizard(config: Any, language: str, base_url: str) -> dict[str, Any]:
    """What the template needs in one language: every question and plan as plain data, start first."""
    whole = tree()
    settings = {"provider": config.extra["provider"], "miit": config.extra["miit"]}

    def page_url(path: str, lang: str) -> str:
        return f"{base_url}/{catalogue.site_path(path, lang)}"

    nodes = whole.nodes()
    text = {key: value[language] for key, value in words().items()}
    return {
        # What Python needs in the browser to make the same links: the configuration the links are made from.
        "settings_json": json.dumps(settings, ensure_ascii=False),
        # A namespace, not a dict: Jinja looks attributes up first (a dict's `w.items` is its method).
        "words": SimpleNamespace(**text),
        "words_json": json.dumps(text, ensure_ascii=False),
        "start": whole.start,
        # What the page follows before Python runs, decided here by checker.remediation: every answer string that
        # fits the tree and the node it reaches (shortest first), and the limits Python reads a string within.
        "walks_json": json.dumps(whole.walks()),
        "limits_json": json.dumps(
            {
                "separator": remediation.SEPARATOR,
                "answers": remediation.MAX_ANSWERS,
                "characters": remediation.MAX_STRING,
            }
        ),
        "questions": [
            whole.question_view(node, language, settings, page_url) for node in nodes if node in whole.questions
        ],
        "outcomes": [
            whole.outcome_view(node, language, settings, page_url) for node in nodes if node in whole.outcomes
        ],
    }


@event_priority(50)  # before the search plugin (priority 0) reads the content: every plan is searchable
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if MARKER not in html:
        return html
    language = page_language(page, config)
    base_url = get_relative_url(".", page.url)
    runtime = _runtime.current().urls(base_url)
    tree_html = _templates.get_template(TEMPLATE).render(
        wizard=wizard(config, language, base_url), lang=language, base_url=base_url, runtime=runtime
    )
    return html.replace(MARKER, tree_html, 1)
