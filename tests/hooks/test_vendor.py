"""hooks/vendor.py: the one helper that copies files from outside docs/ into the site, with their hashes."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import brotli
import pytest
from mkdocs.exceptions import PluginError

import precompress
import vendor
from vendor import Vendored


def source(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def manifest(site: Path) -> dict[str, dict[str, str]]:
    return json.loads((site / vendor.MANIFEST).read_text(encoding="utf-8"))


def test_a_missing_source_stops_the_build_naming_it_and_what_to_run(tmp_path):
    present = source(tmp_path / "pkg", "a.js", b"a")
    with pytest.raises(PluginError, match=r"^Thing is not installed \(no b\.js\): run `npm ci`$"):
        Vendored.of(
            [(present, "assets/a.js"), (tmp_path / "pkg" / "b.js", "assets/b.js")],
            what="Thing is not installed",
            hint="run `npm ci`",
        )


def test_files_are_copied_to_their_paths_with_their_hashes_in_the_manifest(tmp_path):
    files = [
        (source(tmp_path / "pkg", "a.js", b"alpha"), "assets/x/1/a.js"),
        (source(tmp_path / "pkg", "b.wasm", b"\0beta"), "assets/x/1/b.wasm"),
    ]
    site = tmp_path / "site"
    Vendored.of(files, what="x", hint="y").copy_into(site)
    assert (site / "assets/x/1/a.js").read_bytes() == b"alpha"
    assert (site / "assets/x/1/b.wasm").read_bytes() == b"\0beta"
    assert manifest(site) == {
        "assets/x/1/a.js": {"sha256": hashlib.sha256(b"alpha").hexdigest(), "from": "a.js"},
        "assets/x/1/b.wasm": {"sha256": hashlib.sha256(b"\0beta").hexdigest(), "from": "b.wasm"},
    }


def test_a_second_copy_copies_nothing_but_a_changed_file_of_the_same_size_is_copied_again(tmp_path):
    script = source(tmp_path / "pkg", "a.js", b"one")
    site = tmp_path / "site"
    bundle = Vendored.of([(script, "assets/a.js")], what="x", hint="y")
    bundle.copy_into(site)
    os.utime(site / "assets/a.js", ns=(1, 1))
    bundle.copy_into(site)  # the i18n plugin's second language
    assert (site / "assets/a.js").stat().st_mtime_ns == 1
    script.write_bytes(b"two")  # same size, other content (`mkdocs serve` after `npm ci`)
    bundle.copy_into(site)
    assert (site / "assets/a.js").read_bytes() == b"two"
    assert manifest(site)["assets/a.js"]["sha256"] == hashlib.sha256(b"two").hexdigest()


def test_two_hooks_share_one_manifest_whichever_copies_first(tmp_path):
    first = Vendored.of([(source(tmp_path / "p", "a.js", b"a"), "assets/a/a.js")], what="x", hint="y")
    second = Vendored.of([(source(tmp_path / "q", "b.js", b"b"), "assets/b/b.js")], what="x", hint="y")
    first.copy_into(tmp_path / "one")
    second.copy_into(tmp_path / "one")
    second.copy_into(tmp_path / "two")
    first.copy_into(tmp_path / "two")
    assert manifest(tmp_path / "one") == manifest(tmp_path / "two")
    assert set(manifest(tmp_path / "one")) == {"assets/a/a.js", "assets/b/b.js"}


def test_a_content_hashed_name_changes_with_the_content(tmp_path):
    wheel = source(tmp_path, "w-0.1-py3-none-any.whl", b"one")
    name = vendor.content_hashed(wheel, "assets/checker", "checker")
    assert name == f"assets/checker/checker-{hashlib.sha256(b'one').hexdigest()[:16]}.whl"
    wheel.write_bytes(b"two")
    assert vendor.content_hashed(wheel, "assets/checker", "checker") != name


def test_the_version_of_an_npm_package_or_what_to_run(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"version": "1.2.3"}))
    assert vendor.npm_version(tmp_path, "Thing") == "1.2.3"
    with pytest.raises(PluginError, match=r"Thing is not installed .*run `npm ci`"):
        vendor.npm_version(tmp_path / "nowhere", "Thing")


def test_large_files_get_their_variants_beside_them_and_the_manifest_lists_the_originals(tmp_path, monkeypatch):
    monkeypatch.setattr(precompress, "CACHE", tmp_path / "cache")
    script = b"".join(b"mermaid.render(%d);\n" % n for n in range(5000))
    files = [
        (source(tmp_path / "pkg", "mermaid.min.js", script), "assets/m/mermaid.min.js"),
        (source(tmp_path / "pkg", "stdlib.zip", os.urandom(40_000)), "assets/p/stdlib.zip"),  # compressed already
        (source(tmp_path / "pkg", "tiny.mjs", b"export {}\n"), "assets/p/tiny.mjs"),
    ]
    site = tmp_path / "site"
    Vendored.of(files, what="x", hint="y").copy_into(site)
    written = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    assert written == [
        "assets/m/mermaid.min.js",
        "assets/m/mermaid.min.js.br",
        "assets/m/mermaid.min.js.gz",
        "assets/p/stdlib.zip",
        "assets/p/tiny.mjs",
        vendor.MANIFEST,
    ]
    assert brotli.decompress((site / "assets/m/mermaid.min.js.br").read_bytes()) == script
    assert set(manifest(site)) == {"assets/m/mermaid.min.js", "assets/p/stdlib.zip", "assets/p/tiny.mjs"}
