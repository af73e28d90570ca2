"""How many examples each property test runs.

The full run (`make test`, CPython) tries at least 10,000 examples per kind of value, as the checker's issue asks;
under Pyodide (`make pyodide-test`, sys.platform == "emscripten"), where everything runs in WebAssembly, a
smaller number proves the same code behaves the same there.
"""

import sys

EXAMPLES = 200 if sys.platform == "emscripten" else 10_000
EXAMPLES_SLOW = 100 if sys.platform == "emscripten" else 2_000  # whole filings: a dozen fields each
