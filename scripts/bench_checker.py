#!/usr/bin/env python3
"""Benchmark: how fast the checker validates filings, in CPython, under Pyodide in Node, and in batches.

1. One whole filing (an entity and two websites, `checker.filing.example()`) validated in CPython: the median
   of many timed runs (budget: 1 ms).
2. Under Pyodide in Node (npm `pyodide`, offline): `import checker` plus the first full validation, timed
   inside Pyodide after the runtime has started (budget: 150 ms), from the wheel the build ships.
3. `icp-check validate` on generated CSV files of growing size (default 10,000, 50,000 and 100,000 rows):
   rows per second and the peak resident memory of the process, which must stay flat as the rows grow.

Timings on a shared machine are noisy: compare figures from one run, not across runs. Nothing is asserted: the
budgets are printed with PASS or MISS. Prints three tables and writes them, with the raw figures, to
artifacts/bench-checker.json (BENCHMARKS.md's source).

    make bench            # the page benchmark, then this
    .venv/bin/python scripts/bench_checker.py --rows 10000 100000 --skip-pyodide
    .venv/bin/python scripts/bench_checker.py --rows 1000 --pyodide-runs 1 --out /tmp/bench-checker.json  # quick
"""

from __future__ import annotations

import argparse
import csv
import json
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

import benchmarks  # noqa: E402 - scripts/ is on the path as the script's own folder
from checker import filing, filing_io, org_code, resident_id, uscc  # noqa: E402 - after the path is set

OUT = ROOT / "artifacts" / "bench-checker.json"
BUDGET_MS = {"cpython_median": 1.0, "pyodide_first": 150.0}
# Peak memory counts as flat when the largest batch's is within this of the smallest's (allocator noise).
FLAT_MIB, FLAT_SHARE = 2.0, 0.05


def varied_filings(count: int) -> list[dict]:
    """`count` different filings as plain data (the CSV rows below, read as `icp-check validate` reads them)."""
    return [filing_io.row_to_filing(dict(zip(filing_io.columns(2), row, strict=False)), [1, 2]) for row in rows(count)]


def bench_cpython(runs: int = 2000) -> dict:
    """Each run a different filing (the checker remembers recent domain conversions: the same filing again and
    again would flatter it)."""
    filings = varied_filings(runs)
    filing.report(filing.example())  # tables read once, as in any long-running use
    times = []
    for data in filings:
        start = time.perf_counter()
        filing.report(data)
        times.append(time.perf_counter() - start)
    times.sort()
    return {
        "runs": runs,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(len(times) * 0.95)] * 1000,
    }


def bench_pyodide(runs: int, filings: int, directory: Path) -> dict:
    """Medians over `runs` fresh Node processes (each a cold Pyodide); after the first validation, each process
    validates the same `filings` different filings as the CPython part, once each."""
    path = directory / "filings.json"
    path.write_text(json.dumps(varied_filings(filings), ensure_ascii=False), encoding="utf-8")
    samples = []
    for _ in range(runs):
        result = subprocess.run(
            ["node", str(ROOT / "scripts" / "bench_pyodide.mjs"), str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        if result.returncode != 0:
            raise SystemExit(f"bench_pyodide.mjs failed:\n{result.stderr}")
        samples.append(dict(line.split("=", 1) for line in result.stdout.split() if "=" in line))
    keys = ("start_ms", "first_ms", "worker_ms", "median_ms", "p95_ms")
    return {
        **{key: statistics.median(float(s[key]) for s in samples) for key in keys},
        "pyodide": samples[0]["pyodide"],
        "runs": runs,
        "filings": int(samples[0]["filings"]),
        "first_all": [float(s["first_ms"]) for s in samples],
        "worker_all": [float(s["worker_ms"]) for s in samples],
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


def speed_table(cpython: dict, pyodide: dict | None) -> dict:
    def runs(values: list[float]) -> str:
        return "runs: " + ", ".join(f"{x:.0f}" for x in values)

    table_rows = [
        [
            f"one filing (an entity and two websites), CPython {sys.version.split()[0]}, {cpython['runs']:,} distinct",
            f"{cpython['median_ms']:.3f} ms",
            f"p95 {cpython['p95_ms']:.3f} ms",
        ]
    ]
    if pyodide:
        where = f"Pyodide {pyodide['pyodide']} in Node"
        table_rows += [
            [
                f"import checker + first full validation, {where}, {pyodide['runs']} cold run"
                + ("s" if pyodide["runs"] != 1 else ""),
                f"{pyodide['first_ms']:.1f} ms",
                runs(pyodide["first_all"]),
            ],
            [
                f"the worker's start-up before it says ready, {where}",
                f"{pyodide['worker_ms']:.1f} ms",
                runs(pyodide["worker_all"]),
            ],
            ["Pyodide itself starting in Node (not the checker's cost)", f"{pyodide['start_ms']:.0f} ms", ""],
            [
                f"one filing after the first, {where}, {pyodide['filings']:,} distinct",
                f"{pyodide['median_ms']:.3f} ms",
                f"p95 {pyodide['p95_ms']:.3f} ms",
            ],
        ]
    notes = ["Medians; each filing is validated once (the checker remembers recent domain conversions)."]
    if not pyodide:
        notes.append("Pyodide not measured (--skip-pyodide).")
    return benchmarks.table("The checker's speed", ("measure", "median", "detail"), table_rows, notes)


def batch_table(batches: list[dict]) -> dict:
    return benchmarks.table(
        "icp-check validate on generated CSV files (varied filings, about one in ten with a mistyped ID number)",
        ("rows", "file MiB", "seconds", "rows/s", "peak memory MiB"),
        [
            [
                f"{b['rows']:,}",
                f"{b['bytes'] / 2**20:.1f}",
                f"{b['seconds']:.1f}",
                f"{b['rows_per_s']:,.0f}",
                f"{b['peak_mib']:.1f}",
            ]
            for b in batches
        ],
        ["Each file in a process of its own (the installed command's code path); peak memory is its resident peak."],
    )


def budget_table(cpython: dict, pyodide: dict | None, batches: list[dict]) -> dict:
    budget_rows = [
        benchmarks.budget_row(
            f"one filing in CPython: median ≤ {BUDGET_MS['cpython_median']:g} ms",
            f"{cpython['median_ms']:.3f} ms",
            cpython["median_ms"] <= BUDGET_MS["cpython_median"],
        )
    ]
    if pyodide:
        budget_rows.append(
            benchmarks.budget_row(
                f"import checker + first full validation under Pyodide: median ≤ {BUDGET_MS['pyodide_first']:g} ms",
                f"{pyodide['first_ms']:.1f} ms",
                pyodide["first_ms"] <= BUDGET_MS["pyodide_first"],
            )
        )
    if len(batches) >= 2:
        smallest, largest = batches[0]["peak_mib"], batches[-1]["peak_mib"]
        budget_rows.append(
            benchmarks.budget_row(
                f"icp-check validate's peak memory flat from {batches[0]['rows']:,} to {batches[-1]['rows']:,} rows",
                f"{smallest:.1f} → {largest:.1f} MiB",
                largest - smallest <= max(FLAT_MIB, smallest * FLAT_SHARE),
            )
        )
    return benchmarks.table(
        "Budgets",
        benchmarks.BUDGET_COLUMNS,
        budget_rows,
        [f"Flat: the largest batch's peak within {FLAT_MIB:g} MiB or {FLAT_SHARE:.0%} of the smallest's."],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--skip-pyodide", action="store_true")
    parser.add_argument("--pyodide-runs", type=int, default=5, help="cold Node processes (default %(default)s)")
    parser.add_argument("--out", type=Path, default=OUT, help="raw data and tables, JSON (default: %(default)s)")
    args = parser.parse_args(argv)

    run = benchmarks.Run()
    with tempfile.TemporaryDirectory() as scratch:
        cpython = bench_cpython()
        print(f"CPython: median {cpython['median_ms']:.3f} ms", flush=True)
        pyodide = None if args.skip_pyodide else bench_pyodide(args.pyodide_runs, 300, Path(scratch))
        if pyodide:
            print(f"Pyodide: first validation {pyodide['first_ms']:.1f} ms", flush=True)
        batches = []
        for count in sorted(args.rows):
            batches.append(bench_batch(count, Path(scratch)))
            print(f"icp-check validate, {count:,} rows: {batches[-1]['seconds']:.1f} s", flush=True)
    tables = [speed_table(cpython, pyodide), batch_table(batches), budget_table(cpython, pyodide, batches)]
    for each in tables:
        benchmarks.print_table(each)
    environment = run.environment(pyodide=pyodide["pyodide"] if pyodide else None)
    benchmarks.write_artifact(
        args.out, environment, tables, {"cpython": cpython, "pyodide": pyodide, "batches": batches}
    )
    print(f"\nRaw data: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
