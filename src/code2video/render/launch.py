"""Entry point of a render subprocess: resource limits, a traceback dump on demand, then Manim.

Run as ``python -m code2video.render.launch CPU_SECONDS MEMORY_MB manim-args...``. The limits are
set here, inside the child, because a ``preexec_fn`` is unsafe when the parent renders from
threads. On SIGUSR1 the child prints where it is (the renderer sends it on a timeout), so a scene
that never ends still points at its own line.
"""

from __future__ import annotations

import faulthandler
import resource
import runpy
import signal
import sys

DUMP_SIGNAL = signal.SIGUSR1


def limit(cpu_seconds: int, memory_mb: int) -> None:
    if cpu_seconds > 0:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    if memory_mb > 0:
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (size, size))  # heap and private maps, not reservations


def main() -> None:
    cpu_seconds, memory_mb, *manim_args = sys.argv[1:]
    limit(int(cpu_seconds), int(memory_mb))
    faulthandler.register(DUMP_SIGNAL, all_threads=False)
    sys.argv = ["manim", *manim_args]
    runpy.run_module("manim", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
