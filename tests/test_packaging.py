"""The distributions a user installs: the checker's wheel (also what every visitor's browser downloads), icp-doh
beside it, their licence and build requirements, and the pins of the tests under Pyodide."""

from __future__ import annotations

import ast
import base64
import hashlib
import re
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from examples import PYODIDE

pytestmark = pytest.mark.skipif(PYODIDE, reason="reads the repository and the built wheel")

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT / "checker"


def project(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def pins(path: Path) -> dict[str, str]:
    """A requirements file's `name==version` lines, by normalised name (PEP 503)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{path.name}: {line!r} is not pinned with =="
            found[re.sub(r"[-_.]+", "-", name).lower()] = version
    return found


@pytest.fixture(scope="module")
def wheel() -> list[str]:
    """The names in the checker's wheel that `make wheel` built (or the folder ICP_WHEELS names)."""
    from mkdocs.exceptions import PluginError

    from browser_runtime import the_wheel  # the one place that says where the wheel is, and whether it is current

    try:
        return zipfile.ZipFile(the_wheel()).namelist()
    except PluginError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def wheel_path(wheel) -> Path:
    from browser_runtime import the_wheel

    return the_wheel()


def test_the_wheel_carries_no_toml_source(wheel):
    # The browser reads the JSON compiled from them (scripts/update_catalogue.py); the sources are 130 KB.
    assert [name for name in wheel if name.endswith(".toml")] == []


def site_words() -> list[Path]:
    """The site's own words domains (checker/data/words/site-*.json): read by the build hooks, never the browser."""
    return sorted((CHECKER / "data" / "words").glob("site-*.json"))


def test_the_wheel_carries_no_words_of_the_site_alone(wheel):
    # The glossary and the pages' words are the build hooks' (from the source tree); the checker reads none of them.
    assert {path.stem for path in site_words()} >= {"site-glossary", "site-remediation", "site-remediation-map"}
    assert [name for name in wheel if "/words/site-" in name] == []
    readers = [
        path.relative_to(ROOT).as_posix()
        for path in CHECKER.rglob("*.py")
        if re.search(r"[\"']site-", path.read_text(encoding="utf-8"))
    ]
    assert readers == [], "the checker reads a words domain of the site's, which its wheel does not carry"


def test_the_wheel_carries_every_module_and_every_table_of_the_checker(wheel):
    shipped = {
        path.relative_to(ROOT).as_posix()
        for path in CHECKER.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".toml" and path not in site_words()
    }
    assert shipped - set(wheel) == set()
    bytecode = {name for name in wheel if "/__pycache__/" in name}
    assert {name for name in wheel if not name.startswith("icp_filing_self_check-")} - bytecode == shipped


def test_the_wheel_carries_pyodides_bytecode_of_every_module_listed_in_its_record(wheel, wheel_path):
    """scripts/compile_wheel.mjs: each module's __pycache__/<name>.cpython-314.pyc, compiled by Pyodide's Python,
    unchecked-hash (PEP 552: flags 0b01), with its hash and size in RECORD (as pip checks them)."""
    modules = [name for name in wheel if name.endswith(".py")]
    expected = {
        f"{name.rsplit('/', 1)[0]}/__pycache__/{name.rsplit('/', 1)[1][:-3]}.cpython-314.pyc" for name in modules
    }
    assert {name for name in wheel if name.endswith(".pyc")} == expected
    with zipfile.ZipFile(wheel_path) as archive:
        record = archive.read(next(name for name in wheel if name.endswith(".dist-info/RECORD"))).decode()
        listed = {line.split(",")[0]: line.split(",")[1:] for line in record.splitlines() if line}
        for name in sorted(expected):
            data = archive.read(name)
            assert int.from_bytes(data[4:8], "little") == 0b01, f"{name}: not an unchecked-hash pyc"
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert listed[name] == [f"sha256={digest}", str(len(data))], f"{name}: RECORD disagrees"


def test_the_wheel_carries_the_licence_and_says_which(wheel):
    assert "icp_filing_self_check-0.1.0.dist-info/licenses/LICENSE" in wheel


@pytest.mark.parametrize("path", ["pyproject.toml", "doh/pyproject.toml"])
def test_each_distribution_is_mit_with_its_licence_file_and_a_bounded_build(path):
    data = project(ROOT / path)
    assert data["project"]["license"] == "MIT" and data["project"]["license-files"] == ["LICENSE"]
    licence = (ROOT / path).parent / "LICENSE"
    assert licence.read_text(encoding="utf-8") == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence.read_text(encoding="utf-8")
    [setuptools] = [req for req in data["build-system"]["requires"] if req.startswith("setuptools")]
    assert re.fullmatch(r"setuptools>=\d+,<\d+", setuptools), f"{path}: setuptools needs both bounds"


def test_icp_doh_depends_on_the_checker_at_its_version():
    version = project(ROOT / "pyproject.toml")["project"]["version"]
    assert f"icp-filing-self-check=={version}" in project(ROOT / "doh/pyproject.toml")["project"]["dependencies"]


def test_every_module_icp_doh_imports_comes_with_it():
    """Each top-level module doh/ imports is the standard library's, its own, or a declared dependency's."""
    dependencies = project(ROOT / "doh/pyproject.toml")["project"]["dependencies"]
    declared = {re.split(r"[<>=\[ ;]", req)[0].lower() for req in dependencies}
    providers = metadata.packages_distributions()
    imported = set()
    for path in (ROOT / "doh").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    undeclared = {
        module
        for module in imported - set(sys.stdlib_module_names) - {"doh"}
        if not {name.lower() for name in providers.get(module, [])} & declared
    }
    assert "checker" in imported and undeclared == set()


def test_the_pyodide_pins_are_the_locks():
    lock, pyodide = pins(ROOT / "requirements.lock"), pins(ROOT / "requirements-pyodide.txt")
    assert (
        pyodide
        and {name: (version, lock.get(name)) for name, version in pyodide.items() if lock.get(name) != version} == {}
    )


def test_the_linters_are_pinned_for_the_tests():
    test_extra = project(ROOT / "pyproject.toml")["project"]["optional-dependencies"]["test"]
    assert {"ruff", "mypy"} <= {re.split(r"[<>=]", req)[0] for req in test_extra}
    assert {"ruff", "mypy"} <= set(pins(ROOT / "requirements.lock"))
