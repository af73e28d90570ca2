import json
from pathlib import Path

import pytest

import update_provider_ranges  # scripts/ is on pytest's pythonpath
from checker import _tables

SHIPPED = Path(_tables.DATA) / "provider-ranges"


def good():
    return {
        "provider": "Tencent Cloud",
        "source": "MISP/misp-warninglists lists/tencent-cloud/list.json (CC0-1.0)",
        "source_version": 20261201,
        "derivation": "Prefixes announced by Tencent's autonomous systems.",
        "cidrs": ["1.12.0.0/14", "2402:4e00::/32", "43.136.0.0/13"],
    }


@pytest.fixture
def folders(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    source.mkdir()
    target.mkdir()
    return source, target


def test_a_refresh_checks_then_copies_the_files_as_they_are(folders):
    source, target = folders
    text = json.dumps(good(), indent=1)
    (source / "tencent-cloud.json").write_text(text, encoding="utf-8")
    assert update_provider_ranges.refresh(source, target) == [
        "tencent-cloud: Tencent Cloud, version 20261201 (2026-12-01): 2 IPv4 and 1 IPv6 networks"
    ]
    assert (target / "tencent-cloud.json").read_text(encoding="utf-8") == text
    update_provider_ranges.refresh(source, target)  # over the read-only copy


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"cidrs": ["1.12.0.0/14", "1.12.0.0/14"]}, "listed twice"),
        ({"cidrs": ["1.12.0.1/14"]}, "has host bits set"),
        ({"cidrs": ["1.12.0.0/33"]}, "is not a network"),
        ({"cidrs": [17563648]}, "is not a network written as text"),
        ({"cidrs": []}, "cidrs must be a list"),
        ({"source_version": 20261301}, "is not a date"),
        ({"provider": "Tencent"}, "is 'Tencent Cloud' in checker/data/providers.tsv"),
        ({"derivation": ""}, "derivation must be text"),
        ({"extra": 1}, "exactly the keys"),
    ],
)
def test_a_bad_file_stops_the_refresh_and_nothing_is_copied(folders, change, problem):
    source, target = folders
    (source / "alibaba-cloud.json").write_bytes((SHIPPED / "alibaba-cloud.json").read_bytes())
    (source / "tencent-cloud.json").write_text(json.dumps({**good(), **change}), encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        update_provider_ranges.refresh(source, target)
    assert list(target.iterdir()) == []


def test_a_new_provider_needs_its_names_first(folders):
    source, target = folders
    (source / "aws.json").write_text(json.dumps({**good(), "provider": "AWS"}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"no names for 'aws' in checker/data/providers\.tsv"):
        update_provider_ranges.refresh(source, target)


def test_the_shipped_files_pass_their_own_check():
    assert len(update_provider_ranges.refresh(SHIPPED, SHIPPED)) == len(_tables.providers())  # checked, not copied


def test_a_failed_refresh_exits_1_saying_why(tmp_path, capsys):
    assert update_provider_ranges.main([str(tmp_path)]) == 1
    assert "no provider files" in capsys.readouterr().err
