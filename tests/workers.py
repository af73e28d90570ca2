"""The browser suite in several processes (pytest-xdist's workers: `make test` runs it with `-n 2 --dist
loadfile`): what they share, and what only one of them may do at a time.

Every page the build made names two fixed addresses: the site's own (its site_url, which Material's instant
navigation compares links with, port included) and the DoH endpoint's (the self-check's data-doh). So:
- the site is served once, on its port, for all the workers: `one_for_all` (the first worker to need it starts
  nginx, the last to finish stops it);
- a module that puts an endpoint on the built DoH port carries `ON_THE_DOH_PORT`, and holds the port's lock
  (`one_at_a_time`, taken by the browser conftest) from its first test's setup to its last test's teardown: the
  other worker's module waits. (Not xdist's loadgroup: pytest 9.2 keeps a node's id where pytest-xdist 3.8 no
  longer writes its group, so the groups were silently ignored.)
Without xdist the same fixtures run as before: one process, its own server, a lock nobody else takes.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

# Modules whose tests listen on the DoH port the built pages name (site_pages.built_endpoint): one at a time.
ON_THE_DOH_PORT = pytest.mark.on_the_built_doh_port

# How often the worker that started a shared server looks whether the others have finished with it.
POLL_SECONDS = 0.2


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder this run's workers share (xdist gives each worker its own base folder inside the run's), or this
    process's own without xdist."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def one_for_all(folder: Path, start: Callable[[], AbstractContextManager[object]]) -> Iterator[None]:
    """Use one server with every process that enters this with the same `folder`: the first to enter starts it with
    `start()` (the others wait on the folder's lock until it answers), and keeps it until every user has left,
    then stops it. A user that died without leaving (a crashed worker) is not waited for."""
    me = os.getpid()
    server = contextlib.ExitStack()
    with _locked(folder) as state:
        state["users"] = [*_alive(state["users"]), me]
        if state["owner"] is None:
            server.enter_context(start())
            state["owner"] = me
    try:
        yield
    finally:
        with _locked(folder) as state:
            state["users"] = [user for user in _alive(state["users"]) if user != me]
        if state["owner"] == me:
            _stop_when_unused(folder, server)


def _stop_when_unused(folder: Path, server: contextlib.ExitStack) -> None:
    while True:
        with _locked(folder) as state:
            if not _alive(state["users"]):
                # Under the lock: a worker arriving now finds no server and starts its own.
                server.close()
                state["owner"] = None
                return
        time.sleep(POLL_SECONDS)


@contextlib.contextmanager
def one_at_a_time(folder: Path) -> Iterator[None]:
    """Hold `folder`'s lock (shared with the other workers: `shared_folder`) while in this; wait for it first."""
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[dict]:
    """The folder's state ({"owner": pid or None, "users": [pid, ...]}) under an exclusive lock; written back as
    the caller left it."""
    with one_at_a_time(folder):
        path = folder / "state.json"
        state = json.loads(path.read_text()) if path.is_file() else {"owner": None, "users": []}
        yield state
        path.write_text(json.dumps(state))


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        alive.append(pid)
    return alive
