"""scripts/provincial_coverage.py: the provincial rules table's coverage, on a small planted table whose figures are
counted by hand below (each expected number says which rows make it)."""

from __future__ import annotations

import provincial_coverage as coverage  # scripts/ is on pytest's pythonpath
from checker.provincial import ProvincialRule


def row(province: str, entity: str, rule: str, value: str, source: str, date: str = "2024") -> ProvincialRule:
    note = ("见说明", "see the note") if rule in ("note", "material") else ("", "")
    return ProvincialRule(province, entity, rule, value, source, "a/document.md", date, "high", *note, line=0)


ROWS = [
    row("11", "unit", "pic-legal-rep", "required", "alpha", "2017-06-05"),
    row("11", "unit", "pic-legal-rep", "free", "beta"),  # the one conflict: 11, units, pic-legal-rep
    row("11", "individual", "landline", "mobile-allowed", "alpha"),
    row("11", "unit", "landline", "mobile-allowed", "alpha"),  # another entity kind: no conflict
    row("12", "unit", "landline", "required", "beta", "2026-02-27"),
    row("12", "unit", "landline", "required", "alpha"),  # the same value: two sources, no conflict
    row("12", "*", "material", "commitment-letter", "gamma"),  # a rule outside the two counted
    row("13", "unit", "note", "note", "beta"),
    row("71", "unit", "pic-legal-rep", "required", "alpha"),  # a province outside the three counted
]
PROVINCES = ["11", "12", "13"]
RULES = ["pic-legal-rep", "landline"]
HEADER = "# The provincial bureaus' rules.\n# Source: somewhere. Collected 2026-12-05.\n11\tunit\t…\n"


def test_the_figures_of_a_planted_table():
    figures = coverage.coverage(ROWS, PROVINCES, RULES, HEADER)
    assert (figures.provinces, figures.rules, figures.cells) == (3, 2, 6)
    # Filled: 11 × pic-legal-rep, 11 × landline, 12 × landline; 12 × pic-legal-rep and all of 13 are empty.
    assert (figures.filled, figures.percent) == (3, 50.0)
    # Every row of the table, by source, most first: alpha 5 (71's included), beta 3, gamma 1.
    assert figures.rows_per_source == {"alpha": 5, "beta": 3, "gamma": 1}
    assert list(figures.rows_per_source) == ["alpha", "beta", "gamma"]
    # Sources per filled cell: 2 (alpha, beta), 1 (alpha), 2 (beta, alpha): mean 5 / 3, two cells with two.
    assert (figures.mean_sources, figures.several_sources) == (1.67, 2)
    assert figures.conflicts == 1
    assert (figures.collected, figures.oldest, figures.newest) == ("2026-12-05", "2017-06-05", "2026-02-27")


def test_a_conflict_is_a_province_entity_and_rule_not_a_row():
    three = [*ROWS, row("11", "unit", "pic-legal-rep", "authorised", "gamma")]  # a third value: still one conflict
    assert coverage.coverage(three, PROVINCES, RULES).conflicts == 1
    individuals = [*ROWS, row("11", "individual", "landline", "required", "beta")]  # a second one
    assert coverage.coverage(individuals, PROVINCES, RULES).conflicts == 2


def test_materials_remarks_and_notes_add_up_and_never_conflict():
    added = [*ROWS, row("12", "*", "material", "website-plan", "alpha"), row("13", "unit", "note", "note", "alpha")]
    assert coverage.coverage(added, PROVINCES, RULES).conflicts == 1


def test_an_empty_table_and_a_header_without_a_date():
    figures = coverage.coverage([], PROVINCES, RULES)
    assert (figures.filled, figures.percent, figures.mean_sources, figures.conflicts) == (0, 0.0, 0.0, 0)
    assert (figures.collected, figures.oldest, figures.newest) == ("", "", "")


def test_the_report_prints_each_figure():
    text = coverage.report(coverage.coverage(ROWS, PROVINCES, RULES, HEADER))
    assert "cells filled: 3 of 6 (50.0%" in text
    assert "rows per source: alpha 5, beta 3, gamma 1" in text
    assert "mean 1.67; cells with 2 or more: 2" in text
    assert "conflicts (province x entity x rule): 1" in text
    assert "collected: 2026-12-05; source dates 2017-06-05 to 2026-02-27" in text


def test_the_shipped_table_covers_every_mainland_province():
    figures = coverage.table_coverage()
    assert figures.provinces == 31 and figures.rules == len(coverage.MAIN_RULES)
    assert 0 < figures.filled <= figures.cells
