"""How many examples each property test runs, and hypothesis's settings under Pyodide.

The full run (`make test`, CPython) tries at least 10,000 examples per kind of value, as the checker's issue asks;
under Pyodide (`make pyodide-test`, sys.platform == "emscripten"), where everything runs in WebAssembly, a
smaller number proves the same code behaves the same there, and hypothesis keeps no example database (there is
nowhere to keep it between runs). No test has a deadline: timings on this shared machine are noisy, and speed is
measured by the benchmark scripts, never asserted in tests. Every property test imports this module (a
tests/conftest.py beside tests/browser/conftest.py failed collection in a fresh clone: "import file mismatch").
"""

import os
import sys

from hypothesis import settings

PYODIDE = sys.platform == "emscripten"
# The example budget goes to comparisons with sources that are not our code (python-stdnum, id-validator,
# phonenumbers, idna). A property that holds the checker against itself (a number built with our own check
# character passes our own validate) proves only that the code agrees with itself: a few hundred examples.
# ICP_EXAMPLES=N caps every count, for a quick run while working (`ICP_EXAMPLES=50 .venv/bin/pytest ...`).
_CAP = int(os.environ.get("ICP_EXAMPLES", "0")) or None


def _count(cpython: int, pyodide: int) -> int:
    count = pyodide if PYODIDE else cpython
    return min(count, _CAP) if _CAP else count


EXAMPLES = _count(10_000, 200)  # comparisons with an independent source, and properties over any string
EXAMPLES_SLOW = _count(2_000, 100)  # whole filings (a dozen fields each), and wording of every finding
EXAMPLES_SELF = _count(300, 50)  # the checker against itself

settings.register_profile("cpython", deadline=None)
settings.register_profile("pyodide", deadline=None, database=None)
settings.load_profile("pyodide" if PYODIDE else "cpython")
