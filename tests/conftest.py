"""Settings shared by every test.

Under Pyodide (`make pyodide-test`: the checker's tests in WebAssembly, where sys.platform == "emscripten") the
"pyodide" hypothesis profile applies: fewer examples for the tests that do not set their own count (those that
do take it from tests/examples.py), no example database (nowhere to keep it between runs) and no deadline
(WebAssembly's timings are not what the tests are about).
"""

import sys

from hypothesis import settings

settings.register_profile("pyodide", max_examples=200, database=None, deadline=None)

if sys.platform == "emscripten":
    settings.load_profile("pyodide")
