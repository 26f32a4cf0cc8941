"""Benchmark: the CPU talking heads (puppet on a real portrait, drawn presenter) on one core.

Speaks ~20 s of narration (Piper, else espeak-ng), then for each backend and size times the
frames alone (no encoding) and the whole clip (frames piped into ffmpeg's H.264 encoder), with
the process and its ffmpeg child pinned to one CPU and OpenCV limited to one thread.
Reports frames per second and the multiple of real time at the clip's frame rate (above 1 is
faster than real time), plus the one-off preparation per portrait and size. Run it on an idle
machine: another busy process on the pinned CPU halves the figures.
Results go to bench/results/avatar.json.

    python bench/bench_avatar.py [--fps 30] [--sizes 256 512] [--voice piper]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from code2video.avatar import AvatarJob, get_avatar
from code2video.errors import Code2VideoError
from code2video.narration import get_backend

RESULTS = Path(__file__).parent / "results"
TEXT = ("A matrix is a machine that moves every point of the plane. Take the unit square, spanned by the "
        "two basis vectors, and watch where the matrix sends it. The square becomes a parallelogram. "
        "Its area, compared with the area of the square, is the determinant. If the parallelogram is "
        "flipped over, the determinant is negative. And if it collapses onto a line, the determinant is "
        "zero, and the matrix cannot be undone.")


def one_core() -> str:
    """Pin this process (and the ffmpeg it starts) to one CPU, whatever threads numpy or OpenCV
    would start; OpenCV is also told to use one thread, so it does not oversubscribe that CPU."""
    import cv2

    cv2.setNumThreads(1)
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"cpu {cpu}"


def speech(folder: Path, voice: str):
    try:
        return get_backend(voice).synthesize(TEXT, folder / "speech.wav"), voice
    except Code2VideoError as error:  # this voice cannot run here
        print(f"{voice} unavailable ({error}); using espeak")
        return get_backend("espeak").synthesize(TEXT, folder / "speech.wav"), "espeak"


def measure(spec: str, portrait: Path | None, spoken, fps: int, size: int, folder: Path) -> dict:
    started = time.perf_counter()
    backend = get_avatar(spec, portrait)  # face analysis, for the puppet
    warm = backend.frames(spoken.audio, spoken.words, fps, size)
    next(warm)  # crop, fields, or the drawn body for this size
    warm.close()
    prepare = time.perf_counter() - started
    started = time.perf_counter()
    frames = sum(1 for _ in backend.frames(spoken.audio, spoken.words, fps, size))
    frames_only = time.perf_counter() - started
    started = time.perf_counter()
    backend.animate(AvatarJob(spoken.audio, spoken.words, folder / f"{spec}-{size}.mp4", fps, size))
    encoded = time.perf_counter() - started
    return {
        "backend": spec.split(":")[0], "size": size, "frames": frames, "prepare_seconds": round(prepare, 3),
        "frames_per_second": round(frames / frames_only, 1),
        "real_time_multiple": round(frames / frames_only / fps, 2),
        "with_encoding_frames_per_second": round(frames / encoded, 1),
        "with_encoding_real_time_multiple": round(frames / encoded / fps, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fps", type=int, default=30)
    parser.add_argument("--sizes", type=int, nargs="+", default=[256, 512])
    parser.add_argument("--voice", default="piper")
    args = parser.parse_args()
    from matplotlib import cbook

    with cbook.get_sample_data("grace_hopper.jpg") as sample:
        portrait = Path(sample.name)
    core = one_core()
    with tempfile.TemporaryDirectory() as tmp:
        spoken, voice = speech(Path(tmp), args.voice)
        rows = [measure(spec, portrait, spoken, args.fps, size, Path(tmp))
                for spec in ("puppet", "presenter") for size in args.sizes]
    figures = {"voice": voice, "speech_seconds": round(spoken.duration, 2), "fps": args.fps, "pinned_to": core,
               "portrait": "matplotlib grace_hopper.jpg (512x600)", "results": rows}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "avatar.json").write_text(json.dumps(figures, indent=2))
    print(f"{spoken.duration:.1f} s of {voice} speech at {args.fps} fps, one core ({core})")
    print(f"{'backend':10} {'size':>5} {'prepare s':>10} {'frames/s':>9} {'x real time':>12} "
          f"{'+encode f/s':>12} {'x real time':>12}")
    for row in rows:
        print(f"{row['backend']:10} {row['size']:>5} {row['prepare_seconds']:>10} {row['frames_per_second']:>9} "
              f"{row['real_time_multiple']:>12} {row['with_encoding_frames_per_second']:>12} "
              f"{row['with_encoding_real_time_multiple']:>12}")


if __name__ == "__main__":
    main()
