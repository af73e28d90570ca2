"""Build hook: the site's service worker, `sw.js` at the site's root, so a revisit starts from the browser's own
copy and the self-check and the wizard work offline.

The worker's script is `docs/assets/javascripts/service-worker.js` (what it does and why is said there); this hook
keeps that file out of the site (on_files) and, when the build ends, writes `sw.js` from it with the build's
manifest in front as one constant, `BUILD` (no inline script anywhere: the site's CSP allows none):
- `precache`: what the worker keeps when it installs, each path with the SHA-256 of its file (the first
  HASH_LENGTH hex digits): every page of both languages but the province pages (NOT_PRECACHED; each folder's
  index.html by its folder's address, as links name it), the sitemaps (Material's instant navigation reads them),
  the search index and the lunr scripts the search's languages load, and the site's own styles, scripts and
  images; at most PRECACHE_LIMIT bytes, or the build stops (the precache is downloaded by every visitor, also one
  who reads a single guide page). The hashes make a deploy cheap for a returning visitor: the new worker copies
  from the old version's cache every file whose hash has not changed and downloads only the others;
- `runtime`: the files `assets/vendored.json` lists (hooks/vendor.py: Pyodide's, the checker's wheel and memory
  snapshot, Mermaid), each with its group; the worker keeps them once a page has used them, and never downloads
  them to install;
- `version`: a hash of every listed file's path and SHA-256 and of the worker's script, so any deploy that changes
  a listed file changes sw.js, and the browser installs the new version (and drops the old one's cache); a build
  that changes nothing listed writes the same sw.js, and browsers keep what they have.

Nothing else is listed: the DoH endpoint (/resolve, /dns-query) and other origins are never cached. Paths are from
the site's root: the worker resolves them against its scope, so the site works under any sub-path of site_url.
Its on_post_build runs after every other (event_priority): the vendoring hooks have written their manifest, and
the i18n plugin has built every language and rewritten the search index; sw.js is written last, from the site as
it will be served.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import vendor

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "assets/javascripts/service-worker.js"  # in docs/; not copied into the site
SOURCE = ROOT / "docs" / SCRIPT
TARGET = "sw.js"
# The precache's limit (bytes, uncompressed): today's is about 4 MB (most of it the pages, which compress
# tenfold). A site that grows past it should keep its new large files out of the precache, not raise this.
PRECACHE_LIMIT = 6_000_000
# How much of a precached file's SHA-256 the manifest gives (hex digits): the worker copies a file from the old
# version's cache when the two versions' hashes are equal, so two contents of one path must never share it. 64 bits
# make an accidental match between two deploys of a file about 1 in 10^19; nobody needs to forge one (whoever can
# put a file on the site can serve it anyway); and sw.js, downloaded again on every deploy, stays small.
HASH_LENGTH = 16
# What the precache takes, by suffix; anything else (source maps, the precompressed variants, text files) is
# left to the network.
PRECACHED_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico"}
    | {".woff", ".woff2"}
)
# Pages left to the network: the 31 province pages of each language (hooks/provinces.py), about 2 MB together,
# would take the precache over its limit; a filer reads one or two of them, online. Their overview, with every
# province's rules in one table, is precached like every other page.
NOT_PRECACHED = re.compile(r"(?:[a-z]{2}/)?provinces/[^/]+/index\.html")
SEARCH_INDEX = "search/search_index.json"
LUNR = "assets/javascripts/lunr/"
# Runtime files by their folder in the site, the first that fits: which use keeps them. The worker is told "python"
# once the checker is ready (and may then download that group); the wheel is fetched only when the snapshot cannot
# be used, and Mermaid by the map's page: both are kept when they pass through the worker, never downloaded for it.
GROUPS = (("assets/checker/", ".whl", "wheel"), ("assets/checker/", "", "python"), ("assets/pyodide/", "", "python"))
GROUPS += (("assets/mermaid/", "", "mermaid"),)


def on_files(files: Any, config: Any) -> Any:
    """The worker's script is a template, not a file of the site: sw.js is made from it."""
    script = files.get_file_from_path(SCRIPT)
    if script is not None:
        files.remove(script)
    return files


# After every other on_post_build, the i18n plugin's (-100) too: it builds the other languages and then rewrites
# the search index, which the precache lists.
@event_priority(-200)
def on_post_build(config: Any) -> None:
    write(Path(config.site_dir))


def write(site_dir: Path, source: Path = SOURCE) -> dict[str, Any]:
    """Write `<site_dir>/sw.js` for the site as it is now; its BUILD constant, returned."""
    build = manifest(site_dir, source)
    header = "// Written by hooks/service_worker.py from docs/assets/javascripts/service-worker.js: edit that.\n"
    text = f"{header}const BUILD = {json.dumps(build, indent=1)}\n\n{source.read_text(encoding='utf-8')}"
    (site_dir / TARGET).write_text(text, encoding="utf-8")
    return build


def manifest(site_dir: Path, source: Path = SOURCE) -> dict[str, Any]:
    """The worker's BUILD constant: its version, the precache (address → its file's hash) and the runtime files
    (paths from the site's root)."""
    runtime = runtime_paths(site_dir)
    precache = precache_paths(site_dir, set(runtime))
    size = sum((site_dir / path).stat().st_size for path in precache)
    if size > PRECACHE_LIMIT:
        largest = sorted(precache, key=lambda path: -(site_dir / path).stat().st_size)[:3]
        raise PluginError(
            f"the service worker would precache {size:,} bytes, more than {PRECACHE_LIMIT:,} "
            f"(the largest: {', '.join(largest)}): keep large files out of hooks/service_worker.py's precache"
        )
    hashes = {path: vendor.sha256(site_dir / path) for path in sorted({*precache, *runtime})}
    digest = hashlib.sha256(json.dumps([list(hashes.items()), vendor.sha256(source)]).encode())
    return {
        "version": digest.hexdigest()[:16],
        "precache": {address(path): hashes[path][:HASH_LENGTH] for path in precache},
        "runtime": [{"path": path, "group": group} for path, group in runtime.items()],
    }


def runtime_paths(site_dir: Path) -> dict[str, str]:
    """The vendored files the site serves (hooks/vendor.py's manifest) → their group; files the manifest lists
    but the site lacks (an earlier build's, in a site folder built without cleaning) are left out."""
    listing = site_dir / vendor.MANIFEST
    if not listing.is_file():
        raise PluginError(
            f"no {vendor.MANIFEST} in {site_dir}: the hooks that vendor the runtime (hooks/self_check.py, "
            "hooks/remediation.py, hooks/remediation_map.py) are missing from mkdocs.yml's `hooks:`"
        )
    paths = json.loads(listing.read_text(encoding="utf-8"))
    runtime = {}
    for path in sorted(paths):
        group = next((group for folder, end, group in GROUPS if path.startswith(folder) and path.endswith(end)), None)
        if group is None:
            raise PluginError(
                f"{vendor.MANIFEST} lists {path}, in no folder hooks/service_worker.py knows: add its folder to GROUPS"
            )
        if (site_dir / path).is_file():
            runtime[path] = group
    return runtime


def precache_paths(site_dir: Path, runtime: set[str]) -> list[str]:
    """Every file of the site the precache takes (PRECACHED_SUFFIXES), as paths from the root: not the runtime,
    not sw.js, not the vendored files' manifest, not the pages left to the network (NOT_PRECACHED), and of the lunr
    scripts only those the search's languages load."""
    lunr = lunr_scripts(site_dir)
    paths = []
    for file in sorted(site_dir.rglob("*")):
        path = file.relative_to(site_dir).as_posix()
        if not file.is_file() or file.suffix not in PRECACHED_SUFFIXES or path in runtime:
            continue
        if path in (TARGET, vendor.MANIFEST) or (path.startswith(LUNR) and path not in lunr):
            continue
        if NOT_PRECACHED.fullmatch(path):
            continue
        paths.append(path)
    return paths


def lunr_scripts(site_dir: Path) -> set[str]:
    """The lunr scripts Material's search worker loads for the search index's languages (its own rule, in
    workers/search.*.js: the stemmer support, each language but English, the multi-language plugin for more than
    one, and a segmenter for Japanese, Hindi and Thai)."""
    index = site_dir / SEARCH_INDEX
    languages = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"] if index.is_file() else ["en"]
    scripts = set()
    for language in languages:
        if language == "ja":
            scripts.add("tinyseg.js")
        elif language in ("hi", "th"):
            scripts.add("wordcut.js")
        if language != "en":
            scripts.add(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        scripts.add("min/lunr.multi.min.js")
    if scripts:
        scripts.add("min/lunr.stemmer.support.min.js")
    return {LUNR + script for script in scripts}


def address(path: str) -> str:
    """How pages link to a file: a folder's index.html by the folder ("self-check/", the root as "./")."""
    if path == "index.html":
        return "./"
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path
