"""The Python runtime the site's pages run in the visitor's browser: Pyodide and the checker's wheel.

Not a hook of its own: each hook whose page starts Python (hooks/self_check.py, hooks/remediation.py) prepares
the runtime when a build starts, names its files in the page, and copies it into the site when the build ends,
whatever the order of the hooks and whether the other hook is there; both name the same files, so a tab's one
worker serves both pages, and the second copy copies nothing (hooks/vendor.py).

Copied into the built site, exactly what the worker loads and nothing else:
- Pyodide's runtime files, from `node_modules/pyodide` (pinned by package-lock.json), into
  `assets/pyodide/<version>/`; no source maps, no package wheels (the checker needs only the standard library);
- the checker's wheel from `build/wheels/` (made by `make wheel` from `checker/`, the code the tests test; or
  from the folder `ICP_WHEELS` names), renamed after its content hash so a browser never runs a stale cached copy.
The build stops with a message saying which command to run when either is missing, or when the wheel is
older than a file of `checker/`.
"""

from __future__ import annotations

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


class Runtime:
    """Where the runtime's files come from and where the built site serves them (paths from the site root)."""

    def __init__(self, pyodide: Path = PYODIDE, wheels: Path = WHEELS, checker: Path = CHECKER) -> None:
        what = f"Pyodide is not installed in {pyodide}"
        hint = "run `npm ci` or `make build`"
        vendor.Vendored.of([(pyodide / name, name) for name in PYODIDE_FILES], what=what, hint=hint)
        self.pyodide = pyodide
        self.version = vendor.npm_version(pyodide, "Pyodide")
        self.wheel = the_wheel(wheels, checker)
        self.pyodide_dir = f"assets/pyodide/{self.version}"
        self.wheel_path = vendor.content_hashed(self.wheel, "assets/checker", "checker")
        files = [(pyodide / name, f"{self.pyodide_dir}/{name}") for name in PYODIDE_FILES]
        self.files = vendor.Vendored.of([*files, (self.wheel, self.wheel_path)], what=what, hint=hint)

    def copy_into(self, site_dir: Path) -> None:
        self.files.copy_into(site_dir)

    def urls(self, base_url: str) -> dict[str, str]:
        """Where a page at `base_url` (relative to the site's root) finds the worker, Pyodide and the wheel."""
        return {
            "worker": f"{base_url}/{WORKER}",
            "pyodide": f"{base_url}/{self.pyodide_dir}/pyodide.mjs",
            "wheel": f"{base_url}/{self.wheel_path}",
        }


class Prepared:
    """One hook's runtime for the build under way: prepared again on every build (`mkdocs serve` may have a new
    wheel), so a hook needs no other hook to have run first."""

    def __init__(self) -> None:
        self._runtime: Runtime | None = None

    def prepare(self) -> Runtime:
        self._runtime = Runtime(PYODIDE, WHEELS, CHECKER)
        return self._runtime

    def current(self) -> Runtime:
        """The runtime prepared by this build's on_pre_build; prepared now if a page comes first."""
        return self._runtime or self.prepare()
