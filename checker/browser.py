"""The door the browser's worker (docs/assets/javascripts/checker-worker.mjs) opens into the checker: one
function per kind of message, JSON text in and JSON text out, so one string crosses the JavaScript–Python
boundary and no proxy is left to free. Plain Python (no `js` import): the same functions run under CPython in
the tests.

- `form(text, lang)`: the self-check page's answer to its form (`checker.filing.page.answer`): the filing the
  form's raw values hold, its report and what the page shows where;
- `access(text, provider)`: the access check of the domains of the filing the form's raw values hold
  (`checker.access.AccessCheck`), which the worker drives: it makes the lookups the check asks for and hands
  back their answers;
- `wizard(answers, lang, settings, root, address)`: the wizard's page state (`checker.remediation.state`);
- `warm(name)`: loads what one of them needs (its modules, tables, the tree) by running it once, so the first
  question a page asks does not pay for it;
- `prepare_snapshot()`: everything loaded before a memory snapshot is taken (scripts/make_snapshot.mjs).

>>> import json
>>> json.loads(form(json.dumps({"values": {"entity.type": "enterprise"}}), "en"))["report"]["ok"]
False
>>> json.loads(wizard("", "zh", "{}", "/", None))["node"]
'notice'
"""

from __future__ import annotations

import json
from typing import Any


def form(text: str, lang: str) -> str:
    """The self-check page's question in `text` (JSON: the form's raw values, the fields reached, the last access
    check) answered in `lang` (`checker.filing.page.answer`), as JSON text."""
    from checker.filing import page

    return json.dumps(page.answer(json.loads(text), lang), ensure_ascii=False)


def access(text: str, provider: str) -> Any:
    """The access check of the domains of the filing the form's raw values in `text` (JSON) hold
    (`checker.filing.page.filing`), against `provider`'s ranges: an `AccessCheck` the worker drives
    (`pending_json`, `answer_json`, `report_json`)."""
    from checker.access import AccessCheck, filed_domains
    from checker.filing import page

    return AccessCheck(filed_domains(page.filing(json.loads(text))), provider)


def wizard(answers: str, lang: str, settings: str, root: str, address: str | None) -> str:
    """The wizard page's state for the answer string `answers`, in `lang`, with the site's `settings` (JSON: the
    provider and MIIT links of mkdocs.yml's ``extra``); page links start with `root`; the plan's Markdown links
    back to `address`."""
    from checker import catalogue, remediation

    def page_url(path: str, lang: str) -> str:
        return root + catalogue.site_path(path, lang)

    tree = remediation.default_tree()
    return json.dumps(
        remediation.state(tree, answers, lang, json.loads(settings), page_url, address), ensure_ascii=False
    )


def warm(name: str) -> None:
    """Run one of the functions above once, on an example, so that what it loads is loaded."""
    if name == "wizard":
        wizard("", "en", "{}", "", None)
    elif name == "form":
        from checker.filing import page

        form(json.dumps(page.example()), "en")
    elif name == "access":
        access("{}", "tencent-cloud")
    else:
        raise ValueError(f"unknown entry {name!r}: form, access or wizard")


# The checker's modules the browser never runs: the command line (a door of its own).
NOT_IN_BROWSER = ("checker.cli",)


def prepare_snapshot() -> list[str]:
    """Load everything the browser's worker may need, for a Pyodide memory snapshot of it; the modules imported.

    A Pyodide restored from the snapshot has the interpreter's memory but not its file system's checker files:
    so every module of the checker (but the command line's) is imported now, every data file is read into
    memory (`_tables.keep_in_memory`), and each entry above runs once, so that its tables are built too. The
    standard library stays importable after restoring (Pyodide mounts it again)."""
    import importlib
    import pkgutil

    import checker
    from checker import _tables

    _tables.keep_in_memory()
    imported = []
    # Not pkgutil.walk_packages: it imports every package it walks into, the command line's too.
    packages = [checker]
    while packages:
        package = packages.pop()
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if module.name not in NOT_IN_BROWSER:
                imported.append(module.name)
                loaded = importlib.import_module(module.name)
                if module.ispkg:
                    packages.append(loaded)
    for name in ("form", "wizard", "access"):
        warm(name)
    for key in _tables.providers():
        _tables.provider_ranges(key)
    return imported
