"""The avatar stage: every section's talking head, in parallel and cached, never sinking the run.

A section whose presenter fails (a GPU model out of memory, no face found...) gets the fallback
presenter instead, and the reason travels with the result into report.json; when the fallback
fails too, that section shows no head. GPU models get one GPU per section at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, replace
from pathlib import Path

from code2video.avatar.base import BACKENDS, AvatarBackend, AvatarError, AvatarJob
from code2video.avatar.external import ExternalBackend
from code2video.avatar.video import file_digest

CACHE_VERSION = 1  # bump when clips made from the same inputs would differ


@dataclass(frozen=True)
class AvatarResult:
    index: int  # the job's position in the list given to the stage
    job: AvatarJob
    clip: Path | None  # None: this section shows no head
    backend: str | None  # the presenter that made the clip
    cached: bool
    seconds: float
    warning: str | None = None  # why the requested presenter was not used


def fallback_for(backend: AvatarBackend) -> AvatarBackend | None:
    """The puppet for the same portrait when it can animate it, else the drawn presenter;
    None for the presenter itself (nothing simpler is left)."""
    if backend.name == "presenter":
        return None
    puppet = BACKENDS.get("puppet")
    if puppet is not None and backend.name != "puppet":
        candidate = puppet("", backend.portrait)
        if candidate.problem() is None:
            return candidate
    presenter = BACKENDS.get("presenter")
    return presenter() if presenter else None


def make_talking_heads(
    backend: AvatarBackend,
    jobs: list[AvatarJob],
    *,
    fallback: AvatarBackend | None,
    workers: int,
    gpus: tuple[str, ...],
    cache_dir: Path | None,
    on_done: Callable[[AvatarResult], None] | None = None,
) -> list[AvatarResult]:
    """Animate every job (cache hits are copied); results come back in job order.

    An external (GPU) backend takes a GPU id from ``gpus`` for each section, so two sections never
    share one; without ``gpus`` it runs one section at a time on the default device. Fallbacks and
    CPU backends run up to ``workers`` at once.
    """
    stage = _Stage(backend, fallback, cache_dir, max(1, workers), gpus)
    pool_size = max(1, workers, len(gpus) if stage.slots is not None else 0)
    with ThreadPoolExecutor(max_workers=pool_size) as pool:
        futures = [pool.submit(stage.run, index, job) for index, job in enumerate(jobs)]
        results = []
        for future in futures:
            result = future.result()
            if on_done:
                on_done(result)
            results.append(result)
    return results


class _Stage:
    """What every section shares: the presenters, the cache, the GPU slots, the fallbacks' CPU budget."""

    def __init__(self, backend: AvatarBackend, fallback: AvatarBackend | None, cache_dir: Path | None,
                 workers: int, gpus: tuple[str, ...]) -> None:
        self.backend, self.fallback = backend, fallback
        self.cache = cache_dir / "avatar" if cache_dir else None
        self.digests = {id(b): _photo_digest(b) for b in (backend, fallback) if b is not None}
        # with more GPUs than workers the pool is wider than the CPU budget that fallbacks share
        self.fallbacks = threading.BoundedSemaphore(workers)
        self.slots: queue.Queue[str | None] | None = None
        if isinstance(backend, ExternalBackend):
            self.slots = queue.Queue()
            for gpu in gpus or (None,):  # no --gpus: one section at a time on the default GPU
                self.slots.put(gpu)

    def run(self, index: int, job: AvatarJob) -> AvatarResult:
        started = time.perf_counter()
        try:
            clip, cached = self._make(self.backend, job, self._gpu_slot())
            return AvatarResult(index, job, clip, self.backend.name, cached, time.perf_counter() - started)
        except Exception as exc:  # noqa: BLE001  (a broken presenter must not sink a long render)
            warning = f"{self.backend.name} failed: {_describe(exc)}"
        if self.fallback is not None:
            try:
                with self.fallbacks:
                    clip, cached = self._make(self.fallback, job, nullcontext(None))
                return AvatarResult(index, job, clip, self.fallback.name, cached, time.perf_counter() - started,
                                    warning)
            except Exception as exc:  # noqa: BLE001
                warning += f"; the fallback {self.fallback.name} failed too: {_describe(exc)}"
        job.out.unlink(missing_ok=True)  # a clip left from an earlier run is not this run's head
        return AvatarResult(index, job, None, None, False, time.perf_counter() - started, warning)

    def _gpu_slot(self) -> AbstractContextManager[str | None]:
        return _take(self.slots) if self.slots is not None else nullcontext(None)

    def _make(self, backend: AvatarBackend, job: AvatarJob,
              slot: AbstractContextManager[str | None]) -> tuple[Path, bool]:
        entry = self.cache / f"{self._key(backend, job)}.mp4" if self.cache else None
        if entry and entry.is_file():
            _copy_atomically(entry, job.out)
            return job.out, True
        with slot as gpu:
            clip = backend.animate(job if gpu is None else replace(job, gpu=gpu))
        if entry:
            with suppress(OSError):  # a full cache disk costs a re-render later, not this clip
                _copy_atomically(clip, entry)
        if clip != job.out:
            _copy_atomically(clip, job.out)
        return job.out, False

    def _key(self, backend: AvatarBackend, job: AvatarJob) -> str:
        words = [[w.word, round(w.start, 3), round(w.end, 3)] for w in job.words]
        payload = {"version": CACHE_VERSION, "backend": backend.cache_id, "presenter": self.digests[id(backend)],
                   "audio": file_digest(job.audio), "words": words, "fps": job.fps, "size": job.size}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]


@contextmanager
def _take(slots: queue.Queue[str | None]) -> Iterator[str | None]:
    """Hold one GPU id for the duration of a section."""
    gpu = slots.get()
    try:
        yield gpu
    finally:
        slots.put(gpu)


def _describe(exc: Exception) -> str:
    return str(exc) if isinstance(exc, AvatarError) else f"{type(exc).__name__}: {exc}"


def _photo_digest(backend: AvatarBackend) -> str:
    """The bytes of the photo the backend animates: a retouched photo under the same name must not
    reuse old clips. Empty without a photo (or when it is gone: the backend will fail on its own)."""
    photo = backend.photo
    return file_digest(photo) if photo is not None and Path(photo).is_file() else ""


def _copy_atomically(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{threading.get_ident()}.part")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
