"""ICP filing rules engine: validates every field of an ICP filing, offline.

Standard library only, so the same code runs under CPython and in the browser (Pyodide). The rules
themselves arrive with the checker issue; for now the package holds the project's name and version.
"""

__version__ = "0.1.0"
