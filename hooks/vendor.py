"""Files from outside docs/ that the built site serves itself, never from a CDN: one helper for every hook.

What is vendored, each by the hook that needs it (each hook prepares and copies its own, whatever the order of
mkdocs.yml's `hooks:`):
- Pyodide's runtime files and the checker's wheel (hooks/browser_runtime.py, for hooks/self_check.py and
  hooks/remediation.py);
- Mermaid's standalone script (hooks/remediation_map.py).

A `Vendored` is a set of source files and the path each gets in the site. The build stops with a message saying
which command to run when a source is missing. Copying records each file's SHA-256 in the site's manifest,
`assets/vendored.json` (path in the site → sha256 and where it came from), so anyone can check what the site
serves against npm's and the wheel's own files; names change when contents do (a version folder, or the wheel
named after its hash), so the files can be cached for a long time. Beside each copy go its precompressed variants,
`<file>.br` and `<file>.gz` (hooks/precompress.py: started in the background as soon as a `Vendored` is made, since
brotli takes tens of seconds on the largest files; the manifest lists the originals only).
"""

from __future__ import annotations

import filecmp
import functools
import hashlib
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

import precompress

ROOT = Path(__file__).resolve().parent.parent
# The manifest of everything vendored into the site, from the site's root.
MANIFEST = "assets/vendored.json"


@dataclass(frozen=True)
class Vendored:
    """Source files and where the built site serves each (a path from the site's root)."""

    files: tuple[tuple[Path, str], ...]

    @classmethod
    def of(cls, files: Iterable[tuple[Path, str]], *, what: str, hint: str) -> Vendored:
        """Check that every source exists: a PluginError `<what> (no <name>): <hint>` names the first missing."""
        files = tuple(files)
        for source, _ in files:
            if not source.is_file():
                raise PluginError(f"{what} (no {source.name}): {hint}")
        precompress.start([(source, sha256(source)) for source, _ in files])  # while MkDocs builds the pages
        return cls(files)

    def path(self, name: str) -> str:
        """Where the site serves the source file called `name`."""
        return next(path for source, path in self.files if source.name == name)

    def copy_into(self, site_dir: Path) -> None:
        """Copy every file into the site (once: the i18n plugin ends each language's build with on_post_build)
        with its precompressed variants, and record its hash in the manifest."""
        manifest_file = site_dir / MANIFEST
        manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else {}
        for source, path in self.files:
            target = site_dir / path
            if not (target.is_file() and filecmp.cmp(source, target, shallow=False)):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            precompress.write_beside(source, sha256(source), target)
            manifest[path] = {"sha256": sha256(source), "from": _shown(source)}
        manifest_file.parent.mkdir(parents=True, exist_ok=True)
        manifest_file.write_text(json.dumps(dict(sorted(manifest.items())), indent=1) + "\n", encoding="utf-8")


def sha256(path: Path) -> str:
    """The file's SHA-256 in hex (remembered while the file is unchanged: a build copies each file twice)."""
    stat = path.stat()
    return _sha256(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _sha256(path: Path, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_hashed(source: Path, folder: str, stem: str) -> str:
    """A path in the site named after the file's content: `<folder>/<stem>-<16 hex digits><suffix>`."""
    return f"{folder}/{stem}-{sha256(source)[:16]}{source.suffix}"


def npm_version(package: Path, what: str) -> str:
    """The version of an npm package in node_modules (pinned by package-lock.json)."""
    manifest = package / "package.json"
    if not manifest.is_file():
        raise PluginError(f"{what} is not installed in {package} (no package.json): run `npm ci` or `make build`")
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def _shown(source: Path) -> str:
    """A source as the manifest shows it: from the project's root when inside it (no machine's own paths)."""
    try:
        return source.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return source.name
