"""Render section scene files with Manim in subprocesses, in parallel, behind a content cache."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from code2video.errors import RenderError
from code2video.render.kit_info import KIT_VERSION, PROBE_ENV
from code2video.render.launch import DUMP_SIGNAL
from code2video.settings import QualityPreset

_SECRET_MARKERS = ("KEY", "TOKEN", "SECRET", "PASSWORD", "CREDENTIAL")


@dataclass(frozen=True)
class SectionJob:
    """One scene file to render; ``inputs`` are extra bytes the clip depends on (IR, audio)."""

    index: int
    folder: Path
    code: str
    scene_class: str
    inputs: tuple[str, ...] = ()
    fallback: SectionJob | None = None  # rendered instead when this job's own code fails


@dataclass(frozen=True)
class RenderResult:
    index: int
    clip: Path
    seconds: float
    cached: bool
    fell_back_because: str | None = None  # why the job's own code failed, when its fallback was rendered


@cache
def _kit_source() -> str:
    """The scene kit's code, read once: clips depend on it as much as on their own scene file."""
    kit_dir = Path(__file__).parent
    return (kit_dir / "kit.py").read_text() + (kit_dir / "kit_mobjects.py").read_text()


def cache_key(job: SectionJob, preset: QualityPreset) -> str:
    """Hash of everything the clip depends on: code, inputs, quality and the kit's own source."""
    digest = hashlib.sha256()
    for part in (job.code, *job.inputs, repr(preset), KIT_VERSION, _kit_source()):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def scrubbed_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment for a render: no API keys or other secrets reach scene code."""
    env = {k: v for k, v in os.environ.items() if not any(m in k.upper() for m in _SECRET_MARKERS)}
    return {**env, **extra}


@dataclass(frozen=True)
class SceneRun:
    """What one Manim subprocess did: its combined output, and the clip when it wrote one."""

    ok: bool
    output: str
    timed_out: bool = False
    clip: Path | None = None


def run_scene(code: str, folder: Path, scene_class: str, preset: QualityPreset, *, timeout: float,
              dry_run: bool = False, memory_mb: int = 0) -> SceneRun:
    """Render ``code`` as ``folder/scene.py`` in a limited subprocess (cwd = folder, no secrets).

    A dry run executes ``construct`` completely but encodes nothing: the cheap check before a
    full render. On a timeout the child prints its stack first, so the fault can be located.
    """
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scene.py").write_text(code, encoding="utf-8")
    media = folder / ".media"
    shutil.rmtree(media, ignore_errors=True)
    cmd = [sys.executable, "-m", "code2video.render.launch", str(int(timeout) + 60), str(memory_mb),
           "render", f"-q{preset.manim_flag}", "--progress_bar", "none", "-v", "WARNING",
           "--media_dir", str(media), "-o", "clip", *(["--dry_run"] if dry_run else []), "scene.py", scene_class]
    env = scrubbed_env({PROBE_ENV: str(folder / "layout.json"), "COLUMNS": "200", "PYTHONUNBUFFERED": "1"})
    with subprocess.Popen(cmd, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True) as proc:
        try:
            output, timed_out = proc.communicate(timeout=timeout)[0], False
        except subprocess.TimeoutExpired:
            output, timed_out = f"{_stack_then_kill(proc)}\ncode2video: render timed out after {timeout:.0f} s\n", True
        except BaseException:  # interrupted: never leave a render running behind us
            proc.kill()
            raise
    (folder / ("dry_run.log" if dry_run else "render.log")).write_text(output, encoding="utf-8")
    clips = [] if dry_run else list(media.glob("videos/**/clip.mp4"))
    clip = None
    if clips and proc.returncode == 0 and not timed_out:
        clip = folder / "clip.mp4"
        os.replace(clips[0], clip)
    shutil.rmtree(media, ignore_errors=True)
    return SceneRun(proc.returncode == 0 and not timed_out and (dry_run or clip is not None), output, timed_out, clip)


def _stack_then_kill(proc: subprocess.Popen) -> str:
    """Ask the hung child where it is (it prints its stack), then stop it."""
    proc.send_signal(DUMP_SIGNAL)
    try:
        return proc.communicate(timeout=3)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()[0]


def _run_manim(job: SectionJob, folder: Path, preset: QualityPreset, timeout: float, memory_mb: int) -> Path:
    run = run_scene(job.code, folder, job.scene_class, preset, timeout=timeout, memory_mb=memory_mb)
    if run.timed_out:
        raise RenderError(f"section {job.index} took longer than {timeout:.0f} s to render; raise "
                          "render_timeout (CODE2VIDEO_RENDER_TIMEOUT or code2video.toml) or use --quality draft")
    if not run.ok:
        tail = "\n".join(run.output.strip().splitlines()[-15:])
        raise RenderError(f"Manim failed on section {job.index} ({folder / 'scene.py'}):\n{tail}")
    return run.clip


def render_one(job: SectionJob, preset: QualityPreset, cache_dir: Path | None, timeout: float,
               memory_mb: int = 0) -> RenderResult:
    started = time.perf_counter()
    folder = job.folder.resolve()  # Manim runs inside the folder, so every path it gets is absolute
    folder.mkdir(parents=True, exist_ok=True)
    key = cache_key(job, preset)
    cached_clip = cache_dir / "clips" / f"{key}.mp4" if cache_dir else None
    layout = folder / "layout.json"
    if cached_clip and cached_clip.exists():
        (folder / "scene.py").write_text(job.code, encoding="utf-8")
        shutil.copyfile(cached_clip, folder / "clip.mp4")
        cached_layout = cached_clip.with_suffix(".layout.json")
        if cached_layout.exists():
            shutil.copyfile(cached_layout, layout)
        return RenderResult(job.index, folder / "clip.mp4", time.perf_counter() - started, True)
    clip = _run_manim(job, folder, preset, timeout, memory_mb)
    if cached_clip:
        cached_clip.parent.mkdir(parents=True, exist_ok=True)
        if layout.exists():
            shutil.copyfile(layout, cached_clip.with_suffix(".layout.json"))
        partial = cached_clip.with_suffix(".part")
        shutil.copyfile(clip, partial)
        os.replace(partial, cached_clip)
    return RenderResult(job.index, clip, time.perf_counter() - started, False)


def _render_with_fallback(job: SectionJob, preset: QualityPreset, cache_dir: Path | None, timeout: float,
                          memory_mb: int) -> RenderResult:
    try:
        return render_one(job, preset, cache_dir, timeout, memory_mb)
    except RenderError as exc:
        if job.fallback is None:
            raise
        reason = str(exc)
    log = job.folder / "render.log"
    if log.exists():
        os.replace(log, job.folder / "render.failed.log")  # the fallback's render writes its own
    result = render_one(job.fallback, preset, cache_dir, timeout, memory_mb)
    return replace(result, fell_back_because=reason)


def render_sections(
    jobs: list[SectionJob],
    preset: QualityPreset,
    *,
    workers: int,
    cache_dir: Path | None,
    timeout: float,
    memory_mb: int = 0,
    on_done: Callable[[RenderResult], None] = lambda result: None,
) -> list[RenderResult]:
    """Render every job (cache hits are copied); results come back in job order.

    A job that fails and has a fallback renders the fallback instead of failing.
    """
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(_render_with_fallback, job, preset, cache_dir, timeout, memory_mb) for job in jobs]
        results = []
        for future in futures:
            result = future.result()
            on_done(result)
            results.append(result)
    return results
