"""The browser suite's processes share one server and take turns on one port (tests/workers.py): held here to what
the suite relies on, with real processes and real file locks."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from workers import one_at_a_time, one_for_all

FORK = multiprocessing.get_context("fork")
WAIT = 10  # seconds: a step of another process that takes longer has hung


def log(folder: Path, line: str) -> None:
    with (folder / "log").open("a") as file:
        file.write(f"{line}\n")


def logged(folder: Path) -> list[str]:
    path = folder / "log"
    return path.read_text().split() if path.is_file() else []


@contextlib.contextmanager
def server(folder: Path) -> Iterator[None]:
    """What `start` gives one_for_all: a server whose start and stop are logged, by the process that ran them."""
    log(folder, f"start:{os.getpid()}")
    yield
    log(folder, f"stop:{os.getpid()}")


def wait_for(folder: Path, line: str) -> None:
    deadline = time.monotonic() + WAIT
    while not any(entry.startswith(line) for entry in logged(folder)):
        assert time.monotonic() < deadline, f"{line!r} never came: {logged(folder)}"
        time.sleep(0.01)


def use(folder: Path, name: str, leave_after: str | None = None, die: bool = False) -> None:
    """A worker: uses the shared server, logs that it is in, and leaves once `leave_after` is logged (or dies
    inside, leaving nothing behind, as a crashed worker does)."""
    with one_for_all(folder, lambda: server(folder)):
        log(folder, f"{name}-in")
        if die:
            os._exit(1)
        if leave_after:
            wait_for(folder, leave_after)
        log(folder, f"{name}-leaving")


def run(target, *args, **kwargs) -> multiprocessing.process.BaseProcess:
    process = FORK.Process(target=target, args=args, kwargs=kwargs)
    process.start()
    return process


def joined(*processes: multiprocessing.process.BaseProcess) -> None:
    for process in processes:
        process.join(WAIT)
        assert not process.is_alive(), "a worker hung"


def events(folder: Path) -> list[str]:
    """The log without process ids."""
    return [entry.split(":")[0] for entry in logged(folder)]


def test_the_first_worker_starts_the_server_and_keeps_it_until_the_last_one_leaves(tmp_path: Path):
    first = run(use, tmp_path, "first", leave_after="second-in")
    wait_for(tmp_path, "first-in")
    second = run(use, tmp_path, "second", leave_after="first-leaving")
    joined(first, second)
    # One start, by the first; the first left before the second and waited for it to stop the server.
    assert events(tmp_path) == ["start", "first-in", "second-in", "first-leaving", "second-leaving", "stop"]
    starts = [entry for entry in logged(tmp_path) if entry.startswith(("start", "stop"))]
    assert starts == [f"start:{first.pid}", f"stop:{first.pid}"], "started or stopped by another process"


def test_a_worker_that_comes_after_the_server_stopped_starts_its_own(tmp_path: Path):
    joined(run(use, tmp_path, "first"))
    joined(run(use, tmp_path, "second"))
    assert events(tmp_path) == [
        *("start", "first-in", "first-leaving", "stop"),
        *("start", "second-in", "second-leaving", "stop"),
    ]


def test_a_worker_that_died_inside_is_not_waited_for(tmp_path: Path):
    first = run(use, tmp_path, "first", leave_after="second-in")
    wait_for(tmp_path, "first-in")
    second = run(use, tmp_path, "second", die=True)
    joined(second, first)
    assert events(tmp_path) == ["start", "first-in", "second-in", "first-leaving", "stop"]


def test_a_server_that_cannot_start_fails_the_worker_and_leaves_no_user_behind(tmp_path: Path):
    def broken() -> contextlib.AbstractContextManager[None]:
        raise OSError("the port is taken")

    with pytest.raises(OSError, match="the port is taken"), one_for_all(tmp_path, broken):
        pass
    joined(run(use, tmp_path, "next"))  # starts its own: nobody is recorded as holding a server
    assert events(tmp_path) == ["start", "next-in", "next-leaving", "stop"]


def hold(folder: Path, name: str, leave_after: str) -> None:
    with one_at_a_time(folder):
        log(folder, f"{name}-in")
        wait_for(folder, leave_after)
        log(folder, f"{name}-out")


def test_one_at_a_time_makes_the_second_wait_for_the_first(tmp_path: Path):
    log(tmp_path, "go-0")
    first = run(hold, tmp_path, "first", leave_after="go-1")
    wait_for(tmp_path, "first-in")
    second = run(hold, tmp_path, "second", leave_after="go-0")
    time.sleep(0.3)  # the second is given time to get in, which it must not
    log(tmp_path, "go-1")
    joined(first, second)
    assert events(tmp_path) == ["go-0", "first-in", "go-1", "first-out", "second-in", "second-out"]
