"""hooks/browser_runtime.py: the runtime files the build puts into the site, and where pages find them."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

import browser_runtime
from browser_runtime import PYODIDE_FILES, Runtime


def fake_pyodide(root: Path, version: str = "9.9.9", leave_out: str = "") -> Path:
    folder = root / "pyodide"
    folder.mkdir()
    (folder / "package.json").write_text(json.dumps({"version": version}))
    for name in PYODIDE_FILES:
        if name != leave_out:
            (folder / name).write_bytes(name.encode())
    (folder / "pyodide.mjs.map").write_text("{}")  # never copied
    return folder


def fake_checker(root: Path, wheel_age: float = 0.0) -> tuple[Path, Path]:
    """A checker source folder and a wheels folder whose wheel is `wheel_age` seconds newer than the source."""
    source = root / "checker"
    source.mkdir()
    (source / "__init__.py").write_text("")
    wheels = root / "wheels"
    wheels.mkdir()
    wheel = wheels / "icp_filing_self_check-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"wheel bytes")
    now = (source / "__init__.py").stat().st_mtime
    os.utime(wheel, (now + wheel_age, now + wheel_age))
    fake_snapshot(wheels)
    return source, wheels


def fake_snapshot(wheels: Path, pyodide: str = "9.9.9", data: bytes = b"memory") -> Path:
    """build/snapshot beside `wheels`, made (as scripts/make_snapshot.mjs says) from its one wheel."""
    folder = wheels.parent / "snapshot"
    folder.mkdir(exist_ok=True)
    (folder / "checker.snapshot").write_bytes(data)
    wheel = next(wheels.glob("*.whl"))
    made = {
        "pyodide": pyodide,
        "wheel": wheel.name,
        "wheel_sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }
    (folder / "snapshot.json").write_text(json.dumps(made))
    return folder


def test_the_runtime_is_copied_without_source_maps_and_the_wheel_is_named_by_its_hash(tmp_path):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    runtime = Runtime(fake_pyodide(tmp_path), wheels, source)
    site = tmp_path / "site"
    runtime.copy_into(site)
    copied = sorted(path.name for path in (site / "assets/pyodide/9.9.9").iterdir())
    assert copied == sorted(PYODIDE_FILES)
    assert runtime.pyodide_dir == "assets/pyodide/9.9.9"
    assert runtime.wheel_path.startswith("assets/checker/checker-") and runtime.wheel_path.endswith(".whl")
    assert (site / runtime.wheel_path).read_bytes() == b"wheel bytes"
    (wheels / next(wheels.iterdir()).name).write_bytes(b"other bytes")
    fake_snapshot(wheels)
    assert Runtime(tmp_path / "pyodide", wheels, source).wheel_path != runtime.wheel_path


@pytest.mark.parametrize("missing", PYODIDE_FILES)
def test_a_missing_pyodide_file_stops_the_build_saying_what_to_run(tmp_path, missing):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    with pytest.raises(PluginError, match=rf"no {missing}\): run `npm ci`"):
        Runtime(fake_pyodide(tmp_path, leave_out=missing), wheels, source)


def test_no_wheel_or_two_wheels_stop_the_build(tmp_path):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    pyodide = fake_pyodide(tmp_path)
    (wheels / "icp_filing_self_check-0.0.9-py3-none-any.whl").write_bytes(b"old")
    with pytest.raises(PluginError, match="found 2: run `make wheel`"):
        Runtime(pyodide, wheels, source)
    for wheel in wheels.iterdir():
        wheel.unlink()
    with pytest.raises(PluginError, match="found 0: run `make wheel`"):
        Runtime(pyodide, wheels, source)


def test_a_wheel_older_than_the_checker_stops_the_build(tmp_path):
    source, wheels = fake_checker(tmp_path, wheel_age=-10)
    with pytest.raises(PluginError, match=r"older than checker/__init__.py: run `make wheel`"):
        Runtime(fake_pyodide(tmp_path), wheels, source)


def test_pages_find_the_worker_pyodide_and_the_wheel_from_their_own_folder(tmp_path):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    runtime = Runtime(fake_pyodide(tmp_path), wheels, source)
    assert runtime.urls("..") == {
        "worker": "../assets/javascripts/checker-worker.mjs",
        "pyodide": "../assets/pyodide/9.9.9/pyodide.mjs",
        "wheel": f"../{runtime.wheel_path}",
        "snapshot": f"../{runtime.snapshot_path}",
        "snapshot_sha256": hashlib.sha256(b"memory").hexdigest(),
    }
    assert runtime.snapshot_path.startswith("assets/checker/checker-") and runtime.snapshot_path.endswith(".snapshot")


def test_the_site_records_the_hash_of_every_runtime_file(tmp_path):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    runtime = Runtime(fake_pyodide(tmp_path), wheels, source)
    site = tmp_path / "site"
    runtime.copy_into(site)
    manifest = json.loads((site / "assets/vendored.json").read_text())
    expected = {f"assets/pyodide/9.9.9/{name}" for name in PYODIDE_FILES} | {runtime.wheel_path, runtime.snapshot_path}
    assert set(manifest) == expected
    for path, entry in manifest.items():
        assert entry["sha256"] == hashlib.sha256((site / path).read_bytes()).hexdigest(), path


def test_a_page_before_the_runtime_is_prepared_prepares_it(tmp_path, monkeypatch):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    pyodide = fake_pyodide(tmp_path)
    for name, value in {"PYODIDE": pyodide, "WHEELS": wheels, "CHECKER": source}.items():
        monkeypatch.setattr(browser_runtime, name, value)
    prepared = browser_runtime.Prepared()
    assert prepared.current().urls(".") == Runtime(pyodide, wheels, source).urls(".")


def test_each_build_prepares_the_runtime_again(tmp_path, monkeypatch):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    for name, value in {"PYODIDE": fake_pyodide(tmp_path), "WHEELS": wheels, "CHECKER": source}.items():
        monkeypatch.setattr(browser_runtime, name, value)
    prepared = browser_runtime.Prepared()
    first = prepared.prepare().wheel_path
    next(wheels.iterdir()).write_bytes(b"a new wheel")  # `mkdocs serve` rebuilt after `make build`
    fake_snapshot(wheels)
    prepared.prepare()
    assert prepared.current().wheel_path != first


# --- the memory snapshot: shipped only when made from this wheel and this Pyodide ---------------------------


def test_a_missing_snapshot_stops_the_build_saying_what_to_run(tmp_path):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    (tmp_path / "snapshot" / "checker.snapshot").unlink()
    with pytest.raises(PluginError, match=r"no Pyodide memory snapshot in .*: run `make build`"):
        Runtime(fake_pyodide(tmp_path), wheels, source)


def test_a_snapshot_of_another_wheel_stops_the_build(tmp_path):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    next(wheels.iterdir()).write_bytes(b"a wheel made after the snapshot")
    with pytest.raises(PluginError, match=r"made from another wheel .*: run `make build`"):
        Runtime(fake_pyodide(tmp_path), wheels, source)


def test_a_snapshot_made_with_another_pyodide_stops_the_build(tmp_path):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    fake_snapshot(wheels, pyodide="9.9.8")
    with pytest.raises(PluginError, match=r"made with Pyodide 9.9.8, not 9.9.9: run `make build`"):
        Runtime(fake_pyodide(tmp_path), wheels, source)


def test_a_snapshot_whose_bytes_changed_stops_the_build(tmp_path):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    (tmp_path / "snapshot" / "checker.snapshot").write_bytes(b"memory, changed")
    with pytest.raises(PluginError, match=r"not the file snapshot.json describes: run `make build`"):
        Runtime(fake_pyodide(tmp_path), wheels, source)


def test_icp_snapshot_names_another_folder(tmp_path):
    source, wheels = fake_checker(tmp_path, wheel_age=10)
    elsewhere = tmp_path / "elsewhere"
    (tmp_path / "snapshot").rename(elsewhere)
    runtime = Runtime(fake_pyodide(tmp_path), wheels, source, elsewhere)
    assert runtime.snapshot == elsewhere / "checker.snapshot"
