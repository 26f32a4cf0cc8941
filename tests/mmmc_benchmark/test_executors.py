"""The process-pool and Ray executors run picklable functions and yield results as they finish."""

from __future__ import annotations

import multiprocessing
import os
import socket
import threading

import pytest
from mmmc_fakes import die, fail_on_three, nap, slow_square, square, worker_pid

from code2video.errors import BadInputError, Code2VideoError
from code2video.mmmc_benchmark.executors import (
    EXECUTORS,
    ProcessExecutor,
    make_executor,
)


def test_registered_by_name():
    assert set(EXECUTORS) == {"process", "ray"}
    assert isinstance(make_executor("process", 2), ProcessExecutor)
    with pytest.raises(BadInputError, match="unknown --executor 'threads'; choose one of: process, ray"):
        make_executor("threads", 2)
    with pytest.raises(BadInputError, match="use it with --executor ray"):
        make_executor("process", 2, address="ray://head:10001")


def test_process_pool_yields_every_result():
    results = list(make_executor("process", 2).run(slow_square, [1, 2, 3, 4]))
    assert sorted(results) == [1, 4, 9, 16]


def test_process_pool_uses_separate_worker_processes():
    pids = set(make_executor("process", 2).run(worker_pid, range(4)))
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def test_a_raising_function_surfaces_its_error():
    with pytest.raises(ValueError, match="three is not allowed"):
        list(make_executor("process", 1).run(fail_on_three, [1, 2, 3]))


def test_a_dead_worker_is_a_clear_failure():
    with pytest.raises(Code2VideoError, match="a worker process died"):
        list(make_executor("process", 1).run(die, [1]))


def test_nothing_to_do():
    assert list(make_executor("process", 2).run(square, [])) == []


def test_ray_local_instance_runs_and_shuts_down():
    ray = pytest.importorskip("ray")
    results = list(make_executor("ray", 2).run(square, [1, 2, 3]))
    assert sorted(results) == [1, 4, 9]
    assert not ray.is_initialized()  # it shut down the instance it started


def test_a_stopped_run_does_not_wait_for_work_in_flight():
    results = make_executor("process", 2).run(nap, [0.0, 600.0])  # one quick item, one "render" of ten minutes
    first = []

    def consume_then_stop() -> None:
        first.append(next(results))
        results.close()  # as when the consumer raises, or Ctrl-C reaches the runner

    stopper = threading.Thread(target=consume_then_stop, daemon=True)
    stopper.start()
    stopper.join(120)  # a hang, not a timing: closing must not wait the ten minutes
    assert not stopper.is_alive() and first == [0.0]
    assert not multiprocessing.active_children()  # the busy worker was stopped, not left running


def test_an_unreachable_ray_address_is_bad_input():
    pytest.importorskip("ray")
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(BadInputError, match=f"cannot reach the Ray cluster at --address 127.0.0.1:{port}"):
        make_executor("ray", 1, address=f"127.0.0.1:{port}")


def test_a_crashed_ray_worker_is_a_clear_failure():
    ray = pytest.importorskip("ray")
    with pytest.raises(Code2VideoError, match="Ray lost a topic's task .*run the same command again to resume"):
        list(make_executor("ray", 1).run(die, [1]))
    assert not ray.is_initialized()
