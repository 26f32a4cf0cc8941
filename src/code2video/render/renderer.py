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
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from code2video.errors import RenderError
from code2video.render.kit_info import KIT_VERSION, PROBE_ENV
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


@dataclass(frozen=True)
class RenderResult:
    index: int
    clip: Path
    seconds: float
    cached: bool


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


def _run_manim(job: SectionJob, folder: Path, preset: QualityPreset, timeout: float) -> Path:
    scene_file = folder / "scene.py"
    scene_file.write_text(job.code, encoding="utf-8")
    media = folder / ".media"
    shutil.rmtree(media, ignore_errors=True)
    cmd = [sys.executable, "-m", "manim", "render", f"-q{preset.manim_flag}", "--progress_bar", "none",
           "-v", "WARNING", "--media_dir", str(media), "-o", "clip", scene_file.name, job.scene_class]
    env = scrubbed_env({PROBE_ENV: str(folder / "layout.json")})
    try:
        proc = subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RenderError(f"section {job.index} took longer than {timeout:.0f} s to render; raise "
                          "render_timeout (CODE2VIDEO_RENDER_TIMEOUT or code2video.toml) or use --quality draft"
                          ) from None
    (folder / "render.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    clips = list(media.glob("videos/**/clip.mp4"))
    if proc.returncode != 0 or not clips:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise RenderError(f"Manim failed on section {job.index} ({scene_file}):\n{tail}")
    clip = folder / "clip.mp4"
    os.replace(clips[0], clip)
    shutil.rmtree(media, ignore_errors=True)
    return clip


def render_one(job: SectionJob, preset: QualityPreset, cache_dir: Path | None, timeout: float) -> RenderResult:
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
    clip = _run_manim(job, folder, preset, timeout)
    if cached_clip:
        cached_clip.parent.mkdir(parents=True, exist_ok=True)
        if layout.exists():
            shutil.copyfile(layout, cached_clip.with_suffix(".layout.json"))
        partial = cached_clip.with_suffix(".part")
        shutil.copyfile(clip, partial)
        os.replace(partial, cached_clip)
    return RenderResult(job.index, clip, time.perf_counter() - started, False)


def render_sections(
    jobs: list[SectionJob],
    preset: QualityPreset,
    *,
    workers: int,
    cache_dir: Path | None,
    timeout: float,
    on_done: Callable[[RenderResult], None] = lambda result: None,
) -> list[RenderResult]:
    """Render every job (cache hits are copied); results come back in job order."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(render_one, job, preset, cache_dir, timeout) for job in jobs]
        results = []
        for future in futures:
            result = future.result()
            on_done(result)
            results.append(result)
    return results
