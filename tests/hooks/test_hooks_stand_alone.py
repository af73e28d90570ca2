"""Each build hook does its one job whatever the order of mkdocs.yml's `hooks:` and whether the others are there.

The hooks that vendor files into the site (the self-check's and the wizard's runtime, the map's Mermaid) are run
event by event, each from a fresh copy of its module (no state left by another hook), alone and in every order;
and the whole site is built twice, with the hooks as listed and reversed, and must come out the same (this needs
a fresh wheel, like the build: `make wheel`, or ICP_WHEELS)."""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
import yaml

import browser_runtime
from example_site import EXTRA

ROOT = Path(__file__).resolve().parent.parent.parent
HOOKS = ROOT / "hooks"
VENDORING = ("self_check", "remediation", "remediation_map")


class Loader(yaml.SafeLoader):
    """mkdocs.yml with its !!python/name and !ENV tags read as plain values."""


Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def test_the_vendoring_hooks_are_all_in_mkdocs_yml():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    listed = {Path(path).stem for path in config["hooks"]}
    assert set(VENDORING) <= listed


def fresh(name: str) -> ModuleType:
    """A new copy of a hook's module, as if MkDocs loaded only it."""
    spec = importlib.util.spec_from_file_location(f"fresh_{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def sources(tmp_path, monkeypatch) -> Path:
    """Stand-ins for node_modules/pyodide, node_modules/mermaid and a wheel newer than its checker."""
    pyodide, checker, wheels = tmp_path / "pyodide", tmp_path / "checker", tmp_path / "wheels"
    for folder in (pyodide, checker, wheels):
        folder.mkdir()
    (pyodide / "package.json").write_text(json.dumps({"version": "9.9.9"}))
    for name in browser_runtime.PYODIDE_FILES:
        (pyodide / name).write_bytes(name.encode())
    (checker / "__init__.py").write_text("")
    wheel = wheels / "icp_filing_self_check-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"wheel bytes")
    later = (checker / "__init__.py").stat().st_mtime + 10
    os.utime(wheel, (later, later))
    snapshot = tmp_path / "snapshot"  # beside the wheels, made from that wheel (scripts/make_snapshot.mjs)
    snapshot.mkdir()
    (snapshot / "checker.snapshot").write_bytes(b"memory")
    made = {"pyodide": "9.9.9", "wheel_sha256": hashlib.sha256(b"wheel bytes").hexdigest()}
    (snapshot / "snapshot.json").write_text(json.dumps({**made, "sha256": hashlib.sha256(b"memory").hexdigest()}))
    for name, value in {"PYODIDE": pyodide, "WHEELS": wheels, "CHECKER": checker}.items():
        monkeypatch.setattr(browser_runtime, name, value)
    mermaid = tmp_path / "mermaid"
    (mermaid / "dist").mkdir(parents=True)
    (mermaid / "package.json").write_text(json.dumps({"version": "11.0.0-test"}))
    (mermaid / "dist" / "mermaid.min.js").write_text("window.mermaid = {}\n")
    return mermaid


def page(stem: str, language: str, template: str | None = None) -> SimpleNamespace:
    url = f"{'zh/' if language == 'zh' else ''}{stem}/"
    return SimpleNamespace(
        url=url,
        meta={"template": template} if template else {},
        file=SimpleNamespace(locale=language, src_uri=f"{stem}.md"),
    )


def build(order: tuple[str, ...], mermaid: Path, site: Path) -> dict[str, Any]:
    """The hooks' events in MkDocs' order, each event's hooks in `order`; what they put in pages and the site."""
    hooks = {name: fresh(name) for name in order}
    if "remediation_map" in hooks:
        hooks["remediation_map"].MERMAID = mermaid
    config = SimpleNamespace(extra=EXTRA, theme={"language": "en"}, site_dir=str(site))

    def event(name: str, *args: Any) -> None:
        for hook in hooks.values():
            if hasattr(hook, name):
                getattr(hook, name)(*args)

    event("on_config", config)
    event("on_pre_build", config)
    pages: dict[str, str] = {}
    for language in ("en", "zh"):
        for stem, marker in (("remediation", "remediation"), ("remediation-map", "remediation_map")):
            if marker in hooks:
                text = hooks[marker].MARKER
                for hook in hooks.values():
                    if hasattr(hook, "on_page_content"):
                        text = hook.on_page_content(text, page(stem, language), config, None)
                pages[f"{language}/{stem}"] = text
        if "self_check" in hooks:
            context: dict[str, Any] = {}
            for hook in hooks.values():
                if hasattr(hook, "on_page_context"):
                    context = hook.on_page_context(
                        context, page("self-check", language, "self-check.html"), config, None
                    )
            pages[f"{language}/self-check"] = json.dumps(context["self_check"]["runtime"])
    for _language in ("en", "zh"):  # the i18n plugin ends each language's build with on_post_build
        event("on_post_build", config)
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
    return {"pages": pages, "files": files}


def assets_named(text: str) -> set[str]:
    """The site's files a page names (worker, Pyodide, wheel, Mermaid), from the site's root."""
    return {re.sub(r"^(\.\./)+", "", url) for url in re.findall(r"(?:\.\./)+assets/[\w./-]+", text)}


@pytest.mark.parametrize("name", VENDORING)
def test_a_hook_alone_serves_every_file_its_pages_name(sources, tmp_path, name):
    result = build((name,), sources, tmp_path / "site")
    assert result["pages"], "the hook made no page"
    for key, text in result["pages"].items():
        named = assets_named(text) - {"assets/javascripts/checker-worker.mjs"}  # in docs/, not vendored
        assert named, key
        assert named <= set(result["files"]), f"{key} names files the site lacks: {named - set(result['files'])}"
    manifest = json.loads(result["files"]["assets/vendored.json"])
    assert set(manifest) == set(result["files"]) - {"assets/vendored.json"}


def test_every_order_of_the_hooks_builds_the_same_pages_and_files(sources, tmp_path):
    results = [
        build(order, sources, tmp_path / f"site-{index}")
        for index, order in enumerate(itertools.permutations(VENDORING))
    ]
    assert results[0]["files"] and len(results[0]["pages"]) == 6
    assert all(result == results[0] for result in results[1:])
    # The two pages that start Python name the same runtime: one worker per tab serves both.
    assert assets_named(results[0]["pages"]["zh/self-check"]) == assets_named(results[0]["pages"]["zh/remediation"])


# A whole build, as `make build` makes it, with mkdocs.yml's hooks in the given order (a subprocess: MkDocs loads
# each hook as a module of its own, which must not replace the modules the other tests imported).
BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2], hooks=sys.argv[3:])
build(config)
"""


def built_site(order: list[str], site: Path) -> dict[str, bytes]:
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(ROOT / "mkdocs.yml"), str(site), *order],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # sitemap.xml.gz holds the time it was compressed; sitemap.xml has the same content.
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.suffix != ".gz"
    }


@pytest.mark.skipif(not shutil.which("git"), reason="the dates of the pages come from git")
def test_the_site_built_with_the_hooks_in_reverse_order_is_the_same(tmp_path):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    order = list(config["hooks"])
    listed, reversed_ = built_site(order, tmp_path / "listed"), built_site(order[::-1], tmp_path / "reversed")
    assert "assets/vendored.json" in listed and any(name.startswith("assets/checker/") for name in listed)
    assert sorted(listed) == sorted(reversed_)
    assert [name for name in listed if listed[name] != reversed_[name]] == []
