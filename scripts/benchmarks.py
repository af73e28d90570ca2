#!/usr/bin/env python3
"""The benchmarks' artifacts, both ways: how a benchmark script writes one, and how all of them become
BENCHMARKS.md at the repository's root.

Every `scripts/bench_*` writes `artifacts/bench-<name>.json`: its raw data, plus two parts this module reads:

- `"environment"`: where and when the figures were measured (UTC date, commit, Chromium and Pyodide versions,
  cores, load average at the start and at the end, Python), from `Run.environment()`;
- `"tables"`: what the script printed, as tables of strings ({"title", "columns", "rows", "notes"}), budgets as
  a table with a PASS/MISS column.

The README and ARCHITECTURE.md quote no measured figure that is not in BENCHMARKS.md, so that a figure always
comes with the commit and the machine state it was measured at (tests/test_figures.py). This script never makes a
figure up: a benchmark whose artifact is missing, or written by an older script without the two parts, is named
as such at the top.

    make bench                                  # the four benchmarks, then this
    .venv/bin/python scripts/benchmarks.py      # BENCHMARKS.md again from artifacts/, nothing re-measured
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
OUT = ROOT / "BENCHMARKS.md"
# The benchmarks `make bench` runs, in its order: name (artifacts/bench-<name>.json) → the script that writes it.
KNOWN = {
    "pages": "scripts/bench_pages.py",
    "checker": "scripts/bench_checker.py",
    "self-check": "scripts/bench_self_check.py",
    "doh": "scripts/bench_doh.py",
}
REPRODUCE = "make bench"


# --- Writing an artifact (used by the benchmark scripts) ------------------------------------------------------


class Run:
    """One benchmark run: its start (date and load average) is taken when it is made, its end when
    `environment()` is called, so the load average brackets the measurement."""

    def __init__(self) -> None:
        self.date = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        self.load_at_start = _load_average()

    def environment(self, *, chromium: str | None = None, pyodide: str | None = None) -> dict:
        return {
            "date": self.date,
            "commit": commit(),
            "cores": os.cpu_count(),
            "load_average": {"start": self.load_at_start, "end": _load_average()},
            "chromium": chromium,
            "pyodide": pyodide,
            "python": platform.python_version(),
        }


def _load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def commit() -> str | None:
    """`git rev-parse --short HEAD`, with "-dirty" when the working tree has changes (what was measured is then
    not exactly that commit) other than the benchmarks' own output (BENCHMARKS.md, which `make bench` rewrites:
    a benchmark run again after it measures the same code); None outside a git checkout."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=True
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "status", "--porcelain", "--", ".", ":!BENCHMARKS.md"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("-dirty" if changes else "")


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]], notes: Iterable[str] = ()) -> dict:
    """A table as the artifact holds it; every cell a string already formatted as printed."""
    rows = [list(row) for row in rows]
    for row in rows:
        if len(row) != len(columns) or not all(isinstance(cell, str) for cell in row):
            raise ValueError(f"{title}: a row must be {len(columns)} strings, got {row!r}")
    return {"title": title, "columns": list(columns), "rows": rows, "notes": list(notes)}


def budget_row(what: str, measured: str, met: bool | None) -> list[str]:
    """A row of a budgets table: None when there is nothing to judge (the measurement failed)."""
    return [what, measured, "n/a" if met is None else "PASS" if met else "MISS"]


BUDGET_COLUMNS = ("budget", "measured", "result")


def print_table(data: dict) -> None:
    """A table on the terminal, aligned, the same strings the artifact holds."""
    columns, rows = data["columns"], data["rows"]
    widths = [max(len(str(cell)) for cell in column) for column in zip(columns, *rows, strict=True)]
    print(f"\n{data['title']}")
    for row in (columns, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    for note in data["notes"]:
        print(f"  {note}")


def write_artifact(path: Path, environment: dict, tables: list[dict], raw: dict) -> None:
    """The raw data with the two parts BENCHMARKS.md is rendered from."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"environment": environment, "tables": tables, **raw}
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# --- Rendering BENCHMARKS.md ----------------------------------------------------------------------------------


def artifact_name(path: Path) -> str:
    return path.name.removeprefix("bench-").removesuffix(".json")


def ordered(paths: Iterable[Path]) -> list[Path]:
    """`make bench`'s order for the known benchmarks, then any other by name."""
    known = list(KNOWN)
    return sorted(paths, key=lambda p: (known.index(n) if (n := artifact_name(p)) in known else len(known), n))


def cell(value: object) -> str:
    """A table cell: a pipe would end the cell and a line break the row."""
    return re.sub(r"\s*\n\s*", " ", str(value)).replace("|", "\\|")


def markdown_table(data: dict) -> list[str]:
    columns = [cell(c) for c in data["columns"]]
    rows = [[cell(c) for c in row] for row in data["rows"]]
    # Figures read best right-aligned: a column whose cells all start with a digit (or are empty) is.
    numeric = [
        bool(rows) and all(re.match(r"[-+]?[0-9]", row[i]) or not row[i] for row in rows) for i in range(len(columns))
    ]
    lines = [
        "| " + " | ".join(columns) + " |",
        "|" + "|".join("---:" if right else "---" for right in numeric) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    if data.get("notes"):
        lines += ["", *(f"- {note}" for note in data["notes"])]
    return lines


def environment_line(environment: dict) -> str:
    def load(figures: object) -> str:
        return " / ".join(f"{x:.2f}" for x in figures) if isinstance(figures, list) else "unknown"

    average = environment.get("load_average") or {}
    if isinstance(average, list) and len(average) == 2:  # [[start], [end]]
        average = {"start": average[0], "end": average[1]}
    chromium = str(environment.get("chromium") or "")
    parts = [
        f"measured {environment.get('date') or 'at an unknown date'}",
        f"commit `{environment['commit']}`" if environment.get("commit") else "commit unknown",
        (chromium if chromium.startswith("Chromium") else f"Chromium {chromium}") if chromium else None,
        f"Pyodide {environment['pyodide']}" if environment.get("pyodide") else None,
        f"Python {environment['python']}" if environment.get("python") else None,
        f"{environment['cores']} cores" if environment.get("cores") else None,
        f"load average (1 / 5 / 15 min) {load(average.get('start'))} at the start,"
        f" {load(average.get('end'))} at the end",
    ]
    return "; ".join(part for part in parts if part) + "."


def section(path: Path) -> tuple[list[str], str | None]:
    """The Markdown of one artifact, and why it could not be rendered (None when it could)."""
    name = artifact_name(path)
    script = KNOWN.get(name)
    heading = f"## {name}" + (f" (`{script}`)" if script else "")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return [], f"`{path.name}` cannot be read ({type(error).__name__}: {error})"
    if not isinstance(data, dict) or not isinstance(data.get("environment"), dict) or "tables" not in data:
        rerun = f"re-run `{script}`" if script else "re-run its script"
        return [], f'`{path.name}` is in an old format (no "environment" and "tables"): {rerun}'
    lines = [heading, "", environment_line(data["environment"])]
    try:
        for entry in data["tables"]:
            lines += ["", f"### {cell(entry['title'])}", "", *markdown_table(entry)]
    except (KeyError, TypeError, IndexError) as error:
        return [], f"`{path.name}` has a malformed table ({type(error).__name__}: {error})"
    return lines, None


def render(artifacts: Path) -> str:
    paths = ordered(artifacts.glob("bench-*.json"))
    present = {artifact_name(p) for p in paths}
    sections, problems = [], []
    for path in paths:
        lines, problem = section(path)
        if problem:
            problems.append(problem)
        else:
            sections.append(lines)
    missing = [f"{name} (`{script}`)" for name, script in KNOWN.items() if name not in present]
    head = [
        "# Benchmarks",
        "",
        f"Written by `{REPRODUCE}` (`scripts/benchmarks.py`, from `artifacts/bench-*.json`): do not edit by hand.",
        f"Reproduce: `{REPRODUCE}` on a fresh clone; `.venv/bin/python scripts/benchmarks.py` renders this file",
        "again from the artifacts without measuring. Timings on a shared machine are noisy: compare figures of one",
        "run, and read each benchmark's load average with them.",
        "",
    ]
    if missing:
        head += [f"No data (not run, or its artifact is missing): {', '.join(missing)}.", ""]
    if problems:
        head += ["Not shown:", "", *(f"- {problem}" for problem in problems), ""]
    if not sections:
        head += ["No benchmark data yet.", ""]
    body = [line for lines in sections for line in [*lines, ""]]
    return "\n".join(head + body).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", type=Path, default=ARTIFACTS, help="where the bench-*.json are (%(default)s)")
    parser.add_argument("--out", type=Path, default=OUT, help="the Markdown to write (default: %(default)s)")
    args = parser.parse_args(argv)
    args.out.write_text(render(args.artifacts), encoding="utf-8")
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
