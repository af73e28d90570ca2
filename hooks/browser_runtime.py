"""The Python runtime the site's pages run in the visitor's browser: Pyodide and the checker's wheel.

Not a hook of its own: hooks/self_check.py prepares it when a build starts and copies it into the site when the
build ends; hooks/remediation.py reads where it is served, for the wizard's page. One module, so both pages name
the same files and a tab's one worker serves both.

Copied into the built site, exactly what the worker loads and nothing else:
- Pyodide's runtime files, from `node_modules/pyodide` (pinned by package-lock.json), into
  `assets/pyodide/<version>/`; no source maps, no package wheels (the checker needs only the standard library);
- the checker's wheel from `build/wheels/` (made by `make wheel` from `checker/`, the code the tests test),
  renamed after its content hash so a browser never runs a stale cached copy.
The build stops with a message saying which command to run when either is missing, or when the wheel is
older than a file of `checker/`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
WHEELS = ROOT / "build" / "wheels"
CHECKER = ROOT / "checker"
WORKER = "assets/javascripts/checker-worker.mjs"
# What loadPyodide() fetches for a standard-library-only program: the loader, the wasm and its glue, the
# standard library and the lock file it reads at start-up.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


class Runtime:
    """Where the runtime's files come from and where the built site serves them (paths from the site root)."""

    def __init__(self, pyodide: Path = PYODIDE, wheels: Path = WHEELS, checker: Path = CHECKER) -> None:
        missing = [name for name in PYODIDE_FILES if not (pyodide / name).is_file()]
        if missing:
            raise PluginError(f"Pyodide is not installed in {pyodide} (no {missing[0]}): run `npm ci` or `make build`")
        self.pyodide = pyodide
        self.version = json.loads((pyodide / "package.json").read_text(encoding="utf-8"))["version"]
        found = sorted(wheels.glob("*.whl"))
        if len(found) != 1:
            raise PluginError(f"expected one checker wheel in {wheels}, found {len(found)}: run `make wheel`")
        self.wheel = found[0]
        newest = max((path for path in checker.rglob("*") if path.is_file() and "__pycache__" not in path.parts),
                     key=lambda path: path.stat().st_mtime)
        if newest.stat().st_mtime > self.wheel.stat().st_mtime:
            raise PluginError(f"{self.wheel.name} is older than {newest.relative_to(checker.parent)}: run `make wheel`")
        digest = hashlib.sha256(self.wheel.read_bytes()).hexdigest()[:16]
        self.pyodide_dir = f"assets/pyodide/{self.version}"
        self.wheel_path = f"assets/checker/checker-{digest}.whl"

    def copy_into(self, site_dir: Path) -> None:
        for name in PYODIDE_FILES:
            _copy(self.pyodide / name, site_dir / self.pyodide_dir / name)
        _copy(self.wheel, site_dir / self.wheel_path)


def _copy(source: Path, target: Path) -> None:
    # The i18n plugin ends each language's build with on_post_build: copy only once.
    if target.is_file() and target.stat().st_size == source.stat().st_size:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


_runtime: dict[str, Runtime] = {}


def prepare() -> Runtime:
    """Check and name the runtime's files; again on every build (`mkdocs serve` may have a new wheel)."""
    _runtime["current"] = Runtime()
    return _runtime["current"]


def current() -> Runtime:
    """The runtime prepared for this build."""
    if "current" not in _runtime:
        raise PluginError("the browser runtime was not prepared: hooks/self_check.py must be in mkdocs.yml's hooks")
    return _runtime["current"]


def urls(base_url: str) -> dict[str, str]:
    """Where a page at `base_url` (relative to the site's root) finds the worker, Pyodide and the wheel."""
    runtime = current()
    return {"worker": f"{base_url}/{WORKER}", "pyodide": f"{base_url}/{runtime.pyodide_dir}/pyodide.mjs",
            "wheel": f"{base_url}/{runtime.wheel_path}"}
