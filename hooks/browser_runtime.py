"""The Python runtime the site's pages run in the visitor's browser: Pyodide and the checker's wheel.

Not a hook of its own: each hook whose page starts Python (hooks/self_check.py, hooks/remediation.py) prepares
the runtime when a build starts, names its files in the page, and copies it into the site when the build ends,
whatever the order of the hooks and whether the other hook is there; both name the same files, so a tab's one
worker serves both pages, and the second copy copies nothing (hooks/vendor.py).

Copied into the built site, exactly what the worker loads and nothing else:
- Pyodide's runtime files, from `node_modules/pyodide` (pinned by package-lock.json), into
  `assets/pyodide/<version>/`; no source maps, no package wheels (the checker needs only the standard library);
- the checker's wheel from `build/wheels/` (made by `make wheel` from `checker/`, the code the tests test; or
  from the folder `ICP_WHEELS` names), renamed after its content hash so a browser never runs a stale cached copy;
- the memory snapshot of Pyodide with the checker started, from `build/snapshot/` beside the wheels (made by
  `make build` from that wheel: scripts/make_snapshot.mjs), renamed after its hash too; the page gives the worker
  its full SHA-256, checked before restoring. The worker falls back to starting Pyodide and unpacking the wheel
  when the snapshot cannot be used, which is why both are shipped.
The build stops with a message saying which command to run when any is missing, when the wheel is older than a
file of `checker/`, or when the snapshot was made from another wheel or another Pyodide.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

import vendor

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
# ICP_WHEELS: another folder holding the one wheel (a build beside `make wheel`'s, e.g. while working in parallel)
WHEELS = Path(os.environ.get("ICP_WHEELS", ROOT / "build" / "wheels"))
CHECKER = ROOT / "checker"
WORKER = "assets/javascripts/checker-worker.mjs"
# What loadPyodide() fetches for a standard-library-only program: the loader, the wasm and its glue, the
# standard library and the lock file it reads at start-up.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# ICP_SNAPSHOT: another folder holding checker.snapshot and snapshot.json (default: `snapshot` beside the wheels'
# folder: build/snapshot, which `make build` fills)
SNAPSHOTS = Path(os.environ["ICP_SNAPSHOT"]) if os.environ.get("ICP_SNAPSHOT") else None


def the_wheel(wheels: Path = WHEELS, checker: Path = CHECKER) -> Path:
    """The one checker wheel in `wheels`, not older than any file of `checker/` or the pyproject.toml it is made
    with; a PluginError saying to run `make wheel` otherwise. (Files only: importing the checker writes
    __pycache__ folders, which touches the folders around them.)"""
    found = sorted(wheels.glob("*.whl"))
    if len(found) != 1:
        raise PluginError(f"expected one checker wheel in {wheels}, found {len(found)}: run `make wheel`")
    sources = [path for path in [checker.parent / "pyproject.toml"] if path.is_file()]
    sources += [path for path in checker.rglob("*") if path.is_file() and "__pycache__" not in path.parts]
    newest = max(sources, key=lambda path: path.stat().st_mtime)
    if newest.stat().st_mtime > found[0].stat().st_mtime:
        raise PluginError(f"{found[0].name} is older than {newest.relative_to(checker.parent)}: run `make wheel`")
    return found[0]


def the_snapshot(snapshots: Path, wheel: Path, pyodide_version: str) -> tuple[Path, dict[str, object]]:
    """The memory snapshot in `snapshots` and what it was made from (snapshot.json), when it was made from
    `wheel` with this Pyodide and its bytes are the ones described; a PluginError saying to run `make build`
    otherwise."""
    made, snapshot = snapshots / "snapshot.json", snapshots / "checker.snapshot"
    if not (made.is_file() and snapshot.is_file()):
        raise PluginError(f"no Pyodide memory snapshot in {snapshots}: run `make build`")
    about = json.loads(made.read_text(encoding="utf-8"))
    if about.get("wheel_sha256") != vendor.sha256(wheel):
        raise PluginError(
            f"the snapshot in {snapshots} was made from another wheel than {wheel.name}: run `make build`"
        )
    if about.get("pyodide") != pyodide_version:
        raise PluginError(
            f"the snapshot in {snapshots} was made with Pyodide {about.get('pyodide')}, not {pyodide_version}: "
            "run `make build`"
        )
    if about.get("sha256") != vendor.sha256(snapshot):
        raise PluginError(f"{snapshot} is not the file snapshot.json describes: run `make build`")
    return snapshot, about


class Runtime:
    """Where the runtime's files come from and where the built site serves them (paths from the site root)."""

    def __init__(
        self,
        pyodide: Path = PYODIDE,
        wheels: Path = WHEELS,
        checker: Path = CHECKER,
        snapshots: Path | None = SNAPSHOTS,
    ) -> None:
        what = f"Pyodide is not installed in {pyodide}"
        hint = "run `npm ci` or `make build`"
        vendor.Vendored.of([(pyodide / name, name) for name in PYODIDE_FILES], what=what, hint=hint)
        self.pyodide = pyodide
        self.version = vendor.npm_version(pyodide, "Pyodide")
        self.wheel = the_wheel(wheels, checker)
        self.pyodide_dir = f"assets/pyodide/{self.version}"
        self.wheel_path = vendor.content_hashed(self.wheel, "assets/checker", "checker")
        self.snapshot, about = the_snapshot(snapshots or wheels.parent / "snapshot", self.wheel, self.version)
        self.snapshot_sha256 = str(about["sha256"])
        self.snapshot_path = vendor.content_hashed(self.snapshot, "assets/checker", "checker")
        files = [(pyodide / name, f"{self.pyodide_dir}/{name}") for name in PYODIDE_FILES]
        files += [(self.wheel, self.wheel_path), (self.snapshot, self.snapshot_path)]
        self.files = vendor.Vendored.of(files, what=what, hint=hint)

    def copy_into(self, site_dir: Path) -> None:
        self.files.copy_into(site_dir)

    def urls(self, base_url: str) -> dict[str, str]:
        """Where a page at `base_url` (relative to the site's root) finds the worker, Pyodide, the wheel and the
        snapshot, and the snapshot's SHA-256."""
        return {
            "worker": f"{base_url}/{WORKER}",
            "pyodide": f"{base_url}/{self.pyodide_dir}/pyodide.mjs",
            "wheel": f"{base_url}/{self.wheel_path}",
            "snapshot": f"{base_url}/{self.snapshot_path}",
            "snapshot_sha256": self.snapshot_sha256,
        }


class Prepared:
    """One hook's runtime for the build under way: prepared again on every build (`mkdocs serve` may have a new
    wheel), so a hook needs no other hook to have run first."""

    def __init__(self) -> None:
        self._runtime: Runtime | None = None

    def prepare(self) -> Runtime:
        self._runtime = Runtime(PYODIDE, WHEELS, CHECKER, SNAPSHOTS)
        return self._runtime

    def current(self) -> Runtime:
        """The runtime prepared by this build's on_pre_build; prepared now if a page comes first."""
        return self._runtime or self.prepare()
