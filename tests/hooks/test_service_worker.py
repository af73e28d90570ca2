"""hooks/service_worker.py: sw.js and its manifest, on a small site laid out as the build lays the real one."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import browser_runtime
import service_worker
import vendor

ROOT = Path(__file__).resolve().parent.parent.parent
PAGES = ["index.html", "404.html", "glossary/index.html", "zh/index.html", "zh/404.html", "zh/glossary/index.html"]
ASSETS = [
    "assets/javascripts/bundle.1234abcd.min.js",
    "assets/javascripts/self-check.js",
    "assets/javascripts/workers/search.5678ef01.min.js",
    "assets/stylesheets/main.abcd1234.min.css",
    "assets/images/favicon.png",
    "assets/favicon.svg",
    "search/search_index.json",
    "sitemap.xml",
    "zh/sitemap.xml",
]
LUNR_USED = ["min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js", "min/lunr.zh.min.js"]
LUNR_UNUSED = ["min/lunr.ja.min.js", "tinyseg.js", "wordcut.js"]
# Beside them in a built site, and never precached: source maps, precompressed variants, the CSP's text, the
# gzipped sitemap.
UNLISTED = [
    "assets/javascripts/bundle.1234abcd.min.js.map",
    "assets/pyodide/1.0/pyodide.asm.wasm.br",
    "content-security-policy.txt",
    "sitemap.xml.gz",
    *[service_worker.LUNR + name for name in LUNR_UNUSED],
]
RUNTIME = {
    "assets/pyodide/1.0/pyodide.mjs": "python",
    "assets/pyodide/1.0/pyodide.asm.wasm": "python",
    "assets/checker/checker-0123456789abcdef.snapshot": "python",
    "assets/checker/checker-fedcba9876543210.whl": "wheel",
    "assets/mermaid/11.0.0/mermaid.min.js": "mermaid",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for path in PAGES + ASSETS + [service_worker.LUNR + name for name in LUNR_USED] + UNLISTED + list(RUNTIME):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(f"contents of {path}\n", encoding="utf-8")
    index = {"config": {"lang": ["en", "zh"], "separator": "[\\s]+"}, "docs": []}
    (site / "search/search_index.json").write_text(json.dumps(index), encoding="utf-8")
    manifest = {path: {"sha256": vendor.sha256(site / path), "from": "node_modules"} for path in RUNTIME}
    (site / vendor.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return site


def test_every_page_of_both_languages_and_every_asset_is_precached_by_the_address_links_use(site: Path):
    precache = service_worker.manifest(site)["precache"]
    assert set(precache) == {
        "./",
        "404.html",
        "glossary/",
        "zh/",
        "zh/404.html",
        "zh/glossary/",
        *ASSETS,
        *[service_worker.LUNR + name for name in LUNR_USED],
    }
    assert len(precache) == len(set(precache))


def built_file(address: str) -> str:
    """The file a precached address names, by the rule links follow (written here, not taken from the hook)."""
    if address == "./":
        return "index.html"
    return address + "index.html" if address.endswith("/") else address


def test_every_precached_address_has_the_sha256_of_its_built_file(site: Path):
    """The worker copies a file from the old version's cache when its hash is unchanged: each hash must be the
    file's own (hashlib's, of the bytes the site serves), long enough that two contents never share one."""
    (site / "glossary/index.html").write_bytes("术语\r\n\x00".encode())  # not text as the fixture writes it
    precache = service_worker.manifest(site)["precache"]
    assert precache, "nothing precached"
    for address, digest in precache.items():
        assert len(digest) >= 16, (address, digest)
        assert digest == hashlib.sha256((site / built_file(address)).read_bytes()).hexdigest()[: len(digest)], address


def test_a_changed_file_changes_its_own_hash_and_no_other(site: Path):
    before = service_worker.manifest(site)["precache"]
    with (site / "zh/glossary/index.html").open("a", encoding="utf-8") as file:
        file.write(" ")
    after = service_worker.manifest(site)["precache"]
    assert {address for address in before if after[address] != before[address]} == {"zh/glossary/"}


def test_the_province_pages_are_left_to_the_network_and_their_overview_precached(site: Path):
    """hooks/provinces.py's 62 pages would take the precache over its limit: NOT_PRECACHED."""
    for path in ("provinces/index.html", "provinces/guangdong/index.html", "zh/provinces/inner-mongolia/index.html"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(f"contents of {path}\n", encoding="utf-8")
    precache = service_worker.manifest(site)["precache"]
    assert "provinces/" in precache
    assert not any(address.startswith(("provinces/g", "zh/provinces/")) for address in precache), precache


def test_the_runtime_is_the_vendored_files_each_in_its_group_and_never_precached(site: Path):
    built = service_worker.manifest(site)
    assert {entry["path"]: entry["group"] for entry in built["runtime"]} == RUNTIME
    assert not set(built["precache"]) & set(RUNTIME)
    assert vendor.MANIFEST not in built["precache"] and service_worker.TARGET not in built["precache"]


def test_what_the_runtime_hooks_ship_falls_in_a_group(tmp_path: Path):
    """The paths hooks/browser_runtime.py and hooks/remediation_map.py give their files: Pyodide's under its
    version, the wheel and the snapshot named after their hash, Mermaid under its version."""
    wheel, snapshot = tmp_path / "checker.whl", tmp_path / "checker.snapshot"
    wheel.write_bytes(b"wheel")
    snapshot.write_bytes(b"snapshot")
    shipped = {
        **{f"assets/pyodide/314.0.7/{name}": "python" for name in browser_runtime.PYODIDE_FILES},
        vendor.content_hashed(wheel, "assets/checker", "checker"): "wheel",
        vendor.content_hashed(snapshot, "assets/checker", "checker"): "python",
        "assets/mermaid/11.17.2/mermaid.min.js": "mermaid",
    }
    site = tmp_path / "site"
    for path in shipped:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(path)
    (site / vendor.MANIFEST).write_text(json.dumps({path: {} for path in shipped}))
    assert service_worker.runtime_paths(site) == shipped


def test_a_vendored_file_in_an_unknown_folder_stops_the_build(site: Path):
    (site / vendor.MANIFEST).write_text(json.dumps({"assets/other/x.js": {}}))
    with pytest.raises(PluginError, match=r"assets/other/x\.js, in no folder .* GROUPS"):
        service_worker.manifest(site)


def test_nothing_off_the_site_nor_the_doh_endpoint_is_listed(site: Path):
    """Every entry is a path inside the site (resolved against the worker's scope): no scheme, no host, no
    absolute path, no way up, nothing of the DoH endpoint."""
    built = service_worker.manifest(site)
    for path in [*built["precache"], *(entry["path"] for entry in built["runtime"])]:
        assert "://" not in path and not path.startswith(("/", "..")) and "/../" not in path, path
        assert "resolve" not in path and "dns-query" not in path, path


LISTED_CHANGES = [
    "glossary/index.html",
    "zh/index.html",
    "assets/stylesheets/main.abcd1234.min.css",
    "search/search_index.json",
    "sitemap.xml",
    "assets/checker/checker-0123456789abcdef.snapshot",
    "assets/mermaid/11.0.0/mermaid.min.js",
]


@pytest.mark.parametrize("path", LISTED_CHANGES)
def test_the_version_changes_when_a_listed_file_changes(site: Path, path: str):
    before = service_worker.manifest(site)["version"]
    with (site / path).open("a", encoding="utf-8") as file:
        file.write(" ")
    assert service_worker.manifest(site)["version"] != before


def test_the_version_changes_when_the_worker_script_changes(site: Path, tmp_path: Path):
    source = tmp_path / "service-worker.js"
    source.write_text(service_worker.SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    before = service_worker.manifest(site, source)["version"]
    source.write_text(source.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
    assert service_worker.manifest(site, source)["version"] != before


@pytest.mark.parametrize("path", UNLISTED)
def test_the_version_stays_when_nothing_listed_changes(site: Path, path: str):
    before = service_worker.manifest(site)
    (site / path).write_text("changed", encoding="utf-8")
    assert service_worker.manifest(site) == before


def test_a_rebuild_of_the_same_site_writes_the_same_sw_js(site: Path):
    first = service_worker.write(site)
    text = (site / service_worker.TARGET).read_text(encoding="utf-8")
    assert service_worker.write(site) == first  # sw.js itself is not listed: writing it changes nothing
    assert (site / service_worker.TARGET).read_text(encoding="utf-8") == text


def test_sw_js_is_the_manifest_then_the_script(site: Path):
    build = service_worker.write(site)
    text = (site / service_worker.TARGET).read_text(encoding="utf-8")
    head, _, rest = text.partition("const BUILD = ")
    assert head.startswith("//") and "\n" not in head.strip()
    data, _, script = rest.partition("\n\n")
    assert json.loads(data) == build
    assert script == service_worker.SOURCE.read_text(encoding="utf-8")
    assert len(build["version"]) == 16


def test_a_precache_over_the_limit_stops_the_build(site: Path, monkeypatch: pytest.MonkeyPatch):
    (site / "assets/images/huge.png").write_bytes(b"\0" * 2000)
    monkeypatch.setattr(service_worker, "PRECACHE_LIMIT", 1500)
    with pytest.raises(
        PluginError, match=r"would precache 2,\d{3} bytes, more than 1,500 \(the largest: assets/images/huge\.png"
    ):
        service_worker.manifest(site)


def test_the_worker_script_is_not_copied_into_the_site(tmp_path: Path):
    docs = tmp_path / "docs"
    for path in (service_worker.SCRIPT, "assets/javascripts/self-check.js"):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text("//")
    files = Files([File(path, str(docs), str(tmp_path / "site"), True) for path in (service_worker.SCRIPT,)])
    files.append(File("assets/javascripts/self-check.js", str(docs), str(tmp_path / "site"), True))
    kept = service_worker.on_files(files, SimpleNamespace())
    assert [file.src_uri for file in kept] == ["assets/javascripts/self-check.js"]


class Loader(yaml.SafeLoader):
    """mkdocs.yml with its !!python/name and !ENV tags read as plain values."""


Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def test_mkdocs_yml_runs_the_hook_and_loads_the_registration_script_as_a_file():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert "hooks/service_worker.py" in config["hooks"]
    assert "assets/javascripts/service-worker-registration.js" in config["extra_javascript"]
    assert (ROOT / "docs/assets/javascripts/service-worker-registration.js").is_file()
    assert service_worker.SOURCE.is_file()
