#!/usr/bin/env python3
"""Benchmark: how fast the checker validates filings, in CPython, under Pyodide in Node, and in batches.

1. One whole filing (an entity and two websites, `checker.filing.example()`) validated in CPython: the median
   of many timed runs (budget: 1 ms).
2. Under Pyodide in Node (npm `pyodide`, offline): `import checker` plus the first full validation, timed
   inside Pyodide after the runtime has started (budget: 150 ms), from the wheel the build ships.
3. `icp-check validate` on generated CSV files of growing size (default 10,000, 50,000 and 100,000 rows):
   rows per second and the peak resident memory of the process, which must stay flat as the rows grow.

Timings on a shared machine are noisy: compare figures from one run, not across runs. Nothing is asserted.

    make bench            # the page benchmark, then this
    .venv/bin/python scripts/bench_checker.py --rows 10000 100000 --skip-pyodide
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import filing, filing_io, org_code, resident_id, uscc  # noqa: E402 - after the path is set


def bench_cpython(runs: int = 2000) -> dict:
    """Each run a different filing (the checker remembers recent domain conversions: the same filing again and
    again would flatter it)."""
    filings = [
        filing_io.row_to_filing(dict(zip(filing_io.columns(2), row, strict=False)), [1, 2]) for row in rows(runs)
    ]
    filing.report(filing.example())  # tables read once, as in any long-running use
    times = []
    for data in filings:
        start = time.perf_counter()
        filing.report(data)
        times.append(time.perf_counter() - start)
    times.sort()
    return {"median_ms": statistics.median(times) * 1000, "p95_ms": times[int(len(times) * 0.95)] * 1000}


def bench_pyodide(runs: int = 5) -> dict:
    """Medians over `runs` fresh Node processes (each a cold Pyodide)."""
    samples = []
    for _ in range(runs):
        result = subprocess.run(
            ["node", str(ROOT / "scripts" / "bench_pyodide.mjs")], capture_output=True, text=True, cwd=ROOT, timeout=300
        )
        if result.returncode != 0:
            raise SystemExit(f"bench_pyodide.mjs failed:\n{result.stderr}")
        samples.append(dict(line.split("=", 1) for line in result.stdout.split() if "=" in line))
    figures = {key: statistics.median(float(s[key]) for s in samples) for key in ("start_ms", "first_ms", "median_ms")}
    return {
        **figures,
        "pyodide": samples[0]["pyodide"],
        "runs": runs,
        "first_all": [float(s["first_ms"]) for s in samples],
    }


def _person(rng: random.Random, born: int) -> list[str]:
    body = f"440305{born}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    number = body + resident_id.calc_check_digit(body)
    mobile = f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}"
    return [
        rng.choice("张王李赵陈") + rng.choice("伟芳娜敏静"),
        "resident-id",
        number,
        mobile,
        f"0755-8{rng.randint(0, 9_999_999):07d}",
        f"user{rng.randint(1, 10**6)}@example.com",
    ]


def rows(count: int, seed: int = 7) -> Iterator[list[str]]:
    """Varied enterprise filings with two websites, as CSV rows; about one in ten has a mistyped ID number."""
    rng = random.Random(seed)
    for n in range(count):
        body = f"91440300{rng.randint(10**7, 10**8 - 1)}"
        code = body + org_code.calc_check_digit(body[8:])  # the embedded organization code is checked too
        code += uscc.calc_check_digit(code)
        pic = _person(rng, rng.randint(1950, 2000))
        if rng.random() < 0.1:
            pic[2] = pic[2][:-1] + ("0" if pic[2][-1] != "0" else "1")  # a mistyped check character
        site_pic = _person(rng, rng.randint(1950, 2000))
        yield [
            "enterprise",
            f"深圳市示例{n}科技有限公司",
            "广东省",
            "uscc",
            code,
            *pic,
            f"137{rng.randint(0, 99_999_999):08d}",
            "示例科技官网",
            f"example{n}.com www.example{n}.com",
            *site_pic,
            "示例科技文档中心",
            f"example{n}.cn",
            *site_pic,
        ]


def write_csv(path: Path, count: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(filing_io.columns(2))
        writer.writerows(rows(count))


def bench_batch(rows: int, directory: Path) -> dict:
    path = directory / f"filings-{rows}.csv"
    write_csv(path, rows)
    # The installed script's code path (checker.cli.main), in a process of its own whose peak memory it reports.
    code = (
        "import resource, sys; from checker.cli import main; status = main(sys.argv[1:]);"
        " print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); raise SystemExit(status)"
    )
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, "validate", str(path), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"icp-check validate failed ({result.returncode}):\n{result.stderr}")
    peak_kib = int(result.stderr.split()[-1])
    return {
        "rows": rows,
        "seconds": elapsed,
        "rows_per_s": rows / elapsed,
        "peak_mib": peak_kib / 1024,
        "bytes": path.stat().st_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--skip-pyodide", action="store_true")
    args = parser.parse_args()

    print(f"checker benchmark, {datetime.date.today()}, Python {sys.version.split()[0]}")
    cpython = bench_cpython()
    print(
        f"CPython: one filing (entity + 2 websites): median {cpython['median_ms']:.3f} ms,"
        f" p95 {cpython['p95_ms']:.3f} ms (budget 1 ms)"
    )
    if not args.skip_pyodide:
        pyodide = bench_pyodide()
        print(
            f"Pyodide {pyodide['pyodide']} in Node, medians of {pyodide['runs']} cold runs: runtime start"
            f" {pyodide['start_ms']:.0f} ms (not in the budget); import checker + first full validation"
            f" {pyodide['first_ms']:.1f} ms"
            f" (budget 150 ms; runs: {', '.join(f'{x:.0f}' for x in pyodide['first_all'])});"
            f" then one filing {pyodide['median_ms']:.3f} ms"
        )
    with tempfile.TemporaryDirectory() as directory:
        for rows in args.rows:
            batch = bench_batch(rows, Path(directory))
            print(
                f"icp-check validate, {batch['rows']:,} CSV rows ({batch['bytes'] / 2**20:.1f} MiB):"
                f" {batch['seconds']:.1f} s, {batch['rows_per_s']:,.0f} rows/s,"
                f" peak memory {batch['peak_mib']:.1f} MiB"
            )


if __name__ == "__main__":
    main()
