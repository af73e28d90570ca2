"""hooks/precompress.py: `.br` and `.gz` beside a vendored file, each decoding (by the brotli and gzip libraries) to
the file; kept only when it saves at least 5%; compressed once per content and settings; never left stale."""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import brotli
import pytest

import precompress
from precompress import Encoding

# Compressible text well above the size limit, small enough for brotli's best setting to take milliseconds.
TEXT = b"".join(b"def rule_%d(value):  # checks field %d\n    return value\n" % (n, n % 97) for n in range(600))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch) -> Path:
    """A cache of this test's own, and no compression remembered from another test (a new build process)."""
    monkeypatch.setattr(precompress, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(precompress, "_jobs", {})
    return tmp_path / "cache"


def counted(calls: list[str]) -> tuple[Encoding, ...]:
    """The real encodings, each call of a compressor recorded in `calls`."""

    def wrap(encoding: Encoding) -> Callable[[bytes], bytes]:
        def compress(data: bytes) -> bytes:
            calls.append(encoding.name)
            return encoding.compress(data)

        return compress

    return tuple(
        Encoding(encoding.name, encoding.suffix, encoding.settings, wrap(encoding))
        for encoding in precompress.ENCODINGS
    )


def test_the_variants_decode_to_the_file(tmp_path):
    source = write(tmp_path / "src/pyodide.asm.mjs", TEXT)
    target = write(tmp_path / "site/assets/pyodide.asm.mjs", TEXT)
    precompress.write_beside(source, digest(source), target)
    br, gz = target.with_name(target.name + ".br"), target.with_name(target.name + ".gz")
    assert brotli.decompress(br.read_bytes()) == TEXT
    assert gzip.decompress(gz.read_bytes()) == TEXT
    assert br.stat().st_size < gz.stat().st_size < 0.95 * len(TEXT)


def test_gzip_holds_no_time_so_every_build_writes_the_same_bytes(tmp_path, cache):
    source = write(tmp_path / "a.js", TEXT)
    first = precompress.variants(source, digest(source))[".gz"].read_bytes()
    assert first[4:8] == b"\0\0\0\0"  # MTIME (RFC 1952): none
    for cached in cache.iterdir():
        cached.unlink()
    assert precompress.variants(source, digest(source))[".gz"].read_bytes() == first


def test_an_incompressible_file_gets_no_variant(tmp_path):
    noise = os.urandom(64 * 1024)  # as python_stdlib.zip: compressed already
    source = write(tmp_path / "python_stdlib.zip", noise)
    assert precompress.variants(source, digest(source)) == {}
    target = write(tmp_path / "site/python_stdlib.zip", noise)
    precompress.write_beside(source, digest(source), target)
    assert sorted(path.name for path in target.parent.iterdir()) == ["python_stdlib.zip"]


def test_a_variant_saving_less_than_5_percent_is_not_kept(tmp_path):
    # Random bytes, then a compressible tail: brotli and gzip save about 3% and 1%.
    data = os.urandom(32 * 1024) + TEXT[:1200]
    source = write(tmp_path / "a.wasm", data)
    cached = {encoding.suffix: encoding.compress(data) for encoding in precompress.ENCODINGS}
    assert all(0.95 * len(data) < len(compressed) < len(data) for compressed in cached.values())
    assert precompress.variants(source, digest(source)) == {}


def test_a_small_file_is_not_compressed(tmp_path, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(precompress, "ENCODINGS", counted(calls))
    source = write(tmp_path / "pyodide.mjs", TEXT[: precompress.MIN_SIZE - 1])
    precompress.start([(source, digest(source))])
    assert precompress.variants(source, digest(source)) == {}
    assert calls == []


def test_a_second_build_reuses_the_compressed_files(tmp_path, monkeypatch, cache):
    calls: list[str] = []
    monkeypatch.setattr(precompress, "ENCODINGS", counted(calls))
    source = write(tmp_path / "mermaid.min.js", TEXT)
    first = precompress.variants(source, digest(source))
    assert sorted(calls) == ["br", "gzip"]
    assert precompress.variants(source, digest(source)) == first  # the second language's copy
    monkeypatch.setattr(precompress, "_jobs", {})  # a new build: only the cache is left
    second = precompress.variants(source, digest(source))
    assert sorted(calls) == ["br", "gzip"]
    assert {suffix: path.read_bytes() for suffix, path in second.items()} == {
        suffix: path.read_bytes() for suffix, path in first.items()
    }
    write(source, TEXT + b"# changed\n")  # new content: compressed anew
    assert brotli.decompress(precompress.variants(source, digest(source))[".br"].read_bytes()).endswith(b"changed\n")
    assert sorted(calls) == ["br", "br", "gzip", "gzip"]


def test_other_settings_are_not_taken_from_the_cache(tmp_path, monkeypatch):
    source = write(tmp_path / "a.js", TEXT)
    precompress.variants(source, digest(source))
    calls: list[str] = []
    faster = tuple(
        Encoding(encoding.name, encoding.suffix, encoding.settings + "-other", encoding.compress)
        for encoding in counted(calls)
    )
    monkeypatch.setattr(precompress, "ENCODINGS", faster)
    precompress.variants(source, digest(source))
    assert sorted(calls) == ["br", "gzip"]


def test_compression_starts_in_the_background_when_the_files_are_named(tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()

    def slow(data: bytes) -> bytes:
        started.set()
        release.wait(10)
        return gzip.compress(data, mtime=0)

    monkeypatch.setattr(precompress, "ENCODINGS", (Encoding("gzip", ".gz", "slow", slow),))
    source = write(tmp_path / "a.wasm", TEXT)
    precompress.start([(source, digest(source))])
    assert started.wait(10), "start() did not begin compressing"
    release.set()
    assert gzip.decompress(precompress.variants(source, digest(source))[".gz"].read_bytes()) == TEXT


def test_a_failed_compression_stops_the_build_and_is_tried_again(tmp_path, monkeypatch):
    def broken(data: bytes) -> bytes:
        raise MemoryError("out of memory")

    monkeypatch.setattr(precompress, "ENCODINGS", (Encoding("gzip", ".gz", "t", broken),))
    source = write(tmp_path / "a.wasm", TEXT)
    with pytest.raises(MemoryError):
        precompress.variants(source, digest(source))
    monkeypatch.setattr(precompress, "ENCODINGS", (Encoding("gzip", ".gz", "t", gzip.compress),))
    assert set(precompress.variants(source, digest(source))) == {".gz"}


def test_a_stale_variant_is_removed(tmp_path):
    source = write(tmp_path / "src/checker.snapshot", TEXT)
    target = write(tmp_path / "site/checker.snapshot", TEXT)
    precompress.write_beside(source, digest(source), target)
    assert sorted(path.name for path in target.parent.iterdir()) == [
        "checker.snapshot",
        "checker.snapshot.br",
        "checker.snapshot.gz",
    ]
    noise = os.urandom(len(TEXT))  # the same name, now incompressible: the old variants must go
    write(source, noise)
    write(target, noise)
    precompress.write_beside(source, digest(source), target)
    assert sorted(path.name for path in target.parent.iterdir()) == ["checker.snapshot"]


def test_a_variant_left_by_hand_is_replaced_by_the_right_one(tmp_path):
    source = write(tmp_path / "src/a.js", TEXT)
    target = write(tmp_path / "site/a.js", TEXT)
    write(tmp_path / "site/a.js.br", brotli.compress(b"an older a.js"))
    precompress.write_beside(source, digest(source), target)
    assert brotli.decompress((tmp_path / "site/a.js.br").read_bytes()) == TEXT


def test_a_source_changed_under_way_is_not_cached_under_the_old_hash(tmp_path, cache):
    source = write(tmp_path / "a.js", TEXT)
    old = digest(source)
    write(source, TEXT + b"# newer\n")
    with pytest.raises(Exception, match="changed during the build"):
        precompress.variants(source, old)
    assert not any(cache.glob(f"{old}*"))


def test_the_cache_keeps_the_most_recently_used_within_its_limit(tmp_path, monkeypatch, cache):
    cache.mkdir()
    old = write(cache / "old.br", b"x" * 4000)
    recent = write(cache / "recent.br", b"x" * 4000)
    os.utime(old, (1, 1))
    # Room for the recent file and this build's, not for the old one as well.
    this_build = sum(len(encoding.compress(TEXT)) for encoding in precompress.ENCODINGS)
    monkeypatch.setattr(precompress, "CACHE_LIMIT", 4000 + this_build + 100)
    source = write(tmp_path / "a.js", TEXT)
    kept = precompress.variants(source, digest(source))
    assert not old.exists() and recent.exists()
    assert all(path.exists() for path in kept.values())  # this build's own files stay, whatever the limit


def test_a_file_from_the_large_size_on_gets_brotlis_faster_setting(monkeypatch):
    """brotli's best setting takes about 40 s on the 16 MB memory snapshot, made anew with every wheel; from
    precompress.LARGE on, setting 9. The choice is in the cache's name, so no file of the other setting is reused."""
    monkeypatch.setattr(precompress, "LARGE", 4096)
    small, large = os.urandom(1024) * 3, os.urandom(2048) * 3  # repetitive: compressible
    assert precompress._brotli(small) == brotli.compress(small, quality=11, lgwin=24)
    assert precompress._brotli(large) == brotli.compress(large, quality=9, lgwin=24)
    assert "q9-from-" in precompress.ENCODINGS[0].settings
