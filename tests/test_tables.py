import subprocess
import sys
from pathlib import Path

import checker
from checker import _tables


def test_importing_the_checker_parses_no_table():
    # In the browser every table parsed is start-up time: tables load on first use only.
    modules = sorted(path.stem for path in Path(checker.__file__).parent.glob("[a-z]*.py"))
    code = (f"import checker, checker._tables as t; import {', '.join('checker.' + m for m in modules)};"
            " tables = [f for f in vars(t).values() if hasattr(f, 'cache_info')];"
            " print(len(tables), sum(f.cache_info().currsize for f in tables))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["8", "0"]  # eight tables, none read
    assert "foreign_prid" in modules and "uscc" in modules


def test_regions():
    assert _tables.province("440305").name_en == "Guangdong"
    assert _tables.region("440305").name_zh == "南山区"
    assert _tables.province("81").name_zh == "香港特别行政区"
    assert _tables.region("449999") is None
    assert all(len(code) in (2, 6) for code in _tables.regions())
    provinces = [region for code, region in _tables.regions().items() if len(code) == 2]
    assert len(provinces) == 34 and all(region.name_en for region in provinces)


def test_every_authority_has_its_row_and_every_category_an_authority():
    categories = _tables.uscc_categories()
    authorities = {a for a, c in categories if c == ""}
    assert authorities == set("123456789ANY")
    assert {a for a, c in categories} == authorities


def test_countries_by_both_codes():
    assert _tables.countries()["USA"] is _tables.countries()["840"]
    assert _tables.countries()["DEU"].name_zh == "德国"
