"""Where benchmark topics run: a local process pool or a Ray cluster, behind one small base class.

An executor runs a picklable function over items and yields each result as soon as it is ready,
so the runner can store a finished topic while others are still working.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import ClassVar, TypeVar

from code2video.errors import BadInputError, Code2VideoError, MissingToolError

Item = TypeVar("Item")
Result = TypeVar("Result")
RAY_HINT = "pip install 'code2video[ray]'"


class Executor(ABC):
    name: ClassVar[str]

    def __init__(self, jobs: int = 1, address: str | None = None) -> None:
        self.jobs = max(1, jobs)
        self.address = address

    def check(self) -> None:
        """Fail before any work when this executor cannot run here (a missing package)."""

    @abstractmethod
    def run(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        """``function(item)`` for every item, at most ``jobs`` at a time, yielded as they finish."""


EXECUTORS: dict[str, type[Executor]] = {}


def register(cls: type[Executor]) -> type[Executor]:
    EXECUTORS[cls.name] = cls
    return cls


def make_executor(name: str, jobs: int = 1, address: str | None = None) -> Executor:
    if name not in EXECUTORS:
        raise BadInputError(f"unknown --executor {name!r}; choose one of: {', '.join(EXECUTORS)}.")
    if address and name != "ray":
        raise BadInputError("--address is the address of a Ray cluster; use it with --executor ray.")
    executor = EXECUTORS[name](jobs, address)
    executor.check()
    return executor


@register
class ProcessExecutor(Executor):
    """A pool of fresh ("spawn") processes: nothing of the parent's state, threads or locks is forked."""

    name = "process"

    def run(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"))
        completed = False
        try:
            pending = {pool.submit(function, item) for item in items}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
            completed = True
        except BrokenProcessPool:
            raise Code2VideoError("a worker process died (killed, or out of memory?). Finished topics are "
                                  "saved; run the same command again to resume, with fewer --jobs if memory "
                                  "ran out.") from None
        finally:
            if completed:
                pool.shutdown(wait=True)
            else:
                _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop at once (an error, Ctrl-C, or the consumer stopped reading): waiting for in-flight
    renders could take hours, and their topics are redone on the next run anyway."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=10)


def _check_reachable(address: str) -> None:
    """A HOST:PORT that refuses connections fails at once (Ray itself would retry for minutes)."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return  # "auto" and other forms: left to Ray
    try:
        socket.create_connection((host, int(port)), timeout=10).close()
    except OSError as exc:
        raise BadInputError(f"cannot reach the Ray cluster at --address {address} ({exc}). Check the address "
                            "(ray://HOST:10001 or HOST:6379), or leave --address out for a local Ray.") from None


def _project_paths() -> str:
    """sys.path entries outside the interpreter's own folders (the project, a tests folder), so
    Ray's workers can import what a local run imports."""
    prefixes = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    extra = [p for p in sys.path if p and os.path.isdir(p)
             and not any(os.path.realpath(p).startswith(prefix) for prefix in prefixes)]
    inherited = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join(dict.fromkeys([*inherited, *extra]))


@register
class RayExecutor(Executor):
    """Ray: the cluster at ``address``, or a local single-node instance with ``jobs`` CPUs that is
    shut down afterwards. One CPU per topic; at most ``jobs`` topics in flight."""

    name = "ray"

    def __init__(self, jobs: int = 1, address: str | None = None) -> None:
        super().__init__(jobs, address)
        self._owned = False  # whether this executor started (or connected) Ray, so shuts it down

    def check(self) -> None:
        """Ray must import, and a cluster --address must answer, before anything is written."""
        try:
            import ray
        except ImportError:
            raise MissingToolError(f"--executor ray needs Ray: {RAY_HINT}") from None
        if self.address and not ray.is_initialized():
            _check_reachable(self.address)
            try:
                self._connect(ray)
            except Exception as exc:  # noqa: BLE001 - Ray raises many kinds for an unreachable cluster
                raise BadInputError(f"cannot connect to the Ray cluster at --address {self.address} "
                                    f"({type(exc).__name__}: {exc}). Check the address (ray://HOST:10001 or "
                                    "HOST:6379), or leave --address out for a local Ray.") from None

    def _connect(self, ray) -> None:
        runtime_env = {"env_vars": {"PYTHONPATH": _project_paths()}}
        if self.address:
            ray.init(address=self.address, runtime_env=runtime_env, log_to_driver=False)
        else:
            ray.init(num_cpus=self.jobs, include_dashboard=False, runtime_env=runtime_env, log_to_driver=False)
        self._owned = True

    def run(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        import ray
        from ray.exceptions import RayError, RayTaskError

        if not ray.is_initialized():
            self._connect(ray)
        try:
            remote = ray.remote(num_cpus=1, max_retries=0)(function)
            queue, in_flight = list(items), []
            while queue or in_flight:
                while queue and len(in_flight) < self.jobs:
                    in_flight.append(remote.remote(queue.pop(0)))
                ready, in_flight = ray.wait(in_flight, num_returns=1)
                yield ray.get(ready[0])
        except RayTaskError:
            raise  # the function itself raised: its own error, as from the process pool
        except RayError as exc:
            raise Code2VideoError(f"Ray lost a topic's task ({type(exc).__name__}: a worker or node died, or "
                                  "the cluster went away). Finished topics are saved; run the same command "
                                  "again to resume.") from None
        finally:
            if self._owned:
                ray.shutdown()
                self._owned = False
