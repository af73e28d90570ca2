#!/usr/bin/env python3
"""How much of the provincial rules table is filled (checker/data/provincial-rules.tsv): the one place its coverage
figures come from, printed here and shown on the knowledge base's overview of the provinces (hooks/provinces.py
calls `coverage`).

A cell is a province × one of the overview's rules (`MAIN_RULES`); it is filled when any row, for any entity kind,
gives that rule for that province. The figures: cells filled (count and share), rows per source, distinct sources
per filled cell (mean, and how many cells have two or more), and conflicts: a province's rule for one entity kind
whose sources give different values (`checker.provincial.disagreements`, so materials, remarks and notes, which add
up, are never conflicts).

    .venv/bin/python scripts/provincial_coverage.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker import _tables, provincial

# The rules the overview shows as columns, in its order: what a filer most often trips over.
MAIN_RULES = (
    "pic-legal-rep",
    "website-pic-legal-rep",
    "out-of-province-id",
    "local-mobile",
    "landline",
    "minimum-age",
    "material",
    "domain-suffix",
)
# The table's header says when its rows were collected: "Collected 2026-12-05."
COLLECTED = re.compile(r"^#.*\bCollected (\d{4}-\d{2}-\d{2})", re.M)


class Coverage(NamedTuple):
    provinces: int
    rules: int
    cells: int  # provinces × rules
    filled: int  # cells with at least one row
    percent: float  # filled / cells × 100, one decimal
    rows_per_source: dict[str, int]  # every row of the table, by source key, most first
    mean_sources: float  # distinct sources per filled cell, two decimals
    several_sources: int  # filled cells with two sources or more
    conflicts: int  # (province, entity kind, rule) whose sources give different values
    collected: str  # the header's "Collected" date, or "" when it names none
    oldest: str  # the oldest and newest source date of the rows
    newest: str


def coverage(
    rows: Sequence[provincial.ProvincialRule],
    provinces: Sequence[str],
    rules: Sequence[str] = MAIN_RULES,
    header: str = "",
) -> Coverage:
    """The figures for `rows` over `provinces` × `rules`; `header` is the table's text (or its comment lines), read
    for the date it was collected."""
    cell_sources: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        if row.province in provinces and row.rule in rules:
            cell_sources.setdefault((row.province, row.rule), set()).add(row.source)
    cells = len(provinces) * len(rules)
    filled = len(cell_sources)
    conflicts = sum(
        len(provincial.disagreements([row for row in rows if row.province == province])) for province in provinces
    )
    dates = sorted(row.date for row in rows)
    found = COLLECTED.search(header)
    return Coverage(
        provinces=len(provinces),
        rules=len(rules),
        cells=cells,
        filled=filled,
        percent=round(100 * filled / cells, 1) if cells else 0.0,
        rows_per_source=dict(Counter(row.source for row in rows).most_common()),
        mean_sources=round(sum(map(len, cell_sources.values())) / filled, 2) if filled else 0.0,
        several_sources=sum(1 for sources in cell_sources.values() if len(sources) >= 2),
        conflicts=conflicts,
        collected=found[1] if found else "",
        oldest=dates[0] if dates else "",
        newest=dates[-1] if dates else "",
    )


def table_coverage() -> Coverage:
    """The figures for the shipped table."""
    return coverage(provincial.rules(), provincial.mainland(), header=_tables.read_text(provincial.RULES_FILE))


def report(figures: Coverage) -> str:
    """The figures as lines of text (English: the script's own output, for the people who fill the table)."""
    lines = [
        f"cells filled: {figures.filled} of {figures.cells} ({figures.percent}%; "
        f"{figures.provinces} provinces x {figures.rules} rules: {', '.join(MAIN_RULES)})",
        "rows per source: " + ", ".join(f"{source} {count}" for source, count in figures.rows_per_source.items()),
        f"sources per filled cell: mean {figures.mean_sources}; cells with 2 or more: {figures.several_sources}",
        f"conflicts (province x entity x rule): {figures.conflicts}",
        f"collected: {figures.collected or 'not stated'}; source dates {figures.oldest} to {figures.newest}",
    ]
    return "\n".join(lines)


def main() -> None:
    print(report(table_coverage()))


if __name__ == "__main__":
    main()
