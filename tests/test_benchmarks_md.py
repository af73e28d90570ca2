"""scripts/benchmarks.py: BENCHMARKS.md from the benchmarks' artifacts, read back with Python-Markdown's own table
parser (what MkDocs and most renderers use), so a cell that breaks the table fails here."""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

import benchmarks
from examples import PYODIDE

pytestmark = pytest.mark.skipif(PYODIDE, reason="a tool of the repository's benchmarks, not the checker")

ENVIRONMENT = {
    "date": "2026-12-06T10:11:12Z",
    "commit": "abc1234-dirty",
    "cores": 2,
    "load_average": {"start": [0.5, 0.25, 0.125], "end": [1.75, 0.5, 0.25]},
    "chromium": "156.0.7000.1",
    "pyodide": "314.0.7",
    "python": "3.11.9",
}


def artifact(folder: Path, name: str, tables: list[dict], environment: dict | None = None, **raw: object) -> Path:
    path = folder / f"bench-{name}.json"
    path.write_text(json.dumps({"environment": environment or ENVIRONMENT, "tables": tables, **raw}), "utf-8")
    return path


def a_table(title: str = "Speed", rows: list[list[str]] | None = None, notes: list[str] | None = None) -> dict:
    return benchmarks.table(title, ["measure", "ms"], rows or [["one filing", "0.318"]], notes or [])


class Tables(HTMLParser):
    """Every <table> of an HTML document as lists of rows of cell texts (header row first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables_of(text: str) -> list[list[list[str]]]:
    parser = Tables()
    parser.feed(markdown.markdown(text, extensions=["tables"]))
    return parser.tables


def headings(text: str) -> list[str]:
    return [line.removeprefix("## ") for line in text.splitlines() if line.startswith("## ")]


def test_a_table_comes_out_cell_for_cell_with_its_title_notes_and_environment(tmp_path):
    rows = [["one filing (an entity and two websites)", "0.318"], ["first validation", "43.2"]]
    artifact(tmp_path, "checker", [a_table("The checker's speed", rows, ["Medians of 5 runs."])])
    text = benchmarks.render(tmp_path)

    assert tables_of(text) == [[["measure", "ms"], *rows]]
    assert "### The checker's speed" in text
    assert "- Medians of 5 runs." in text
    line = next(line for line in text.splitlines() if line.startswith("measured "))
    for expected in (
        "2026-12-06T10:11:12Z",
        "`abc1234-dirty`",
        "Chromium 156.0.7000.1",
        "Pyodide 314.0.7",
        "Python 3.11.9",
        "2 cores",
        "0.50 / 0.25 / 0.12 at the start",
        "1.75 / 0.50 / 0.25 at the end",
    ):
        assert expected in line


def test_the_head_says_who_writes_the_file_and_how_to_reproduce_it(tmp_path):
    text = benchmarks.render(tmp_path)
    head = "\n".join(text.splitlines()[:6])
    assert "make bench" in head
    assert "do not edit by hand" in head
    assert "scripts/benchmarks.py" in head


def test_make_benchs_order_first_then_the_others_by_name(tmp_path):
    for name in ("zeta", "doh", "self-check", "alpha", "checker", "pages"):
        artifact(tmp_path, name, [a_table()])
    assert headings(benchmarks.render(tmp_path)) == [
        "pages (`scripts/bench_pages.py`)",
        "checker (`scripts/bench_checker.py`)",
        "self-check (`scripts/bench_self_check.py`)",
        "doh (`scripts/bench_doh.py`)",
        "alpha",
        "zeta",
    ]


def test_missing_benchmarks_are_named_and_no_figure_is_made_up_for_them(tmp_path):
    artifact(tmp_path, "pages", [a_table(rows=[["home (en)", "377"]])])
    text = benchmarks.render(tmp_path)
    missing = next(line for line in text.splitlines() if line.startswith("No data"))
    for script in ("scripts/bench_checker.py", "scripts/bench_self_check.py", "scripts/bench_doh.py"):
        assert script in missing
    assert "bench_pages.py" not in missing
    assert headings(text) == ["pages (`scripts/bench_pages.py`)"]
    assert tables_of(text) == [[["measure", "ms"], ["home (en)", "377"]]]


def test_no_artifacts_at_all_says_so(tmp_path):
    text = benchmarks.render(tmp_path)
    assert "No benchmark data yet." in text
    assert tables_of(text) == []


def test_an_old_artifact_or_a_broken_one_is_reported_and_the_others_still_render(tmp_path):
    (tmp_path / "bench-self-check.json").write_text(json.dumps({"info": {}, "summary": {"ready_ms": 3102}}), "utf-8")
    (tmp_path / "bench-doh.json").write_text("{not json", "utf-8")
    (tmp_path / "bench-zeta.json").write_text(json.dumps({"environment": ENVIRONMENT, "tables": [{}]}), "utf-8")
    artifact(tmp_path, "checker", [a_table()])
    text = benchmarks.render(tmp_path)

    assert "`bench-self-check.json` is in an old format" in text
    assert "`bench-doh.json` cannot be read" in text
    assert "`bench-zeta.json` has a malformed table" in text
    assert "3102" not in text  # an old artifact's figures are not guessed at
    assert headings(text) == ["checker (`scripts/bench_checker.py`)"]


def test_pipes_and_line_breaks_in_cells_stay_inside_their_cell(tmp_path):
    rows = [["a | b", "1 |"], ["two\nlines", "|"]]
    artifact(tmp_path, "pages", [benchmarks.table("Pipes | in the title", ["x | y", "z"], rows)])
    text = benchmarks.render(tmp_path)
    assert tables_of(text) == [[["x | y", "z"], ["a | b", "1 |"], ["two lines", "|"]]]


def test_the_same_artifacts_give_the_same_file(tmp_path):
    for name in ("doh", "pages", "checker"):
        artifact(tmp_path, name, [a_table()])
    out = tmp_path / "BENCHMARKS.md"
    assert benchmarks.main(["--artifacts", str(tmp_path), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == benchmarks.render(tmp_path)
    assert benchmarks.render(tmp_path) == benchmarks.render(tmp_path)


def test_a_table_must_hold_strings_one_per_column():
    with pytest.raises(ValueError):
        benchmarks.table("t", ["a", "b"], [["1"]])
    with pytest.raises(ValueError):
        benchmarks.table("t", ["a"], [[0.318]])


def test_a_run_records_its_environment_and_git_agrees_on_the_commit():
    environment = benchmarks.Run().environment(chromium="156", pyodide="314.0.7")
    assert set(environment) == {"date", "commit", "cores", "load_average", "chromium", "pyodide", "python"}
    assert environment["date"].endswith("Z")
    assert len(environment["load_average"]["start"]) == len(environment["load_average"]["end"]) == 3
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=benchmarks.ROOT, check=False
    )
    if head.returncode == 0:
        assert environment["commit"].removesuffix("-dirty") == head.stdout.strip()
