"""Thin helpers around the ffmpeg and ffprobe command-line tools."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from code2video.errors import MissingToolError, RenderError


def require_ffmpeg() -> None:
    missing = [tool for tool in ("ffmpeg", "ffprobe") if not shutil.which(tool)]
    if missing:
        raise MissingToolError(
            f"{' and '.join(missing)} not found on PATH. Install it: `sudo apt-get install ffmpeg` "
            "(or run `make setup`), then try again."
        )


def run_ffmpeg(args: list[str], cwd: Path | None = None) -> None:
    """Run ffmpeg quietly; on failure raise with the tail of its log."""
    proc = subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args],
                          cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RenderError(f"ffmpeg failed: {proc.stderr.strip()[-1500:]}")


def grab_frame(video: Path, seconds: float, image: Path) -> bool:
    """Write the frame at ``seconds`` into ``video`` to ``image``; False when there is none (past the end).
    A stale image is removed first, so it can never pass for the new one."""
    image.unlink(missing_ok=True)
    run_ffmpeg(["-ss", f"{max(0.0, seconds):.3f}", "-i", str(video), "-frames:v", "1", "-update", "1", str(image)])
    return image.is_file()


def probe(path: Path) -> dict:
    proc = subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-show_chapters", "-of", "json", str(path)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        raise RenderError(f"ffprobe could not read {path}: {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout)


def duration(path: Path) -> float:
    return float(probe(path)["format"]["duration"])
