"""README.md and ARCHITECTURE.md quote no measured figure that BENCHMARKS.md (written by `make bench` from the
benchmarks' own output) does not hold, unless the figure is history: its paragraph names the commit it was
measured at and the date. Figures measured once and copied into prose went stale as the code moved on
(review 2026-12, §1); this keeps the next one from doing so.

A measured-looking figure is a number with a unit of time, size, rate or ratio (`377 ms`, `9.6 MB`,
`2,512 req/s`, `1.21 ×`, `13%`), a count of requests or tests (`13 requests`, `850 tests`), or a table cell that
is nothing but figures (`| 492,864 |`, `| 1.00 / 1.00 |`). Not figures: code (fenced blocks and `inline code`:
commands and their options), and what follows ≤ ≥ < > "at most" "at least" (budgets and limits, targets rather
than measurements). Everything else that looks like a figure and is not one is listed in EXCEPTIONS, with why.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest

from examples import PYODIDE

pytestmark = pytest.mark.skipif(PYODIDE, reason="reads the repository's documents and its git history")

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ("README.md", "ARCHITECTURE.md")
BENCHMARKS = ROOT / "BENCHMARKS.md"

NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
# The units, each under one name (`2 seconds` and `2 s` are the same figure).
UNITS = {
    "ms": r"ms",
    "s": r"s|sec|seconds?",
    "min": r"min|minutes?",
    "h": r"h|hours?",
    "bytes": r"[KMG]i?B|bytes",
    "req/s": r"req/s|requests/s|requests a second",
    "rows/s": r"rows/s",
    "requests": r"requests",
    "tests": r"tests|passed|skipped",
    "%": r"%",
    "×": r"×|x",
}
UNIT = "|".join(f"(?:{pattern})" for pattern in UNITS.values())
# Numbers joined by a range or a slash (`40–280 ms`, `573 / 273 ms`), then a unit that ends there (`5 seconds` is a
# figure, `5 sessions` is not).
FIGURE = re.compile(
    rf"(?<![\w.#/-])(?P<figure>(?:{NUMBER})(?:\s?[–/-]\s?(?:{NUMBER}))*)\s?(?P<unit>(?:{UNIT})(?![\w/]))"
)
# A table cell of figures only (`| 492,864 |`, `| 1.00 / 1.00 |`): its unit, if any, is in the column's header.
FIGURE_CELL = re.compile(rf"^\s*(?:{NUMBER})(?:\s*[/–;,-]\s*(?:{NUMBER}))*\s*$")
BUDGET = re.compile(r"(?:[≤≥<>]|at most|at least|budget)\s*$")
COMMIT = re.compile(r"`([0-9a-f]{7,40})`")
DATE = re.compile(r"\b20[0-9]{2}-[01][0-9]-[0-3][0-9]\b")


def unit_name(text: str) -> str | None:
    """The unit a figure or a column header names, under its one name."""
    for name, pattern in UNITS.items():
        if re.search(rf"(?<![\w/])(?:{pattern})(?![\w/])", text):
            return name
    return None


# (document, the figure with a few words around it as written) → why it is not a measurement to keep fresh.
EXCEPTIONS = {
    ("README.md", "a 40 ms stall"): "Nagle's algorithm against delayed ACKs: Linux's fixed 40 ms timer, not ours",
    ("README.md", "every 0.5 s"): "how often bench_doh.py samples memory: its setting",
    ("README.md", "20 s per scenario"): "bench_doh.py's default length of a scenario: its setting",
    ("ARCHITECTURE.md", "debounced 40 ms"): "the page's debounce: a setting of self-check.js",
    ("ARCHITECTURE.md", "after 20 s"): "when the page calls a slow start slow: a setting of the worker's page script",
}


def code_free(text: str) -> str:
    """The text with fenced code blocks blanked (lines kept, so line numbers hold) and inline code spans emptied."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append("")
        else:
            out.append("" if fenced else re.sub(r"`[^`]*`", "``", line))
    return "\n".join(out)


def blocks(text: str) -> list[tuple[int, str, str]]:
    """(first line number, the block's text without code, the block's raw text): paragraphs, list items, and
    tables together with the paragraph before them (their caption says where they were measured)."""
    raw_lines, lines = text.splitlines(), code_free(text).splitlines()
    found: list[tuple[int, str, str]] = []
    start = None
    for number, line in enumerate([*lines, ""]):
        new_item = re.match(r"\s*(?:[-*]|[0-9]+\.)\s", line) and not line.startswith("|")
        if start is not None and (not line.strip() or new_item):
            found.append((start + 1, "\n".join(lines[start:number]), "\n".join(raw_lines[start:number])))
            start = None
        if line.strip() and start is None:
            start = number
    merged: list[tuple[int, str, str]] = []
    for block in found:
        is_table = block[1].lstrip().startswith("|")
        caption = merged[-1] if merged and not merged[-1][1].lstrip().startswith("|") else None
        merged.append((block[0], block[1], (caption[2] + "\n" if is_table and caption else "") + block[2]))
    return merged


class Figure(NamedTuple):
    line: int
    context: str  # the figure with a few characters around it, for messages and EXCEPTIONS
    figure: str
    unit: str | None
    block: str  # the raw text of its paragraph, list item or table with its caption


def figures(text: str, *, budgets: bool = False) -> list[Figure]:
    """Every measured-looking figure of a Markdown text (with `budgets`, those after ≤ ≥ … too)."""
    found = []
    for first, block, raw in blocks(text):
        header: list[str] = []
        for offset, line in enumerate(block.splitlines()):
            where = first + offset
            cells = line.strip().strip("|").split("|") if line.lstrip().startswith("|") else []
            if cells and not header:
                header = cells
                continue
            for match in FIGURE.finditer(line):
                if budgets or not BUDGET.search(line[: match.start()]):
                    context = line[max(0, match.start() - 15) : match.end() + 15]
                    found.append(Figure(where, context, match["figure"], unit_name(match["unit"]), raw))
            if re.fullmatch(r"\s*\|[-:| ]+\|\s*", line):
                continue
            for column, cell in enumerate(cells):
                if FIGURE_CELL.match(cell):
                    unit = unit_name(header[column]) if column < len(header) else None
                    found.append(Figure(where, cell.strip(), cell.strip(), unit, raw))
    return found


def numbers(figure: str) -> list[str]:
    return [number.replace(",", "") for number in re.findall(NUMBER, figure)]


def measured(benchmarks: str) -> set[tuple[str, str | None]]:
    """Every (number, unit) BENCHMARKS.md holds. A number written with its unit has that unit; any other number of
    a table cell has the unit of the cell's figures when they share one ("28.1 → 28.1 MiB"), else its column's."""
    pairs = {(number, f.unit) for f in figures(benchmarks, budgets=True) for number in numbers(f.figure)}
    header: list[str] = []
    for line in code_free(benchmarks).splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = line.strip().strip("|").split("|")
        if not header:
            header = cells
            continue
        for column, cell in enumerate(cells):
            matches = list(FIGURE.finditer(cell))
            units = {unit_name(match["unit"]) for match in matches}
            rest = FIGURE.sub(" ", cell)
            unit = units.pop() if len(units) == 1 else unit_name(header[column]) if column < len(header) else None
            pairs.update((number, unit) for number in numbers(rest))
    return pairs


def in_benchmarks(figure: str, unit: str | None, benchmarks: set[tuple[str, str | None]]) -> bool:
    """Every number of the figure is in BENCHMARKS.md with the same unit (any unit when the figure has none)."""
    return all(
        (number, unit) in benchmarks if unit else any(number == held for held, _ in benchmarks)
        for number in numbers(figure)
    )


def known_commits(hashes: set[str]) -> set[str]:
    """The hashes git knows as commits of this repository (none when there is no git history to ask)."""
    known = set()
    for commit in hashes:
        result = subprocess.run(
            ["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=ROOT, capture_output=True, check=False
        )
        if result.returncode == 0:
            known.add(commit)
    return known


@pytest.fixture(scope="module")
def benchmarks_md() -> set[tuple[str, str | None]]:
    if not BENCHMARKS.is_file():
        pytest.fail("BENCHMARKS.md is missing: `make bench` writes it (scripts/benchmarks.py)")
    return measured(BENCHMARKS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_figure_is_in_benchmarks_md_or_dated_history(document, benchmarks_md):
    found = figures((ROOT / document).read_text(encoding="utf-8"))
    commits = known_commits({commit for figure in found for commit in COMMIT.findall(figure.block)})
    stale = []
    for figure in found:
        if any(doc == document and snippet in figure.context for (doc, snippet) in EXCEPTIONS):
            continue
        if in_benchmarks(figure.figure, figure.unit, benchmarks_md):
            continue
        if DATE.search(figure.block) and any(c in commits for c in COMMIT.findall(figure.block)):
            continue  # history: measured at a named commit, on a named day
        stale.append(f"{document}:{figure.line}: {figure.figure!r} ({figure.unit}) in …{figure.context}…")
    assert stale == [], "figures neither in BENCHMARKS.md nor dated history (commit and date):\n" + "\n".join(stale)


@pytest.mark.parametrize(("document", "snippet"), sorted(EXCEPTIONS))
def test_every_exception_is_still_in_its_document(document, snippet):
    """An exception the text no longer needs goes, so the list stays a list of reasons."""
    assert snippet in code_free((ROOT / document).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ready in 377 ms cold", [("377", "ms")]),
        ("the wheel grows from 290 KB to 531 KB", [("290", "bytes"), ("531", "bytes")]),
        ("2,512 req/s and 1,954 rows/s", [("2,512", "req/s"), ("1,954", "rows/s")]),
        ("at 1.21 × the baseline, 13% slower, 0.34× bare", [("1.21", "×"), ("13", "%"), ("0.34", "×")]),
        ("13 requests, 850 tests, 70 skipped", [("13", "requests"), ("850", "tests"), ("70", "tests")]),
        ("costs 40–280 ms there, 573 / 273 ms here", [("40–280", "ms"), ("573 / 273", "ms")]),
        ("took 6 min 42 s", [("6", "min"), ("42", "s")]),
        (
            "| page | requests | ratio |\n|---|---:|---|\n| home (en) | 13 | 1.00 / 1.00 |",
            [("13", "requests"), ("1.00 / 1.00", None)],
        ),
        ("budget ≤ 1 s, p99 ≤ 50 ms, at most 5 s", []),
        ("run `bench.py --seconds 20` in 5 sessions, GB 11643, GB 32100, RFC 8484, ISO 7064, 5 runs", []),
        ("```\nsleep 20 s\n```", []),
    ],
)
def test_what_counts_as_a_figure(text, expected):
    assert [(figure.figure, figure.unit) for figure in figures(text)] == expected


def test_a_figure_is_in_benchmarks_md_as_a_number_of_its_own_with_its_unit():
    held = measured(
        "| measure | median |\n|---|---|\n| one filing | 0.318 ms |\n\n"
        "| rows | rows/s | peak memory MiB |\n|---|---|---|\n| 10,000 | 2,056 | 27.6 → 27.9 MiB |\n\n"
        "| budget | measured |\n|---|---|\n| cached | 2,867 req/s, p99 10.16 ms |"
    )
    assert in_benchmarks("0.318", "ms", held)
    assert in_benchmarks("2056", "rows/s", held)
    assert in_benchmarks("27.6 / 27.9", "bytes", held)
    assert in_benchmarks("2,867", "req/s", held)
    assert not in_benchmarks("2,867", "ms", held)
    assert not in_benchmarks("0.318", "s", held)  # the same digits, another unit
    assert not in_benchmarks("0.31", "ms", held)
    assert not in_benchmarks("18", "ms", held)  # 0.318 holds the digits, not the number
    assert not in_benchmarks("40–318", "ms", held)
