#!/usr/bin/env python3
"""Benchmark: the DoH endpoint under load — requests a second, latency, errors and the server's memory.

Starts Debian's dnsmasq (the upstream, on a free port) and the real `icp-doh` command (one uvicorn worker, its
access log on as in production, written to a file), then loads it from a separate process: `--clients` HTTP/1.1
keep-alive connections, each sending its next request as soon as the last is answered (raw asyncio streams:
light enough for one core), for `--seconds` per scenario:

    cached     GET /resolve for a few names, all in the endpoint's cache (primed first)
    uncached   GET /resolve for a new name every time (n123.wild.test: dnsmasq answers every name under
               wild.test), so each goes upstream, and the cache fills to its bound and then evicts
    wire       GET /dns-query?dns=… (RFC 8484) for a few names, cached

On a machine with two cores or more, the server is pinned to the first and the load and dnsmasq to the others,
so that the client does not take the server's core. The server's resident memory (VmRSS) is sampled every 0.5 s:
"flat" compares the sample at a quarter of each scenario with its last. Timings on a shared machine are noisy:
compare figures from one run, and note the load average printed with them. Nothing is asserted; the budget
(one worker: at least 1,500 requests a second cached, p99 at most 50 ms, no errors, memory flat) is printed
beside the figures. Raw data, and the tables as printed (BENCHMARKS.md's source): artifacts/bench-doh.json.

    .venv/bin/python scripts/bench_doh.py                        # 50 clients, 20 s per scenario
    .venv/bin/python scripts/bench_doh.py --clients 20 --seconds 5 --scenarios cached
    .venv/bin/python scripts/bench_doh.py --clients 10 --seconds 2 --out /tmp/bench-doh.json   # quick
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import datetime
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import dns.message

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the real servers the tests start: tests/doh_servers.py

import benchmarks  # noqa: E402 - scripts/ is on the path as the script's own folder
from doh_servers import ALIAS, HOST, dnsmasq, free_port, icp_doh, resolver_arguments  # noqa: E402

OUT = ROOT / "artifacts" / "bench-doh.json"
SCENARIOS = ("cached", "uncached", "wire")
BUDGET = {"cached_rps": 1500, "p99_ms": 50}
# Small enough for the uncached scenario to fill the cache within the first quarter of its run even on a slow
# machine (a few hundred new names a second), so that what memory does after that shows a leak, not the cache
# filling; the default (10,000) fills the same way, only later.
CACHE_SIZE = 1_000
CACHED_NAMES = [(HOST, "A"), (HOST, "AAAA"), (ALIAS, "A"), (ALIAS, "AAAA"), (ALIAS, "CNAME")]
# Latencies kept per client, at most (a bound on the client's memory for long runs).
MAX_SAMPLES = 200_000
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length: *([0-9]+)", re.IGNORECASE)


# --- The load: run in its own process (`--load`) --------------------------------------------------------------


def targets(scenario: str, client: int) -> Iterator[bytes]:
    """The request targets one client sends, forever."""
    if scenario == "uncached":
        return (f"/resolve?name=n{client}-{number}.wild.test".encode() for number in itertools.count())
    if scenario == "wire":
        return itertools.cycle([f"/dns-query?dns={wire_param(name, rdtype)}".encode() for name, rdtype in CACHED_NAMES])
    return itertools.cycle([f"/resolve?name={name}&type={rdtype}".encode() for name, rdtype in CACHED_NAMES])


def wire_param(name: str, rdtype: str) -> str:
    query = dns.message.make_query(name, rdtype)
    query.id = 0
    return base64.urlsafe_b64encode(query.to_wire()).rstrip(b"=").decode()


async def one_client(
    port: int, paths: Iterator[bytes], deadline: float, latencies: list[float], outcomes: Counter
) -> None:
    reader = writer = None
    while time.perf_counter() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            started = time.perf_counter()
            writer.write(b"GET " + next(paths) + b" HTTP/1.1\r\nHost: bench\r\n\r\n")
            head = await reader.readuntil(b"\r\n\r\n")
            length = _CONTENT_LENGTH.search(head)
            if not length:
                raise ValueError("a response without Content-Length")
            await reader.readexactly(int(length[1]))
            if len(latencies) < MAX_SAMPLES:
                latencies.append(time.perf_counter() - started)
            outcomes[head[9:12].decode()] += 1
        except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
            outcomes[type(error).__name__] += 1
            if writer is not None:
                writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def load(port: int, scenario: str, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    outcomes: Counter = Counter()
    started = time.perf_counter()
    await asyncio.gather(
        *(
            one_client(port, targets(scenario, client), started + seconds, latencies, outcomes)
            for client in range(clients)
        )
    )
    elapsed = time.perf_counter() - started
    latencies.sort()
    requests = sum(outcomes.values())
    return {
        "requests": requests,
        "seconds": round(elapsed, 2),
        "rps": round(requests / elapsed),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 2) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 2) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2) if latencies else None,
        "errors": requests - outcomes["200"],
        "outcomes": dict(outcomes),
    }


# --- The run: servers, scenarios, memory ----------------------------------------------------------------------


class RssSampler:
    """The resident memory of a process, every half second, in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            self.samples.append(rss_mib(self.pid))
            if self._stop.wait(0.5):
                return

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(rss_mib(self.pid))

    def summary(self) -> dict:
        samples = self.samples
        at_25, end = samples[len(samples) // 4], samples[-1]
        return {
            "start": samples[0],
            "at_25": at_25,
            "peak": max(samples),
            "end": end,
            # Flat: what the last quarter adds is within 2 MiB or 5 % (allocator noise).
            "flat": end - at_25 <= max(2.0, at_25 * 0.05),
        }


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return round(kib / 1024, 1)


def pin(pid: int, cpus: set[int]) -> None:
    if cpus:
        os.sched_setaffinity(pid, cpus)


def run_scenario(port: int, scenario: str, clients: int, seconds: float, cpus: set[int]) -> dict:
    command = [
        sys.executable,
        __file__,
        "--load",
        str(port),
        "--scenarios",
        scenario,
        "--clients",
        str(clients),
        "--seconds",
        str(seconds),
    ]
    load_process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    pin(load_process.pid, cpus)
    output, _ = load_process.communicate(timeout=seconds + 60)
    if load_process.returncode:
        raise RuntimeError(f"the load process failed ({load_process.returncode})")
    return json.loads(output)


def prime(port: int) -> None:
    """Put the cached scenarios' names into the cache (one request each) and check that they are answered."""

    async def ask() -> dict:
        return await load(port, "cached", clients=1, seconds=0.2)

    result = asyncio.run(ask())
    if result["errors"]:
        raise RuntimeError(f"the endpoint does not answer: {result['outcomes']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent keep-alive connections (default 50)")
    parser.add_argument("--seconds", type=float, default=20, help="length of each scenario (default 20)")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write the figures (default {OUT})")
    parser.add_argument(
        "--ports", type=int, nargs=2, metavar=("DNS", "HTTP"), help="dnsmasq's and icp-doh's ports (default: free ones)"
    )
    parser.add_argument("--load", type=int, metavar="PORT", help=argparse.SUPPRESS)  # the load process itself
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 1000 or not 0 < args.seconds <= 600:
        parser.error("--clients is 1 to 1000 and --seconds more than 0 and at most 600")

    if args.load:
        print(json.dumps(asyncio.run(load(args.load, args.scenarios[0], args.clients, args.seconds))))
        return 0

    run = benchmarks.Run()
    cpus = sorted(os.sched_getaffinity(0))
    server_cpus, other_cpus = ({cpus[0]}, set(cpus[1:])) if len(cpus) >= 2 else (set(), set())
    dns_port, http_port = args.ports or (free_port(), free_port())
    results: dict = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpus": len(cpus),
            "load_average_before": os.getloadavg(),
            "pinned": {"server": sorted(server_cpus), "load and dnsmasq": sorted(other_cpus)},
        },
        "settings": {"clients": args.clients, "seconds": args.seconds, "cache_size": CACHE_SIZE, "workers": 1},
        "budget": BUDGET,
        "scenarios": {},
    }
    with (
        tempfile.TemporaryDirectory() as scratch,
        dnsmasq(resolver_arguments(dns_port), dns_port) as resolver,
        icp_doh(
            [
                "--upstream",
                f"127.0.0.1:{dns_port}",
                "--cache-size",
                str(CACHE_SIZE),
                # The load comes from one address: a rate limit it never reaches, still checked per request.
                "--rate",
                "1000000",
                "--burst",
                "1000000",
            ],
            http_port,
            Path(scratch) / "icp-doh.log",
        ) as server,
    ):
        pin(server.pid, server_cpus)
        pin(resolver.pid, other_cpus)
        prime(http_port)
        for scenario in args.scenarios:
            with RssSampler(server.pid) as rss:
                figures = run_scenario(http_port, scenario, args.clients, args.seconds, other_cpus)
            figures["rss_mib"] = rss.summary()
            results["scenarios"][scenario] = figures
    results["machine"]["load_average_after"] = os.getloadavg()

    tables = figures_tables(results)
    for each in tables:
        benchmarks.print_table(each)
    benchmarks.write_artifact(args.out, run.environment(), tables, results)
    print(f"\nRaw data: {args.out}")
    return 0


SCENARIO_NAMES = {
    "cached": "/resolve, cached (a few names)",
    "uncached": "/resolve, uncached (a new name each time, through dnsmasq; cache bounded at {cache_size:,})",
    "wire": "/dns-query (RFC 8484 GET), cached",
}


def cpus(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers)) or "any (one CPU: not pinned)"


def figures_tables(results: dict) -> list[dict]:
    """The figures and the budget as tables of strings: what is printed, and what BENCHMARKS.md shows."""
    settings, machine = results["settings"], results["machine"]
    rows = []
    for name, figures in results["scenarios"].items():
        rss = figures["rss_mib"]
        rows.append(
            [
                SCENARIO_NAMES[name].format(cache_size=settings["cache_size"]),
                f"{figures['rps']:,}",
                str(figures["p50_ms"]),
                str(figures["p99_ms"]),
                str(figures["errors"]),
                f"{rss['start']} / {rss['at_25']} / {rss['peak']} / {rss['end']}: {'flat' if rss['flat'] else 'grew'}",
            ]
        )
    load = benchmarks.table(
        f"icp-doh under load: one uvicorn worker, {settings['clients']} keep-alive clients,"
        f" {settings['seconds']:g} s per scenario",
        ("scenario", "req/s", "p50 ms", "p99 ms", "errors", "server RSS MiB: start / 25% / peak / end"),
        rows,
        [
            f"Server pinned to CPU {cpus(machine['pinned']['server'])}, the load and dnsmasq to"
            f" {cpus(machine['pinned']['load and dnsmasq'])}; access log on; memory sampled every 0.5 s.",
            "Flat: what the last three quarters of a scenario add is within 2 MiB or 5 % of the memory at a quarter.",
        ],
    )
    cached = results["scenarios"].get("cached")
    budget_rows = []
    if cached:
        budget_rows.append(
            benchmarks.budget_row(
                f"cached: ≥ {BUDGET['cached_rps']:,} req/s, p99 ≤ {BUDGET['p99_ms']} ms, no errors, memory flat",
                f"{cached['rps']:,} req/s, p99 {cached['p99_ms']} ms, {cached['errors']} errors,"
                f" memory {'flat' if cached['rss_mib']['flat'] else 'grew'}",
                cached["rps"] >= BUDGET["cached_rps"]
                and cached["p99_ms"] is not None
                and cached["p99_ms"] <= BUDGET["p99_ms"]
                and not cached["errors"]
                and cached["rss_mib"]["flat"],
            )
        )
    budgets = benchmarks.table("Budget (one worker)", benchmarks.BUDGET_COLUMNS, budget_rows)
    return [load, budgets] if budget_rows else [load]


if __name__ == "__main__":
    sys.exit(main())
