"""How many examples each property test runs, and hypothesis's settings under Pyodide.

The full run (`make test`, CPython) tries at least 10,000 examples per kind of value, as the checker's issue asks;
under Pyodide (`make pyodide-test`, sys.platform == "emscripten"), where everything runs in WebAssembly, a
smaller number proves the same code behaves the same there, and hypothesis keeps no example database (there is
nowhere to keep it between runs). No test has a deadline: timings on this shared machine are noisy, and speed is
measured by the benchmark scripts, never asserted in tests. Every property test imports this module (a
tests/conftest.py beside tests/browser/conftest.py failed collection in a fresh clone: "import file mismatch").
"""

import sys

from hypothesis import settings

PYODIDE = sys.platform == "emscripten"
EXAMPLES = 200 if PYODIDE else 10_000
EXAMPLES_SLOW = 100 if PYODIDE else 2_000  # whole filings (a dozen fields each), and wording of every finding

settings.register_profile("cpython", deadline=None)
settings.register_profile("pyodide", deadline=None, database=None)
settings.load_profile("pyodide" if PYODIDE else "cpython")
