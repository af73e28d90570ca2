"""Precompressed copies of the site's vendored runtime files: `<file>.br` and `<file>.gz` beside each, for a server
to send as they are (nginx's `brotli_static` and `gzip_static`, scripts/local_site.py) instead of compressing on
every request, or never: brotli makes Pyodide's wasm less than a third of its size.

Not a hook of its own: hooks/vendor.py starts the compression as soon as a hook names its files (a `Vendored`, made
in on_config or on_pre_build) and writes the variants when it copies the files into the site (on_post_build).
brotli at its best setting takes tens of seconds on the largest files (Pyodide's wasm; the memory snapshot, which
gets a faster setting: LARGE) and releases the GIL, so the work runs in background threads while MkDocs builds the
pages; each result is kept in `build/precompressed/` under the source's SHA-256 and the settings, so the next build,
and the second language's copy, reuse it.

A variant is kept only when it is at most 95% of the original (python_stdlib.zip is compressed already: none), and
only for files of at least 1 KB (below that the headers cost more than a variant saves). A variant no longer kept
is removed from the site, so a server never sends a stale one.
"""

from __future__ import annotations

import filecmp
import gzip
import hashlib
import itertools
import os
import queue
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import brotli
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
# Compressed files of earlier builds, named `<sha256 of the source>-<settings><suffix>`.
CACHE = ROOT / "build" / "precompressed"
# The cache's size limit: the least recently used files beyond it go (every new wheel brings a new snapshot).
CACHE_LIMIT = 1 << 30
MIN_SIZE = 1024
# A variant is kept when it is at most this share of the original's size.
KEEP_AT_MOST = 0.95


@dataclass(frozen=True)
class Encoding:
    """A Content-Encoding: the suffix of its files, its settings (part of the cache's names) and its compressor."""

    name: str
    suffix: str
    settings: str
    compress: Callable[[bytes], bytes]


# brotli's best setting on the memory snapshot (16 MB, made anew with every wheel, so never in the cache) takes
# 40 s here, setting 9 takes 3 s for 15% more bytes; the files below this size are Pyodide's and Mermaid's, made
# once per version, and get the best.
LARGE = 12_000_000


def _brotli(data: bytes) -> bytes:
    return brotli.compress(data, quality=9 if len(data) >= LARGE else 11, lgwin=24)


# In the order a server prefers them: brotli's files are the smaller.
ENCODINGS = (
    Encoding("br", ".br", f"brotli-q11-w24-q9-from-{LARGE}", _brotli),
    # mtime 0: no time in the header, so the same file compresses to the same bytes in every build.
    Encoding("gzip", ".gz", "gzip-9", lambda data: gzip.compress(data, compresslevel=9, mtime=0)),
)


def start(files: list[tuple[Path, str]]) -> None:
    """Begin compressing each source (with its SHA-256) in the background, the largest first, unless it is small
    or its compressed files are cached or under way already."""
    for source, digest in sorted(files, key=lambda file: -file[0].stat().st_size):
        if source.stat().st_size >= MIN_SIZE:
            for encoding in ENCODINGS:
                _job(source, digest, encoding)


def variants(source: Path, digest: str) -> dict[str, Path]:
    """The variants kept for `source` (SHA-256 `digest`): suffix → the cached file; waits for the compression."""
    size = source.stat().st_size
    if size < MIN_SIZE:
        return {}
    jobs = [(encoding, _job(source, digest, encoding)) for encoding in ENCODINGS]
    done = {encoding.suffix: job.result() for encoding, job in jobs}
    return {suffix: cached for suffix, cached in done.items() if cached.stat().st_size <= KEEP_AT_MOST * size}


def write_beside(source: Path, digest: str, target: Path) -> None:
    """Write the variants kept for `source` beside its copy `target` (`target.br`, `target.gz`) unless they are
    there already, and remove any other: a variant of an earlier build must never be sent for a new file."""
    kept = variants(source, digest)
    for encoding in ENCODINGS:
        variant = target.with_name(target.name + encoding.suffix)
        cached = kept.get(encoding.suffix)
        if cached is None:
            variant.unlink(missing_ok=True)
        elif not (variant.is_file() and filecmp.cmp(cached, variant, shallow=False)):
            shutil.copyfile(cached, variant)


# --- Background compression -------------------------------------------------------------------------------------

_lock = threading.Lock()
# The cached file → its compression, under way or done, in this process.
_jobs: dict[Path, Future[Path]] = {}
# (-size, order, job, compress): the largest file waiting is compressed first, since it takes longest.
_waiting: queue.PriorityQueue[tuple[int, int, Future[Path], Callable[[], Path]]] = queue.PriorityQueue()
_order = itertools.count()
_workers: list[threading.Thread] = []


def _job(source: Path, digest: str, encoding: Encoding) -> Future[Path]:
    """The compression of `source` into the cache: a finished one when cached, else the one under way or a new one."""
    cached = CACHE / f"{digest}-{encoding.settings}{encoding.suffix}"
    with _lock:
        job = _jobs.get(cached)
        if job is not None and not (job.done() and (job.exception() or not cached.is_file())):
            return job
        job = _jobs[cached] = Future()
        if cached.is_file():
            os.utime(cached)  # used: the cache keeps the most recently used files
            job.set_result(cached)
            return job
        _waiting.put((-source.stat().st_size, next(_order), job, lambda: _compress(source, digest, encoding, cached)))
        # Daemon threads, as many as there are cores: a build that fails exits at once instead of waiting for brotli.
        if len(_workers) < (os.cpu_count() or 1):
            _workers.append(threading.Thread(target=_work, name="precompress", daemon=True))
            _workers[-1].start()
        return job


def _work() -> None:
    while True:
        _, _, job, compress = _waiting.get()
        if job.set_running_or_notify_cancel():
            try:
                job.set_result(compress())
            except BaseException as error:  # the build's thread sees it when it waits for the job
                job.set_exception(error)


def _compress(source: Path, digest: str, encoding: Encoding, cached: Path) -> Path:
    """Compress `source` into `cached` (written whole or not at all: another build may be reading the cache)."""
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise PluginError(f"{source} changed during the build: build again")
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f"{cached.name}.{os.getpid()}-{threading.get_ident()}.partial")
    partial.write_bytes(encoding.compress(data))
    partial.replace(cached)
    _prune()
    return cached


def _prune() -> None:
    """Remove the least recently used files beyond CACHE_LIMIT, never one this process uses."""
    with _lock:
        used = set(_jobs)
    entries = []
    for path in CACHE.iterdir():
        try:
            stat = path.stat()
        except FileNotFoundError:  # removed by another build meanwhile
            continue
        entries.append((stat.st_mtime, stat.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= CACHE_LIMIT:
            break
        if path not in used:
            path.unlink(missing_ok=True)
            total -= size
