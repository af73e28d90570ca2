"""The browser's bytecode (scripts/compile_wheel.mjs): under Pyodide, the Python that runs it, every module of the
checker imports from the unchecked-hash .pyc that Pyodide's own Python compiled into the wheel. (Python's own
cache files, written when it imports a module without one, are timestamp ones: flags 0.)"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import checker
from examples import PYODIDE


@pytest.mark.skipif(not PYODIDE, reason="the wheel's bytecode is Pyodide's Python's (cpython-314); CPython ignores it")
def test_every_module_of_the_checker_has_the_wheels_bytecode():
    modules = sorted(Path(checker.__file__).parent.rglob("*.py"))
    assert len(modules) > 40
    for module in modules:
        cached = Path(importlib.util.cache_from_source(str(module)))
        assert cached.is_file(), f"{module.name}: no bytecode in the wheel"
        assert int.from_bytes(cached.read_bytes()[4:8], "little") == 0b01, f"{cached.name}: not the wheel's (PEP 552)"
