"""The house has one direction: tables → numbers → rules → reports → doors.

Every module of `checker/`, `doh/` and `hooks/` has a layer below; a module may import from its own layer and the
layers under it, never from one above, and the imports (at the top of a module or inside a function alike, read
with `ast`, not by importing) form no cycle. `checker/` imports only the standard library and itself: it runs in
the browser (Pyodide) with nothing else installed. A new module fails here until it is given its layer.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from examples import PYODIDE

# The source tree's hooks/ and doh/ are not in the checker's wheel, which the Pyodide run tests: the walk is CPython's.
pytestmark = pytest.mark.skipif(PYODIDE, reason="walks hooks/ and doh/, which are not in the wheel")

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("checker", "doh", "hooks")

# Layer by module name; a name also covers the modules under it (``checker.cli`` covers ``checker.cli.validate``),
# the longest match wins.
LAYERS = {
    # 0 — tables and the base: reading data files, text helpers, the finding type and its wording
    "checker": 0,
    "checker._tables": 0,
    "checker._text": 0,
    "checker._idna": 0,
    "checker._face": 0,
    "checker.exceptions": 0,
    "checker.catalogue": 0,
    "checker.words": 0,
    "checker.field_names": 0,
    # 1 — numbers: one module per kind of value, and the registry of kinds
    **{
        f"checker.{name}": 1
        for name in (
            "resident_id",
            "hmt_permit",
            "foreign_prid",
            "passport",
            "uscc",
            "org_code",
            "business_reg_no",
            "mobile",
            "landline",
            "email",
            "domain",
            "website_name",
            "icp_number",
            "psb_number",
            "fields",
        )
    },
    # 2 — the filing model and the rules across fields; the access check; the wizard's tree
    "checker.filing.model": 2,
    "checker.filing.choices": 2,
    "checker.filing.reader": 2,
    "checker.filing.rules": 2,
    "checker.materials": 2,
    "checker.provincial": 2,
    "checker.filing.provincial": 2,
    "checker.access": 2,
    "checker.footer": 2,
    "checker.filing_io": 2,
    "checker.remediation.tree": 2,
    "checker.remediation.loader": 2,
    "checker.remediation.answers": 2,
    # 3 — reports: findings as plain data in one language, what a page shows, the wizard's renderings
    "checker.filing": 3,
    "checker.filing.reporting": 3,
    "checker.filing.page": 3,
    "checker.remediation": 3,
    "checker.remediation.render": 3,
    # 4 — doors: the CLI, the browser worker's API, the build hooks, the DoH endpoint
    "checker.cli": 4,
    "checker.browser": 4,
    "doh": 4,
    "hooks": 4,
}
NAMES = ("tables", "numbers", "rules", "reports", "doors")


def modules() -> dict[str, Path]:
    """Every module of the three packages by its dotted name (hooks are loaded by MkDocs as top-level modules,
    and import one another so: `hooks.languages` is imported as `languages`)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = modules()
HOOKS = {name.removeprefix("hooks."): name for name in MODULES if name.startswith("hooks.")}


def layer(module: str) -> int:
    matches = [name for name in LAYERS if module == name or module.startswith(name + ".")]
    if not matches:
        pytest.fail(f"{module} has no layer: add it to LAYERS in tests/test_layers.py")
    return LAYERS[max(matches, key=len)]


def imports(module: str) -> Iterator[tuple[str, int]]:
    """The modules of the three packages that `module` imports, with the line; an import of a package's name
    (``from checker.filing import reader``) counts as the submodule when there is one."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for target in targets:
            if module.startswith("hooks.") and target.split(".")[0] in HOOKS:
                target = HOOKS[target.split(".")[0]]
            while target and target not in MODULES:  # checker.filing.Located → checker.filing
                target = target.rpartition(".")[0]
            if target:
                yield target, node.lineno


def external(module: str) -> Iterator[tuple[str, int]]:
    """What `module` imports from outside the three packages: top-level names with the line."""
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top not in PACKAGES and top not in HOOKS:
                yield top, node.lineno


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_from_its_layer_and_below(module):
    upward = [
        f"line {line}: {target} ({NAMES[layer(target)]})"
        for target, line in imports(module)
        if layer(target) > layer(module)
    ]
    assert not upward, f"{module} ({NAMES[layer(module)]}) imports upward: " + "; ".join(upward)


def test_the_imports_have_no_cycle():
    graph = {module: sorted({target for target, _ in imports(module) if target != module}) for module in MODULES}
    state: dict[str, int] = {}
    path: list[str] = []
    cycles = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in graph[module]:
            if state.get(target) == 1:
                cycles.append(" → ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("module", sorted(name for name in MODULES if name.startswith("checker")))
def test_the_checker_imports_only_the_standard_library_and_itself(module):
    foreign = [f"line {line}: {name}" for name, line in external(module) if name not in sys.stdlib_module_names]
    assert not foreign, f"{module} imports outside the standard library: " + "; ".join(foreign)


def test_the_layer_test_sees_an_upward_import(tmp_path, monkeypatch):
    """The walk itself: a number module that imported the filing's rules would be caught."""
    fake = tmp_path / "mobile.py"
    fake.write_text("from checker.filing import rules\nimport checker.cli\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "checker.mobile", fake)
    assert [target for target, _ in imports("checker.mobile")] == ["checker.filing.rules", "checker.cli"]
    with pytest.raises(AssertionError, match="imports upward"):
        test_a_module_imports_only_from_its_layer_and_below("checker.mobile")


def test_the_filing_package_loads_its_parts_only_on_first_use():
    """`checker.filing` re-exports its parts lazily (PEP 562): importing the package imports none of them, so
    the reader (layer 2) can be imported by the access check without the reports (layer 3) coming along."""
    assert list(imports("checker.filing")) == []
