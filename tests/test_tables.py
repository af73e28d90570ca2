import ipaddress
import subprocess
import sys
from pathlib import Path

import pytest

import checker
from checker import _tables

# Every row of GB/T 2260 as the checker ships it (checker/data/regions.tsv), read here as a table: the checker
# itself looks regions up one code at a time.
REGIONS = {code: _tables.Region(code, zh, en) for code, zh, en in _tables.rows("regions.tsv")}


@pytest.mark.skipif(sys.platform == "emscripten", reason="starts a fresh Python in a subprocess")
def test_importing_the_checker_parses_no_table():
    # In the browser every table parsed is start-up time: tables load on first use only, and the modules the
    # checker avoids for start-up's sake (tomllib, importlib.resources) are not imported at all.
    modules = sorted(path.stem for path in Path(checker.__file__).parent.glob("[a-z]*.py"))
    code = (
        f"import sys, checker; import {', '.join('checker.' + m for m in modules)};"
        " caches = [f for m in list(sys.modules.values()) if m and m.__name__.startswith('checker')"
        "           for f in vars(m).values() if hasattr(f, 'cache_info') and f.__module__ == m.__name__];"
        " print(len(caches), sum(f.cache_info().currsize for f in caches),"
        "       'tomllib' in sys.modules, 'importlib.resources' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    tables, read, tomllib, resources = out.stdout.split()
    assert int(tables) >= 10 and read == "0", out.stdout  # the tables of _tables, the catalogue, entity types…
    assert (tomllib, resources) == ("False", "False")
    assert "foreign_prid" in modules and "uscc" in modules


def test_regions():
    assert _tables.province("440305").name_en == "Guangdong"
    assert _tables.region("440305").name_zh == "南山区"
    assert _tables.province("81").name_zh == "香港特别行政区"
    assert _tables.region("449999") is None
    assert all(len(code) in (2, 6) for code in REGIONS)
    provinces = [region for code, region in REGIONS.items() if len(code) == 2]
    assert len(provinces) == 34 and all(region.name_en for region in provinces)


def test_every_authority_has_its_row_and_every_category_an_authority():
    categories = _tables.uscc_categories()
    authorities = {a for a, c in categories if c == ""}
    assert authorities == set("123456789ANY")
    assert {a for a, c in categories} == authorities


def test_countries_by_both_codes():
    assert _tables.countries()["USA"] is _tables.countries()["840"]
    assert _tables.countries()["DEU"].name_zh == "德国"


def test_provider_ranges_are_shipped_with_their_source():
    assert _tables.providers() == ["alibaba-cloud", "huawei-cloud", "tencent-cloud"]
    tencent = _tables.provider_ranges("tencent-cloud")
    assert tencent.provider == "Tencent Cloud" and "RIPEstat" in tencent.derivation and "version 2026" in tencent.source
    assert {network.version for network in tencent.networks} == {4, 6}
    assert any(ipaddress.ip_address("1.12.0.1") in network for network in tencent.networks)
    with pytest.raises(FileNotFoundError):
        _tables.provider_ranges("no-such-cloud")


def test_data_kept_in_memory_reads_as_the_files_do(monkeypatch):
    """The browser's snapshot (checker.browser.prepare_snapshot) keeps every data file in memory, because a
    restored Pyodide has no files: what is read from memory must be what the files say, names and all."""
    monkeypatch.setattr(_tables, "_in_memory", None)
    on_disk = {name: _tables.read_text(name) for name in ("regions.tsv", "findings.json")}
    ranges = sorted(_tables.list_data("provider-ranges"))
    kept = _tables.keep_in_memory()
    assert kept == sum(len(text) for text in _tables._in_memory.values()) > sum(map(len, on_disk.values()))
    monkeypatch.setattr(_tables, "DATA", "/nowhere")  # no file is read any more
    assert {name: _tables.read_text(name) for name in on_disk} == on_disk
    assert sorted(_tables.list_data("provider-ranges")) == ranges and ranges
    assert _tables.read_text("provider-ranges/" + ranges[0]).startswith("{")
    with pytest.raises(FileNotFoundError, match=r"no data file 'missing\.tsv'"):
        _tables.read_text("missing.tsv")
